package io.hashmix.core.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.hashmix.core.errors.ContractRevertException;
import io.hashmix.core.market.MarketClient;
import io.hashmix.core.rpc.NodeUnavailableException;
import io.hashmix.proofs.TokenId;

/**
 * The router's error paths without a chain: a refused quote is an unusable candidate (and with nothing else
 * usable, {@link NoRouteException}); a node that cannot be asked fails the route with its own typed exception
 * instead of being mistaken for a refusal.
 */
class SwapRouterTest {

    private static final TokenId IN = TokenId.of(1);
    private static final TokenId OUT = TokenId.of(2);

    private final SwapClient swap = mock(SwapClient.class);
    private final MarketClient market = mock(MarketClient.class);
    private final SwapRouter router = new SwapRouter(swap, market);

    private static Throwable cause(CompletableFuture<?> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    @Test
    void aRefusedQuoteIsUnusableAndWithNothingElseThereIsNoRoute() {
        when(swap.quote(any(), any(), any())).thenReturn(CompletableFuture.failedFuture(
                new ContractRevertException("HashPowerSwapPool.quote", "0x", "NotHeld")));
        when(market.checkFillable(any())).thenReturn(CompletableFuture.completedFuture(List.of()));
        NoRouteException e = assertInstanceOf(NoRouteException.class,
                cause(router.route(IN, BigInteger.TEN, OUT, List.of())));
        assertEquals(1, e.reasons().size());
        assertTrue(e.reasons().get(0).startsWith("POOL: ContractRevertException"), e.reasons().get(0));
    }

    @Test
    void aNodeThatCannotBeAskedFailsTheRouteWithItsTypedException() {
        NodeUnavailableException down = new NodeUnavailableException("http://127.0.0.1:1", "eth_call", 4, null);
        when(swap.quote(any(), any(), any())).thenReturn(CompletableFuture.failedFuture(down));
        when(market.checkFillable(any())).thenReturn(CompletableFuture.completedFuture(List.of()));
        assertSame(down, cause(router.route(IN, BigInteger.TEN, OUT, List.of())));
    }
}
