package io.hashmix.examples;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.web3j.crypto.Credentials;

import io.hashmix.core.HashMix;
import io.hashmix.core.fulfillment.BitcoinEvidenceClient;
import io.hashmix.core.fulfillment.DepositResult;
import io.hashmix.core.fulfillment.EpochInfo;
import io.hashmix.core.fulfillment.EpochStatus;
import io.hashmix.core.fulfillment.EvidenceRefusal;
import io.hashmix.core.fulfillment.EvidencedReport;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.attestation.AttestorSignature;
import io.hashmix.proofs.attestation.Committee;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.fulfillment.FulfillmentReport;
import io.hashmix.proofs.fulfillment.ReportBundle;
import io.hashmix.proofs.fulfillment.SourceChain;
import io.hashmix.proofs.spv.BitcoinHash;
import io.hashmix.proofs.spv.BlockHeader;
import io.hashmix.proofs.spv.BoundEvidence;
import io.hashmix.proofs.spv.CheckpointAttestation;
import io.hashmix.proofs.spv.NetworkParams;
import io.hashmix.proofs.spv.PayoutCommitment;
import io.hashmix.proofs.spv.PayoutCommitmentBundle;
import io.hashmix.proofs.spv.SubsidyFloor;
import io.hashmix.testing.devnet.DevChainControl;
import io.hashmix.testing.devnet.RegtestPayouts;

/**
 * The lifecycle demo's Bitcoin evidence part: the demo product's pool payout script is committed by the committee
 * with SPV evidence required, so its next epoch is reported only with a proof of the payout to that script (a
 * regtest-style chain on the local verifier), checked offline first; the report without it and a proof to another
 * script are refused with typed exceptions; the subsidy floor is shown on a real main-net header (block 840,672),
 * computed offline and on chain.
 */
final class BitcoinEvidenceDemoStep {

    /** Block 840,672, the first block of the first difficulty period after the fourth halving (bitcoinj 0.17). */
    static final String BLOCK_840672 = "04e000204be80184cc04d777daad1189724bc32a949e04601ebf0200000000000000000078ce8a11"
            + "95d00b58c530046ec369868aa4cc856bf139ef2636192ced886ed412881c2966db3103172b1d1f06";

    private static final AssetClassId BTC = AssetClassId.ofSymbol("BTC-SHA256");
    /** A regtest height after the 64th halving: no subsidy, so the floor of a regtest block is 0. */
    private static final long REGTEST_HEIGHT = 13_440_000;

    private final Consumer<String> header;
    private final Consumer<String> line;

    BitcoinEvidenceDemoStep(Consumer<String> header, Consumer<String> line) {
        this.header = header;
        this.line = line;
    }

