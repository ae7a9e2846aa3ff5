package io.hashmix.examples.exchange;

import java.math.BigInteger;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hashmix.proofs.eip712.AbiWords;

/**
 * The exchange backend: wires the {@link Database}, the {@link OrderBook}, {@link Settlements},
 * {@link OrderIntake}, {@link Matcher}, {@link Settler} and {@link ChainFollower} over a {@link MarketPort}.
 *
 * <p>{@link #start} opens and migrates the database, puts the settlements a previous process left
 * {@link SettlementState#SUBMITTED} in doubt, catches up with the chain (which confirms or, after the grace
 * blocks, fails them) and then follows it in the background. Buys run one at a time. {@link #close} stops the
 * follower and closes the database; nothing else needs shutting down, and a crash at any point is recovered by
 * the next {@link #start} on the same database. {@code main} lives in {@link ExchangeServer}.
 */
public final class ExchangeBackend implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExchangeBackend.class);

    private final Database db;
    private final OrderBook book;
    private final Settlements settlements;
    private final OrderIntake intake;
    private final Matcher matcher;
    private final Settler settler;
    private final ChainFollower follower;
    private final MarketPort port;
    private final ScheduledExecutorService scheduler;
    private final ReentrantLock buying = new ReentrantLock();

    private ExchangeBackend(ExchangeConfig config, MarketPort port, Clock clock, Database db) {
        this.db = db;
        this.port = port;
        this.book = new OrderBook(db);
        this.settlements = new Settlements(db, clock, port.account());
        this.intake = new OrderIntake(book, port, clock);
        this.matcher = new Matcher(book, settlements, port, clock);
        this.settler = new Settler(settlements, port);
        this.follower = new ChainFollower(db, book, settlements, port, config.confirmations(), config.maxBlockRange(),
                config.inDoubtGraceBlocks(), config.reorgDepth());
        this.scheduler = config.pollInterval() == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "exchange-chain-follower");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the backend: database, recovery, catch-up, background following.
     *
     * @param config how to run
     * @param port the chain
     * @param clock the clock (expiries, record times)
     * @return the running backend
     * @throws StoreException if the database cannot be opened
     * @throws java.util.concurrent.CompletionException if the chain cannot be read for the catch-up
     */
    public static ExchangeBackend start(ExchangeConfig config, MarketPort port, Clock clock) {
        Database db = Database.open(config.jdbcUrl());
        ExchangeBackend backend = new ExchangeBackend(config, port, clock, db);
        try {
            long cursor = backend.book.initCursor(port.validator(clock).expectedDomain(), config.firstBlock() - 1);
            int inDoubt = backend.settlements.inDoubtAfterRestart();
            if (inDoubt > 0) {
                log.warn("{} settlement(s) were being sent when the exchange stopped: in doubt until the chain says", inDoubt);
            }
            ChainFollower.Progress progress = backend.follower.catchUp();
            log.info("exchange started as {}: cursor {} -> {}, {} new fill(s)", port.account(), cursor, progress.cursor(),
                    progress.newFills());
            if (backend.scheduler != null) {
                long every = config.pollInterval().toMillis();
                backend.scheduler.scheduleWithFixedDelay(backend::followQuietly, every, every, TimeUnit.MILLISECONDS);
            }
            return backend;
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /**
     * Takes a signed order (JSON) into the book.
     *
     * @param json the signed order
     * @return accepted or rejected with a reason
     */
    public IntakeResult submitOrder(String json) {
        return intake.submit(json);
    }

    /**
     * Buys: makes sure the market may take the most the request can cost (an ERC-20 approval the first time),
     * matches the request against the book and settles the plan in one transaction. One buy at a time.
     *
     * @param request what to buy
     * @return the outcome
     * @throws java.util.concurrent.CompletionException if the chain cannot be reached before anything is sent
     */
    public BuyResult buy(BuyRequest request) {
        buying.lock();
        try {
            BigInteger most = request.units().multiply(request.maxPricePerUnit()).min(AbiWords.UINT256_MAX);
            port.ensureAllowance(request.currency(), most).join();
            return settler.settle(matcher.match(request));
        } finally {
            buying.unlock();
        }
    }

    /**
     * Follows the chain now (the background follower does the same).
     *
     * @return what was applied
     */
    public ChainFollower.Progress follow() {
        return follower.catchUp();
    }

    /**
     * The order book.
     *
     * @return the book
     */
    public OrderBook book() {
        return book;
    }

    /**
     * The settlement records.
     *
     * @return the settlements
     */
    public Settlements settlements() {
        return settlements;
    }

    private void followQuietly() {
        try {
            ChainFollower.Progress p = follower.catchUp();
            if (p.newFills() > 0) {
                log.info("followed to block {}: {} new fill(s)", p.cursor(), p.newFills());
            }
        } catch (RuntimeException e) {
            log.warn("following the chain failed (retried at the next poll): {}", e.toString());
        }
    }

    /** Stops the background follower and closes the database. Idempotent. */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        db.close();
    }
}
