package io.hashmix.core.tx;

import java.math.BigInteger;

/**
 * How fees and gas limits are chosen. Defaults: tip from {@code eth_maxPriorityFeePerGas} (else the
 * median of {@code eth_feeHistory}, else 1 gwei), max fee = 2 x base fee + tip, gas limit = estimate
 * + 20%, and no cap.
 *
 * @param maxPriorityFeePerGas   a fixed tip, or {@code null} to ask the node
 * @param maxFeePerGas           a fixed max fee, or {@code null} for {@code baseFeeMultiplier x base fee + tip}
 * @param baseFeeMultiplier      head-room for base fee rises while the transaction waits (>= 1)
 * @param fallbackPriorityFee    the tip when the node offers no estimate
 * @param gasLimitMarginPercent  added to the node's gas estimate
 * @param maxFeePerGasCap        refuse to send above this price per gas, or {@code null} for no cap
 */
public record FeePolicy(BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas, int baseFeeMultiplier,
                        BigInteger fallbackPriorityFee, int gasLimitMarginPercent, BigInteger maxFeePerGasCap) {

    /** One gwei in wei. */
    public static final BigInteger GWEI = BigInteger.TEN.pow(9);

    /** The defaults described above. */
    public static final FeePolicy DEFAULT = new FeePolicy(null, null, 2, GWEI, 20, null);

    /** Checks the parts. */
    public FeePolicy {
        if (baseFeeMultiplier < 1) {
            throw new IllegalArgumentException("baseFeeMultiplier must be >= 1");
        }
        if (gasLimitMarginPercent < 0 || gasLimitMarginPercent > 500) {
            throw new IllegalArgumentException("gasLimitMarginPercent must be in [0, 500]");
        }
        if (fallbackPriorityFee == null || fallbackPriorityFee.signum() < 0) {
            throw new IllegalArgumentException("fallbackPriorityFee must be >= 0");
        }
        if (maxPriorityFeePerGas != null && maxFeePerGas != null && maxFeePerGas.compareTo(maxPriorityFeePerGas) < 0) {
            throw new IllegalArgumentException("maxFeePerGas must be >= maxPriorityFeePerGas");
        }
    }

    /** This policy with a fixed tip. */
    public FeePolicy withMaxPriorityFeePerGas(BigInteger wei) {
        return new FeePolicy(wei, maxFeePerGas, baseFeeMultiplier, fallbackPriorityFee, gasLimitMarginPercent, maxFeePerGasCap);
    }

    /** This policy with a fixed max fee. */
    public FeePolicy withMaxFeePerGas(BigInteger wei) {
        return new FeePolicy(maxPriorityFeePerGas, wei, baseFeeMultiplier, fallbackPriorityFee, gasLimitMarginPercent, maxFeePerGasCap);
    }

    /** This policy with a cap above which nothing is sent. */
    public FeePolicy withMaxFeePerGasCap(BigInteger wei) {
        return new FeePolicy(maxPriorityFeePerGas, maxFeePerGas, baseFeeMultiplier, fallbackPriorityFee, gasLimitMarginPercent, wei);
    }

    /** This policy with another gas-limit margin. */
    public FeePolicy withGasLimitMarginPercent(int percent) {
        return new FeePolicy(maxPriorityFeePerGas, maxFeePerGas, baseFeeMultiplier, fallbackPriorityFee, percent, maxFeePerGasCap);
    }

    /** The gas limit for an estimate. */
    BigInteger gasLimitFor(BigInteger estimate) {
        return estimate.multiply(BigInteger.valueOf(100L + gasLimitMarginPercent)).divide(BigInteger.valueOf(100));
    }
}
