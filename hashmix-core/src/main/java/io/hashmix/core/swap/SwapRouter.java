package io.hashmix.core.swap;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.core.errors.ContractRevertException;
import io.hashmix.core.internal.Futures;
import io.hashmix.core.market.Fillability;
import io.hashmix.core.market.MarketClient;
import io.hashmix.core.swap.SwapRoute.Candidate;
import io.hashmix.core.swap.SwapRoute.Venue;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.market.OrderKind;
import io.hashmix.proofs.market.SignedOrder;
import io.hashmix.proofs.market.SwapOrder;

/**
 * Routes a cross-coin swap through the pool or the market, whichever gives the caller more: the pool's quote for
 * {@code unitsIn} of a token, against the market's NFT-for-NFT swap orders that want exactly that token with
 * exactly those units (a swap order takes the whole token). Both are valued by the one valuation the protocol uses
 * ({@link SwapClient#valueOfUnits}, {@link SwapClient#valueOf}), so a FIL-STORAGE token offered in the market and
 * FIL-STORAGE units out of the pool compare on the same basis. Market orders are signed off chain, so the caller
 * brings the candidates (from its order book or a relay); the router checks each on chain
 * ({@link MarketClient#checkFillable}).
 *
 * <pre>{@code
 * SwapRouter router = new SwapRouter(hm.swap(), hm.market());
 * SwapRoute route = router.route(myToken, units, poolFilToken, swapOrdersWantingMyToken).join();
 * }</pre>
 *
 * <p>Reads only; nothing is sent. A candidate the chain refuses (a revert) is kept as unusable with its reason;
 * a node that cannot be asked fails the route with its typed exception. Immutable and thread-safe.
 */
public final class SwapRouter {

    private final SwapClient swap;
    private final MarketClient market;

    /**
     * Creates the router.
     *
     * @param swap   the pool and the valuation ({@code hm.swap()})
     * @param market the market ({@code hm.market()})
     */
    public SwapRouter(SwapClient swap, MarketClient market) {
        this.swap = Objects.requireNonNull(swap, "swap");
        this.market = Objects.requireNonNull(market, "market");
    }

    /**
     * The best route for {@code unitsIn} of {@code tokenIn}.
     *
     * @param tokenIn      the caller's token
     * @param unitsIn      units of it to give (for a market order: all the token holds)
     * @param poolTokenOut the pool's token to receive units of
     * @param marketOrders candidate swap orders; ones that are not swap orders for exactly this token and these
     *                     units, or cannot be filled now, are kept in {@link SwapRoute#considered()} as unusable
     * @return the route; fails with {@link NoRouteException} when no candidate is usable (each reason is in its
     *         message), with {@code InvalidRequestException} for units outside uint256
     */
    public CompletableFuture<SwapRoute> route(TokenId tokenIn, BigInteger unitsIn, TokenId poolTokenOut,
            List<SignedOrder> marketOrders) {
        Objects.requireNonNull(tokenIn, "tokenIn");
        Objects.requireNonNull(poolTokenOut, "poolTokenOut");
        List<SignedOrder> orders = List.copyOf(marketOrders);
        return Futures.attempt(() -> {
            if (unitsIn.signum() <= 0 || unitsIn.bitLength() > 256) {
                throw new InvalidRequestException("unitsIn must be a positive uint256, got " + unitsIn);
            }
            CompletableFuture<PoolSide> pool = swap.quote(tokenIn, unitsIn, poolTokenOut)
                    .thenCompose(q -> swap.valueOfUnits(q.productOut(), q.unitsOut()).thenApply(v -> new PoolSide(q,
                            new Candidate(Venue.POOL, Optional.empty(), Optional.of(v), Optional.empty()))))
                    .exceptionally(e -> new PoolSide(null, refused(Venue.POOL, null, e)));
            List<SignedOrder> matching = new ArrayList<>();
            List<Candidate> rejected = new ArrayList<>();
            for (SignedOrder o : orders) {
                String why = mismatch(o, tokenIn, unitsIn);
                if (why == null) {
                    matching.add(o);
                } else {
                    rejected.add(new Candidate(Venue.MARKET, Optional.of(o), Optional.empty(), Optional.of(why)));
                }
            }
            CompletableFuture<List<Candidate>> fromMarket = market.checkFillable(matching).thenCompose(this::value);
            return pool.thenCombine(fromMarket, (p, m) -> choose(p, m, rejected));
        });
    }

