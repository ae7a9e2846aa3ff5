package io.hashmix.examples.exchange;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.web3j.crypto.Credentials;

import io.hashmix.core.errors.ContractRevertException;
import io.hashmix.core.events.BlockRef;
import io.hashmix.core.market.Fill;
import io.hashmix.core.market.FillProblem;
import io.hashmix.core.market.Fillability;
import io.hashmix.core.market.ListingFill;
import io.hashmix.core.market.MarketEvent;
import io.hashmix.core.tx.ReceiptTimeoutException;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.market.Listing;
import io.hashmix.proofs.market.OrderKind;
import io.hashmix.proofs.market.OrderSigner;
import io.hashmix.proofs.market.OrderValidator;
import io.hashmix.proofs.market.PricedOrder;
import io.hashmix.proofs.market.SignedOrder;
import io.hashmix.testing.devnet.DevAccounts;

/**
 * A market on a pretend chain, enough for the exchange's tests: every transaction is mined in a block of its own,
 * fills follow the market's size rules (remaining, minimum fill), events are kept in chain order, and faults can be
 * injected into the next {@code fillListings}. Thread-safe (synchronized).
 */
final class FakeMarket implements MarketPort {

    static final long CHAIN_ID = 31337;
    static final EvmAddress MARKET = EvmAddress.of("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    static final Eip712Domain DOMAIN = Eip712Domain.hashMix(CHAIN_ID, MARKET);
    static final AssetClassId BTC = AssetClassId.ofSymbol("BTC-SHA256");
    static final AssetClassId FIL = AssetClassId.ofSymbol("FIL-STORAGE");
    static final EvmAddress USDC = EvmAddress.of("0x00000000000000000000000000000000000000c0");
    static final List<Credentials> KEYS = DevAccounts.hardhat();

    /** What the next {@code fillListings} does besides filling. */
    enum Fault {
        /** Nothing: fills and returns the fills. */
        NONE,
        /** Reverts: nothing is filled. */
        REVERT,
        /** Fills on chain, then fails as if the node stopped answering before the receipt. */
        LOSE_RECEIPT,
        /** Fills on chain, then the exchange process dies (an {@link Error} the exchange does not catch). */
        CRASH_AFTER_SEND,
        /** The exchange process dies before the transaction leaves: nothing is filled. */
        CRASH_BEFORE_SEND,
        /** The node fails before the transaction leaves (an I/O error): nothing is filled, the outcome looks unknown. */
        FAIL_BEFORE_SEND,
        /** The transaction is sent but not mined yet: a receipt timeout naming it; {@link #minePending} mines it. */
        RECEIPT_TIMEOUT,
        /** The ERC-20 approval before the fill times out: the fill is not sent. */
        APPROVAL_TIMEOUT,
        /** Fills on chain, then the node stops answering after the send: the SDK's UNKNOWN outcome, with the hash. */
        UNKNOWN_AFTER_SEND,
        /** The transaction is accepted, then dropped (its nonce used by another): nothing is filled. */
        DROPPED
    }

    /** The exchange process dying in a test. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }

    private final Clock clock;
    private final EvmAddress account;
    private long head = 100;
    private int txCount;
    private final List<MarketEvent> events = new ArrayList<>();
    private final Map<Bytes32, BigInteger> filled = new HashMap<>();
    private final Set<Bytes32> cancelled = new HashSet<>();
    private final Map<EvmAddress, BigInteger> counters = new HashMap<>();
    private final Map<TokenId, AssetClassId> tokens = new HashMap<>();
    private final Set<TokenId> gone = new HashSet<>();
    private Fault fault = Fault.NONE;
    private List<ListingFill> pending;
    private String pendingTx;
    private Runnable beforeReceipt;
    private boolean down;
    private int eventCalls;
    /** The last common block of every reorganisation so far: a block's hash depends on how many replaced it. */
    private final List<Long> reorgs = new ArrayList<>();

    FakeMarket(Clock clock, EvmAddress account) {
        this.clock = clock;
        this.account = account;
    }

    // ------------------------------------------------------------------ test controls

    synchronized void token(TokenId id, AssetClassId assetClass) {
        tokens.put(id, assetClass);
    }

    synchronized void tokenGone(TokenId id) {
        gone.add(id);
    }

    synchronized void nextFill(Fault f) {
        fault = f;
    }

    /** Runs {@code r} after the next fill is mined, before its result is returned (the follower racing the settler). */
    synchronized void beforeNextReceipt(Runnable r) {
        beforeReceipt = r;
    }

    /** Mines the transaction left pending by {@link Fault#RECEIPT_TIMEOUT} in a new block (if it can still fill). */
    synchronized void minePending() {
        long block = ++head;
        for (int i = 0; i < pending.size(); i++) {
            if (fillProblem(pending.get(i).listing(), pending.get(i).units()) != null) {
                return; // reverts when mined
            }
        }
        for (int i = 0; i < pending.size(); i++) {
            record(block, i, pendingTx, pending.get(i).listing(), pending.get(i).units(), account);
        }
        pending = null;
    }

    synchronized void down(boolean isDown) {
        down = isDown;
    }

    synchronized long head() {
        return head;
    }

    synchronized void mine(int blocks) {
        head += blocks;
    }

    synchronized int eventCalls() {
        return eventCalls;
    }

    /**
     * A reorganisation: every block above {@code common} is replaced. The events in them are dropped, or, with
     * {@code reinclude}, mined again in new blocks after {@code common} (one per event, same transaction, as a node
     * re-injects the transactions of a dropped branch). The head ends at the last re-included block, or at
     * {@code common}; mine more with {@link #mine}.
     *
     * @return the events that left their blocks
     */
    synchronized List<MarketEvent> reorg(long common, boolean reinclude) {
        List<MarketEvent> removed = events.stream().filter(e -> e.blockNumber() > common).toList();
        events.removeIf(e -> e.blockNumber() > common);
        head = common;
        reorgs.add(common);
        filled.clear();
        cancelled.clear();
        counters.clear();
        for (MarketEvent e : events) {
            replay(e);
        }
        if (reinclude) {
            for (MarketEvent e : removed) {
                MarketEvent moved = switch (e) {
                    case MarketEvent.Filled f -> new MarketEvent.Filled(++head, f.logIndex(), f.transactionHash(), f.orderHash(), f.kind(),
                            f.maker(), f.taker(), f.tokenId(), f.units(), f.currency(), f.payment(), f.fee());
                    case MarketEvent.Cancelled x -> new MarketEvent.Cancelled(++head, x.logIndex(), x.transactionHash(), x.orderHash(),
                            x.maker());
                    case MarketEvent.CounterIncremented x -> new MarketEvent.CounterIncremented(++head, x.logIndex(),
                            x.transactionHash(), x.maker(), x.counter());
                };
                events.add(moved);
                replay(moved);
            }
        }
        return removed;
    }

    private void replay(MarketEvent e) {
        switch (e) {
            case MarketEvent.Filled f -> filled.merge(f.orderHash(), f.units(), BigInteger::add);
            case MarketEvent.Cancelled x -> cancelled.add(x.orderHash());
            case MarketEvent.CounterIncremented x -> counters.merge(x.maker(), x.counter(), BigInteger::max);
        }
    }

    /** The hash of block {@code n} on the chain as it is now. */
    synchronized String blockHash(long n) {
        long replaced = reorgs.stream().filter(common -> common < n).count();
        return Bytes32.keccakUtf8("block " + n + " branch " + replaced).toHex();
    }

    synchronized List<MarketEvent> events() {
        return List.copyOf(events);
    }

    synchronized BigInteger counter(EvmAddress maker) {
        return counters.getOrDefault(maker, BigInteger.ZERO);
    }

    synchronized boolean cancelled(Bytes32 order) {
        return cancelled.contains(order);
    }

    synchronized List<MarketEvent.Filled> filledEvents() {
        return events.stream().filter(e -> e instanceof MarketEvent.Filled).map(e -> (MarketEvent.Filled) e).toList();
    }

    synchronized BigInteger filledUnits(Bytes32 orderHash) {
        return filled.getOrDefault(orderHash, BigInteger.ZERO);
    }

    /** Someone other than the exchange fills a listing directly through the market. */
    synchronized MarketEvent.Filled fillAs(EvmAddress taker, SignedOrder listing, long units) {
        String p = fillProblem(listing, BigInteger.valueOf(units));
        if (p != null) {
            throw new IllegalStateException("fake market refuses: " + p);
        }
        String tx = newTx();
        return record(++head, 0, tx, listing, BigInteger.valueOf(units), taker);
    }

    synchronized void cancel(SignedOrder order) {
        Bytes32 hash = order.digest();
        cancelled.add(hash);
        events.add(new MarketEvent.Cancelled(++head, 0, newTx(), hash, order.order().maker()));
    }

    synchronized void incrementCounter(EvmAddress maker) {
        BigInteger next = counters.getOrDefault(maker, BigInteger.ZERO).add(BigInteger.ONE);
        counters.put(maker, next);
        events.add(new MarketEvent.CounterIncremented(++head, 0, newTx(), maker, next));
    }

    // ------------------------------------------------------------------ orders

    static Credentials key(int i) {
        return KEYS.get(i);
    }

    static EvmAddress address(int i) {
        return EvmAddress.of(KEYS.get(i).getAddress());
    }

    /** A listing by account {@code seller}, signed for {@link #DOMAIN}. */
    static SignedOrder listing(int seller, long token, long units, long minFill, long price, EvmAddress currency, long expiry) {
        Listing l = Listing.builder().seller(address(seller)).tokenId(TokenId.of(token)).tokenNonce(0).units(units).minFill(minFill)
                .currency(currency).pricePerUnit(BigInteger.valueOf(price)).expiry(expiry).build();
        return OrderSigner.sign(DOMAIN, l, key(seller));
    }

    // ------------------------------------------------------------------ MarketPort

    @Override
    public EvmAddress account() {
        return account;
    }

    @Override
    public OrderValidator validator(Clock c) {
        return new OrderValidator(DOMAIN, c);
    }

    @Override
    public synchronized CompletableFuture<List<Fillability>> checkFillable(List<SignedOrder> orders) {
        if (down) {
            return unavailable();
        }
        List<Fillability> out = new ArrayList<>();
        for (SignedOrder o : orders) {
            FillProblem p = liveProblem(o);
            BigInteger remaining = ((PricedOrder) o.order()).units().subtract(filledUnits(o.digest()));
            out.add(new Fillability(o, p == null, p == null ? remaining : BigInteger.ZERO, p == null ? List.of() : List.of(p)));
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public synchronized CompletableFuture<AssetClassId> assetClassOf(TokenId tokenId) {
        AssetClassId c = tokens.get(tokenId);
        if (down) {
            return unavailable();
        }
        return c != null ? CompletableFuture.completedFuture(c) : CompletableFuture.failedFuture(
                new ContractRevertException("HashPowerToken.tokenData", "0x7e273289", "ERC721NonexistentToken(" + tokenId + ")"));
    }

    @Override
    public CompletableFuture<Void> ensureAllowance(EvmAddress currency, BigInteger amount) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<Fill>> fillListings(List<ListingFill> legs) {
        Fault f;
        List<Fill> fills = new ArrayList<>();
        Runnable hook;
        synchronized (this) {
            f = fault;
            fault = Fault.NONE;
            hook = beforeReceipt;
            beforeReceipt = null;
            if (f == Fault.CRASH_BEFORE_SEND) {
                throw new SimulatedCrash("before the transaction was sent");
            }
            if (f == Fault.FAIL_BEFORE_SEND) {
                return CompletableFuture.failedFuture(new java.io.UncheckedIOException(
                        new java.io.IOException("connection refused while sending")));
            }
            if (f == Fault.APPROVAL_TIMEOUT) {
                return CompletableFuture.failedFuture(new MarketPort.NotSentException("approving the market",
                        new ReceiptTimeoutException(newTx(), Duration.ofSeconds(1), "pending", null)));
            }
            if (f == Fault.DROPPED) {
                io.hashmix.core.tx.SentTransaction sent = new io.hashmix.core.tx.SentTransaction(newTx(), account, BigInteger.ONE,
                        BigInteger.valueOf(200_000), null, io.hashmix.core.tx.TxRequest.call(MARKET, "0x", "HashMixMarket.fillListings"));
                return CompletableFuture.failedFuture(new io.hashmix.core.tx.TransactionDroppedException("dropped", sent,
                        io.hashmix.core.tx.TransactionDroppedException.Reason.NONCE_USED));
            }
            if (f == Fault.RECEIPT_TIMEOUT) {
                pending = List.copyOf(legs);
                pendingTx = newTx();
                return CompletableFuture.failedFuture(new ReceiptTimeoutException(pendingTx, Duration.ofSeconds(1), "pending", null));
            }
            for (ListingFill leg : legs) {
                String p = fillProblem(leg.listing(), leg.units());
                if (p != null || f == Fault.REVERT) {
                    return CompletableFuture.failedFuture(new ContractRevertException("HashMixMarket.fillListings", "0x",
                            p == null ? "injected revert" : p));
                }
            }
            long block = ++head;
            String tx = newTx();
            TxReceipt receipt = new TxReceipt(tx, block, blockHash(block), true, account,
                    BigInteger.valueOf(200_000), BigInteger.ONE, null, List.of());
            for (int i = 0; i < legs.size(); i++) {
                MarketEvent.Filled e = record(block, i, tx, legs.get(i).listing(), legs.get(i).units(), account);
                fills.add(new Fill(e.orderHash(), e.kind(), e.maker(), e.taker(), e.tokenId(), e.units(), e.currency(), e.payment(),
                        e.fee(), receipt));
            }
        }
        if (hook != null) {
            hook.run();
        }
        return switch (f) {
            case LOSE_RECEIPT -> CompletableFuture.failedFuture(new java.io.UncheckedIOException(
                    new java.io.IOException("connection reset while awaiting the receipt")));
            case UNKNOWN_AFTER_SEND -> CompletableFuture.failedFuture(new io.hashmix.core.tx.TransactionOutcomeUnknownException(
                    "node lost after the send", fills.get(0).receipt().transactionHash(), new java.io.IOException("connection reset")));
            case CRASH_AFTER_SEND -> throw new SimulatedCrash("after the transaction was mined");
            default -> CompletableFuture.completedFuture(fills);
        };
    }

    @Override
    public synchronized CompletableFuture<List<MarketEvent>> events(long fromBlock, long toBlock) {
        eventCalls++;
        if (down) {
            return unavailable();
        }
        return CompletableFuture.completedFuture(events.stream()
                .filter(e -> e.blockNumber() >= fromBlock && e.blockNumber() <= toBlock).toList());
    }

    @Override
    public synchronized CompletableFuture<Long> blockNumber() {
        return down ? unavailable() : CompletableFuture.completedFuture(head);
    }

    @Override
    public synchronized CompletableFuture<List<BlockRef>> blocks(long fromBlock, long toBlock) {
        if (down) {
            return unavailable();
        }
        if (fromBlock < 0 || toBlock > head) {
            return CompletableFuture.failedFuture(new IllegalStateException("no block " + toBlock + " (head " + head + ")"));
        }
        List<BlockRef> out = new ArrayList<>();
        for (long n = fromBlock; n <= toBlock; n++) {
            out.add(new BlockRef(n, blockHash(n), n == 0 ? "0x" + "00".repeat(32) : blockHash(n - 1)));
        }
        return CompletableFuture.completedFuture(out);
    }

    // ------------------------------------------------------------------ internals

    /** Why the order cannot be filled at all now, or null. */
    private FillProblem liveProblem(SignedOrder o) {
        PricedOrder order = (PricedOrder) o.order();
        Bytes32 hash = o.digest();
        if (o.order() instanceof Listing l && gone.contains(l.tokenId())) {
            return FillProblem.TOKEN_GONE;
        }
        if (order.isExpiredAt(clock.instant().getEpochSecond())) {
            return FillProblem.EXPIRED;
        }
        if (cancelled.contains(hash)) {
            return FillProblem.CANCELLED;
        }
        if (!order.counter().equals(counters.getOrDefault(order.maker(), BigInteger.ZERO))) {
            return FillProblem.COUNTER_STALE;
        }
        if (order.units().compareTo(filledUnits(hash)) <= 0) {
            return FillProblem.FILLED;
        }
        return null;
    }

    /** Why a fill of {@code units} reverts ({@code Overfill}, {@code FillTooSmall}, a dead order), or null. */
    private String fillProblem(SignedOrder o, BigInteger units) {
        FillProblem p = liveProblem(o);
        if (p != null) {
            return p.name();
        }
        PricedOrder order = (PricedOrder) o.order();
        BigInteger remaining = order.units().subtract(filledUnits(o.digest()));
        if (units.signum() <= 0 || units.compareTo(remaining) > 0) {
            return "Overfill(" + remaining + ", " + units + ")";
        }
        if (units.compareTo(order.minFill()) < 0 && !units.equals(remaining)) {
            return "FillTooSmall(" + order.minFill() + ", " + units + ")";
        }
        return null;
    }

    private MarketEvent.Filled record(long block, int logIndex, String tx, SignedOrder o, BigInteger units, EvmAddress taker) {
        PricedOrder order = (PricedOrder) o.order();
        Bytes32 hash = o.digest();
        filled.merge(hash, units, BigInteger::add);
        BigInteger payment = order.pricePerUnit().multiply(units);
        MarketEvent.Filled e = new MarketEvent.Filled(block, logIndex, tx, hash, OrderKind.LISTING, order.maker(), taker,
                ((Listing) order).tokenId(), units, order.currency(), payment, payment.multiply(BigInteger.valueOf(50))
                        .divide(BigInteger.valueOf(10_000)));
        events.add(e);
        return e;
    }

    private String newTx() {
        return Bytes32.keccakUtf8("tx " + (++txCount)).toHex();
    }

    private static <T> CompletableFuture<T> unavailable() {
        return CompletableFuture.failedFuture(new IllegalStateException("fake node unavailable"));
    }
}
