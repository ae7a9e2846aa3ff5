package io.hashmix.proofs.fulfillment;

import java.math.BigInteger;
import java.security.SecureRandom;

import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.attestation.CommitteeMessage;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * The committee's report of what a product delivered over one epoch: the EIP-712 struct {@value #TYPE_STRING}
 * that {@code FulfillmentVault.submitReport} takes with M-of-N attestor signatures (see {@link ReportBundle}).
 *
 * <p>{@code uint64} fields are Java {@code long}s read as unsigned ({@code -1L} is {@code 2^64-1}); {@code epoch}
 * is a {@code uint32} held in a range-checked {@code long}; {@code uint256} fields are {@link BigInteger}s
 * checked to fit. The vault's own rules (delivered units at most the capacity, the epoch ended, the nonce
 * unused...) are checked on chain.
 *
 * @param productId the product reported on
 * @param epoch the product's epoch ({@code uint32})
 * @param deliveredUnits average units delivered over the epoch ({@code uint256}, at most the capacity)
 * @param revenue what the delivered power earned: the payout-token amount the issuer must deposit ({@code uint256})
 * @param unitRevenue what one promised unit earned over the epoch, in payout base units scaled by 10^18 (one
 *                       unit often earns a fraction of a base unit); prices the shortfall ({@code uint256})
 * @param sourceChain keccak-256 of the CAIP-2 id of the chain the power worked on ({@link SourceChain}), non-zero
 * @param evidence the payout's Bitcoin txid (internal byte order) or the keccak-256 of a Filecoin message
 *        CID's bytes ({@link Evidence})
 * @param nonce consumed once by the vault ({@code uint256})
 * @param deadline last second at which the vault accepts the report ({@code uint64}, unsigned, non-zero)
 * @param committeeEpoch the committee epoch whose members sign ({@code uint64}, unsigned)
 */
