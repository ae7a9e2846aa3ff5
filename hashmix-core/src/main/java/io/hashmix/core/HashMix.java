package io.hashmix.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.HashMixException;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.assetclass.AssetClassClient;
import io.hashmix.core.committee.CommitteeClient;
import io.hashmix.core.erc20.Erc20Client;
import io.hashmix.core.events.LogReader;
import io.hashmix.core.internal.Futures;
import io.hashmix.core.internal.ClientContext;
import io.hashmix.core.internal.Domain;
import io.hashmix.core.internal.Domains;
import io.hashmix.core.internal.ProtocolErrors;
import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.tokenization.TokenizationClient;
import io.hashmix.core.fulfillment.FulfillmentClient;
import io.hashmix.core.lending.LendingClient;
import io.hashmix.core.market.MarketClient;
import io.hashmix.core.rpc.NodeUnavailableException;
import io.hashmix.core.rpc.RetryPolicy;
import io.hashmix.core.tx.ContractCalls;
import io.hashmix.core.tx.FeePolicy;
import io.hashmix.core.tx.NonceManager;
import io.hashmix.core.tx.Quantities;
import io.hashmix.core.tx.ReceiptPolicy;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.proofs.EvmAddress;

import okhttp3.OkHttpClient;

/**
 * The HashMix SDK's entry point: one connection to a node, one signing key (optional), one
 * deployment, and a typed client per protocol domain.
 *
 * <pre>{@code
 * try (HashMix hm = HashMix.builder()
 *         .rpc("http://127.0.0.1:8545")
 *         .credentials(Credentials.create(privateKeyHex))
 *         .deployment(Deployment.fromJson(Path.of("deployment.json")))
 *         .build()) {
 *     AssetClass btc = hm.assetClasses().get(AssetClassId.ofSymbol("BTC-SHA256")).join();
 * }
 * }</pre>
 *
 * <p>{@link Builder#build()} (blocking) and {@link Builder#buildAsync()} ask the node for its chain id
 * and fail with {@link ChainIdMismatchException} if the deployment is for another chain, or with
 * {@link NodeUnavailableException} (naming the URL) if the node refuses the connection or does not
 * answer within the {@linkplain Builder#startupTimeout(Duration) start-up timeout} (default 5 s).
 * Thread-safe. Close it to stop the SDK's scheduler (and the OkHttp client it created, if any;
 * an injected client is left to its owner).
 */
