package io.hashmix.proofs.spv;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.spv.EvidenceBindingException.Reason;

/**
 * Regtest-style payout proofs bound to one product epoch, shared by {@link BoundEvidenceTest} and the
 * {@code btc-evidence.json} vectors (which the Solidity {@code BitcoinEvidenceVectors} test replays on chain against
 * a product of the Solidity fixtures: 7-day epochs from {@link #T0}, BTC-SHA256 with 6 unit decimals, class parameters
 * {@link #PARAMS}). Each payment has its own checkpoint and a block [BIP 34 coinbase, payout] mined at a chosen time.
 */
final class EvidenceScenarios {

    /** The product's start (the Solidity fixtures' T0). */
    static final long T0 = 1_700_000_000L;
    /** The epoch length (the Solidity fixtures' EPOCH). */
    static final long EPOCH = 7L * 86_400;
    /** Epoch 0. */
    static final long EPOCH_START = T0;
    static final long EPOCH_END = T0 + EPOCH;
    /** The relay's block time: two hours after epoch 0 ended (inside the vault's 2-day report window). */
    static final long NOW = EPOCH_END + 2 * 3600;
    /** The Solidity fixtures' BTC-SHA256 parameters: 6 confirmations, 3-day checkpoints, 1-day slack, 1 unit per sat. */
    static final BitcoinClassParams PARAMS = new BitcoinClassParams(6, 3L * 86_400, 86_400, 1, 6);

    /** Heights of the era without subsidy (floor 0) and of the 1-satoshi era (halving 32). */
    static final long NO_SUBSIDY_HEIGHT = 13_440_000;
    static final long ONE_SAT_HEIGHT = 6_720_000;

    /** The committed scripts, and one that is not. */
    static final byte[] POOL = SpvFixtures.p2wpkh(0x31);
    static final byte[] POOL2 = SpvFixtures.p2tr(0x32);
    static final byte[] OTHER = SpvFixtures.p2wpkh(0x33);
    static final List<byte[]> COMMITTED = List.of(POOL, POOL2);

    private EvidenceScenarios() {
    }

    /** One payment: its proof, checkpoint and acceptance time, and the txid. */
    record Made(BoundEvidence.Payment payment, Bytes32 txid) {
        PaymentProof proof() {
            return payment.proof();
        }
    }

    /**
     * A payment of {@code amount} to {@code script} in a block at {@code blockTime} with {@code confirmations} headers,
     * on a checkpoint at {@code cpHeight} accepted at {@code acceptedAt}; the coinbase carries {@code coinbaseHeight}.
     */
    static Made pay(String label, long cpHeight, long coinbaseHeight, long blockTime, byte[] script, long amount,
                    int confirmations, long acceptedAt) {
        Bytes32 cp = SpvFixtures.filler("evidence-" + label + "-checkpoint", 0);
        BitcoinTransaction coinbase = SpvFixtures.coinbase(coinbaseHeight,
                List.of(SpvFixtures.out(0, SpvFixtures.p2pkh(0x44))));
        int seed = Math.floorMod(label.hashCode(), 1_000_000) + 1000;
        BitcoinTransaction payout = SpvFixtures.spend(seed, false,
                List.of(SpvFixtures.out(amount, script), SpvFixtures.out(777, SpvFixtures.p2pkh(0x55))));
        SpvFixtures.Block block = SpvFixtures.block(List.of(coinbase, payout));
        List<Bytes32> roots = new ArrayList<>();
        roots.add(block.root());
        for (int i = 1; i < confirmations; i++) {
            roots.add(SpvFixtures.filler("evidence-" + label + "-root", i));
        }
        List<BlockHeader> headers = SpvFixtures.chain(cp, roots, SpvFixtures.EASY_BITS, blockTime);
        PaymentProof proof = PaymentProof.build(block.txids(), payout, coinbase, headers, 0, script, 0, 1);
        return new Made(new BoundEvidence.Payment(proof, new HeaderCheckpoint(cp, cpHeight, SpvFixtures.EASY_BITS),
                acceptedAt), payout.txid());
    }

    /** A payment with an honest coinbase height, in the era without subsidy, confirmed 6 times. */
    static Made pay(String label, long blockTime, byte[] script, long amount) {
        long cp = NO_SUBSIDY_HEIGHT + Math.floorMod(label.hashCode(), 100_000);
        return pay(label, cp, cp + 1, blockTime, script, amount, 6, NOW - 3600);
    }

    static BoundEvidence evidence(Made... payments) {
        BoundEvidence.Builder b = BoundEvidence.builder(NetworkParams.REGTEST, PARAMS).scripts(COMMITTED)
                .epoch(EPOCH_START, EPOCH_END);
        for (Made m : payments) {
            b.payment(m.proof(), m.payment().checkpoint(), m.payment().checkpointAcceptedAt());
        }
        return b.build();
    }

