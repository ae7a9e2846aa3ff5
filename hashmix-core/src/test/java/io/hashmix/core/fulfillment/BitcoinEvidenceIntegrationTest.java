package io.hashmix.core.fulfillment;

import static io.hashmix.core.testing.FulfillmentFixture.EPOCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.core.HashMix;
import io.hashmix.core.assetclass.NewAssetClass;
import io.hashmix.core.errors.UnauthorizedAccountException;
import io.hashmix.core.testing.FulfillmentFixture;
import io.hashmix.core.testing.TokenizationFixture;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.attestation.AttestorSignature;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.fulfillment.FulfillmentReport;
import io.hashmix.proofs.spv.BitcoinClassParams;
import io.hashmix.proofs.spv.BoundEvidence;
import io.hashmix.proofs.spv.CheckpointAttestation;
import io.hashmix.proofs.spv.EvidenceBindingException;
import io.hashmix.proofs.spv.NetworkParams;
import io.hashmix.proofs.spv.PaymentProof;
import io.hashmix.proofs.spv.PayoutCommitment;
import io.hashmix.proofs.spv.PayoutCommitmentBundle;
import io.hashmix.proofs.spv.SubsidyFloor;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;
import io.hashmix.testing.devnet.RegtestPayouts;

/**
 * Bitcoin evidence bound to a product on a local chain (regtest verifier): payout commitments, class parameters behind
 * the delay, reports relayed with one and three payout proofs (their receipts' gas for docs/benchmarks.md), and every
 * refusal as a typed exception whose reason is the offline check's (checklist items 7 and 9-12 extended to the
 * binding).
 */
@ExtendWith(LocalChainExtension.class)
class BitcoinEvidenceIntegrationTest {

    /** Gas the credit and incentive observer (issue #13) adds to a report of the local deployment, at most. */
    private static final long OBSERVED_REPORT_EXTRA = 300_000;

    private static final byte[] POOL = RegtestPayouts.p2wpkh("pool payout");
    private static final byte[] OTHER = RegtestPayouts.p2wpkh("someone else");
    private static final BigInteger CAPACITY = BigInteger.valueOf(1_000_000);
    private static final long NO_SUBSIDY = 13_440_000;
    private static final long ONE_SAT = 6_720_000;
    private static final Duration MAX_AGE = Duration.ofHours(12);
    private static final Duration SLACK = Duration.ofHours(6);

    private int checkpoints;
    private static final java.util.concurrent.atomic.AtomicLong NONCES = new java.util.concurrent.atomic.AtomicLong(1000);

