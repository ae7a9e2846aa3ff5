package io.hashmix.core.swap;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

import io.hashmix.core.internal.Futures;
import io.hashmix.core.rpc.RpcProtocolException;
import io.hashmix.core.InvalidRequestException;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.HashPowerSwapPool;
import io.hashmix.contracts.generated.HashPowerToken;
import io.hashmix.contracts.generated.HashPowerValuation;
import io.hashmix.contracts.generated.HashPriceOracle;
import io.hashmix.contracts.generated.SwapPoolLens;
import io.hashmix.core.events.LogFilter;
import io.hashmix.core.events.LogReader;
import io.hashmix.core.internal.AbiValues;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.internal.ClientContext;
import io.hashmix.core.tx.ContractCalls;
import io.hashmix.core.tx.LogEntry;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.core.tx.TxRequest;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.oracle.PriceReport;

/**
 * Swap ({@code hm.swap()}): the price oracle, the valuation and the swap pool.
 *
 * <p>Prices: committee members sign their own observations ({@link PriceReport}, built and checked offline in
 * {@link io.hashmix.proofs.oracle}); anyone relays a report with {@link #relayPrices}. A stale, tripped or paused
 * price makes valuations, swaps and deposits of that class fail with {@link PriceUnusableException}; nothing is
 * ever valued at 0 for lack of a price.
 *
 * <p>Swaps: {@link #quote} tells exactly what {@link #swap} executes in the same block (the pool's price comes from
 * the oracle, not from its own balances, so other swaps before yours do not move it; only a price report between
 * your quote and your swap can, and your {@code minUnitsOut} bounds that). The trader approves the pool on the
 * token once ({@link #approvePool()}); the pool carves the units it takes and pays exact units of its own token.
 *
 * <p>Liquidity: {@link #deposit} (valued at the oracle, for 24-decimal pool shares), {@link #withdrawProRata} (in
 * kind, needs no price) and {@link #withdrawUnits} (chosen units at their value); revenue of the pool's tokens is
 * pulled from the fulfillment vault ({@link #harvest}) and claimed by shareholders ({@link #claimRevenue}).
 *
 * <p>Every transaction is simulated before it is signed, so a refused swap fails with its typed exception of this
 * package (e.g. {@link SlippageExceededException}) without spending gas. Immutable and thread-safe.
 */
public final class SwapClient {

    /** {@code TIMESTAMP PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN}: the block time, by {@code eth_call}. */
    /** The window over which revenue that reaches the pool unlocks to shareholders ({@code REVENUE_UNLOCK}). */
    public static final Duration REVENUE_UNLOCK = Duration.ofDays(1);

    private static final String TIME_PROBE = "0x4260005260206000f3";

    private final BoundContract oracleContract;
    private final HashPriceOracle oracle;
    private final BoundContract valuationContract;
    private final HashPowerValuation valuation;
    private final BoundContract poolContract;
    private final HashPowerSwapPool pool;
    private final BoundContract tokenContract;
    private final HashPowerToken token;
    private final ContractCalls calls;
    private final TransactionSender sender;
    private final LogReader logs;
    private final Eip712Domain oracleDomain;
    private final long deployBlock;
    private final BoundContract lensContract;

    /**
     * Built by {@link io.hashmix.core.HashMix}, which hands it out as
     * {@link io.hashmix.core.HashMix#swap()}; not public API: the context is the SDK's
     * internal wiring, so applications get the client from {@code HashMix.builder()...build()}.
     *
     * @param context where the contracts live and the SDK's plumbing
     */
    public SwapClient(ClientContext context) {
        Deployment deployment = context.deployment();
        ContractCalls calls = context.calls();
        TransactionSender sender = context.sender();
        LogReader logs = context.logs();
        var oracleAt = deployment.contract(ProtocolContract.HASH_PRICE_ORACLE);
        this.oracleContract = new BoundContract("HashPriceOracle", oracleAt.address(), calls, sender);
        this.oracle = oracleContract.encoder(HashPriceOracle::load);
        this.valuationContract = new BoundContract("HashPowerValuation",
                deployment.contract(ProtocolContract.HASH_POWER_VALUATION).address(), calls, sender);
        this.valuation = valuationContract.encoder(HashPowerValuation::load);
        var poolAt = deployment.contract(ProtocolContract.HASH_POWER_SWAP_POOL);
        this.poolContract = new BoundContract("HashPowerSwapPool", poolAt.address(), calls, sender);
        this.pool = poolContract.encoder(HashPowerSwapPool::load);
        this.tokenContract = new BoundContract("HashPowerToken",
                deployment.contract(ProtocolContract.HASH_POWER_TOKEN).address(), calls, sender);
        this.token = tokenContract.encoder(HashPowerToken::load);
        this.calls = calls;
        this.sender = sender;
        this.logs = Objects.requireNonNull(logs, "logs");
        this.oracleDomain = Eip712Domain.hashMix(deployment.chainId(), oracleAt.address());
        this.deployBlock = poolAt.blockNumber();
        this.lensContract = deployment.find(ProtocolContract.SWAP_POOL_LENS)
                .map(c -> new BoundContract("SwapPoolLens", c.address(), calls, null)).orElse(null);
    }

