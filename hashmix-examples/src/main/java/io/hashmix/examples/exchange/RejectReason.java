package io.hashmix.examples.exchange;

import io.hashmix.proofs.market.OrderValidationException;

/** Why the exchange refused an order. */
public enum RejectReason {
    /** Not JSON, not a signed order, or a field out of range. */
    MALFORMED,
    /** The signature is not a canonical ECDSA signature. */
    BAD_SIGNATURE,
    /** The signature is valid but not the maker's. */
    WRONG_SIGNER,
    /** The order's fields were changed after it was signed. */
    ORDER_CHANGED,
    /** The order's expiry has passed. */
    EXPIRED,
    /** Signed for another chain. */
    WRONG_CHAIN,
    /** Signed for another market contract, or another EIP-712 domain name or version. */
    WRONG_MARKET,
    /** Terms the market refuses whatever the chain state (zero units, native-coin offer, price overflow, ...). */
    BAD_TERMS,
    /** A swap order: the book holds listings, offers and criteria offers. */
    UNSUPPORTED_KIND,
    /** The chain says it cannot be filled now (cancelled, stale counter, token moved, not approved, ...). */
    NOT_FILLABLE,
    /** The chain could not be asked. Retry later. */
    CHAIN_UNAVAILABLE;

    /**
     * The reason for an offline validation failure.
     *
     * @param reason the validator's reason
     * @return the exchange's reason
     */
    public static RejectReason of(OrderValidationException.Reason reason) {
        return switch (reason) {
            case MALFORMED -> MALFORMED;
            case BAD_SIGNATURE -> BAD_SIGNATURE;
            case WRONG_SIGNER -> WRONG_SIGNER;
            case ORDER_CHANGED -> ORDER_CHANGED;
            case EXPIRED -> EXPIRED;
            case WRONG_CHAIN -> WRONG_CHAIN;
            case WRONG_CONTRACT, WRONG_DOMAIN -> WRONG_MARKET;
            case ZERO_UNITS, MIN_FILL_ABOVE_UNITS, ZERO_PRICE, ZERO_EXPIRY, NATIVE_NOT_ALLOWED, PRICE_OVERFLOW, SAME_TOKEN -> BAD_TERMS;
        };
    }
}