public record FulfillmentReport(ProductId productId, long epoch, BigInteger deliveredUnits, BigInteger revenue,
        BigInteger unitRevenue, Bytes32 sourceChain, Bytes32 evidence, BigInteger nonce, long deadline,
        long committeeEpoch) implements CommitteeMessage {

    /** The exact EIP-712 type string shared with {@code FulfillmentVault}. Do not change. */
    public static final String TYPE_STRING = "FulfillmentReport(uint256 productId,uint32 epoch,uint256 deliveredUnits,"
            + "uint256 revenue,uint256 unitRevenue,bytes32 sourceChain,bytes32 evidence,uint256 nonce,uint64 deadline,"
            + "uint64 committeeEpoch)";

    /** {@code keccak256(TYPE_STRING)}. */
    public static final Bytes32 TYPE_HASH = Bytes32.keccakUtf8(TYPE_STRING);

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Validates every field against its Solidity type and the vault's static rules.
     *
     * @throws IllegalArgumentException naming a null or out-of-range field, a zero source chain or deadline
     */
    public FulfillmentReport {
        requireNonNull(productId, "productId");
        if (epoch < 0 || epoch > AbiWords.UINT32_MAX) {
            throw new IllegalArgumentException("fulfillment report field 'epoch' must be within uint32 (0 .. 4294967295), got "
                    + epoch);
        }
        AbiWords.checkUint256(deliveredUnits, "fulfillment report field 'deliveredUnits'");
        AbiWords.checkUint256(revenue, "fulfillment report field 'revenue'");
        AbiWords.checkUint256(unitRevenue, "fulfillment report field 'unitRevenue'");
        requireNonNull(sourceChain, "sourceChain");
        if (sourceChain.isZero()) {
            throw new IllegalArgumentException("fulfillment report field 'sourceChain' must not be zero "
                    + "(use a SourceChain constant or SourceChain.of(caip2))");
        }
        requireNonNull(evidence, "evidence");
        AbiWords.checkUint256(nonce, "fulfillment report field 'nonce'");
        if (deadline == 0) {
            throw new IllegalArgumentException("fulfillment report field 'deadline' must be set (a non-zero unix second)");
        }
    }

    private static void requireNonNull(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("fulfillment report field '" + field + "' must not be null");
        }
    }

    /** {@inheritDoc} */
    @Override
    public String typeString() {
        return TYPE_STRING;
    }

    /** {@inheritDoc} */
    @Override
    public Bytes32 typeHash() {
        return TYPE_HASH;
    }

    /**
     * {@code keccak256(abi.encode(TYPE_HASH, productId, epoch, deliveredUnits, revenue, unitRevenue, sourceChain,
     * evidence, nonce, deadline, committeeEpoch))}.
     *
     * @return the struct hash (independent of the domain)
     */
    @Override
    public Bytes32 structHash() {
        return AbiWords.of(11)
                .bytes32(TYPE_HASH)
                .uint256(productId.value())
                .uint64(epoch)
                .uint256(deliveredUnits)
                .uint256(revenue)
                .uint256(unitRevenue)
                .bytes32(sourceChain)
                .bytes32(evidence)
                .uint256(nonce)
                .uint64(deadline)
                .uint64(committeeEpoch)
                .keccak();
    }

    /**
     * A builder; the nonce defaults to a fresh random 256-bit value.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A copy of this report as a builder (same nonce).
     *
     * @return a builder holding every field
     */
    public Builder toBuilder() {
        return new Builder().productId(productId).epoch(epoch).deliveredUnits(deliveredUnits).revenue(revenue)
                .unitRevenue(unitRevenue).sourceChain(sourceChain).evidence(evidence).nonce(nonce).deadline(deadline)
                .committeeEpoch(committeeEpoch);
    }

    /**
     * Mutable builder for {@link FulfillmentReport}; {@link #build()} validates like the constructor. Every field
     * but {@code nonce} (default: random, drawn at build) and {@code epoch}/{@code committeeEpoch} (default 0)
     * is required. Not thread-safe.
     */
    public static final class Builder {
        private ProductId productId;
        private long epoch;
        private BigInteger deliveredUnits;
        private BigInteger revenue;
        private BigInteger unitRevenue;
        private Bytes32 sourceChain;
        private Bytes32 evidence;
        private BigInteger nonce;
        private long deadline;
        private long committeeEpoch;

        private Builder() {
        }

        /**
         * Sets {@code productId}.
         *
         * @param v the product
         * @return this builder
         */
        public Builder productId(ProductId v) {
            productId = v;
            return this;
        }

        /**
         * Sets {@code epoch}.
         *
         * @param v the product's epoch ({@code uint32})
         * @return this builder
         */
        public Builder epoch(long v) {
            epoch = v;
            return this;
        }

        /**
         * Sets {@code deliveredUnits}.
         *
         * @param v average units delivered ({@code uint256})
         * @return this builder
         */
        public Builder deliveredUnits(BigInteger v) {
            deliveredUnits = v;
            return this;
        }

        /**
         * Sets {@code revenue}.
         *
         * @param v payout-token amount the issuer deposits ({@code uint256})
         * @return this builder
         */
        public Builder revenue(BigInteger v) {
            revenue = v;
            return this;
        }

        /**
         * Sets {@code unitRevenue}.
         *
         * @param v what one promised unit earned ({@code uint256})
         * @return this builder
         */
        public Builder unitRevenue(BigInteger v) {
            unitRevenue = v;
            return this;
        }

        /**
         * Sets {@code sourceChain}.
         *
         * @param v keccak-256 of a CAIP-2 id, e.g. {@link SourceChain#BITCOIN_MAINNET}
         * @return this builder
         */
        public Builder sourceChain(Bytes32 v) {
            sourceChain = v;
            return this;
        }

        /**
         * Sets {@code evidence}.
         *
         * @param v a Bitcoin txid (internal order) or a Filecoin CID hash, see {@link Evidence}
         * @return this builder
         */
        public Builder evidence(Bytes32 v) {
            evidence = v;
            return this;
        }

        /**
         * Sets {@code nonce} (default: random).
         *
         * @param v the nonce ({@code uint256})
         * @return this builder
         */
        public Builder nonce(BigInteger v) {
            nonce = v;
            return this;
        }

        /**
         * Sets {@code deadline} (required).
         *
         * @param v the last second the vault accepts the report (unsigned)
         * @return this builder
         */
        public Builder deadline(long v) {
            deadline = v;
            return this;
        }

        /**
         * Sets {@code committeeEpoch}.
         *
         * @param v the committee epoch whose members sign (unsigned)
         * @return this builder
         */
        public Builder committeeEpoch(long v) {
            committeeEpoch = v;
            return this;
        }

        /**
         * Builds and validates the report.
         *
         * @return the report
         * @throws IllegalArgumentException naming a missing or out-of-range field
         */
        public FulfillmentReport build() {
            return new FulfillmentReport(productId, epoch, deliveredUnits, revenue, unitRevenue, sourceChain, evidence,
                    nonce != null ? nonce : new BigInteger(256, RANDOM), deadline, committeeEpoch);
        }
    }
}
