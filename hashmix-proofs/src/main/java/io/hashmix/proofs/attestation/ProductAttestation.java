package io.hashmix.proofs.attestation;

import java.math.BigInteger;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * The committee's attestation of a product: a block of hash power capacity offered by an issuer, backed
 * by hardware (committed to by a Merkle root) and collateral. This is the EIP-712 struct
 * {@value #TYPE_STRING}; {@code HashPowerToken} recovers signers from the same digest.
 *
 * <p>Field types follow the Solidity struct. {@code uint64} fields are Java {@code long}s read as
 * <b>unsigned</b> 64-bit values (so {@code -1L} is {@code 2^64-1}, the largest {@code uint64}; use
 * {@link Long#toUnsignedString(long)} to print them); {@code hardwareCount} is a {@code uint32} held in a
 * {@code long} and range-checked; {@code uint256} fields are {@link BigInteger}s checked to be within
 * {@code 0 .. 2^256-1}. Business rules (capacity positive, start before end, collateral ratio...) are the
 * contract's to enforce and are not checked here: this type represents exactly what can be signed.
 *
 * @param issuer the issuer that receives the first token and whose collateral is locked
 * @param assetClass the kind of hash power
 * @param capacity capacity in the asset class's units ({@code uint256})
 * @param start start of the term, unix seconds ({@code uint64}, unsigned)
 * @param end end of the term, unix seconds ({@code uint64}, unsigned)
 * @param hardwareRoot root of the hardware Merkle tree (see {@code io.hashmix.proofs.merkle.MerkleTree})
 * @param hardwareCount number of hardware ids in the tree ({@code uint32}: 0 .. 2^32-1)
 * @param metadataHash hash of off-chain product metadata
 * @param collateralToken ERC-20 collateral token
 * @param collateral collateral amount ({@code uint256})
 * @param nonce replay-protection nonce ({@code uint256})
 * @param deadline last unix second at which the attestation may be used ({@code uint64}, unsigned)
 * @param committeeEpoch the committee epoch whose members signed ({@code uint64}, unsigned)
 */
public record ProductAttestation(
        EvmAddress issuer,
        AssetClassId assetClass,
        BigInteger capacity,
        long start,
        long end,
        Bytes32 hardwareRoot,
        long hardwareCount,
        Bytes32 metadataHash,
        EvmAddress collateralToken,
        BigInteger collateral,
        BigInteger nonce,
        long deadline,
        long committeeEpoch) implements CommitteeMessage {

    /** The exact EIP-712 type string shared with the contracts. Do not change. */
    public static final String TYPE_STRING = "ProductAttestation(address issuer,bytes32 assetClass,uint256 capacity,"
            + "uint64 start,uint64 end,bytes32 hardwareRoot,uint32 hardwareCount,bytes32 metadataHash,"
            + "address collateralToken,uint256 collateral,uint256 nonce,uint64 deadline,uint64 committeeEpoch)";

    /** {@code keccak256(TYPE_STRING)}. */
    public static final Bytes32 TYPE_HASH = Bytes32.keccakUtf8(TYPE_STRING);

    /** Number of ABI words in the struct encoding (type hash + 13 fields). */
    private static final int WORDS = 14;

    /**
     * Validates every field against its Solidity type.
     *
     * @throws IllegalArgumentException naming the field that is null or out of range
     */
    public ProductAttestation {
        requireNonNull(issuer, "issuer");
        requireNonNull(assetClass, "assetClass");
        AbiWords.checkUint256(capacity, "capacity");
        requireNonNull(hardwareRoot, "hardwareRoot");
        if (hardwareCount < 0 || hardwareCount > AbiWords.UINT32_MAX) {
            throw new IllegalArgumentException("hardwareCount must be within uint32 (0 .. 4294967295), got " + hardwareCount);
        }
        requireNonNull(metadataHash, "metadataHash");
        requireNonNull(collateralToken, "collateralToken");
        AbiWords.checkUint256(collateral, "collateral");
        AbiWords.checkUint256(nonce, "nonce");
    }

    private static void requireNonNull(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("product attestation field '" + field + "' must not be null");
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
     * {@code keccak256(abi.encode(TYPE_HASH, issuer, assetClass, capacity, start, end, hardwareRoot,
     * hardwareCount, metadataHash, collateralToken, collateral, nonce, deadline, committeeEpoch))}.
     *
     * @return the struct hash (independent of the domain)
     */
    @Override
    public Bytes32 structHash() {
        return AbiWords.of(WORDS)
                .bytes32(TYPE_HASH)
                .address(issuer)
                .bytes32(assetClass.value())
                .uint256(capacity)
                .uint64(start)
                .uint64(end)
                .bytes32(hardwareRoot)
                .uint64(hardwareCount)
                .bytes32(metadataHash)
                .address(collateralToken)
                .uint256(collateral)
                .uint256(nonce)
                .uint64(deadline)
                .uint64(committeeEpoch)
                .keccak();
    }

    /**
     * A builder, handy for tests and for issuers assembling an attestation field by field.
     *
     * @return a new builder with every field unset
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A copy of this attestation as a builder.
     *
     * @return a builder holding this attestation's fields
     */
    public Builder toBuilder() {
        return new Builder().issuer(issuer).assetClass(assetClass).capacity(capacity).start(start).end(end)
                .hardwareRoot(hardwareRoot).hardwareCount(hardwareCount).metadataHash(metadataHash)
                .collateralToken(collateralToken).collateral(collateral).nonce(nonce).deadline(deadline)
                .committeeEpoch(committeeEpoch);
    }

    /** Mutable builder for {@link ProductAttestation}; {@link #build()} validates like the constructor. */
    public static final class Builder {
        private EvmAddress issuer;
        private AssetClassId assetClass;
        private BigInteger capacity;
        private long start;
        private long end;
        private Bytes32 hardwareRoot;
        private long hardwareCount;
        private Bytes32 metadataHash;
        private EvmAddress collateralToken;
        private BigInteger collateral;
        private BigInteger nonce;
        private long deadline;
        private long committeeEpoch;

        private Builder() {
        }

        /**
         * Sets {@code issuer}.
         *
         * @param v issuer
         * @return this builder
         */
        public Builder issuer(EvmAddress v) { issuer = v; return this; }
        /**
         * Sets {@code assetClass}.
         *
         * @param v asset class
         * @return this builder
         */
        public Builder assetClass(AssetClassId v) { assetClass = v; return this; }
        /**
         * Sets {@code capacity}.
         *
         * @param v capacity (uint256)
         * @return this builder
         */
        public Builder capacity(BigInteger v) { capacity = v; return this; }
        /**
         * Sets {@code start}.
         *
         * @param v term start, unix seconds (unsigned)
         * @return this builder
         */
        public Builder start(long v) { start = v; return this; }
        /**
         * Sets {@code end}.
         *
         * @param v term end, unix seconds (unsigned)
         * @return this builder
         */
        public Builder end(long v) { end = v; return this; }
        /**
         * Sets {@code hardwareRoot}.
         *
         * @param v hardware Merkle root
         * @return this builder
         */
        public Builder hardwareRoot(Bytes32 v) { hardwareRoot = v; return this; }
        /**
         * Sets {@code hardwareCount}.
         *
         * @param v hardware count (uint32)
         * @return this builder
         */
        public Builder hardwareCount(long v) { hardwareCount = v; return this; }
        /**
         * Sets {@code metadataHash}.
         *
         * @param v metadata hash
         * @return this builder
         */
        public Builder metadataHash(Bytes32 v) { metadataHash = v; return this; }
        /**
         * Sets {@code collateralToken}.
         *
         * @param v collateral token
         * @return this builder
         */
        public Builder collateralToken(EvmAddress v) { collateralToken = v; return this; }
        /**
         * Sets {@code collateral}.
         *
         * @param v collateral amount (uint256)
         * @return this builder
         */
        public Builder collateral(BigInteger v) { collateral = v; return this; }
        /**
         * Sets {@code nonce}.
         *
         * @param v nonce (uint256)
         * @return this builder
         */
        public Builder nonce(BigInteger v) { nonce = v; return this; }
        /**
         * Sets {@code deadline}.
         *
         * @param v deadline, unix seconds (unsigned)
         * @return this builder
         */
        public Builder deadline(long v) { deadline = v; return this; }
        /**
         * Sets {@code committeeEpoch}.
         *
         * @param v committee epoch (unsigned)
         * @return this builder
         */
        public Builder committeeEpoch(long v) { committeeEpoch = v; return this; }

        /**
         * Builds and validates the attestation.
         *
         * @return the attestation
         * @throws IllegalArgumentException naming a missing or out-of-range field
         */
        public ProductAttestation build() {
            return new ProductAttestation(issuer, assetClass, capacity, start, end, hardwareRoot, hardwareCount,
                    metadataHash, collateralToken, collateral, nonce, deadline, committeeEpoch);
        }
    }
}