    private static Throwable cause(CompletableFuture<?> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    /** Class parameters, a 3-epoch product committed to POOL with SPV evidence required. */
    private static ProductId product(FulfillmentFixture fx, boolean configure) {
        BitcoinEvidenceClient btc = fx.admin().fulfillment().bitcoinEvidence();
        if (configure) {
            ClassParamsChange set = btc.scheduleClassParams(TokenizationFixture.BTC, 6, MAX_AGE, SLACK, 1).join();
            assertTrue(set.appliedNow(), "a class's first parameters apply at once");
        }
        ProductId id = fx.mint(CAPACITY, BigInteger.valueOf(10_000_000), 3).productId();
        commit(fx, id, List.of(POOL), true, 1);
        return id;
    }

    private static CommittedPayout commit(FulfillmentFixture fx, ProductId id, List<byte[]> scripts, boolean required,
                                          long version) {
        HashMix relayer = fx.chain().client(9);
        PayoutCommitment c = new PayoutCommitment(id, scripts, required, version, BigInteger.valueOf(NONCES.incrementAndGet()),
                fx.now() + 3600, fx.admin().committee().epoch().join());
        PayoutCommitmentBundle.Builder b = PayoutCommitmentBundle.builder(relayer.fulfillment().bitcoinEvidence().domain(), c);
        for (int i : FulfillmentFixture.SIGNERS) {
            b.signWith(fx.tokens().attestor(i));
        }
        return relayer.fulfillment().submitPayoutCommitment(b.build()).join();
    }

    /** A regtest payout on a checkpoint the committee attests now. */
    private RegtestPayouts.Payout pay(FulfillmentFixture fx, long cpHeight, long coinbaseHeight, long blockTime,
                                      byte[] script, long amount, int confirmations) {
        RegtestPayouts.Payout p = RegtestPayouts.payout("it-" + (++checkpoints), cpHeight, coinbaseHeight, blockTime,
                script, amount, confirmations);
        attest(fx, p);
        return p;
    }

    private RegtestPayouts.Payout pay(FulfillmentFixture fx, long blockTime, byte[] script, long amount) {
        return pay(fx, NO_SUBSIDY + checkpoints, NO_SUBSIDY + checkpoints + 1, blockTime, script, amount, 6);
    }

    private static void attest(FulfillmentFixture fx, RegtestPayouts.Payout p) {
        BitcoinEvidenceClient btc = fx.chain().client(9).fulfillment().bitcoinEvidence();
        CheckpointAttestation a = CheckpointAttestation.of(p.checkpoint(), BigInteger.valueOf(p.checkpoint().height()),
                fx.now() + 3600, fx.admin().committee().epoch().join());
        Bytes32 digest = Eip712.digest(btc.verifierDomain(), a);
        List<AttestorSignature> sigs = new ArrayList<>();
        for (int i : FulfillmentFixture.SIGNERS) {
            sigs.add(AttestationSigner.sign(digest, fx.tokens().attestor(i)));
        }
        sigs.sort(AttestorSignature.BY_SIGNER);
        AcceptedCheckpoint accepted = btc.submitCheckpoint(a, sigs).join();
        assertEquals(p.checkpoint(), accepted.checkpoint());
    }

    private static FulfillmentReport report(FulfillmentFixture fx, ProductId id, long epoch, long delivered, long revenue,
                                            BigInteger unitRevenue, Bytes32 evidence) {
        return fx.report(id, epoch, BigInteger.valueOf(delivered), BigInteger.valueOf(revenue), BigInteger.ZERO)
                .toBuilder().unitRevenue(unitRevenue).evidence(evidence).build();
    }

    private static long start(FulfillmentFixture fx, ProductId id) {
        return fx.issuer().tokenization().product(id).join().start().getEpochSecond();
    }

    /** Reports with one and three payout proofs; the receipts' gas is what docs/benchmarks.md quotes. */
    @Test
    void reportsWithOneAndThreePayoutProofs(LocalChain chain) {
        FulfillmentFixture fx = new FulfillmentFixture(chain);
        HashMix relayer = chain.client(9);
        ProductId id = product(fx, true);
        long start = start(fx, id);
        BigInteger unitRevenue = BigInteger.valueOf(100).multiply(BigInteger.TEN.pow(18)); // 100 sat per unit

        // epoch 0: the product's first report (the vault also snapshots the product)
        fx.advanceTo(start + EPOCH.toSeconds() + 3600);
        RegtestPayouts.Payout p0 = pay(fx, start + EPOCH.toSeconds() + 600, POOL, 100_000_000);
        EvidencedReport first = relayer.fulfillment().submitReportWithEvidence(
                fx.sign(report(fx, id, 0, 1_000_000, 100_000_000, unitRevenue, p0.txid())), List.of(p0.proof())).join();
        assertEquals(100_000_000, first.satoshis());
        assertEquals(BigInteger.valueOf(100_000_000), first.provenBaseUnits());
        assertEquals(BigInteger.ZERO, first.floor(), "no subsidy at this height");
        assertEquals(p0.checkpoint().height() + 1, first.floorHeight());
        assertEquals(1, first.commitmentVersion());
        assertEquals(EpochStatus.REPORTED, relayer.fulfillment().epochInfo(id, 0).join().status());
        assertEquals(p0.txid(), relayer.fulfillment().epochInfo(id, 0).join().evidence());

        // epoch 1: one proof, product tracked (steady state)
        fx.advanceTo(start + 2 * EPOCH.toSeconds() + 3600);
        RegtestPayouts.Payout p1 = pay(fx, start + 2 * EPOCH.toSeconds() + 600, POOL, 90_000_000);
        EvidencedReport one = relayer.fulfillment().submitReportWithEvidence(
                fx.sign(report(fx, id, 1, 900_000, 90_000_000, unitRevenue, p1.txid())), List.of(p1.proof())).join();

        // epoch 2: three proofs
        fx.advanceTo(start + 3 * EPOCH.toSeconds() + 3600);
        List<RegtestPayouts.Payout> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(pay(fx, start + 3 * EPOCH.toSeconds() - 7200 + 600L * i, POOL, 30_000_000 + i));
        }
        List<Bytes32> txids = three.stream().map(RegtestPayouts.Payout::txid).toList();
        EvidencedReport many = relayer.fulfillment().submitReportWithEvidence(
                fx.sign(report(fx, id, 2, 900_000, 90_000_003, unitRevenue, BoundEvidence.evidenceOf(txids))),
                three.stream().map(RegtestPayouts.Payout::proof).toList()).join();
        assertEquals(90_000_003, many.satoshis());

        // the issuer deposits as usual
        DepositResult deposit = fx.issuer().fulfillment().deposit(id, 2).join();
        assertEquals(BigInteger.valueOf(90_000_003), deposit.amount());
        System.out.printf("GAS report with bound evidence, receipt gasUsed: first report (1 proof) %s, "
                        + "1 proof %s, 3 proofs %s%n", first.report().receipt().gasUsed(), one.report().receipt().gasUsed(),
                many.report().receipt().gasUsed());
        // the binding's bounds (400,000 and 700,000) plus what the deployment's credit and incentive observer
        // (issue #13) spends on every report: about 195,000 here (attestors' points, holders' days; docs/benchmarks.md)
        BigInteger observer = BigInteger.valueOf(OBSERVED_REPORT_EXTRA);
        assertTrue(one.report().receipt().gasUsed().compareTo(BigInteger.valueOf(400_000).add(observer)) < 0);
        assertTrue(many.report().receipt().gasUsed().compareTo(BigInteger.valueOf(700_000).add(observer)) < 0);
    }

