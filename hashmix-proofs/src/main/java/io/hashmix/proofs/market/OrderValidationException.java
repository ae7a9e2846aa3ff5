package io.hashmix.proofs.market;

import java.util.Optional;
import io.hashmix.HashMixException;

/**
 * A market order that must not be signed, published or filled. The {@link #reason()} says why (one value per
 * distinct failure, mirroring {@code HashMixMarket}'s custom errors where there is one); {@link #field()} names
 * the order field at fault, if any.
 *
 * <p>Thrown by the order records' constructors and builders for orders that break the market's rules
 * (no units, minimum fill above units, zero price, zero expiry) and by {@link OrderValidator} for everything
 * it checks. It is an {@link IllegalArgumentException}, so code that treats bad input generically still
 * catches it.
 */
public final class OrderValidationException extends HashMixException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** Why an order was rejected. */
    public enum Reason {
        /** The signature is not a canonical 65-byte ECDSA signature or recovers to no key ({@code InvalidSignature()}). */
        BAD_SIGNATURE,
        /** The signature recovers to an address other than the order's maker ({@code InvalidSignature()}). */
        WRONG_SIGNER,
        /**
         * The order's fields were changed after it was signed: its digest differs from the digest recorded
         * with the signature ({@code InvalidSignature()} on chain).
         */
        ORDER_CHANGED,
        /** The expiry has passed ({@code OrderExpired(uint64)}). */
        EXPIRED,
        /** The order's domain names another chain id than expected. */
        WRONG_CHAIN,
        /** The order's domain names another verifying contract (market) than expected. */
        WRONG_CONTRACT,
        /** The order's domain has another name or version than expected. */
        WRONG_DOMAIN,
        /** {@code units} is zero, or a swap order's {@code giveUnits} or {@code wantUnits}. */
        ZERO_UNITS,
        /** {@code minFill} is above {@code units}: no fill could satisfy it except the whole order. */
        MIN_FILL_ABOVE_UNITS,
        /** {@code pricePerUnit} is zero. */
        ZERO_PRICE,
        /** {@code expiry} is zero (unset). */
        ZERO_EXPIRY,
        /** An offer names the native coin ({@code currency == address(0)}); only listings may ({@code NativeNotAllowed()}). */
        NATIVE_NOT_ALLOWED,
        /** {@code pricePerUnit * units} does not fit a {@code uint256}: filling the whole order would revert. */
        PRICE_OVERFLOW,
        /** A swap order gives and wants the same token. */
        SAME_TOKEN,
        /** The input could not be parsed or is structurally invalid. */
        MALFORMED
    }

    /** Why. */
    private final Reason reason;
    /** The order field at fault, or null. */
    private final String field;

    /**
     * Creates the exception.
     *
     * @param reason why
     * @param field the order field at fault (e.g. {@code units}), or null
     * @param message human-readable detail
     * @param cause the underlying cause, or null
     */
    public OrderValidationException(Reason reason, String field, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
        this.field = field;
    }

    /**
     * Creates the exception with no cause.
     *
     * @param reason why
     * @param field the order field at fault, or null
     * @param message human-readable detail
     */
    public OrderValidationException(Reason reason, String field, String message) {
        this(reason, field, message, null);
    }

    /**
     * Why the order was rejected.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The order field at fault, if the failure is about one field.
     *
     * @return the field name as in the EIP-712 type string
     */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
