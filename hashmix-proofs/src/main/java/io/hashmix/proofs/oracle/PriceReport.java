package io.hashmix.proofs.oracle;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.web3j.crypto.ECKeyPair;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * A price report as {@code HashPriceOracle.submitReport} takes it: observations of one asset class at one
 * time, each signed by its own observer over its {@link PriceObservation}, observers strictly ascending. The
 * oracle records the (lower) median of the hashprices and of the payout prices ({@link PriceRules#median}).
 *
 * @param assetClass     the asset class
 * @param observedAt     when the observations were made (strictly increasing per class on chain)
 * @param deadline       last second the report may be submitted
 * @param committeeEpoch the committee epoch the observers signed for
 * @param observations   the signed observations, observers strictly ascending (unmodifiable copy)
 */
public record PriceReport(AssetClassId assetClass, long observedAt, long deadline, long committeeEpoch,
        List<Observation> observations) {

    /**
     * One observer's observation and signature.
     *
     * @param observer    the attestor who observed
     * @param hashprice   its hashprice (numeraire per capacity base unit per day)
     * @param payoutPrice its payout token price (numeraire per base unit, x 10^18)
     * @param signature   its 65-byte signature over its {@link PriceObservation} digest
     */
    public record Observation(EvmAddress observer, BigInteger hashprice, BigInteger payoutPrice, byte[] signature) {

        /**
         * Validates and copies the signature.
         *
         * @throws IllegalArgumentException on a null field or a price outside {@code 1 .. 2^128-1}
         */
        public Observation {
            if (observer == null || signature == null) {
                throw new IllegalArgumentException("observation needs an observer and a signature");
            }
            PriceObservation.checkPrice(hashprice, "hashprice");
            PriceObservation.checkPrice(payoutPrice, "payoutPrice");
            signature = signature.clone();
        }

        /** A copy of the signature bytes. */
        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Observation other && observer.equals(other.observer) && hashprice.equals(other.hashprice)
                    && payoutPrice.equals(other.payoutPrice) && Arrays.equals(signature, other.signature);
        }

        @Override
        public int hashCode() {
            return Objects.hash(observer, hashprice, payoutPrice, Arrays.hashCode(signature));
        }

        @Override
        public String toString() {
            return "Observation[" + observer + ", hashprice=" + hashprice + ", payoutPrice=" + payoutPrice + "]";
        }
    }

    /**
     * Validates the fields and copies the list.
     *
     * @throws IllegalArgumentException on a null field
     */
    public PriceReport {
        if (assetClass == null || observations == null) {
            throw new IllegalArgumentException("price report needs an asset class and observations");
        }
        observations = List.copyOf(observations);
    }

    /**
     * The typed data `observation` signed in this report.
     *
     * @param observation one of this report's observations (or any with the same prices)
     * @return the observation's EIP-712 struct
     */
    public PriceObservation typedData(Observation observation) {
        return new PriceObservation(assetClass, observation.hashprice(), observation.payoutPrice(), observedAt, deadline,
                committeeEpoch);
    }

    /**
     * The EIP-712 digest of an observation of this report in {@code domain} (what the observer signed).
     *
     * @param domain      the oracle's domain
     * @param observation the observation
     * @return the digest
     */
    public Bytes32 digest(Eip712Domain domain, Observation observation) {
        return Eip712.digest(domain, typedData(observation));
    }

    /** The median hashprice the oracle records for this report. */
    public BigInteger medianHashprice() {
        return PriceRules.median(observations.stream().map(Observation::hashprice).toList());
    }

    /** The median payout price the oracle records for this report. */
    public BigInteger medianPayoutPrice() {
        return PriceRules.median(observations.stream().map(Observation::payoutPrice).toList());
    }

    /**
     * Signs one observer's observation (what an observer's own service does before handing it to a relayer).
     *
     * @param domain      the oracle's domain
     * @param observation the typed data
     * @param key         the observer's key
     * @return the signed observation
     */
    public static Observation sign(Eip712Domain domain, PriceObservation observation, ECKeyPair key) {
        CryptoBackend crypto = CryptoBackends.best();
        byte[] signature = crypto.sign(Eip712.digest(domain, observation), key);
        return new Observation(crypto.addressOf(key), observation.hashprice(), observation.payoutPrice(), signature);
    }

    /**
     * A builder collecting observations of one class and time; {@link Builder#build()} sorts them by observer.
     *
     * @param domain         the oracle's domain (for {@link Builder#observe})
     * @param assetClass     the class
     * @param observedAt     the observation time
     * @param deadline       the deadline
     * @param committeeEpoch the committee epoch
     * @return a builder
     */
    public static Builder builder(Eip712Domain domain, AssetClassId assetClass, long observedAt, long deadline,
            long committeeEpoch) {
        return new Builder(domain, assetClass, observedAt, deadline, committeeEpoch);
    }

    /** Collects observations; not thread-safe. */
    public static final class Builder {
        private final Eip712Domain domain;
        private final AssetClassId assetClass;
        private final long observedAt;
        private final long deadline;
        private final long committeeEpoch;
        private final List<Observation> observations = new ArrayList<>();

        private Builder(Eip712Domain domain, AssetClassId assetClass, long observedAt, long deadline, long committeeEpoch) {
            this.domain = Objects.requireNonNull(domain, "domain");
            this.assetClass = Objects.requireNonNull(assetClass, "assetClass");
            this.observedAt = observedAt;
            this.deadline = deadline;
            this.committeeEpoch = committeeEpoch;
        }

        /**
         * Adds an observation signed here with `key`.
         *
         * @param key         the observer's key
         * @param hashprice   its hashprice
         * @param payoutPrice its payout price
         * @return this builder
         */
        public Builder observe(ECKeyPair key, BigInteger hashprice, BigInteger payoutPrice) {
            observations.add(sign(domain,
                    new PriceObservation(assetClass, hashprice, payoutPrice, observedAt, deadline, committeeEpoch), key));
            return this;
        }

        /**
         * Adds an observation signed elsewhere.
         *
         * @param observation the signed observation
         * @return this builder
         */
        public Builder add(Observation observation) {
            observations.add(Objects.requireNonNull(observation, "observation"));
            return this;
        }

        /** The report, observers sorted ascending. */
        public PriceReport build() {
            List<Observation> sorted = new ArrayList<>(observations);
            sorted.sort(Comparator.comparing(o -> o.observer().hex().toLowerCase(java.util.Locale.ROOT)));
            return new PriceReport(assetClass, observedAt, deadline, committeeEpoch, sorted);
        }
    }
}
