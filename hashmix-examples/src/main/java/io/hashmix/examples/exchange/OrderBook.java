package io.hashmix.examples.exchange;

import static io.hashmix.examples.exchange.Sql.big;
import static io.hashmix.examples.exchange.Sql.bind;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.hashmix.core.market.MarketEvent;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.market.CriteriaOffer;
import io.hashmix.proofs.market.Listing;
import io.hashmix.proofs.market.Offer;
import io.hashmix.proofs.market.OrderJson;
import io.hashmix.proofs.market.OrderKind;
import io.hashmix.proofs.market.PricedOrder;
import io.hashmix.proofs.market.SignedOrder;

/**
 * The order book in H2: accepted orders ({@code orders}), the market's fills, cancellations and counter bumps as
 * followed from chain events ({@code fills}, {@code cancellations}, {@code maker_counters}) and the sync cursor.
 *
 * <p>Chain facts are recorded for every order of the market, not only the book's, so an order accepted after
 * some of its events were followed still starts with the right filled units and state. A fill is recorded once
 * per {@code (transaction, log index)}: replaying a block range is a no-op. The {@code record*} methods take the
 * caller's connection so the {@link ChainFollower} applies a whole batch and moves the cursor in one
 * transaction. Thread-safe.
 */
public final class OrderBook {

    private static final String ORDER_COLUMNS = "order_hash, kind, maker, token_id, asset_class, currency, price_per_unit, "
            + "units, min_fill, filled_units, counter, expiry, state, state_detail, json, received_at";

    private final Database db;

    /**
     * Creates the book over a database.
     *
     * @param db the exchange's database (migrated)
     */
    public OrderBook(Database db) {
        this.db = db;
    }

    /**
     * The outcome of {@link #insert}.
     *
     * @param order the order as stored (the earlier copy if it was known)
     * @param created false if the order was already in the book
     */
    public record Insert(BookOrder order, boolean created) {
    }

    /**
     * Adds a validated order, idempotently. Its filled units and state start from the chain facts already
     * followed: fills recorded for its hash, a recorded cancellation, a maker counter past its own.
     *
     * @param signed the validated signed order (a listing, an offer or a criteria offer)
     * @param assetClass the asset class it trades
     * @param receivedAt when it arrived
     * @return the stored order and whether it is new
     * @throws IllegalArgumentException for a swap order (the book holds priced orders only)
     */
    public Insert insert(SignedOrder signed, AssetClassId assetClass, Instant receivedAt) {
        if (!(signed.order() instanceof PricedOrder priced)) {
            throw new IllegalArgumentException("the book holds listings, offers and criteria offers, not " + signed.kind().jsonName());
        }
        Bytes32 hash = signed.digest();
        return db.write(c -> {
            Optional<BookOrder> known = find(c, hash);
            if (known.isPresent()) {
                return new Insert(known.get(), false);
            }
            BigInteger filled = filledUnits(c, hash);
            OrderState state = OrderState.LIVE;
            String detail = null;
            OptionalLong cancelledAt = cancelledAt(c, hash);
            BigInteger makerCounter = makerCounter(c, priced.maker());
            if (cancelledAt.isPresent()) {
                state = OrderState.CANCELLED;
                detail = "cancelled on chain in block " + cancelledAt.getAsLong();
            } else if (makerCounter != null && makerCounter.compareTo(priced.counter()) > 0) {
                state = OrderState.STALE_COUNTER;
                detail = "maker counter is " + makerCounter + ", the order's " + priced.counter();
            } else if (filled.compareTo(priced.units()) >= 0) {
                state = OrderState.FILLED;
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO orders (" + ORDER_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(p, hash, priced.kind(), priced.maker(), tokenOf(priced) == null ? null : tokenOf(priced).value(),
                        assetClass.toHex(), priced.currency(), priced.pricePerUnit(), priced.units(), priced.minFill(), filled,
                        priced.counter(), Sql.uint64(priced.expiry()), state, detail, OrderJson.toJson(signed), receivedAt);
                p.executeUpdate();
            }
            return new Insert(find(c, hash).orElseThrow(), true);
        });
    }

    /**
     * An order by hash.
     *
     * @param hash the order hash
     * @return the order, if in the book
     */
    public Optional<BookOrder> find(Bytes32 hash) {
        return db.read(c -> find(c, hash));
    }