    // ---------------------------------------------------------------------------------------
    // Prices
    // ---------------------------------------------------------------------------------------

    /** The oracle's address. */
    public EvmAddress oracleAddress() {
        return oracleContract.address();
    }

    /** The pool's address (also its share token's). */
    public EvmAddress poolAddress() {
        return poolContract.address();
    }

    /** The EIP-712 domain observers sign their observations in: ("HashMix", "1", chain id, oracle). */
    public Eip712Domain oracleDomain() {
        return oracleDomain;
    }

    /**
     * Relays a committee price report to the oracle (anyone may).
     *
     * @param report the report (check it offline with {@link io.hashmix.proofs.oracle.PriceRules#check} first)
     * @return the feed as recorded (a move beyond the bound records the prices but trips the feed)
     */
    public CompletableFuture<PriceFeed> relayPrices(PriceReport report) {
        Objects.requireNonNull(report, "report");
        List<HashPriceOracle.Observation> observations = report.observations().stream()
                .map(o -> new HashPriceOracle.Observation(o.observer().hex(), o.hashprice(), o.payoutPrice(),
                        o.signature()))
                .toList();
        var struct = new HashPriceOracle.PriceReport(report.assetClass().value(), AbiValues.uint64(report.observedAt()),
                AbiValues.uint64(report.deadline()), AbiValues.uint64(report.committeeEpoch()), observations);
        return oracleContract.send("submitReport", oracle.submitReport(struct))
                .thenCompose(r -> priceFeed(report.assetClass()));
    }

    /**
     * An asset class's feed, usable or not (never fails for an unusable price).
     *
     * @param assetClass the class
     * @return the feed
     */
    public CompletableFuture<PriceFeed> priceFeed(AssetClassId assetClass) {
        CompletableFuture<HashPriceOracle.Feed> feed = oracleContract.read("feed", oracle.feed(assetClass.value()),
                v -> (HashPriceOracle.Feed) v.get(0));
        CompletableFuture<Boolean> usable = oracleContract.read("isUsable", oracle.isUsable(assetClass.value()),
                v -> (Boolean) v.get(0).getValue());
        return feed.thenCombine(usable, (f, u) -> new PriceFeed(assetClass, f.hashprice, f.payoutPrice,
                AbiValues.instant(f.observedAt), Duration.ofSeconds(f.maxAge.longValueExact()), f.maxMoveBps.intValueExact(),
                f.paused, f.tripped, u));
    }

    /**
     * Schedules an asset class's oracle bounds (admin); {@link #applyBounds} after the 2-day delay.
     *
     * @param assetClass the class
     * @param maxAge     heartbeat (1 minute .. 7 days)
     * @param maxMoveBps largest move per report, basis points (1 .. 10,000)
     * @return the receipt
     */
    public CompletableFuture<TxReceipt> scheduleBounds(AssetClassId assetClass, Duration maxAge, int maxMoveBps) {
        return oracleContract.send("scheduleBounds", oracle.scheduleBounds(assetClass.value(),
                BigInteger.valueOf(maxAge.toSeconds()), BigInteger.valueOf(maxMoveBps)));
    }

    /**
     * Applies scheduled bounds once their delay passed (anyone).
     *
     * @param assetClass the class
     * @return the receipt
     */
    public CompletableFuture<TxReceipt> applyBounds(AssetClassId assetClass) {
        return oracleContract.send("applyBounds", oracle.applyBounds(assetClass.value()));
    }

