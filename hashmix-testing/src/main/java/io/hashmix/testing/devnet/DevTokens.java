package io.hashmix.testing.devnet;

import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;

import io.hashmix.contracts.generated.TestPayoutToken;
import io.hashmix.core.HashMix;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.core.tx.TxRequest;
import io.hashmix.proofs.EvmAddress;

/**
 * Minting of the dev payout token ({@code TestPayoutToken}) on local chains: collateral and revenue
 * for demos and tests. Balances and transfers go through {@link HashMix#erc20()}.
 */
public final class DevTokens {

    private final HashMix hm;

    /** Mints with {@code hm}'s account, which must own the token. */
    public DevTokens(HashMix hm) {
        this.hm = hm;
    }

    /** A mint request, for callers that submit it themselves (e.g. many at once). */
    public TxRequest mintRequest(EvmAddress token, EvmAddress to, BigInteger amount) {
        BoundContract bound = new BoundContract("TestPayoutToken", token, hm.calls(), null);
        TestPayoutToken wrapper = bound.encoder(TestPayoutToken::load);
        return TxRequest.call(token, wrapper.mint(to.hex(), amount).encodeFunctionCall(), "TestPayoutToken.mint");
    }

    /** Mints {@code amount} of {@code token} to {@code to}. */
    public CompletableFuture<TxReceipt> mint(EvmAddress token, EvmAddress to, BigInteger amount) {
        return hm.transactions().send(mintRequest(token, to, amount));
    }
}