public final class HashMix implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HashMix.class);
    /** Widest block range asked of eth_getLogs at once; the reader halves it when a node refuses. */
    private static final long LOG_RANGE = 10_000;

    private final JsonRpcClient rpc;
    private final long chainId;
    private final Deployment deployment;
    private final ContractCalls calls;
    private final TransactionSender transactions;
    private final ScheduledExecutorService scheduler;
    private final OkHttpClient ownedHttp;
    private final Map<Domain<?>, Object> clients;
    private final Erc20Client erc20;
    private final LogReader logs;

    private HashMix(JsonRpcClient rpc, long chainId, Deployment deployment, ContractCalls calls,
                    TransactionSender transactions, ScheduledExecutorService scheduler, OkHttpClient ownedHttp) {
        this.rpc = rpc;
        this.chainId = chainId;
        this.deployment = deployment;
        this.calls = calls;
        this.transactions = transactions;
        this.scheduler = scheduler;
        this.ownedHttp = ownedHttp;
        this.logs = new LogReader(rpc, LOG_RANGE, transactions == null ? 1 : transactions.receiptPolicy().confirmations());
        ClientContext context = new ClientContext(deployment, calls, transactions, logs);
        this.erc20 = new Erc20Client(context);
        Map<Domain<?>, Object> built = new HashMap<>();
        if (deployment != null) {
            for (Domain<?> domain : Domains.ALL) {
                if (domain.contracts().stream().allMatch(c -> deployment.find(c).isPresent())) {
                    built.put(domain, domain.create(context));
                }
            }
        }
        this.clients = Map.copyOf(built);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The chain id the node reported. */
    public long chainId() {
        return chainId;
    }

    /** The deployment in use, if one was given. */
    public Optional<Deployment> deployment() {
        return Optional.ofNullable(deployment);
    }

    /** The JSON-RPC client, for calls the typed clients do not cover. */
    public JsonRpcClient rpc() {
        return rpc;
    }

    /** Read-only contract calls with decoded reverts. */
    public ContractCalls calls() {
        return calls;
    }

    /** The signing account. */
    public EvmAddress account() {
        return transactions().sender();
    }

    /**
     * The transaction layer of the configured key.
     *
     * @throws InvalidRequestException if the SDK was built without credentials (read-only)
     */
    public TransactionSender transactions() {
        if (transactions == null) {
            throw new InvalidRequestException("this HashMix instance is read-only: build it with credentials(...) to send transactions");
        }
        return transactions;
    }

    /**
     * Asset classes: register, read, activate, and change payout tokens (time-locked).
     *
     * @throws InvalidRequestException if no deployment was configured or it has no asset class registry
     */
    public AssetClassClient assetClasses() {
        return client(Domains.ASSET_CLASSES);
    }

    /**
     * The attestor committee: members, bonds, thresholds, on-chain signature checks.
     *
     * @throws InvalidRequestException if the deployment has no attestor registry
     */
    public CommitteeClient committee() {
        return client(Domains.COMMITTEE);
    }

    /**
     * Hash power tokens: mint from attestations, split, merge, transfer, ownership proofs, challenges.
     *
     * @throws InvalidRequestException if the deployment has no hash power token
     */
    public TokenizationClient tokenization() {
        return client(Domains.TOKENIZATION);
    }

    /**
     * Fulfillment: epoch reports, revenue deposits, holders' claims, shortfall compensation,
     * settlement records and collateral withdrawal.
     *
     * @throws InvalidRequestException if the deployment has no fulfillment vault
     */
    public FulfillmentClient fulfillment() {
        return client(Domains.FULFILLMENT);
    }

    /**
     * The market: sign and fill listings, offers, criteria offers and swap orders, cancel, read
     * order status, vet orders in bulk.
     *
     * @throws InvalidRequestException if the deployment has no market
     */
    public MarketClient market() {
        return client(Domains.MARKET);
    }

    /**
     * Swap: relay price reports, value tokens, quote and swap hash power across coins with a slippage bound,
     * add and remove liquidity, collect the pool's revenue.
     *
     * @throws InvalidRequestException if the deployment has no swap pool
     */
    public io.hashmix.core.swap.SwapClient swap() {
        return client(Domains.SWAP);
    }

    /**
     * Credit: every account's score and breakdown, the collateral a planned product needs, the
     * offline credit report checked against the contract.
     *
     * @throws InvalidRequestException if the deployment has no credit registry
     */
    public io.hashmix.core.credit.CreditClient credit() {
        return client(Domains.CREDIT);
    }

    /**
     * Incentives: the programs and their share of HMX emission, claimable rewards across programs in
     * one batched read, claims.
     *
     * @throws InvalidRequestException if the deployment has no emission controller
     */
    public io.hashmix.core.incentives.IncentivesClient incentives() {
        return client(Domains.INCENTIVES);
    }

    /**
     * Lending: self-repaying loans against hash power tokens: sign and fill loan orders, sweep revenue onto debts,
     * repay, refinance, foreclose and bid, loan views and records.
     *
     * @throws InvalidRequestException if the deployment has no lending contract
     */
    public LendingClient lending() {
        return client(Domains.LENDING);
    }

    /** ERC-20 calls (payout tokens, collateral). */
    public Erc20Client erc20() {
        return erc20;
    }

    /** Event logs over adaptively split ranges, behind the head by the receipt confirmations. */
    public LogReader logs() {
        return logs;
    }

    @SuppressWarnings("unchecked")
    private <C> C client(Domain<C> domain) {
        Object client = clients.get(domain);
        if (client == null) {
            throw new InvalidRequestException(deployment == null
                    ? "no deployment configured: build with deployment(Deployment.fromJson(...))"
                    : "the deployment on chain " + deployment.chainId() + " lacks the " + domain.name() + " contracts "
                            + domain.contracts().stream().filter(c -> deployment.find(c).isEmpty())
                                    .map(ProtocolContract::artifactName).toList());
        }
        return (C) client;
    }

    /** Stops the SDK's scheduler and, if the SDK created it, its HTTP client. Idempotent. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        if (ownedHttp != null) {
            ownedHttp.dispatcher().executorService().shutdown();
            ownedHttp.connectionPool().evictAll();
        }
    }

    /** Builds {@link HashMix} instances. Not thread-safe; the built instance is. */
    public static final class Builder {
        private String rpcUrl;
        private OkHttpClient http;
        private Credentials credentials;
        private Deployment deployment;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration startupTimeout = Duration.ofSeconds(5);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private FeePolicy feePolicy = FeePolicy.DEFAULT;
        private ReceiptPolicy receiptPolicy = ReceiptPolicy.DEFAULT;

        private Builder() {
        }

        /** The node's JSON-RPC URL (required). */
        public Builder rpc(String url) {
            this.rpcUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * An OkHttp client to share (connection pool, dispatcher, interceptors). The SDK derives a
         * client from it with its own timeouts and never shuts the given one down.
         */
        public Builder okHttpClient(OkHttpClient client) {
            this.http = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The signing key; without one the instance is read-only. */
        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The deployment to talk to; its chain id is checked against the node's. */
        public Builder deployment(Deployment deployment) {
            this.deployment = Objects.requireNonNull(deployment, "deployment");
            return this;
        }

        /**
         * The bound on one HTTP attempt of a call, connect to last byte (default 10 s). Failed attempts
         * are retried per the {@link #retryPolicy(RetryPolicy) retry policy}. The start-up chain-id check
         * is bounded as a whole by {@link #startupTimeout(Duration)} instead.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * The bound on opening a TCP (and TLS) connection to the node (default 3 s), separate from the
         * {@linkplain #requestTimeout(Duration) request timeout}.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * The bound on the whole start-up check of {@link #build()} and {@link #buildAsync()}: asking
         * the node for its chain id, every attempt and retry included (default 5 s). A node that
         * accepts connections but never answers fails the build with {@link NodeUnavailableException}
         * once it has passed, whatever the request timeout and retry policy; a refused connection
         * fails as soon as the retries are spent. The timeouts of later calls are not affected.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = positive(timeout, "startupTimeout");
            return this;
        }

        /** Retries of transient transport faults (default {@link RetryPolicy#DEFAULT}). */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Fees and gas limits (default {@link FeePolicy#DEFAULT}). */
        public Builder feePolicy(FeePolicy policy) {
            this.feePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Receipt confirmations and timeout (default {@link ReceiptPolicy#DEFAULT}). */
        public Builder receiptPolicy(ReceiptPolicy policy) {
            this.receiptPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Connects, checks the chain id, and builds, blocking the calling thread until the node has
         * answered or the {@linkplain #startupTimeout(Duration) start-up timeout} has passed. The
         * blocking form of {@link #buildAsync()}: it throws the typed exception itself, never a
         * {@link CompletionException} or {@link ExecutionException} wrapper.
         *
         * @return the connected instance; close it when done
         * @throws IllegalStateException if {@link #rpc(String)} was not called
         * @throws IllegalArgumentException if the RPC URL is not an http(s) URL
         * @throws NodeUnavailableException if the node refused the connection after the retries, or did not
         *                                  answer within the start-up timeout (the message names the URL)
         * @throws ChainIdMismatchException if the node serves another chain than the deployment
         * @throws HashMixException if the calling thread was interrupted while waiting (its interrupt
         *                          status is set again), or on any other failure of the chain-id check
         */
        public HashMix build() {
            CompletableFuture<HashMix> pending = buildAsync();
            try {
                return pending.get();
            } catch (ExecutionException e) {
                throw Blocking.rethrowable(e);
            } catch (InterruptedException e) {
                pending.cancel(true); // releases the scheduler and the owned HTTP client
                Thread.currentThread().interrupt();
                throw new HashMixException("interrupted while connecting to " + rpcUrl, e);
            }
        }

        /**
         * Connects, checks the chain id, and builds without blocking the calling thread: it returns
         * at once, and the future completes on an SDK thread (an OkHttp or scheduler thread; do not
         * block in callbacks attached to it without an executor of your own).
         *
         * <p>Configuration errors are programming errors and are thrown at once, before any I/O:
         * {@link IllegalStateException} without {@link #rpc(String)}, {@link IllegalArgumentException}
         * for a URL that is not http(s). Everything that depends on the node arrives in the future:
         * it fails with {@link NodeUnavailableException} if the node refused the connection after the
         * retries or did not answer within the {@linkplain #startupTimeout(Duration) start-up timeout},
         * with {@link ChainIdMismatchException} if it serves another chain than the deployment, or with
         * the typed exception of an unusable answer ({@link io.hashmix.core.rpc.RpcErrorException},
         * {@link io.hashmix.core.rpc.RpcProtocolException}). On every failure, and if the future is
         * cancelled, the SDK's scheduler and the OkHttp client it created (if any) are released; an
         * injected client is left to its owner.
         *
         * @return a future of the connected instance; close the instance when done
         * @throws IllegalStateException if {@link #rpc(String)} was not called
         * @throws IllegalArgumentException if the RPC URL is not an http(s) URL
         */
        public CompletableFuture<HashMix> buildAsync() {
            if (rpcUrl == null) {
                throw new IllegalStateException("rpc(url) is required");
            }
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads());
            scheduler.setRemoveOnCancelPolicy(true);
            // a failed start-up calls shutdown() from an SDK thread (maybe the scheduler's own): drop pending
            // retries and the deadline instead of running them, without interrupting the calling thread
            scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
            OkHttpClient owned = null;
            Startup startup;
            try {
                OkHttpClient base = http != null ? http : new OkHttpClient();
                OkHttpClient client = base.newBuilder()
                        .connectTimeout(connectTimeout)
                        .callTimeout(requestTimeout)
                        .readTimeout(requestTimeout)
                        .retryOnConnectionFailure(false) // our RetryPolicy decides, with backoff
                        .build();
                owned = http == null ? client : null;
                JsonRpcClient rpc = new JsonRpcClient(rpcUrl, client, retryPolicy, scheduler);
                // the chain-id check goes through a sibling client (same pool and dispatcher) whose attempts end
                // soon after the start-up deadline, so that not even an injected client keeps one in flight for
                // the whole request timeout
                AtomicInteger attempts = new AtomicInteger();
                OkHttpClient startupClient = client.newBuilder()
                        .callTimeout(min(requestTimeout, startupTimeout.plusSeconds(1)))
                        .addInterceptor(chain -> {
                            attempts.incrementAndGet();
                            return chain.proceed(chain.request());
                        })
                        .build();
                JsonRpcClient startupRpc = new JsonRpcClient(rpcUrl, startupClient, retryPolicy, scheduler);
                startup = new Startup(rpc, scheduler, owned, attempts);
                startup.begin(startupRpc);
            } catch (RuntimeException e) {
                release(scheduler, owned);
                throw e;
            }
            return startup.result;
        }

        /** One start-up: the chain-id check against its deadline, and who gets to settle the outcome. */
        private final class Startup {
            private final JsonRpcClient rpc;
            private final ScheduledThreadPoolExecutor scheduler;
            private final OkHttpClient owned;
            private final AtomicInteger attempts;
            private final AtomicBoolean settled = new AtomicBoolean();
            private final CompletableFuture<HashMix> result = new CompletableFuture<>();

            private Startup(JsonRpcClient rpc, ScheduledThreadPoolExecutor scheduler, OkHttpClient owned, AtomicInteger attempts) {
                this.rpc = rpc;
                this.scheduler = scheduler;
                this.owned = owned;
                this.attempts = attempts;
            }

            private void begin(JsonRpcClient startupRpc) {
                // a caller's cancel() releases everything, unless the instance is already being built (then
                // succeed() finds the future cancelled and closes it)
                result.whenComplete((hm, e) -> {
                    if (result.isCancelled() && settled.compareAndSet(false, true)) {
                        release(scheduler, owned);
                    }
                });
                ScheduledFuture<?> deadline = scheduler.schedule(() -> fail(new NodeUnavailableException(rpcUrl, "eth_chainId",
                        Math.max(1, attempts.get()), new TimeoutException("no answer within the start-up timeout of "
                                + startupTimeout.toMillis() + " ms (HashMix.Builder.startupTimeout)"))),
                        startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
                startupRpc.call("eth_chainId").whenComplete((answer, e) -> {
                    deadline.cancel(false);
                    if (e != null) {
                        fail(Futures.unwrap(e));
                    } else {
                        succeed(answer);
                    }
                });
            }

            private void succeed(JsonNode answer) {
                if (!settled.compareAndSet(false, true)) {
                    return;
                }
                HashMix hm;
                try {
                    long chainId = Quantities.toLong(answer);
                    if (deployment != null && deployment.chainId() != chainId) {
                        throw new ChainIdMismatchException(rpcUrl, deployment.chainId(), chainId);
                    }
                    ContractCalls calls = new ContractCalls(rpc, ProtocolErrors.decoder());
                    TransactionSender sender = credentials == null ? null : new TransactionSender(rpc, credentials, chainId,
                            feePolicy, receiptPolicy, new NonceManager(rpc), calls, scheduler);
                    hm = new HashMix(rpc, chainId, deployment, calls, sender, scheduler, owned);
                    log.debug("connected to {} (chain {})", rpcUrl, chainId);
                } catch (RuntimeException | Error e) {
                    release(scheduler, owned);
                    result.completeExceptionally(e);
                    return;
                }
                if (!result.complete(hm)) {
                    hm.close(); // cancelled meanwhile
                }
            }

            private void fail(Throwable e) {
                if (settled.compareAndSet(false, true)) {
                    release(scheduler, owned);
                    result.completeExceptionally(e);
                }
            }
        }

        /** Stops a start-up's scheduler and the HTTP client it created, cancelling what they still have in flight. */
        private static void release(ScheduledThreadPoolExecutor scheduler, OkHttpClient owned) {
            scheduler.shutdown(); // pending delayed tasks are dropped (see buildAsync); not shutdownNow: may be this thread
            if (owned != null) {
                owned.dispatcher().cancelAll();
                owned.dispatcher().executorService().shutdown();
                owned.connectionPool().evictAll();
            }
        }

        private static Duration min(Duration a, Duration b) {
            return a.compareTo(b) <= 0 ? a : b;
        }

        private static java.util.concurrent.ThreadFactory daemonThreads() {
            AtomicInteger n = new AtomicInteger();
            java.util.concurrent.ThreadFactory base = Executors.defaultThreadFactory();
            return r -> {
                Thread t = base.newThread(r);
                t.setName("hashmix-scheduler-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