    /**
     * The circuit breaker (role {@code PRICE_GUARDIAN}): pauses or resumes a class's price at once.
     *
     * @param assetClass the class
     * @param paused     true to pause
     * @return the receipt
     */
    public CompletableFuture<TxReceipt> setPaused(AssetClassId assetClass, boolean paused) {
        return oracleContract.send("setPaused", oracle.setPaused(assetClass.value(), paused));
    }

    // ---------------------------------------------------------------------------------------
    // Valuation
    // ---------------------------------------------------------------------------------------

    /**
     * The value of a live token (numeraire, 18 decimals); 0 for an ended, frozen or defaulted product.
     *
     * @param tokenId the token
     * @return the value; fails with {@link PriceUnusableException} when its class has no usable price
     */
    public CompletableFuture<BigInteger> valueOf(TokenId tokenId) {
        return valuationContract.read("valueOf", valuation.valueOf(tokenId.value()), SwapClient::uint);
    }

    /**
     * The value of units of a product.
     *
     * @param productId the product
     * @param units     units
     * @return the value
     */
    public CompletableFuture<BigInteger> valueOfUnits(ProductId productId, BigInteger units) {
        return valuationContract.read("valueOfUnits", valuation.valueOfUnits(productId.value(), units), SwapClient::uint);
    }

    /**
     * A product's delivery ratio over its last 4 settled epochs (x 1e18).
     *
     * @param productId the product
     * @return the ratio
     */
    public CompletableFuture<BigInteger> deliveryRatio(ProductId productId) {
        return valuationContract.read("deliveryRatio", valuation.deliveryRatio(productId.value()), SwapClient::uint);
    }

    // ---------------------------------------------------------------------------------------
    // Swaps
    // ---------------------------------------------------------------------------------------

    /**
     * Approves the pool on every token of this account ({@code setApprovalForAll}): needed once before swaps and
     * deposits (the pool carves or moves the units it takes).
     *
     * @return the receipt
     */
    public CompletableFuture<TxReceipt> approvePool() {
        return tokenContract.send("setApprovalForAll", token.setApprovalForAll(poolAddress().hex(), true));
    }

    /**
     * Quotes a swap: exactly what {@link #swap} executes in the same block.
     *
     * @param tokenIn  the token to give units of
     * @param unitsIn  units to give
     * @param tokenOut the pool's token to receive units of
     * @return the quote; fails with the swap's typed exceptions
     */
    public CompletableFuture<SwapQuote> quote(TokenId tokenIn, BigInteger unitsIn, TokenId tokenOut) {
        return Futures.attempt(() -> {
            requireUnits(unitsIn);
            return poolContract.read("quote", pool.quote(tokenIn.value(), unitsIn, tokenOut.value()), v -> {
                var q = (HashPowerSwapPool.Quote) v.get(0);
                return new SwapQuote(tokenIn, unitsIn, tokenOut, new ProductId(q.productOut), q.valueIn, q.fee, q.unitsOut);
            });
        });
    }

    /**
     * Swaps {@code unitsIn} of {@code tokenIn} (all of them moves the token; fewer are carved off it) for units of
     * the pool's {@code tokenOut} of equal value less the fee, paid to this account.
     *
     * @param tokenIn     the token given (owned by this account, the pool approved)
     * @param unitsIn     units given
     * @param tokenOut    the pool's token
     * @param minUnitsOut the slippage bound
     * @param deadline    last second the swap may execute
     * @return the swap as executed
     */
    public CompletableFuture<SwapResult> swap(TokenId tokenIn, BigInteger unitsIn, TokenId tokenOut, BigInteger minUnitsOut,
            Instant deadline) {
        return Futures.attempt(() -> {
            requireUnits(unitsIn);
            requireUnits(minUnitsOut);
            var params = new HashPowerSwapPool.SwapParams(tokenIn.value(), unitsIn, tokenOut.value(), minUnitsOut,
                    requireSender().hex(), BigInteger.valueOf(deadline.getEpochSecond()));
            return poolContract.send("swap", pool.swap(params)).thenApply(receipt -> {
                var e = poolContract.event(receipt, HashPowerSwapPool.SWAPPED_EVENT,
                        l -> HashPowerSwapPool.getSwappedEventFromLog(l.toWeb3jLog()));
                return new SwapResult(new TokenId(e.tokenIn), new TokenId(e.tokenOut), e.unitsIn, e.unitsOut, e.valueIn, e.fee,
                        new TokenId(e.receivedTokenId), EvmAddress.of(e.recipient), receipt);
            });
        });
    }