    /**
     * Every order, oldest first.
     *
     * @return the orders
     */
    public List<BookOrder> orders() {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + ORDER_COLUMNS + " FROM orders ORDER BY received_at, order_hash")) {
                return readOrders(p);
            }
        });
    }

    /**
     * The live listings a buyer could take, cheapest first (then oldest): listings of the asset class in the
     * currency, priced at most {@code maxPricePerUnit}, not expired at {@code nowEpochSeconds}, units left.
     * Units reserved by open settlements are not subtracted here (see {@link Settlements#reservedUnits}).
     *
     * @param assetClass the asset class
     * @param currency the currency
     * @param maxPricePerUnit the highest price per unit
     * @param nowEpochSeconds current unix time
     * @param limit the most listings returned
     * @return the listings
     */
    public List<BookOrder> liveListings(AssetClassId assetClass, EvmAddress currency, BigInteger maxPricePerUnit,
            long nowEpochSeconds, int limit) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + ORDER_COLUMNS + " FROM orders WHERE kind = ? AND state = ? "
                    + "AND asset_class = ? AND currency = ? AND price_per_unit <= ? AND expiry >= ? AND filled_units < units "
                    + "ORDER BY price_per_unit, received_at, order_hash LIMIT ?")) {
                bind(p, OrderKind.LISTING, OrderState.LIVE, assetClass.toHex(), currency, maxPricePerUnit,
                        Sql.uint64(nowEpochSeconds), limit);
                return readOrders(p);
            }
        });
    }

    /**
     * Takes a live order off the book because the chain refuses it for good.
     *
     * @param hash the order
     * @param detail why (e.g. the fill problems the chain reported)
     * @return true if it was live
     */
    public boolean markDead(Bytes32 hash, String detail) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE orders SET state = ?, state_detail = ? WHERE order_hash = ? AND state = ?")) {
                return bind(p, OrderState.DEAD, truncate(detail), hash, OrderState.LIVE).executeUpdate() == 1;
            }
        });
    }

    /**
     * Every recorded fill, in chain order.
     *
     * @return the fills
     */
    public List<RecordedFill> fills() {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT * FROM fills ORDER BY block_number, log_index")) {
                return readFills(p);
            }
        });
    }

    /**
     * The recorded fills of one order, in chain order.
     *
     * @param orderHash the order
     * @return its fills
     */
    public List<RecordedFill> fillsOf(Bytes32 orderHash) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT * FROM fills WHERE order_hash = ? ORDER BY block_number, log_index")) {
                return readFills(bind(p, orderHash));
            }
        });
    }

    /**
     * The last block whose market events are applied.
     *
     * @return the block, or empty before {@link #initCursor}
     */
    public OptionalLong cursor() {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT last_block FROM sync_cursor WHERE id = 1");
                 ResultSet rs = p.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        });
    }

    /**
     * Binds a fresh database to a market and sets its cursor; a database already bound keeps its cursor, and
     * must be bound to the same market.
     *
     * @param market the market's EIP-712 domain (chain id and contract address)
     * @param lastBlock the block before the first one to follow (e.g. the market's deployment block - 1)
     * @return the cursor in force
     * @throws StoreException if the database follows another chain or market
     */
    public long initCursor(Eip712Domain market, long lastBlock) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT chain_id, market, last_block FROM sync_cursor WHERE id = 1");
                 ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    if (rs.getLong("chain_id") != market.chainId() || !Sql.address(rs, "market").equals(market.verifyingContract())) {
                        throw new StoreException("this database follows the market " + rs.getString("market") + " on chain "
                                + rs.getLong("chain_id") + ", not " + market.verifyingContract() + " on chain " + market.chainId(), null);
                    }
                    return rs.getLong("last_block");
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO sync_cursor (id, chain_id, market, last_block) VALUES (1, ?, ?, ?)")) {
                bind(p, market.chainId(), market.verifyingContract(), lastBlock).executeUpdate();
            }
            return lastBlock;
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Chain facts, applied by the ChainFollower inside its transaction
    // ---------------------------------------------------------------------------------------------

    /**
     * Records an {@code OrderFilled} event unless its {@code (transaction, log index)} is known, and adds its
     * units to the order if the order is in the book.
     *
     * @return the new fill's id, or empty if it was recorded before
     */
    OptionalLong recordFill(Connection c, MarketEvent.Filled f) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM fills WHERE tx_hash = ? AND log_index = ?")) {
            try (ResultSet rs = bind(p, Sql.tx(f.transactionHash()), f.logIndex()).executeQuery()) {
                if (rs.next()) {
                    return OptionalLong.empty();
                }
            }
        }
        long id;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO fills (tx_hash, log_index, block_number, order_hash, kind, maker, "
                + "taker, token_id, units, currency, payment, fee) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"ID"})) {
            bind(p, Sql.tx(f.transactionHash()), f.logIndex(), f.blockNumber(), f.orderHash(), f.kind(), f.maker(), f.taker(),
                    f.tokenId().value(), f.units(), f.currency(), f.payment(), f.fee()).executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE orders SET filled_units = filled_units + ?, "
                + "state = CASE WHEN state = ? AND filled_units + ? >= units THEN ? ELSE state END WHERE order_hash = ?")) {
            bind(p, f.units(), OrderState.LIVE, f.units(), OrderState.FILLED, f.orderHash()).executeUpdate();
        }
        return OptionalLong.of(id);
    }

    /** Records an {@code OrderCancelled} event (once) and cancels the order if it is live in the book. */
    void recordCancel(Connection c, MarketEvent.Cancelled e) throws SQLException {
        if (cancelledAt(c, e.orderHash()).isPresent()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO cancellations (order_hash, maker, block_number, tx_hash, log_index) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            bind(p, e.orderHash(), e.maker(), e.blockNumber(), Sql.tx(e.transactionHash()), e.logIndex()).executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE orders SET state = ?, state_detail = ? WHERE order_hash = ? AND state = ?")) {
            bind(p, OrderState.CANCELLED, "cancelled on chain in block " + e.blockNumber(), e.orderHash(), OrderState.LIVE).executeUpdate();
        }
    }

    /** Records a {@code CounterIncremented} event and retires the maker's live orders signed under older counters. */
    void recordCounter(Connection c, MarketEvent.CounterIncremented e) throws SQLException {
        BigInteger known = makerCounter(c, e.maker());
        if (known == null || known.compareTo(e.counter()) < 0) {
            try (PreparedStatement p = c.prepareStatement("MERGE INTO maker_counters (maker, counter, block_number) KEY (maker) VALUES (?, ?, ?)")) {
                bind(p, e.maker(), e.counter(), e.blockNumber()).executeUpdate();
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE orders SET state = ?, state_detail = ? WHERE maker = ? AND counter < ? AND state = ?")) {
            bind(p, OrderState.STALE_COUNTER, "maker counter moved to " + e.counter() + " in block " + e.blockNumber(),
                    e.maker(), e.counter(), OrderState.LIVE).executeUpdate();
        }
    }

    /** Moves the cursor (inside the transaction that applied the blocks up to it). */
    void setCursor(Connection c, long lastBlock) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE sync_cursor SET last_block = ? WHERE id = 1")) {
            if (bind(p, lastBlock).executeUpdate() != 1) {
                throw new SQLException("sync cursor not initialised");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static Optional<BookOrder> find(Connection c, Bytes32 hash) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + ORDER_COLUMNS + " FROM orders WHERE order_hash = ?")) {
            List<BookOrder> found = readOrders(bind(p, hash));
            return found.stream().findFirst();
        }
    }

    private static BigInteger filledUnits(Connection c, Bytes32 hash) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(SUM(units), 0) FROM fills WHERE order_hash = ?");
             ResultSet rs = bind(p, hash).executeQuery()) {
            rs.next();
            return rs.getBigDecimal(1).toBigIntegerExact();
        }
    }

    private static OptionalLong cancelledAt(Connection c, Bytes32 hash) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT block_number FROM cancellations WHERE order_hash = ?");
             ResultSet rs = bind(p, hash).executeQuery()) {
            return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        }
    }

    private static BigInteger makerCounter(Connection c, EvmAddress maker) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT counter FROM maker_counters WHERE maker = ?");
             ResultSet rs = bind(p, maker).executeQuery()) {
            return rs.next() ? big(rs, "counter") : null;
        }
    }

    private static TokenId tokenOf(PricedOrder order) {
        return switch (order) {
            case Listing l -> l.tokenId();
            case Offer o -> o.tokenId();
            case CriteriaOffer ignored -> null;
        };
    }

    private static List<BookOrder> readOrders(PreparedStatement p) throws SQLException {
        List<BookOrder> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                BigInteger token = big(rs, "token_id");
                out.add(new BookOrder(Sql.hash(rs, "order_hash"), OrderKind.valueOf(rs.getString("kind")), Sql.address(rs, "maker"),
                        token == null ? null : new TokenId(token), AssetClassId.fromHex(rs.getString("asset_class")),
                        Sql.address(rs, "currency"), big(rs, "price_per_unit"), big(rs, "units"), big(rs, "min_fill"),
                        big(rs, "filled_units"), big(rs, "counter"), Sql.uint64(rs, "expiry"),
                        OrderState.valueOf(rs.getString("state")), rs.getString("state_detail"),
                        OrderJson.fromJson(rs.getString("json")), Sql.instant(rs, "received_at")));
            }
        }
        return out;
    }

    private static List<RecordedFill> readFills(PreparedStatement p) throws SQLException {
        List<RecordedFill> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long settlement = rs.getLong("settlement_id");
                Long settlementId = rs.wasNull() ? null : settlement;
                out.add(new RecordedFill(rs.getLong("id"), rs.getString("tx_hash"), rs.getInt("log_index"), rs.getLong("block_number"),
                        Sql.hash(rs, "order_hash"), OrderKind.valueOf(rs.getString("kind")), Sql.address(rs, "maker"),
                        Sql.address(rs, "taker"), new TokenId(big(rs, "token_id")), big(rs, "units"), Sql.address(rs, "currency"),
                        big(rs, "payment"), big(rs, "fee"), settlementId));
            }
        }
        return out;
    }

    static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}
