package io.hashmix.core.tokenization;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;

/**
 * What a market checks before settling a sale of a token, read in one call.
 *
 * @param owner    the token's owner
 * @param units    its units
 * @param nonce    its token nonce (listings sign it; transfers and {@code bumpTokenNonce} bump it)
 * @param tradable false if its product is frozen or defaulted
 */
public record TradeState(EvmAddress owner, BigInteger units, long nonce, boolean tradable) {

    /** Checks the parts. */
    public TradeState {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(units, "units");
    }
}
