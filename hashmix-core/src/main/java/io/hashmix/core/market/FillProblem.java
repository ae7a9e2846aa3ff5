package io.hashmix.core.market;

/**
 * Why an order cannot be filled right now, as {@link MarketClient#checkFillable} finds it. Each
 * value names the market revert a fill would run into, where there is one.
 */
public enum FillProblem {
    /** The expiry is before the chain's current time ({@code OrderExpired}). */
    EXPIRED,
    /** The maker cancelled the order ({@code OrderIsCancelled}). */
    CANCELLED,
    /** The maker's counter moved since signing ({@code StaleCounter}). */
    COUNTER_STALE,
    /** Nothing remains to fill ({@code Overfill}). */
    FILLED,
    /** The token no longer exists: burnt by a split or merge ({@code ERC721NonexistentToken}). */
    TOKEN_GONE,
    /** The listed (or swap's given) token is not the maker's any more ({@code NotTokenOwner}). */
    NOT_OWNER,
    /** The token's nonce moved since signing: it changed hands or was bumped ({@code StaleTokenNonce}). */
    STALE_TOKEN_NONCE,
    /** The token's product is frozen or defaulted ({@code NotTradable}). */
    NOT_TRADABLE,
    /** A token of a swap order holds other units than the order names: it was carved ({@code UnitsChanged}). */
    UNITS_CHANGED,
    /** The order pays in an ERC-20 the market does not allow as money ({@code CurrencyNotAllowed}). */
    CURRENCY_NOT_ALLOWED,
    /** The seller (listing) or swap maker has not approved the market on the token. */
    NOT_APPROVED,
    /** The buyer of an offer holds less of the currency than the smallest valid fill costs. */
    INSUFFICIENT_BALANCE,
    /**
     * The buyer of an offer allows the market less of the currency than the smallest valid fill
     * costs; also reported for an offer in the native coin, which the market cannot pull
     * ({@code NativeNotAllowed}).
     */
    INSUFFICIENT_ALLOWANCE,
    /**
     * The signature does not verify for the market's domain: not the maker's ECDSA signature of
     * the on-chain order hash (e.g. signed for another chain or market) and not accepted by the
     * maker's ERC-1271 wallet ({@code InvalidSignature}).
     */
    BAD_SIGNATURE
}