    /**
     * Runs the step on the demo's product.
     *
     * @param admin    the deployer (protocol admin)
     * @param issuer   the product's issuer
     * @param accounts the dev accounts (attestors among them)
     * @param product  the product
     */
    void run(HashMix admin, HashMix issuer, List<Credentials> accounts, ProductId product) {
        BitcoinEvidenceClient btc = admin.fulfillment().bitcoinEvidence();
        DevChainControl clock = new DevChainControl(admin.rpc());
        Committee committee = admin.committee().committee().join();
        List<Credentials> signers = accounts.stream()
                .filter(c -> committee.contains(EvmAddress.of(c.getAddress()))).limit(3).toList();

        header.accept("Bitcoin evidence: the product's payouts proven by Bitcoin itself");
        btc.scheduleClassParams(BTC, 6, Duration.ofDays(1), Duration.ofHours(6), 1).join();
        line.accept("BTC-SHA256 in the evidence binding: 6 confirmations, checkpoints at most 1 day old, 6 h of "
                + "window slack, 1 base unit per satoshi (a first configuration applies at once; changes wait 2 days)");
        byte[] pool = RegtestPayouts.p2wpkh("demo pool payout address");
        long now = clock.latestTimestamp().join();
        PayoutCommitment commitment = new PayoutCommitment(product, List.of(pool), true, 1, BigInteger.valueOf(7),
                now + 3600, committee.epoch());
        PayoutCommitmentBundle signed = PayoutCommitmentBundle.builder(btc.domain(), commitment)
                .signWith(signers.toArray(Credentials[]::new)).build();
        admin.fulfillment().submitPayoutCommitment(signed).join();
        line.accept("committee committed the pool's payout script " + HexFormat.of().formatHex(pool)
                + " for product " + product + ", SPV evidence required (version 1)");

        // the epoch that just ended if it can still be reported, else the running one once it has ended
        long running = admin.fulfillment().epochOf(product, java.time.Instant.ofEpochSecond(now)).join();
        long epoch = running;
        if (running > 0) {
            EpochInfo previous = admin.fulfillment().epochInfo(product, running - 1).join();
            if (previous.status() == EpochStatus.PENDING && previous.reportDeadline().getEpochSecond() > now + 3600) {
                epoch = running - 1;
            }
        }
        long end = admin.fulfillment().epochInfo(product, epoch).join().end().getEpochSecond();
        if (clock.latestTimestamp().join() < end + 3600) {
            clock.increaseTime(Duration.ofSeconds(end + 3600 - clock.latestTimestamp().join())).join();
            clock.mine().join();
        }

        RegtestPayouts.Payout payout = RegtestPayouts.payout("demo epoch " + epoch, REGTEST_HEIGHT, end + 600, pool,
                5_000_000, 6);
        long t = clock.latestTimestamp().join();
        CheckpointAttestation cp = CheckpointAttestation.of(payout.checkpoint(), BigInteger.valueOf(epoch + 100), t + 3600,
                committee.epoch());
        Bytes32 digest = Eip712.digest(btc.verifierDomain(), cp);
        List<AttestorSignature> sigs = new ArrayList<>();
        signers.forEach(s -> sigs.add(AttestationSigner.sign(digest, s)));
        sigs.sort(AttestorSignature.BY_SIGNER);
        btc.submitCheckpoint(cp, sigs).join();
        line.accept("committee attested a regtest-style checkpoint at height " + REGTEST_HEIGHT + "; the pool paid "
                + "5,000,000 sat to the script in the next block (" + BitcoinHash.toDisplayHex(payout.txid()).substring(0, 16)
                + "…), 5 headers on top");

        BigInteger capacity = BigInteger.valueOf(1_000_000);
        FulfillmentReport report = FulfillmentReport.builder().productId(product).epoch(epoch).deliveredUnits(capacity)
                .revenue(BigInteger.valueOf(5_000_000)).unitRevenue(BigInteger.valueOf(5).multiply(BigInteger.TEN.pow(18)))
                .sourceChain(SourceChain.BITCOIN_REGTEST).evidence(payout.txid()).deadline(t + 3600)
                .committeeEpoch(committee.epoch()).build();
        ReportBundle bundle = ReportBundle.builder(admin.fulfillment().domain(), report)
                .signWith(signers.toArray(Credentials[]::new)).build();
        refuse("the signed report without its proof", () -> admin.fulfillment().submitReport(bundle).join());

        RegtestPayouts.Payout elsewhere = RegtestPayouts.payout("demo elsewhere " + epoch, REGTEST_HEIGHT + 10, end + 900,
                RegtestPayouts.p2wpkh("someone else"), 5_000_000, 6);
        CheckpointAttestation cp2 = CheckpointAttestation.of(elsewhere.checkpoint(), BigInteger.valueOf(epoch + 200),
                t + 3600, committee.epoch());
        Bytes32 digest2 = Eip712.digest(btc.verifierDomain(), cp2);
        List<AttestorSignature> sigs2 = new ArrayList<>();
        signers.forEach(s -> sigs2.add(AttestationSigner.sign(digest2, s)));
        sigs2.sort(AttestorSignature.BY_SIGNER);
        btc.submitCheckpoint(cp2, sigs2).join();
        ReportBundle wrong = ReportBundle.builder(admin.fulfillment().domain(),
                        report.toBuilder().evidence(elsewhere.txid()).nonce(report.nonce().add(BigInteger.ONE)).build())
                .signWith(signers.toArray(Credentials[]::new)).build();
        refuse("a proof of a payment to another script", () -> admin.fulfillment()
                .submitReportWithEvidence(wrong, List.of(elsewhere.proof())).join());

        BoundEvidence evidence = btc.prepare(product, epoch, List.of(payout.proof()), NetworkParams.REGTEST).join();
        BoundEvidence.Result checked = evidence.check(report.evidence(), report.revenue(), report.deliveredUnits(),
                report.unitRevenue(), clock.latestTimestamp().join() + 1);
        line.accept("checked offline first: " + checked.satoshis() + " sat proven >= revenue, 1,000,000 units x 5 sat "
                + "within it, checkpoint fresh, block inside the window, floor " + checked.floor());
        EvidencedReport accepted = admin.fulfillment().submitReportWithEvidence(bundle, List.of(payout.proof())).join();
        line.accept("epoch " + epoch + " reported with its proof: " + accepted.satoshis() + " sat bound to the committed "
                + "script, payment consumed once for every product; floor " + accepted.floor() + " at height "
                + accepted.floorHeight() + " (no subsidy after the 64th halving), gas " + accepted.report().receipt().gasUsed());
        DepositResult deposit = issuer.fulfillment().deposit(product, epoch).join();
        line.accept("issuer deposited " + deposit.amount() + "; settled: " + deposit.settled().stream()
                .map(s -> "epoch " + s.epoch() + " " + s.status()).toList());

        BlockHeader real = BlockHeader.parse(HexFormat.of().parseHex(BLOCK_840672));
        if (!real.meetsTarget()) {
            throw new IllegalStateException("block 840,672 lacks its proof of work");
        }
        BigInteger perTh = SubsidyFloor.satoshisPerTerahashDay(real, 840_672);
        BigInteger onChain = btc.subsidyFloor(real.nBits(), 840_672, 86_400, 0, 1).join();
        if (!perTh.equals(onChain)) {
            throw new IllegalStateException("offline and on-chain floors differ: " + perTh + " vs " + onChain);
        }
        BigInteger perUnit = SubsidyFloor.floor(real.nBits(), 840_672, 86_400, 3, 1);
        line.accept("main-net block 840,672 (" + BitcoinHash.toDisplayHex(real.hash()).substring(0, 24) + "…, 3.125 BTC, "
                + "nBits 0x" + Long.toHexString(real.nBits()) + "): subsidy floor "
                + new BigDecimal(perTh).movePointLeft(18).setScale(2, RoundingMode.DOWN) + " sat per TH/s per day, "
                + "offline and on chain agree; there a unit of this product (0.001 TH/s) must report at least "
                + new BigDecimal(perUnit).movePointLeft(18).setScale(4, RoundingMode.DOWN) + " sat (" + perUnit
                + " x 1e-18) per 1-day epoch: this report's 5 sat clears it");
    }

    private void refuse(String what, Runnable attempt) {
        try {
            attempt.run();
            throw new IllegalStateException(what + " was unexpectedly accepted");
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof EvidenceRefusal r ? " (" + r.reason() + ")" : "";
            line.accept(String.format("%-44s -> %s%s", what, cause.getClass().getSimpleName(), reason));
        }
    }
}