    /**
     * The chain's time (the pending block's timestamp as {@code eth_call} sees it): deadlines and price freshness
     * are judged by it, not by this machine's clock.
     *
     * @return the time
     */
    public CompletableFuture<Instant> chainTime() {
        return calls.call(null, TxRequest.deploy(TIME_PROBE, "block time probe")).thenApply(hex -> {
            String h = hex.startsWith("0x") ? hex.substring(2) : hex;
            if (h.length() < 64) {
                throw new RpcProtocolException("the node answered the time probe with " + hex);
            }
            return Instant.ofEpochSecond(new BigInteger(h.substring(0, 64), 16).longValueExact());
        });
    }

    /**
     * Quotes, then swaps with a slippage tolerance on the quote and a deadline {@code validFor} after the chain's
     * current time.
     *
     * @param tokenIn     the token given
     * @param unitsIn     units given
     * @param tokenOut    the pool's token
     * @param slippageBps tolerance on the quoted units, basis points
     * @param validFor    how long the swap may wait to be mined
     * @return the swap as executed
     */
    public CompletableFuture<SwapResult> swap(TokenId tokenIn, BigInteger unitsIn, TokenId tokenOut, int slippageBps,
            Duration validFor) {
        return quote(tokenIn, unitsIn, tokenOut).thenCombine(chainTime(), (q, now) -> swap(tokenIn, unitsIn, tokenOut,
                q.minUnitsOut(slippageBps), now.plus(validFor))).thenCompose(f -> f);
    }

    // ---------------------------------------------------------------------------------------
    // Liquidity
    // ---------------------------------------------------------------------------------------

    /**
     * Deposits units of this account's token for pool shares at the oracle value.
     *
     * @param tokenId   the token (the pool approved)
     * @param units     units (all of them moves the token)
     * @param minShares slippage bound
     * @return the deposit
     */
    public CompletableFuture<LiquidityDeposit> deposit(TokenId tokenId, BigInteger units, BigInteger minShares) {
        return Futures.attempt(() -> {
            requireUnits(units);
            requireUnits(minShares);
            return poolContract.send("deposit", pool.deposit(tokenId.value(), units, minShares, requireSender().hex()))
                    .thenApply(receipt -> {
                        var e = poolContract.event(receipt, HashPowerSwapPool.DEPOSITED_EVENT,
                                l -> HashPowerSwapPool.getDepositedEventFromLog(l.toWeb3jLog()));
                        return new LiquidityDeposit(new TokenId(e.tokenId), e.units, e.value, e.shares, receipt);
                    });
        });
    }

    /**
     * Withdraws pro rata: a fraction {@code shares / (supply + 10^6)} of every usable pool token, in kind.
     *
     * @param shares shares to burn
     * @return the withdrawal
     */
    public CompletableFuture<Withdrawal> withdrawProRata(BigInteger shares) {
        return Futures.attempt(() -> {
            requireUnits(shares);
            return poolContract.send("withdrawProRata", pool.withdrawProRata(shares, requireSender().hex()))
                    .thenApply(this::withdrawal);
        });
    }

    /**
     * Withdraws chosen units of a pool token, burning shares worth their value (rounded up).
     *
     * @param poolToken a token the pool holds
     * @param units     units wanted
     * @param maxShares slippage bound
     * @return the withdrawal
     */
    public CompletableFuture<Withdrawal> withdrawUnits(TokenId poolToken, BigInteger units, BigInteger maxShares) {
        return Futures.attempt(() -> {
            requireUnits(units);
            requireUnits(maxShares);
            return poolContract.send("withdrawUnits", pool.withdrawUnits(poolToken.value(), units, maxShares,
                    requireSender().hex())).thenApply(this::withdrawal);
        });
    }