    static BoundEvidence withProof(BoundEvidence e, int index, PaymentProof proof) {
        BoundEvidence.Builder b = BoundEvidence.builder(NetworkParams.REGTEST, PARAMS).scripts(COMMITTED)
                .epoch(EPOCH_START, EPOCH_END);
        for (int i = 0; i < e.payments().size(); i++) {
            BoundEvidence.Payment p = e.payments().get(i);
            b.payment(i == index ? proof : p.proof(), p.checkpoint(), p.checkpointAcceptedAt());
        }
        return b.build();
    }

    /**
     * One vector: a set of payments and a report's figures, with the declared outcome ({@code expected == null}:
     * accepted).
     */
    record Case(String name, String description, BoundEvidence evidence, Bytes32 reportEvidence, BigInteger deliveredUnits,
                BigInteger revenue, BigInteger unitRevenue, Reason expected, int payment) {
    }

    static Case valid(String name, String description, BoundEvidence e, long delivered, BigInteger revenue,
                      BigInteger unitRevenue) {
        return new Case(name, description, e, e.evidence(), BigInteger.valueOf(delivered), revenue, unitRevenue, null, -1);
    }

    static Case refused(String name, String description, BoundEvidence e, Bytes32 reportEvidence, long delivered,
                        BigInteger revenue, BigInteger unitRevenue, Reason reason, int payment) {
        return new Case(name, description, e, reportEvidence, BigInteger.valueOf(delivered), revenue, unitRevenue, reason,
                payment);
    }

    static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    /** The vector cases: every reason, accepted boundaries, one and three payments, a nonzero floor. */
    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        BigInteger e18 = BigInteger.TEN.pow(18);
        long late = EPOCH_END + 3600;

        BoundEvidence one = evidence(pay("one", late, POOL, 100_000_000));
        out.add(valid("valid-one-payment", "1 BTC to the committed P2WPKH an hour after the epoch; 1000 units delivered "
                + "at 1e5 sat each", one, 1000, big(100_000_000), big(100_000).multiply(e18)));
        BoundEvidence three = evidence(pay("three-a", EPOCH_START + 86_400, POOL, 30_000_000),
                pay("three-b", EPOCH_START + 3 * 86_400, POOL2, 20_000_000), pay("three-c", late, POOL, 50_000_000));
        out.add(valid("valid-three-payments-two-scripts", "0.3 + 0.2 + 0.5 BTC to two committed scripts; evidence = "
                + "keccak256 of the three txids", three, 800, big(100_000_000), big(125_000).multiply(e18)));
        BoundEvidence edges = evidence(pay("edge-early", EPOCH_START - PARAMS.windowSlack(), POOL, 600),
                pay("edge-late", EPOCH_END + PARAMS.windowSlack(), POOL, 400));
        out.add(valid("valid-window-edges", "blocks at exactly epochStart - slack and epochEnd + slack; revenue and "
                + "delivered exactly at the proven amount", edges, 4, big(1000), big(250).multiply(e18)));
        Made oneSat = pay("one-sat", ONE_SAT_HEIGHT, ONE_SAT_HEIGHT + 1, late, POOL, 100_000_000, 6, NOW - 3600);
        BoundEvidence floored = evidence(oneSat);
        BigInteger floor = SubsidyFloor.floor(SpvFixtures.EASY_BITS, ONE_SAT_HEIGHT + 1, EPOCH, 6, 1);
        out.add(valid("valid-unit-revenue-at-the-floor", "a block of the 1-satoshi era at regtest difficulty: the floor is "
                + "large; unit revenue exactly at it, nothing delivered", floored, 0, big(100_000_000), floor));
        Made stale = pay("stale", NO_SUBSIDY_HEIGHT + 7, NO_SUBSIDY_HEIGHT + 8, late, POOL, 100_000_000, 6,
                NOW - PARAMS.maxCheckpointAge());
        out.add(valid("valid-checkpoint-exactly-max-age", "the checkpoint was accepted exactly maxCheckpointAge before the "
                + "relay", evidence(stale), 1000, big(100_000_000), big(100_000).multiply(e18)));

