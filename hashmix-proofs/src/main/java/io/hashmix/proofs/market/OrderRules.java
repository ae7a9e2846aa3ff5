package io.hashmix.proofs.market;

import java.math.BigInteger;
import java.security.SecureRandom;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.market.OrderValidationException.Reason;

/** The field checks the four order records share (their compact constructors call these). */
final class OrderRules {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OrderRules() {
    }

    /** A fresh random 256-bit salt. */
    static BigInteger randomSalt() {
        return new BigInteger(256, RANDOM);
    }

    /**
     * Checks the fields every order has.
     *
     * @param what the order type, for messages
     * @param makerField the name of the maker field ({@code seller}, {@code buyer}, {@code maker})
     */
    static void common(String what, EvmAddress maker, String makerField, BigInteger counter, BigInteger salt, long expiry) {
        notNull(what, maker, makerField);
        if (maker.isZero()) {
            throw new IllegalArgumentException(what + " field '" + makerField + "' must not be the zero address");
        }
        uint256(what, counter, "counter");
        uint256(what, salt, "salt");
        if (expiry == 0) {
            throw new OrderValidationException(Reason.ZERO_EXPIRY, "expiry", what
                    + " expiry must be set (a non-zero unix second)");
        }
    }

    /** Checks the fields of an order paid in a currency: units, minimum fill, currency and price. */
    static void priced(String what, BigInteger units, BigInteger minFill, EvmAddress currency, BigInteger pricePerUnit) {
        uint256(what, units, "units");
        uint256(what, minFill, "minFill");
        notNull(what, currency, "currency");
        uint256(what, pricePerUnit, "pricePerUnit");
        positiveUnits(what, units, "units");
        if (minFill.compareTo(units) > 0) {
            throw new OrderValidationException(Reason.MIN_FILL_ABOVE_UNITS, "minFill", what + " minFill " + minFill
                    + " is above its units " + units);
        }
        if (pricePerUnit.signum() == 0) {
            throw new OrderValidationException(Reason.ZERO_PRICE, "pricePerUnit", what
                    + " pricePerUnit must be positive, got 0");
        }
    }

    /**
     * Checks that a unit count (already range-checked) is not zero: {@link Reason#ZERO_UNITS} otherwise.
     *
     * @param field {@code units}, or a swap's {@code giveUnits} / {@code wantUnits}
     */
    static void positiveUnits(String what, BigInteger units, String field) {
        if (units.signum() == 0) {
            throw new OrderValidationException(Reason.ZERO_UNITS, field, what + " " + field + " must be positive, got 0");
        }
    }

    static void notNull(String what, Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(what + " field '" + field + "' must not be null");
        }
    }

    static void uint32(String what, long value, String field) {
        if (value < 0 || value > AbiWords.UINT32_MAX) {
            throw new IllegalArgumentException(what + " field '" + field + "' must be within uint32 (0 .. 4294967295), got "
                    + value);
        }
    }

    static void uint256(String what, BigInteger value, String field) {
        AbiWords.checkUint256(value, what + " field '" + field + "'");
    }
}