    /**
     * Pulls the revenue of the pool's holdings from the fulfillment vault into the pool (anyone may). It
     * unlocks to shareholders linearly over {@link #REVENUE_UNLOCK} (so a deposit just before a harvest earns
     * almost none of it), together with what was still unlocking.
     *
     * @param tokenIds       token of each holding
     * @param holdingIndexes index of each holding
     * @return revenue that arrived, per payout token; fails with {@link InvalidRequestException} if the lists'
     *         lengths differ (nothing sent)
     */
    public CompletableFuture<Map<EvmAddress, BigInteger>> harvest(List<TokenId> tokenIds, List<Long> holdingIndexes) {
        if (tokenIds.size() != holdingIndexes.size()) {
            return CompletableFuture.failedFuture(new InvalidRequestException(
                    tokenIds.size() + " tokens but " + holdingIndexes.size() + " holding indexes"));
        }
        return poolContract.send("harvest", pool.harvest(tokenIds.stream().map(TokenId::value).toList(),
                holdingIndexes.stream().map(BigInteger::valueOf).toList())).thenApply(receipt -> {
                    Map<EvmAddress, BigInteger> out = new LinkedHashMap<>();
                    for (var e : poolContract.events(receipt, HashPowerSwapPool.REVENUELOCKED_EVENT,
                            l -> HashPowerSwapPool.getRevenueLockedEventFromLog(l.toWeb3jLog()))) {
                        out.merge(EvmAddress.of(e.payout), e.amount, BigInteger::add);
                    }
                    return out;
                });
    }

    /**
     * Redeems the pool's share of frozen products' forfeited collateral (anyone may), drops the tokens from the
     * pool's books and credits the redemption to shareholders at once. Until this has run for a frozen product
     * the pool holds, deposits and withdrawals of chosen units fail with {@link RedemptionPendingException}, so
     * the redemption goes to the shares outstanding at the freeze. The hardware registry pays the holder of each
     * token at its product's freeze; the pool
     * names its own current holding, so only tokens the pool already held when their product was frozen are
     * paid to it. A token the pool received after the freeze fails with {@code NotHolderAtFreezeException}:
     * its holder at the freeze redeems it ({@code hm.tokenization().redeemFrozen}).
     *
     * @param tokenIds tokens of frozen products the pool owns (at most
     *                 {@link io.hashmix.core.tokenization.TokenizationClient#MAX_REDEEM_TOKENS})
     * @return revenue credited to shareholders, per payout token (the redemption, plus any revenue that
     *         unlocked since the last update); fails with {@link InvalidRequestException}
     *         for an empty or too long list (nothing sent), {@link NotTokenOwnerException} for a token the pool
     *         does not own, or the registry's errors ({@code NotHolderAtFreezeException}, {@code NotFrozenException},
     *         {@code AlreadyRedeemedException} of {@code io.hashmix.core.tokenization})
     */
    public CompletableFuture<Map<EvmAddress, BigInteger>> redeemFrozen(List<TokenId> tokenIds) {
        int max = io.hashmix.core.tokenization.TokenizationClient.MAX_REDEEM_TOKENS;
        if (tokenIds.isEmpty() || tokenIds.size() > max) {
            return CompletableFuture.failedFuture(new InvalidRequestException(
                    "1 to " + max + " tokens per redemption, got " + tokenIds.size()));
        }
        return poolContract.send("redeemFrozen", pool.redeemFrozen(tokenIds.stream().map(TokenId::value).toList()))
                .thenApply(this::distributed);
    }

    private Map<EvmAddress, BigInteger> distributed(TxReceipt receipt) {
        Map<EvmAddress, BigInteger> out = new LinkedHashMap<>();
        for (var e : poolContract.events(receipt, HashPowerSwapPool.REVENUEDISTRIBUTED_EVENT,
                l -> HashPowerSwapPool.getRevenueDistributedEventFromLog(l.toWeb3jLog()))) {
            out.merge(EvmAddress.of(e.payout), e.amount, BigInteger::add);
        }
        return out;
    }

    /**
     * Pays this account its share of the pool's revenue in every payout token.
     *
     * @return what was paid, per payout token
     */
    public CompletableFuture<Map<EvmAddress, BigInteger>> claimRevenue() {
        return poolContract.send("claimRevenue", pool.claimRevenue()).thenApply(receipt -> {
            Map<EvmAddress, BigInteger> out = new LinkedHashMap<>();
            for (var e : poolContract.events(receipt, HashPowerSwapPool.REVENUECLAIMED_EVENT,
                    l -> HashPowerSwapPool.getRevenueClaimedEventFromLog(l.toWeb3jLog()))) {
                out.merge(EvmAddress.of(e.payout), e.amount, BigInteger::add);
            }
            return out;
        });
    }

