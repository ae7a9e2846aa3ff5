package io.hashmix.examples.exchange;

/**
 * Where an order of the book stands. Expiry is not a state: an order past its expiry is simply not
 * offered any more ({@link BookOrder#liveAt(long)}).
 */
public enum OrderState {
    /** May be filled (as far as the exchange knows). */
    LIVE,
    /** All its units are filled on chain. */
    FILLED,
    /** Its maker cancelled it on chain ({@code OrderCancelled}). */
    CANCELLED,
    /** Its maker's counter moved past the order's ({@code CounterIncremented}). */
    STALE_COUNTER,
    /**
     * The chain refuses it for good: its token left the maker or the token nonce was bumped, the product is not
     * tradable, or the signature does not verify on chain (found when matching).
     */
    DEAD;

    /**
     * Whether the state is final.
     *
     * @return true for every state but {@link #LIVE}
     */
    public boolean isFinal() {
        return this != LIVE;
    }
}
