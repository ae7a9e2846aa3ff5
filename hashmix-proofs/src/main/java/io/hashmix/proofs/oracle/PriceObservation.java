package io.hashmix.proofs.oracle;

import java.math.BigInteger;

import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Struct;

/**
 * What one committee member observed and signs on its own: the EIP-712 struct {@value #TYPE_STRING} of
 * {@code HashPriceOracle}.
 *
 * <p>{@code uint64} fields are Java {@code long}s read as unsigned. Prices are {@code uint256} on the wire but
 * the oracle stores them in 128 bits: both must be in {@code 1 .. 2^128-1}.
 *
 * @param assetClass     the asset class observed
 * @param hashprice      expected revenue of one capacity base unit per day, in the numeraire (18 decimals)
 * @param payoutPrice    numeraire per base unit of the class's payout token, scaled by 10^18
 * @param observedAt     when the observation was made (unix seconds)
 * @param deadline       last second the report carrying it may be submitted
 * @param committeeEpoch the attestor committee epoch the observer signs for
 */
public record PriceObservation(AssetClassId assetClass, BigInteger hashprice, BigInteger payoutPrice, long observedAt,
        long deadline, long committeeEpoch) implements Eip712Struct {

    /** The exact EIP-712 type string shared with {@code HashPriceOracle}. Do not change. */
    public static final String TYPE_STRING = "PriceObservation(bytes32 assetClass,uint256 hashprice,uint256 payoutPrice,"
            + "uint64 observedAt,uint64 deadline,uint64 committeeEpoch)";

    /** {@code keccak256(TYPE_STRING)}. */
    public static final Bytes32 TYPE_HASH = Bytes32.keccakUtf8(TYPE_STRING);

    /** Largest price the oracle stores ({@code 2^128 - 1}). */
    public static final BigInteger MAX_PRICE = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming a null field or a price outside {@code 1 .. 2^128-1}
     */
    public PriceObservation {
        if (assetClass == null) {
            throw new IllegalArgumentException("price observation field 'assetClass' must not be null");
        }
        checkPrice(hashprice, "hashprice");
        checkPrice(payoutPrice, "payoutPrice");
    }

    static void checkPrice(BigInteger price, String field) {
        if (price == null) {
            throw new IllegalArgumentException("price observation field '" + field + "' must not be null");
        }
        if (price.signum() <= 0 || price.compareTo(MAX_PRICE) > 0) {
            throw new IllegalArgumentException("price observation field '" + field + "' must be in 1 .. 2^128-1, got "
                    + price);
        }
    }

    @Override
    public String typeString() {
        return TYPE_STRING;
    }

    @Override
    public Bytes32 typeHash() {
        return TYPE_HASH;
    }

    /**
     * {@code keccak256(abi.encode(TYPE_HASH, assetClass, hashprice, payoutPrice, observedAt, deadline,
     * committeeEpoch))}.
     *
     * @return the struct hash
     */
    @Override
    public Bytes32 structHash() {
        return AbiWords.of(7)
                .bytes32(TYPE_HASH)
                .bytes32(assetClass.bytes())
                .uint256(hashprice)
                .uint256(payoutPrice)
                .uint64(observedAt)
                .uint64(deadline)
                .uint64(committeeEpoch)
                .keccak();
    }
}