    /**
     * The tokens the pool shares among its shareholders (its classes' payout tokens and its reward token, HMX),
     * in the order {@link #claimRevenue} pays them; read from the pool's lens ({@code SwapPoolLens}).
     *
     * @return the tokens; fails with {@link InvalidRequestException} if the deployment has no pool lens
     */
    public CompletableFuture<List<EvmAddress>> payoutTokens() {
        if (lensContract == null) {
            return CompletableFuture.failedFuture(new InvalidRequestException("the deployment has no SwapPoolLens"));
        }
        return lensContract.read("payoutTokens", lensContract.encoder(SwapPoolLens::load).payoutTokens(), v -> {
            @SuppressWarnings("unchecked")
            List<org.web3j.abi.datatypes.Address> list = (List<org.web3j.abi.datatypes.Address>) v.get(0).getValue();
            return list.stream().map(a -> EvmAddress.of(a.getValue())).toList();
        });
    }

    /**
     * Revenue an account can claim in a payout token.
     *
     * @param account the shareholder
     * @param payout  the payout token
     * @return the amount
     */
    public CompletableFuture<BigInteger> claimableRevenue(EvmAddress account, EvmAddress payout) {
        return poolContract.read("claimableRevenue", pool.claimableRevenue(account.hex(), payout.hex()), SwapClient::uint);
    }

    /**
     * Pool shares of an account.
     *
     * @param account the account
     * @return its shares (24 decimals)
     */
    public CompletableFuture<BigInteger> shares(EvmAddress account) {
        return poolContract.read("balanceOf", pool.balanceOf(account.hex()), SwapClient::uint);
    }

    /**
     * Schedules a pool class setting (admin); {@link #applyClass} after the 2-day delay.
     *
     * @param assetClass   the class
     * @param maxUnits     exposure cap in units
     * @param minRemaining minimum term left of incoming tokens
     * @return the receipt
     */
    public CompletableFuture<TxReceipt> scheduleClass(AssetClassId assetClass, BigInteger maxUnits, Duration minRemaining) {
        return poolContract.send("scheduleClass", pool.scheduleClass(assetClass.value(), maxUnits,
                BigInteger.valueOf(minRemaining.toSeconds())));
    }

    /**
     * Applies a scheduled pool class setting once its delay passed (anyone).
     *
     * @param assetClass the class
     * @return the receipt
     */
    public CompletableFuture<TxReceipt> applyClass(AssetClassId assetClass) {
        return poolContract.send("applyClass", pool.applyClass(assetClass.value()));
    }

    // ---------------------------------------------------------------------------------------
    // State and events
    // ---------------------------------------------------------------------------------------