    /**
     * Each refusal is a typed exception, and the offline check ({@link BitcoinEvidenceClient#prepare} +
     * {@link BoundEvidence#check}) gives the same reason before anything is sent.
     */
    @Test
    void everyRefusalIsTypedAndForeseenOffline(LocalChain chain) {
        FulfillmentFixture fx = new FulfillmentFixture(chain);
        HashMix relayer = chain.client(9);
        FulfillmentClient vault = relayer.fulfillment();
        ProductId id = product(fx, true);
        ProductId second = product(fx, false);
        long start = start(fx, id);
        long end = start + EPOCH.toSeconds();
        BigInteger unitRevenue = BigInteger.valueOf(100).multiply(BigInteger.TEN.pow(18));

        // a checkpoint accepted early goes stale (12 h) by the time of the report
        RegtestPayouts.Payout staleOne = pay(fx, end + 600, POOL, 100_000_000);
        fx.advanceTo(end + 3600);
        RegtestPayouts.Payout good = pay(fx, end + 600, POOL, 100_000_000);
        RegtestPayouts.Payout other = pay(fx, end + 600, OTHER, 100_000_000);
        RegtestPayouts.Payout late = pay(fx, end + SLACK.toSeconds() + 1, POOL, 100_000_000);
        RegtestPayouts.Payout fewConfs = pay(fx, NO_SUBSIDY + 99, NO_SUBSIDY + 100, end + 600, POOL, 100_000_000, 5);
        RegtestPayouts.Payout oneSat = pay(fx, ONE_SAT, ONE_SAT + 1, end + 600, POOL, 100_000_000, 6);
        RegtestPayouts.Payout liar = pay(fx, NO_SUBSIDY + 7, NO_SUBSIDY + 8 - 210_000, end + 600, POOL, 100_000_000, 6);
        fx.advanceTo(end + MAX_AGE.toSeconds() + 60); // staleOne's checkpoint is now older than 12 hours

        // the same report without its proof: refused on the vault's plain path
        FulfillmentReport plain = report(fx, id, 0, 1_000_000, 100_000_000, unitRevenue, good.txid());
        SpvEvidenceRequiredException required = assertInstanceOf(SpvEvidenceRequiredException.class,
                cause(vault.submitReport(fx.sign(plain))));
        assertEquals(id, required.productId());

        expectRefusal(fx, id, other, 1_000_000, 100_000_000, unitRevenue, ScriptNotCommittedException.class,
                EvidenceBindingException.Reason.SCRIPT_NOT_COMMITTED);
        expectRefusal(fx, id, good, 1_000_000, 100_000_001, unitRevenue, RevenueAboveProvenException.class,
                EvidenceBindingException.Reason.REVENUE_ABOVE_PROVEN);
        expectRefusal(fx, id, good, 1_000_000, 100_000_000, unitRevenue.add(BigInteger.ONE),
                DeliveredAboveProvenException.class, EvidenceBindingException.Reason.DELIVERED_ABOVE_PROVEN);
        expectRefusal(fx, id, fewConfs, 1_000_000, 100_000_000, unitRevenue, ConfirmationsBelowMinimumException.class,
                EvidenceBindingException.Reason.CONFIRMATIONS_BELOW_MINIMUM);
        expectRefusal(fx, id, staleOne, 1_000_000, 100_000_000, unitRevenue, StaleCheckpointException.class,
                EvidenceBindingException.Reason.STALE_CHECKPOINT);
        expectRefusal(fx, id, late, 1_000_000, 100_000_000, unitRevenue, PaymentOutsideWindowException.class,
                EvidenceBindingException.Reason.PAYMENT_OUTSIDE_WINDOW);
        expectRefusal(fx, id, oneSat, 0, 100_000_000, unitRevenue, UnitRevenueBelowFloorException.class,
                EvidenceBindingException.Reason.UNIT_REVENUE_BELOW_FLOOR);
        expectRefusal(fx, id, liar, 1_000_000, 100_000_000, unitRevenue, CoinbaseHeightMismatchException.class,
                EvidenceBindingException.Reason.COINBASE_HEIGHT_MISMATCH);

        // accepted, then the same payment for another product is refused (consumed once, everywhere)
        vault.submitReportWithEvidence(fx.sign(plain), List.of(good.proof())).join();
        PaymentAlreadyClaimedException claimed = assertInstanceOf(PaymentAlreadyClaimedException.class,
                cause(vault.submitReportWithEvidence(fx.sign(report(fx, second, 0, 1_000_000, 100_000_000, unitRevenue,
                        good.txid())), List.of(good.proof()))));
        assertEquals(good.txid(), claimed.txid());
        assertEquals(EvidenceBindingException.Reason.PAYMENT_ALREADY_CLAIMED, claimed.reason());

        // a proof the verifier refuses: typed with the offline verifier's reason
        PaymentProof asksSeven = new PaymentProof(liar.proof().transaction(), liar.proof().txIndex(),
                liar.proof().merkleBranch(), liar.proof().coinbaseTransaction(), liar.proof().coinbaseBranch(),
                liar.proof().headers(), 0, POOL, 0, 7);
        SpvProofRejectedException rejected = assertInstanceOf(SpvProofRejectedException.class,
                cause(vault.submitReportWithEvidence(fx.sign(report(fx, second, 0, 1, 1, unitRevenue, liar.txid())),
                        List.of(asksSeven))));
        assertEquals(io.hashmix.proofs.spv.SpvVerificationException.Reason.TOO_FEW_CONFIRMATIONS, rejected.spvReason());
    }