    /** The pool's quote (null if refused) and its candidate. */
    private record PoolSide(SwapQuote quote, Candidate candidate) {
    }

    /** Why an order cannot take this token, or null. */
    private static String mismatch(SignedOrder o, TokenId tokenIn, BigInteger unitsIn) {
        if (o.kind() != OrderKind.SWAP) {
            return "not a swap order: a " + o.kind().jsonName();
        }
        SwapOrder s = (SwapOrder) o.order();
        if (!s.wantTokenId().equals(tokenIn)) {
            return "wants token " + s.wantTokenId().value() + ", not " + tokenIn.value();
        }
        if (!s.wantUnits().equals(unitsIn)) {
            return "wants the token with exactly " + s.wantUnits() + " units, not " + unitsIn;
        }
        return null;
    }

    /** The value each fillable order gives; unfillable ones with their problems. */
    private CompletableFuture<List<Candidate>> value(List<Fillability> checks) {
        List<CompletableFuture<Candidate>> out = new ArrayList<>();
        for (Fillability f : checks) {
            SignedOrder o = f.order();
            if (!f.fillable()) {
                out.add(CompletableFuture.completedFuture(new Candidate(Venue.MARKET, Optional.of(o), Optional.empty(),
                        Optional.of("not fillable now: " + f.problems()))));
                continue;
            }
            SwapOrder s = (SwapOrder) o.order();
            out.add(swap.valueOf(s.giveTokenId())
                    .thenApply(v -> new Candidate(Venue.MARKET, Optional.of(o), Optional.of(v), Optional.empty()))
                    .exceptionally(e -> refused(Venue.MARKET, o, e)));
        }
        return CompletableFuture.allOf(out.toArray(CompletableFuture[]::new))
                .thenApply(x -> out.stream().map(CompletableFuture::join).toList());
    }

    /**
     * A candidate the chain refused (a revert: the pool cannot quote, the valuation refuses the token) is unusable;
     * anything else (the node is down, a timeout) fails the route, since then nothing was compared.
     */
    private static Candidate refused(Venue venue, SignedOrder o, Throwable e) {
        Throwable cause = Futures.unwrap(e);
        if (!(cause instanceof ContractRevertException)) {
            throw e instanceof CompletionException ce ? ce : new CompletionException(cause);
        }
        return new Candidate(venue, Optional.ofNullable(o), Optional.empty(),
                Optional.of(cause.getClass().getSimpleName() + ": " + cause.getMessage()));
    }

    private static SwapRoute choose(PoolSide pool, List<Candidate> market, List<Candidate> rejected) {
        List<Candidate> all = new ArrayList<>();
        all.add(pool.candidate());
        all.addAll(market);
        all.addAll(rejected);
        Candidate best = null;
        for (Candidate c : all) {
            // ties go to the pool (first): it executes exactly what it quoted, with a slippage bound
            if (c.valueOut().isPresent() && (best == null || c.valueOut().get().compareTo(best.valueOut().get()) > 0)) {
                best = c;
            }
        }
        if (best == null) {
            throw new NoRouteException(all.stream().map(c -> c.venue() + ": " + c.unusable().orElseThrow()).toList());
        }
        return best.venue() == Venue.POOL
                ? new SwapRoute(Venue.POOL, best.valueOut().get(), Optional.of(pool.quote()), Optional.empty(), all)
                : new SwapRoute(Venue.MARKET, best.valueOut().get(), Optional.empty(), best.order(), all);
    }
}
