package io.hashmix.proofs.spv;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.spv.EvidenceBindingException.Reason;

/**
 * The payout proofs of one epoch of a Bitcoin product, bound to it as {@code BitcoinEvidence} binds them: checked
 * offline with the same rules and in the same order, so that a relayer (or the committee, before it signs) knows what
 * the contract will say, and what the report must carry ({@link #evidence()}) and may claim.
 *
 * <p>Per proof, in order: the SPV verifier accepts it against its checkpoint ({@link Reason#PROOF_REJECTED}); its
 * transaction was not proven before in the set ({@link Reason#PAYMENT_ALREADY_CLAIMED}); it pays a committed script
 * ({@link Reason#SCRIPT_NOT_COMMITTED}); its block has at least the class's confirmations in the proof
 * ({@link Reason#CONFIRMATIONS_BELOW_MINIMUM}); its checkpoint was accepted at most {@code maxCheckpointAge} before
 * the relay ({@link Reason#STALE_CHECKPOINT}); its block time is inside {@code [epochStart - windowSlack, epochEnd +
 * windowSlack]} ({@link Reason#PAYMENT_OUTSIDE_WINDOW}); for the first proof, its coinbase starts with the BIP 34
 * push of the block's height ({@link Reason#COINBASE_HEIGHT_MISMATCH}), which fixes the floor's height. Then, for the
 * report: its evidence is {@link #evidence()} ({@link Reason#EVIDENCE_MISMATCH}); {@code revenue <= proven}
 * ({@link Reason#REVENUE_ABOVE_PROVEN}); {@code deliveredUnits * unitRevenue <= proven * 10^18}
 * ({@link Reason#DELIVERED_ABOVE_PROVEN}); {@code unitRevenue >= floor} ({@link Reason#UNIT_REVENUE_BELOW_FLOOR}),
 * with {@code proven = satoshis * baseUnitsPerSatoshi} and the floor of {@link SubsidyFloor} at the first proof's
 * block over the epoch.
 *
 * <p>What it cannot see: whether a payment was consumed on chain before (the contract refuses it with
 * {@code PaymentAlreadyClaimed}), the product's current commitment and the checkpoints' acceptance times (pass what
 * the chain says), and the vault's own report checks (epoch ended, window open, signatures).
 *
 * <pre>{@code
 * BoundEvidence ev = BoundEvidence.builder(NetworkParams.MAINNET, params)
 *         .commitment(commitment).epoch(epochStart, epochEnd)
 *         .payment(proof, checkpoint, checkpointAcceptedAt)
 *         .build();
 * BoundEvidence.Result r = ev.verify(now);                  // the proofs alone: satoshis, proven, floor
 * report = report.toBuilder().evidence(ev.evidence()).unitRevenue(r.floor().max(unitRevenue)).build();
 * ev.check(report.evidence(), report.revenue(), report.deliveredUnits(), report.unitRevenue(), now);
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class BoundEvidence {

    /** Most proofs per report ({@code BitcoinEvidence.MAX_PAYMENTS}). */
    public static final int MAX_PAYMENTS = 8;

    private static final BigInteger PRECISION = SubsidyFloor.PRECISION;

    /**
     * A proof with the checkpoint it starts from and when the chain accepted that checkpoint
     * ({@code BtcSpvVerifier.checkpoint(hash).acceptedAt}).
     *
     * @param proof                the payout proof
     * @param checkpoint           the checkpoint its first header extends
     * @param checkpointAcceptedAt the checkpoint's acceptance time on chain (unix seconds)
     */
    public record Payment(PaymentProof proof, HeaderCheckpoint checkpoint, long checkpointAcceptedAt) {
        /**
         * Checks the parts.
         *
         * @throws IllegalArgumentException if a part is null
         */
        public Payment {
            if (proof == null || checkpoint == null) {
                throw new IllegalArgumentException("a payment needs a proof and its checkpoint");
            }
        }
    }

    /**
     * What the proofs establish.
     *
     * @param txids           the proven txids, in order (internal byte order)
     * @param evidence        what the report's {@code evidence} must be
     * @param satoshis        the satoshis paid to the committed scripts
     * @param provenBaseUnits {@code satoshis * baseUnitsPerSatoshi}: the most revenue the report may claim
     * @param floor           the least {@code unitRevenue} (base units per unit x 10^18)
     * @param floorHeight     the height of the block the floor comes from (the first proof's)
     * @param payments        the verifier's result of each proof
     */
    public record Result(List<Bytes32> txids, Bytes32 evidence, long satoshis, BigInteger provenBaseUnits, BigInteger floor,
                         long floorHeight, List<SpvResult> payments) {
        /** Copies the lists. */
        public Result {
            txids = List.copyOf(txids);
            payments = List.copyOf(payments);
        }

        /**
         * The most units the report may deliver at a unit revenue: {@code floor(proven * 10^18 / unitRevenue)}.
         *
         * @param unitRevenue the report's unit revenue (x 10^18), positive
         * @return the bound
         */
        public BigInteger maxDeliveredUnits(BigInteger unitRevenue) {
            if (unitRevenue == null || unitRevenue.signum() <= 0) {
                throw new IllegalArgumentException("unit revenue must be positive, got " + unitRevenue);
            }
            return provenBaseUnits.multiply(PRECISION).divide(unitRevenue);
        }
    }

    private final NetworkParams network;
    private final BitcoinClassParams params;
    private final List<Bytes32> scriptHashes;
    private final long epochStart;
    private final long epochEnd;
    private final List<Payment> payments;

    private BoundEvidence(Builder b) {
        this.network = b.network;
        this.params = b.params;
        this.scriptHashes = List.copyOf(b.scriptHashes);
        this.epochStart = b.epochStart;
        this.epochEnd = b.epochEnd;
        this.payments = List.copyOf(b.payments);
    }

    /**
     * Starts a set of proofs.
     *
     * @param network the verifier's proof-of-work rules
     * @param params  the product's asset class parameters ({@code BitcoinEvidence.classParams})
     * @return a builder
     */
    public static Builder builder(NetworkParams network, BitcoinClassParams params) {
        return new Builder(network, params);
    }

    /** The proofs, in order (what {@code submitReportWithEvidence} takes). */
    public List<PaymentProof> proofs() {
        return payments.stream().map(Payment::proof).toList();
    }

    /** The payments. */
    public List<Payment> payments() {
        return payments;
    }

    /** The txid of each proof's transaction ({@code sha256d} of its stripped bytes, internal order). */
    public List<Bytes32> txids() {
        return payments.stream().map(p -> BitcoinHash.sha256d(p.proof().transaction())).toList();
    }

    /** The report evidence these proofs back: {@link #evidenceOf(List)} of {@link #txids()}. */
    public Bytes32 evidence() {
        return evidenceOf(txids());
    }

    /** The epoch's length in seconds. */
    public long epochSeconds() {
        return epochEnd - epochStart;
    }

    /**
     * The report evidence of a set of payments ({@code BitcoinEvidence.evidenceOf}): the txid of a single payment,
     * else {@code keccak256(txid_0 || ... || txid_n-1)}.
     *
     * @param txids the txids, internal order, at least one
     * @return the evidence
     */
    public static Bytes32 evidenceOf(List<Bytes32> txids) {
        if (txids == null || txids.isEmpty()) {
            throw new IllegalArgumentException("evidence needs at least one txid");
        }
        if (txids.size() == 1) {
            return txids.get(0);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(32 * txids.size());
        txids.forEach(t -> all.writeBytes(t.value()));
        return Bytes32.keccak(all.toByteArray());
    }

    /**
     * {@code CScript() << height} (BIP 34): {@code OP_0} for 0, {@code OP_1 .. OP_16} for 1 .. 16, else a direct push
     * of the minimal little-endian number, with a zero byte added when its top bit is set.
     *
     * @param height a block height, 0 .. 2^32-1
     * @return the bytes a coinbase's scriptSig must start with
     */
    public static byte[] bip34HeightPush(long height) {
        if (height < 0 || height > 0xffffffffL) {
            throw new IllegalArgumentException("height must be a uint32, got " + height);
        }
        if (height == 0) {
            return new byte[] {0x00};
        }
        if (height <= 16) {
            return new byte[] {(byte) (0x50 + height)};
        }
        ByteArrayOutputStream le = new ByteArrayOutputStream();
        int last = 0;
        for (long v = height; v != 0; v >>>= 8) {
            last = (int) (v & 0xff);
            le.write(last);
        }
        if ((last & 0x80) != 0) {
            le.write(0);
        }
        byte[] number = le.toByteArray();
        byte[] out = new byte[number.length + 1];
        out[0] = (byte) number.length;
        System.arraycopy(number, 0, out, 1, number.length);
        return out;
    }

    /**
     * Checks the proofs alone (everything that does not depend on the report's figures).
     *
     * @param now the relay's block time (unix seconds): checkpoint ages are measured to it
     * @return what the proofs establish
     * @throws EvidenceBindingException with the first failing check's reason, in the contract's order
     */
    public Result verify(long now) {
        if (payments.isEmpty() || payments.size() > MAX_PAYMENTS) {
            throw new EvidenceBindingException(Reason.INVALID_PAYMENT_COUNT, -1, null,
                    payments.size() + " proofs; a report takes 1.." + MAX_PAYMENTS, null);
        }
        long from = Math.max(0, epochStart - params.windowSlack());
        long to = epochEnd + params.windowSlack();
        List<Bytes32> txids = new ArrayList<>();
        List<SpvResult> results = new ArrayList<>();
        Set<Bytes32> seen = new HashSet<>();
        long satoshis = 0;
        BigInteger floor = BigInteger.ZERO;
        long floorHeight = 0;
        for (int i = 0; i < payments.size(); i++) {
            Payment p = payments.get(i);
            SpvResult r;
            try {
                r = SpvVerifier.verify(p.proof(), p.checkpoint(), network);
            } catch (SpvVerificationException e) {
                throw new EvidenceBindingException(Reason.PROOF_REJECTED, i, e.reason(), e.getMessage(), e);
            }
            if (!seen.add(r.txid())) {
                throw new EvidenceBindingException(Reason.PAYMENT_ALREADY_CLAIMED, i, null,
                        "transaction " + BitcoinHash.toDisplayHex(r.txid()) + " is proven twice", null);
            }
            Bytes32 scriptHash = Bytes32.keccak(p.proof().outputScript());
            if (!scriptHashes.contains(scriptHash)) {
                throw new EvidenceBindingException(Reason.SCRIPT_NOT_COMMITTED, i, null,
                        "the proof pays " + scriptHash + " (keccak256 of its script), not a committed script", null);
            }
            if (r.confirmations() < params.minConfirmations()) {
                throw new EvidenceBindingException(Reason.CONFIRMATIONS_BELOW_MINIMUM, i, null,
                        r.confirmations() + " confirmations in the proof, the class needs " + params.minConfirmations(),
                        null);
            }
            if (now - p.checkpointAcceptedAt() > params.maxCheckpointAge()) {
                throw new EvidenceBindingException(Reason.STALE_CHECKPOINT, i, null, "checkpoint "
                        + p.checkpoint().blockHash() + " was accepted at " + p.checkpointAcceptedAt()
                        + ", more than " + params.maxCheckpointAge() + " s before " + now, null);
            }
            BlockHeader block = p.proof().headers().get(p.proof().headerIndex());
            if (block.time() < from || block.time() > to) {
                throw new EvidenceBindingException(Reason.PAYMENT_OUTSIDE_WINDOW, i, null, "block time " + block.time()
                        + " outside [" + from + ", " + to + "]", null);
            }
            if (i == 0) {
                if (!coinbaseHasHeight(p.proof().coinbaseTransaction(), r.blockHeight())) {
                    throw new EvidenceBindingException(Reason.COINBASE_HEIGHT_MISMATCH, i, null,
                            "the coinbase does not start with the BIP 34 push of height " + r.blockHeight(), null);
                }
                floorHeight = r.blockHeight();
                floor = SubsidyFloor.floor(block, floorHeight, epochSeconds(), params);
            }
            satoshis += r.amount();
            txids.add(r.txid());
            results.add(r);
        }
        BigInteger proven = BigInteger.valueOf(satoshis).multiply(BigInteger.valueOf(params.baseUnitsPerSatoshi()));
        return new Result(txids, evidenceOf(txids), satoshis, proven, floor, floorHeight, results);
    }

    /**
     * Checks the proofs and a report's figures, as the contract does when the report is relayed at {@code now}.
     *
     * @param evidence       the report's {@code evidence}
     * @param revenue        its {@code revenue}
     * @param deliveredUnits its {@code deliveredUnits}
     * @param unitRevenue    its {@code unitRevenue} (x 10^18)
     * @param now            the relay's block time
     * @return what the proofs establish
     * @throws EvidenceBindingException with the first failing check's reason
     */
    public Result check(Bytes32 evidence, BigInteger revenue, BigInteger deliveredUnits, BigInteger unitRevenue, long now) {
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(revenue, "revenue");
        Objects.requireNonNull(deliveredUnits, "deliveredUnits");
        Objects.requireNonNull(unitRevenue, "unitRevenue");
        Result r = verify(now);
        if (!evidence.equals(r.evidence())) {
            throw new EvidenceBindingException(Reason.EVIDENCE_MISMATCH, -1, null, "the report names " + evidence
                    + ", the proofs back " + r.evidence(), null);
        }
        if (revenue.compareTo(r.provenBaseUnits()) > 0) {
            throw new EvidenceBindingException(Reason.REVENUE_ABOVE_PROVEN, -1, null, "revenue " + revenue
                    + " above the proven " + r.provenBaseUnits(), null);
        }
        if (deliveredUnits.multiply(unitRevenue).compareTo(r.provenBaseUnits().multiply(PRECISION)) > 0) {
            throw new EvidenceBindingException(Reason.DELIVERED_ABOVE_PROVEN, -1, null, deliveredUnits
                    + " units at " + unitRevenue + " (x 1e18) need more than the proven " + r.provenBaseUnits(), null);
        }
        if (unitRevenue.compareTo(r.floor()) < 0) {
            throw new EvidenceBindingException(Reason.UNIT_REVENUE_BELOW_FLOOR, -1, null, "unit revenue " + unitRevenue
                    + " below the subsidy floor " + r.floor() + " of block " + r.floorHeight(), null);
        }
        return r;
    }

    /** Whether a coinbase (stripped serialization) starts its scriptSig with the BIP 34 push of {@code height}. */
    static boolean coinbaseHasHeight(byte[] coinbase, long height) {
        byte[] scriptSig;
        try {
            scriptSig = BitcoinTransaction.parseStripped(coinbase).inputs().get(0).scriptSig();
        } catch (BitcoinFormatException e) {
            return false;
        }
        byte[] push = bip34HeightPush(height);
        return scriptSig.length >= push.length && Arrays.equals(scriptSig, 0, push.length, push, 0, push.length);
    }

    /** Collects the parts of a {@link BoundEvidence}. Not thread-safe. */
    public static final class Builder {
        private final NetworkParams network;
        private final BitcoinClassParams params;
        private final List<Bytes32> scriptHashes = new ArrayList<>();
        private final List<Payment> payments = new ArrayList<>();
        private long epochStart = -1;
        private long epochEnd = -1;

        private Builder(NetworkParams network, BitcoinClassParams params) {
            if (network == null || params == null) {
                throw new IllegalArgumentException("network and class parameters must not be null");
            }
            this.network = network;
            this.params = params;
        }

        /**
         * The product's committed scripts, from its commitment.
         *
         * @param commitment the product's current commitment
         * @return this builder
         */
        public Builder commitment(PayoutCommitment commitment) {
            Objects.requireNonNull(commitment, "commitment");
            return scriptHashes(commitment.scriptHashes());
        }

        /**
         * The product's committed scripts (replacing any given before).
         *
         * @param committed the scriptPubKeys
         * @return this builder
         */
        public Builder scripts(List<byte[]> committed) {
            if (committed == null || committed.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("scripts must not be null");
            }
            return scriptHashes(committed.stream().map(Bytes32::keccak).toList());
        }

        /**
         * The product's committed scripts by their {@code keccak256}, as the contract stores them
         * ({@code BitcoinEvidence.commitmentOf}), replacing any given before.
         *
         * @param hashes the script hashes
         * @return this builder
         */
        public Builder scriptHashes(List<Bytes32> hashes) {
            if (hashes == null || hashes.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("script hashes must not be null");
            }
            scriptHashes.clear();
            scriptHashes.addAll(hashes);
            return this;
        }

        /**
         * The reported epoch's bounds (the vault's {@code epochInfo} start and end).
         *
         * @param start first second of the epoch
         * @param end   end of the epoch, exclusive
         * @return this builder
         */
        public Builder epoch(long start, long end) {
            if (start < 0 || end <= start || end - start > 0xffffffffL) {
                throw new IllegalArgumentException("epoch bounds must be 0 <= start < end, at most 2^32-1 s apart, got ["
                        + start + ", " + end + ")");
            }
            this.epochStart = start;
            this.epochEnd = end;
            return this;
        }

        /**
         * Adds a proof (the first one's block sets the floor).
         *
         * @param proof                the proof
         * @param checkpoint           the checkpoint it starts from
         * @param checkpointAcceptedAt when the chain accepted that checkpoint
         * @return this builder
         */
        public Builder payment(PaymentProof proof, HeaderCheckpoint checkpoint, long checkpointAcceptedAt) {
            payments.add(new Payment(proof, checkpoint, checkpointAcceptedAt));
            return this;
        }

        /**
         * Builds (no check yet: see {@link BoundEvidence#verify} and {@link BoundEvidence#check}).
         *
         * @return the evidence
         * @throws IllegalStateException if the scripts or the epoch are missing
         */
        public BoundEvidence build() {
            if (scriptHashes.isEmpty()) {
                throw new IllegalStateException("name the product's committed scripts (commitment or scripts)");
            }
            if (epochStart < 0) {
                throw new IllegalStateException("name the reported epoch's bounds (epoch)");
            }
            return new BoundEvidence(this);
        }
    }
}