        out.add(refused("invalid-payment-count", "no proof at all", evidence(), Bytes32.ZERO, 0, big(0), big(0),
                Reason.INVALID_PAYMENT_COUNT, -1));
        Made relayerAsksSeven = pay("seven", late, POOL, 100_000_000);
        BoundEvidence asks = withProof(evidence(relayerAsksSeven), 0,
                SpvFixtures.withClaim(relayerAsksSeven.proof(), POOL, 0, 7));
        out.add(refused("proof-rejected-relayer-confirmations", "the relayer's own proof asks for 7 confirmations, 6 "
                + "headers: the verifier refuses it", asks, asks.evidence(), 1000, big(100_000_000),
                big(100_000).multiply(e18), Reason.PROOF_REJECTED, 0));
        Made twice = pay("twice", late, POOL, 50_000_000);
        BoundEvidence duplicate = evidence(twice, twice);
        out.add(refused("duplicate-payment", "the same payment proven twice (PaymentAlreadyClaimed on chain)", duplicate,
                duplicate.evidence(), 1000, big(100_000_000), big(100_000).multiply(e18), Reason.PAYMENT_ALREADY_CLAIMED, 1));
        BoundEvidence other = evidence(pay("other", late, OTHER, 100_000_000));
        out.add(refused("script-not-committed", "a payment to a script the product did not commit to", other,
                other.evidence(), 1000, big(100_000_000), big(100_000).multiply(e18), Reason.SCRIPT_NOT_COMMITTED, 0));
        Made five = pay("five", NO_SUBSIDY_HEIGHT + 5, NO_SUBSIDY_HEIGHT + 6, late, POOL, 100_000_000, 5, NOW - 3600);
        out.add(refused("confirmations-below-minimum", "5 headers, the class needs 6", evidence(five), five.txid(), 1000,
                big(100_000_000), big(100_000).multiply(e18), Reason.CONFIRMATIONS_BELOW_MINIMUM, 0));
        Made older = pay("older", NO_SUBSIDY_HEIGHT + 9, NO_SUBSIDY_HEIGHT + 10, late, POOL, 100_000_000, 6,
                NOW - PARAMS.maxCheckpointAge() - 1);
        out.add(refused("stale-checkpoint", "the checkpoint was accepted maxCheckpointAge + 1 s before the relay",
                evidence(older), older.txid(), 1000, big(100_000_000), big(100_000).multiply(e18),
                Reason.STALE_CHECKPOINT, 0));
        BoundEvidence tooLate = evidence(pay("too-late", EPOCH_END + PARAMS.windowSlack() + 1, POOL, 100_000_000));
        out.add(refused("payment-after-the-window", "a block one second after epochEnd + slack", tooLate,
                tooLate.evidence(), 1000, big(100_000_000), big(100_000).multiply(e18), Reason.PAYMENT_OUTSIDE_WINDOW, 0));
        BoundEvidence tooEarly = evidence(pay("in", late, POOL, 50_000_000),
                pay("too-early", EPOCH_START - PARAMS.windowSlack() - 1, POOL, 50_000_000));
        out.add(refused("payment-before-the-window", "the second payment's block is one second before epochStart - slack",
                tooEarly, tooEarly.evidence(), 1000, big(100_000_000), big(100_000).multiply(e18),
                Reason.PAYMENT_OUTSIDE_WINDOW, 1));
        Made liar = pay("liar", NO_SUBSIDY_HEIGHT, NO_SUBSIDY_HEIGHT + 1 - SubsidyFloor.HALVING_INTERVAL, late, POOL,
                100_000_000, 6, NOW - 3600);
        out.add(refused("coinbase-height-mismatch", "the checkpoint claims a height one halving later than the coinbase "
                + "says (BIP 34)", evidence(liar), liar.txid(), 1000, big(100_000_000), big(100_000).multiply(e18),
                Reason.COINBASE_HEIGHT_MISMATCH, 0));
        out.add(refused("evidence-mismatch", "the report names another payout", one, Bytes32.keccakUtf8("another payout"),
                1000, big(100_000_000), big(100_000).multiply(e18), Reason.EVIDENCE_MISMATCH, -1));
        List<Bytes32> reversed = new ArrayList<>(three.txids());
        java.util.Collections.reverse(reversed);
        out.add(refused("evidence-mismatch-order", "the three txids hashed in another order", three,
                BoundEvidence.evidenceOf(reversed), 800, big(100_000_000), big(125_000).multiply(e18),
                Reason.EVIDENCE_MISMATCH, -1));
        out.add(refused("revenue-above-proven", "revenue one satoshi above the payments", one, one.evidence(), 1000,
                big(100_000_001), big(100_000).multiply(e18), Reason.REVENUE_ABOVE_PROVEN, -1));
        out.add(refused("delivered-above-proven", "1000 units at one wei above 1e5 sat each need more than 1 BTC", one,
                one.evidence(), 1000, big(50_000_000), big(100_000).multiply(e18).add(BigInteger.ONE),
                Reason.DELIVERED_ABOVE_PROVEN, -1));
        out.add(refused("unit-revenue-below-floor", "unit revenue one below the floor of a 1-satoshi-era block", floored,
                floored.evidence(), 0, big(100_000_000), floor.subtract(BigInteger.ONE), Reason.UNIT_REVENUE_BELOW_FLOOR,
                -1));
        return out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
