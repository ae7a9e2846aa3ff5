package io.hashmix.proofs.credit;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * A record as the {@code CreditRegistry} emits it, with the timestamp of its block. A
 * {@link CreditReport} replays them in chain order (block, then log index).
 */
public sealed interface CreditEvent {

    /** The block timestamp of the event (unix seconds). */
    long timestamp();

    /**
     * {@code FulfillmentRecorded}: a settle pass of an issuer's product.
     *
     * @param timestamp            block timestamp
     * @param issuer               the issuer
     * @param productId            the product
     * @param assetClass           its asset class
     * @param capacity             its capacity
     * @param from                 start of the settled epochs
     * @param to                   end of the settled epochs
     * @param deliveredUnitSeconds delivered (and deposited) unit-seconds
     * @param fulfilled            fulfilled epochs
     * @param shortfall            short epochs
     * @param missed               missed epochs
     * @param unreported           unreported epochs
     * @param defaulted            whether the product defaulted in the pass
     */
    record FulfillmentRecorded(long timestamp, EvmAddress issuer, BigInteger productId, Bytes32 assetClass,
                               BigInteger capacity, long from, long to, BigInteger deliveredUnitSeconds, long fulfilled,
                               long shortfall, long missed, long unreported, boolean defaulted) implements CreditEvent {
        /**
         * Checks the parts as the registry does ({@code InvalidPass}).
         *
         * @throws IllegalArgumentException if {@code to <= from} or more is delivered than promised
         */
        public FulfillmentRecorded {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(assetClass, "assetClass");
            Objects.requireNonNull(capacity, "capacity");
            Objects.requireNonNull(deliveredUnitSeconds, "deliveredUnitSeconds");
            if (to <= from || deliveredUnitSeconds.compareTo(promised(capacity, from, to)) > 0 || capacity.signum() < 0
                    || deliveredUnitSeconds.signum() < 0) {
                throw new IllegalArgumentException("not a pass of settled epochs: [" + from + ", " + to + "), capacity "
                        + capacity + ", delivered " + deliveredUnitSeconds);
            }
        }

        /** Promised unit-seconds of the pass: {@code capacity * (to - from)}. */
        public BigInteger promisedUnitSeconds() {
            return promised(capacity, from, to);
        }

        private static BigInteger promised(BigInteger capacity, long from, long to) {
            return capacity.multiply(BigInteger.valueOf(to).subtract(BigInteger.valueOf(from)));
        }
    }

    /**
     * {@code SlashRecorded}: an attestor's bond was slashed.
     *
     * @param timestamp block timestamp
     * @param attestor  the attestor
     * @param amount    the bond burnt
     */
    record SlashRecorded(long timestamp, EvmAddress attestor, BigInteger amount) implements CreditEvent {
        /** Checks the parts. */
        public SlashRecorded {
            Objects.requireNonNull(attestor, "attestor");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * {@code FrozenRecorded}: an issuer's product was frozen for pledging hardware twice.
     *
     * @param timestamp block timestamp
     * @param issuer    the issuer
     * @param productId the product
     */
    record FrozenRecorded(long timestamp, EvmAddress issuer, BigInteger productId) implements CreditEvent {
        /** Checks the parts. */
        public FrozenRecorded {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(productId, "productId");
        }
    }

    /**
     * {@code ParamsApplied}: new parameters came into force (the first one at deployment).
     *
     * @param timestamp block timestamp
     * @param params    the parameters
     */
    record ParamsApplied(long timestamp, CreditParams params) implements CreditEvent {
        /** Checks the parts. */
        public ParamsApplied {
            Objects.requireNonNull(params, "params");
        }
    }
}
