package io.hashmix.proofs.market;

import java.math.BigInteger;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.AbiWords;

/**
 * An order paid in a currency: a {@link Listing}, an {@link Offer} or a {@link CriteriaOffer}. It fills at most
 * {@code units} units in total, each fill of {@code x} units needing {@code x >= minFill} or {@code x} equal to
 * what remains, and costs exactly {@code pricePerUnit * x} of {@code currency} ({@link EvmAddress#ZERO}: the
 * native coin, listings only).
 */
public sealed interface PricedOrder extends Order permits Listing, Offer, CriteriaOffer {

    /**
     * The most units the order fills in total ({@code uint256}, positive).
     *
     * @return the units
     */
    BigInteger units();

    /**
     * The smallest fill, unless the fill takes all that remains ({@code uint256}, at most {@link #units()}).
     *
     * @return the minimum fill
     */
    BigInteger minFill();

    /**
     * The payment token: an ERC-20 address, or {@link EvmAddress#ZERO} for the native coin.
     *
     * @return the currency
     */
    EvmAddress currency();

    /**
     * The price of one unit in the currency's base units ({@code uint256}, positive).
     *
     * @return the price per unit
     */
    BigInteger pricePerUnit();

    /**
     * Whether the order is paid in the native coin.
     *
     * @return true if {@code currency} is the zero address
     */
    default boolean isNative() {
        return currency().isZero();
    }

    /**
     * What a fill of {@code fillUnits} units costs the buyer: exactly {@code pricePerUnit * fillUnits}
     * (the market's fee comes out of it, the seller gets the rest).
     *
     * @param fillUnits the units filled, 1 .. {@link #units()}
     * @return the payment in the currency's base units
     * @throws IllegalArgumentException if {@code fillUnits} is null or outside 1 .. units
     * @throws ArithmeticException if the payment does not fit a {@code uint256} (the market would revert)
     */
    default BigInteger payment(BigInteger fillUnits) {
        if (fillUnits == null || fillUnits.signum() <= 0 || fillUnits.compareTo(units()) > 0) {
            throw new IllegalArgumentException("fill units must be within 1 .. " + units() + ", got " + fillUnits);
        }
        BigInteger payment = pricePerUnit().multiply(fillUnits);
        if (payment.compareTo(AbiWords.UINT256_MAX) > 0) {
            throw new ArithmeticException("payment " + pricePerUnit() + " * " + fillUnits + " overflows uint256");
        }
        return payment;
    }

    /**
     * The builder fields of a priced order: {@code units} (required), {@code minFill} (default: {@code units},
     * i.e. all or nothing), {@code currency} (required; {@link #nativeCurrency()} for the native coin) and
     * {@code pricePerUnit} (required). Not thread-safe.
     *
     * @param <O> the order type
     * @param <S> the concrete builder type
     */
    abstract class Builder<O extends PricedOrder, S extends Builder<O, S>> extends Order.Builder<O, S> {
        private BigInteger units;
        private BigInteger minFill;
        private EvmAddress currency;
        private BigInteger pricePerUnit;

        Builder() {
        }

        /**
         * Sets {@code units} (required).
         *
         * @param v the most units filled in total ({@code uint256}, positive)
         * @return this builder
         */
        public S units(BigInteger v) {
            units = v;
            return self();
        }

        /**
         * Sets {@code units}.
         *
         * @param v the most units filled in total, positive
         * @return this builder
         */
        public S units(long v) {
            return units(BigInteger.valueOf(v));
        }

        /**
         * Sets {@code minFill} (default: equal to {@code units}, so only a fill of everything is accepted).
         *
         * @param v the smallest partial fill ({@code uint256}, at most units; 0 accepts any fill)
         * @return this builder
         */
        public S minFill(BigInteger v) {
            minFill = v;
            return self();
        }

        /**
         * Sets {@code minFill}.
         *
         * @param v the smallest partial fill, non-negative
         * @return this builder
         */
        public S minFill(long v) {
            return minFill(BigInteger.valueOf(v));
        }

        /**
         * Sets {@code currency} (required).
         *
         * @param v an ERC-20 token, or {@link EvmAddress#ZERO} for the native coin (listings only)
         * @return this builder
         */
        public S currency(EvmAddress v) {
            currency = v;
            return self();
        }

        /**
         * Sets {@code currency} to the native coin ({@link EvmAddress#ZERO}; listings only).
         *
         * @return this builder
         */
        public S nativeCurrency() {
            return currency(EvmAddress.ZERO);
        }

        /**
         * Sets {@code pricePerUnit} (required).
         *
         * @param v the price of one unit in the currency's base units ({@code uint256}, positive)
         * @return this builder
         */
        public S pricePerUnit(BigInteger v) {
            pricePerUnit = v;
            return self();
        }

        /** The units set, or null. */
        BigInteger unitsValue() {
            return units;
        }

        /** The minimum fill set, else the units (all or nothing). */
        BigInteger minFillValue() {
            return minFill != null ? minFill : units;
        }

        /** The currency set, or null. */
        EvmAddress currencyValue() {
            return currency;
        }

        /** The price set, or null. */
        BigInteger pricePerUnitValue() {
            return pricePerUnit;
        }
    }
}