    /**
     * The pool's tokens (with their products and units, from the pool's lens), value, supply and fee.
     *
     * @return the state; fails with {@link InvalidRequestException} if the deployment has no pool lens
     */
    @SuppressWarnings("unchecked")
    public CompletableFuture<PoolState> poolState() {
        CompletableFuture<List<BigInteger>> ids = poolContract.read("heldTokens", pool.heldTokens(),
                v -> ((List<Uint256>) v.get(0).getValue()).stream().map(Uint256::getValue).toList());
        if (lensContract == null) {
            return CompletableFuture.failedFuture(new InvalidRequestException("the deployment has no SwapPoolLens"));
        }
        SwapPoolLens lens = lensContract.encoder(SwapPoolLens::load);
        CompletableFuture<List<HeldToken>> held = ids.thenCompose(list -> list.isEmpty()
                ? CompletableFuture.completedFuture(List.of())
                : lensContract.readAll("heldToken", list.stream().map(lens::heldToken).toList(), v -> v)
                        .thenApply(results -> {
                            List<HeldToken> out = new ArrayList<>();
                            for (int i = 0; i < list.size(); i++) {
                                List<Type> r = results.get(i);
                                out.add(new HeldToken(new TokenId(list.get(i)), new ProductId((BigInteger) r.get(0).getValue()),
                                        (BigInteger) r.get(1).getValue()));
                            }
                            return out;
                        }));
        CompletableFuture<Optional<BigInteger>> value = poolContract.read("totalValue", pool.totalValue(), SwapClient::uint)
                .thenApply(Optional::of)
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof PriceUnusableException) {
                        return Optional.empty();
                    }
                    throw e instanceof CompletionException ce ? ce : new CompletionException(e);
                });
        CompletableFuture<BigInteger> supply = poolContract.read("totalSupply", pool.totalSupply(), SwapClient::uint);
        CompletableFuture<BigInteger> fee = poolContract.read("feeBps", pool.feeBps(), SwapClient::uint);
        return CompletableFuture.allOf(held, value, supply, fee).thenApply(x -> new PoolState(value.join(), supply.join(),
                fee.join().intValueExact(), held.join()));
    }

    /**
     * The pool's swaps, deposits and withdrawals in a block range (inclusive), in chain order.
     *
     * @param fromBlock first block (clamped to the pool's deployment block)
     * @param toBlock   last block
     * @return the events
     */
    public CompletableFuture<List<PoolEvent>> events(long fromBlock, long toBlock) {
        long from = Math.max(fromBlock, deployBlock);
        if (toBlock < from) {
            return CompletableFuture.completedFuture(List.of());
        }
        String swapped = EventEncoder.encode(HashPowerSwapPool.SWAPPED_EVENT);
        String deposited = EventEncoder.encode(HashPowerSwapPool.DEPOSITED_EVENT);
        String withdrawn = EventEncoder.encode(HashPowerSwapPool.WITHDRAWN_EVENT);
        LogFilter filter = new LogFilter(List.of(poolAddress()), List.of(List.of(swapped, deposited, withdrawn)), from,
                toBlock);
        return logs.read(filter).thenApply(entries -> {
            List<PoolEvent> out = new ArrayList<>(entries.size());
            for (LogEntry l : entries) {
                if (l.isEvent(swapped)) {
                    var e = HashPowerSwapPool.getSwappedEventFromLog(l.toWeb3jLog());
                    out.add(new PoolEvent.Swapped(l.blockNumber(), l.transactionHash(), EvmAddress.of(e.trader),
                            new TokenId(e.tokenIn), new TokenId(e.tokenOut), e.unitsIn, e.unitsOut, e.valueIn, e.fee,
                            new TokenId(e.receivedTokenId)));
                } else if (l.isEvent(deposited)) {
                    var e = HashPowerSwapPool.getDepositedEventFromLog(l.toWeb3jLog());
                    out.add(new PoolEvent.Deposited(l.blockNumber(), l.transactionHash(), EvmAddress.of(e.provider),
                            new TokenId(e.tokenId), e.units, e.value, e.shares));
                } else {
                    var e = HashPowerSwapPool.getWithdrawnEventFromLog(l.toWeb3jLog());
                    out.add(new PoolEvent.Withdrawn(l.blockNumber(), l.transactionHash(), EvmAddress.of(e.provider),
                            new TokenId(e.tokenId), e.units, new TokenId(e.receivedTokenId)));
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    private Withdrawal withdrawal(TxReceipt receipt) {
        var burnt = poolContract.event(receipt, HashPowerSwapPool.SHARESBURNT_EVENT,
                l -> HashPowerSwapPool.getSharesBurntEventFromLog(l.toWeb3jLog()));
        List<Withdrawal.Payout> payouts = poolContract.events(receipt, HashPowerSwapPool.WITHDRAWN_EVENT, l -> {
            var e = HashPowerSwapPool.getWithdrawnEventFromLog(l.toWeb3jLog());
            return new Withdrawal.Payout(new TokenId(e.tokenId), new TokenId(e.receivedTokenId), e.units);
        });
        return new Withdrawal(burnt.shares, burnt.value, payouts, receipt);
    }

    private EvmAddress requireSender() {
        if (sender == null) {
            throw new InvalidRequestException("this HashMix instance is read-only: swaps and liquidity need credentials");
        }
        return sender.sender();
    }

    private static void requireUnits(BigInteger units) {
        Objects.requireNonNull(units, "units");
        if (units.signum() < 0 || units.bitLength() > 256) {
            throw new InvalidRequestException("amount must be a uint256, got " + units);
        }
    }

    private static BigInteger uint(List<Type> v) {
        return (BigInteger) v.get(0).getValue();
    }
}
