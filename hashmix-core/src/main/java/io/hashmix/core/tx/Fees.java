package io.hashmix.core.tx;

import java.math.BigInteger;
import java.util.Objects;

/** The fee snapshot one transaction is signed with: EIP-1559 where the chain has a base fee, legacy otherwise. */
public sealed interface Fees {

    /** The most the sender may pay per gas. */
    BigInteger maxPricePerGas();

    /**
     * EIP-1559 fees.
     *
     * @param maxPriorityFeePerGas the tip
     * @param maxFeePerGas         the cap on base fee + tip
     */
    record Eip1559(BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas) implements Fees {
        /** Checks the parts. */
        public Eip1559 {
            Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
            Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
            if (maxPriorityFeePerGas.signum() < 0 || maxFeePerGas.compareTo(maxPriorityFeePerGas) < 0) {
                throw new IllegalArgumentException("need 0 <= maxPriorityFeePerGas <= maxFeePerGas");
            }
        }

        @Override
        public BigInteger maxPricePerGas() {
            return maxFeePerGas;
        }
    }

    /**
     * Pre-London fees.
     *
     * @param gasPrice price per gas
     */
    record Legacy(BigInteger gasPrice) implements Fees {
        /** Checks the parts. */
        public Legacy {
            Objects.requireNonNull(gasPrice, "gasPrice");
            if (gasPrice.signum() < 0) {
                throw new IllegalArgumentException("gasPrice must be >= 0");
            }
        }

        @Override
        public BigInteger maxPricePerGas() {
            return gasPrice;
        }
    }
}