    private static void expectRefusal(FulfillmentFixture fx, ProductId id, RegtestPayouts.Payout p, long delivered,
                                      long revenue, BigInteger unitRevenue, Class<? extends EvidenceRefusal> type,
                                      EvidenceBindingException.Reason reason) {
        FulfillmentClient vault = fx.chain().client(9).fulfillment();
        FulfillmentReport r = report(fx, id, 0, delivered, revenue, unitRevenue, p.txid());
        // offline first: the same reason, nothing sent
        BoundEvidence ev = vault.bitcoinEvidence().prepare(id, 0, List.of(p.proof()), NetworkParams.REGTEST).join();
        EvidenceBindingException offline = assertThrows(EvidenceBindingException.class, () -> ev.check(r.evidence(),
                r.revenue(), r.deliveredUnits(), r.unitRevenue(), fx.now() + 1));
        assertEquals(reason, offline.reason(), offline.getMessage());
        Throwable onChain = cause(vault.submitReportWithEvidence(fx.sign(r), List.of(p.proof())));
        assertInstanceOf(type, onChain);
        assertEquals(reason, ((EvidenceRefusal) onChain).reason());
        assertEquals(EpochStatus.PENDING, vault.epochInfo(id, 0).join().status(), "nothing recorded");
    }

    /** Commitments (versions, the lock on SPV), class parameters behind the delay, and who may change them. */
    @Test
    void commitmentsAndClassParameters(LocalChain chain) {
        FulfillmentFixture fx = new FulfillmentFixture(chain);
        BitcoinEvidenceClient admin = fx.admin().fulfillment().bitcoinEvidence();
        ProductId id = product(fx, true);
        PayoutCommitmentState state = admin.commitment(id).join();
        assertTrue(state.exists());
        assertEquals(1, state.version());
        assertTrue(state.spvRequired());
        assertEquals(List.of(Bytes32.keccak(POOL)), state.scriptHashes());
        assertTrue(admin.requiresSpv(id).join());
        assertFalse(admin.commitment(ProductId.of(999)).join().exists());

        CommittedPayout v2 = commit(fx, id, List.of(POOL, OTHER), true, 2);
        assertEquals(2, v2.version());
        assertEquals(2, admin.commitment(id).join().scriptHashes().size());
        assertInstanceOf(StaleCommitmentVersionException.class, cause(CompletableFuture.supplyAsync(
                () -> commit(fx, id, List.of(POOL), true, 2))));
        SpvRequirementLockedException locked = assertInstanceOf(SpvRequirementLockedException.class,
                cause(CompletableFuture.supplyAsync(() -> commit(fx, id, List.of(POOL), false, 3))));
        assertEquals(id, locked.productId());

        BitcoinClassParams current = admin.classParams(TokenizationFixture.BTC).join().orElseThrow();
        assertEquals(new BitcoinClassParams(6, MAX_AGE.toSeconds(), SLACK.toSeconds(), 1, 3), current);
        ClassParamsChange change = admin.scheduleClassParams(TokenizationFixture.BTC, 12, MAX_AGE, SLACK, 1).join();
        assertFalse(change.appliedNow());
        PendingClassParams pending = admin.pendingClassParams(TokenizationFixture.BTC).join().orElseThrow();
        assertEquals(12, pending.params().minConfirmations());
        assertEquals(change.eta().orElseThrow(), pending.eta());
        ClassParamsNotReadyException early = assertInstanceOf(ClassParamsNotReadyException.class,
                cause(admin.applyClassParams(TokenizationFixture.BTC)));
        assertEquals(pending.eta(), early.eta());
        fx.advanceTo(pending.eta().getEpochSecond());
        admin.applyClassParams(TokenizationFixture.BTC).join();
        assertEquals(12, admin.classParams(TokenizationFixture.BTC).join().orElseThrow().minConfirmations());
        assertInstanceOf(NoPendingClassParamsException.class, cause(admin.cancelClassParams(TokenizationFixture.BTC)));

        HashMix stranger = chain.client(8);
        assertInstanceOf(UnauthorizedAccountException.class, cause(stranger.fulfillment().bitcoinEvidence()
                .scheduleClassParams(TokenizationFixture.BTC, 6, MAX_AGE, SLACK, 1)));
        assertInstanceOf(InvalidBitcoinClassParamsException.class,
                cause(admin.scheduleClassParams(TokenizationFixture.BTC, 0, MAX_AGE, SLACK, 1)));
        fx.admin().assetClasses().register(new NewAssetClass("FIL-STORAGE", "TiB", 6, fx.tokens().payoutToken())).join();
        AssetClassId fil = AssetClassId.ofSymbol("FIL-STORAGE");
        assertEquals(fil, assertInstanceOf(UnsupportedUnitException.class,
                cause(admin.scheduleClassParams(fil, 6, MAX_AGE, SLACK, 1))).assetClass());
        assertInstanceOf(InvalidRequestException.class, cause(admin.scheduleClassParams(fil, 6, Duration.ofMillis(1500),
                SLACK, 1)));
    }

    /** The floor on a real main-net header: the contract's view and the offline computation agree. */
    @Test
    void subsidyFloorOnChainEqualsOffline(LocalChain chain) {
        BitcoinEvidenceClient btc = chain.client(9).fulfillment().bitcoinEvidence();
        // block 840,672 (the first retarget after the fourth halving): 3.125 BTC, nBits 0x170331db
        assertEquals(SubsidyFloor.floor(0x170331dbL, 840_672, 86_400, 3, 1), btc.subsidyFloor(0x170331dbL, 840_672,
                86_400, 3, 1).join());
        assertEquals(new BigInteger("71351105725596295891"), btc.subsidyFloor(0x170331dbL, 840_672, 86_400, 0, 1).join());
        assertInstanceOf(InvalidBitcoinClassParamsException.class, cause(btc.subsidyFloor(0x170331dbL, 1, 1, 19, 1)));
    }
}
