package io.hashmix.examples.exchange;

import static io.hashmix.examples.exchange.Sql.big;
import static io.hashmix.examples.exchange.Sql.bind;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.hashmix.core.market.MarketEvent;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * The {@code settlements} table: every fill the exchange sends as taker, written <em>before</em> the transaction
 * goes out and resolved afterwards by its receipt or, when the receipt was lost (crash, node gone), by the
 * {@code OrderFilled} event the {@link ChainFollower} finds for it. See {@link SettlementState} for the states.
 *
 * <p>A settlement is linked to at most one recorded fill and a fill to at most one settlement. Linking tries,
 * in order:
 * <ol>
 * <li>the transaction hash (known from the receipt or a receipt timeout). The fill of a settlement's own hash
 *     always wins: it is taken back from a settlement without a hash that was linked to it by guess (rule 2),
 *     and it re-opens a settlement already {@code FAILED} (e.g. by the grace blocks) since it proves it filled;</li>
 * <li>else, for a settlement {@code IN_DOUBT} without a hash, a guess: the oldest unlinked fill by this exchange's
 *     account of the same order and units at or after the block it was submitted in. No guess is made while a
 *     settlement of the same order is being sent ({@code SUBMITTED}, no hash yet): that fill may be its.</li>
 * </ol>
 * Settlements never change the book's filled units: those come from events only. Thread-safe.
 */
public final class Settlements {

    private static final String OPEN = "('SUBMITTED', 'MINED', 'IN_DOUBT')";
    private static final String ORDER_HASH = "order_hash = ?";

    private final Database db;
    private final Clock clock;
    private final EvmAddress self;

    /**
     * Creates the repository.
     *
     * @param db the exchange's database
     * @param clock the clock of the created/updated times
     * @param self the exchange's account (the taker of its settlements)
     */
    public Settlements(Database db, Clock clock, EvmAddress self) {
        this.db = db;
        this.clock = clock;
        this.self = self;
    }

    /**
     * Records the legs of a buy as {@link SettlementState#SUBMITTED}, in one transaction, before anything is sent.
     *
     * @param requestId the buy request
     * @param legs the listing fills to send together
     * @param submittedBlock the chain head now
     * @return the rows, in leg order
     */
    public List<Settlement> open(String requestId, List<MatchPlan.Leg> legs, long submittedBlock) {
        return db.write(c -> {
            List<Long> ids = new ArrayList<>();
            for (MatchPlan.Leg leg : legs) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO settlements (request_id, order_hash, units, payment, state, "
                        + "submitted_block, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"ID"})) {
                    bind(p, requestId, leg.listing().hash(), leg.units(), leg.payment(), SettlementState.SUBMITTED, submittedBlock,
                            clock.instant(), clock.instant()).executeUpdate();
                    try (ResultSet keys = p.getGeneratedKeys()) {
                        keys.next();
                        ids.add(keys.getLong(1));
                    }
                }
            }
            List<Settlement> out = new ArrayList<>();
            for (long id : ids) {
                out.add(find(c, id).orElseThrow());
            }
            return out;
        });
    }

    /**
     * The receipt of a settlement's transaction says it succeeded: {@link SettlementState#CONFIRMED} at once if the
     * follower already recorded its fill (taking it back from a settlement without a hash that was linked to it by
     * guess), else {@link SettlementState#MINED}. A settlement no longer open (the follower got there first) is left
     * alone.
     *
     * @param id the settlement
     * @param txHash its transaction
     * @return the settlement after the update
     */
    public Settlement markMined(long id, String txHash) {
        String tx = Sql.tx(txHash);
        return db.write(c -> {
            Settlement s = find(c, id).orElseThrow(() -> new IllegalArgumentException("no settlement " + id));
            if (s.state().isOpen()) {
                update(c, id, SettlementState.MINED, tx, null);
                linkByHash(c, id, tx, s.orderHash());
            }
            return find(c, id).orElseThrow();
        });
    }

    /**
     * The settlements certainly did not fill (the transaction reverted or was never sent).
     *
     * @param ids the settlements
     * @param error why
     */
    public void markFailed(Collection<Long> ids, String error) {
        db.write(c -> {
            for (long id : ids) {
                try (PreparedStatement p = c.prepareStatement("UPDATE settlements SET state = ?, error = ?, updated_at = ? "
                        + "WHERE id = ? AND state IN " + OPEN)) {
                    bind(p, SettlementState.FAILED, truncate(error), clock.instant(), id).executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * The outcome of the settlements is unknown (the node stopped answering after the send): they stay reserved
     * until their fill is followed or the grace blocks pass. Each is linked at once if its fill is already recorded.
     *
     * @param ids the settlements (still {@link SettlementState#SUBMITTED})
     * @param txHash their transaction, if known, else null
     * @param error what happened
     */
    public void markInDoubt(Collection<Long> ids, String txHash, String error) {
        db.write(c -> {
            for (long id : ids) {
                try (PreparedStatement p = c.prepareStatement("UPDATE settlements SET state = ?, tx_hash = COALESCE(?, tx_hash), "
                        + "error = ?, updated_at = ? WHERE id = ? AND state = ?")) {
                    bind(p, SettlementState.IN_DOUBT, Sql.tx(txHash), truncate(error), clock.instant(), id,
                            SettlementState.SUBMITTED).executeUpdate();
                }
                linkExisting(c, id);
            }
            return null;
        });
    }

    /**
     * After a restart: every settlement still {@link SettlementState#SUBMITTED} was being sent when the previous
     * process stopped, so it is {@link SettlementState#IN_DOUBT} now (and linked at once if its fill is known).
     *
     * @return how many
     */
    public int inDoubtAfterRestart() {
        return db.write(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM settlements WHERE state = ? ORDER BY id");
                 ResultSet rs = bind(p, SettlementState.SUBMITTED).executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            for (long id : ids) {
                update(c, id, SettlementState.IN_DOUBT, null, "the exchange stopped while sending it");
            }
            for (long id : ids) {
                linkExisting(c, id);
            }
            return ids.size();
        });
    }

    /**
     * Resolves what the follower's events alone did not (called after each catch-up): first every settlement
     * {@code IN_DOUBT} is linked to its recorded fill if it can be now (a guess held back while another settlement
     * of its order was being sent); then every settlement {@code MINED} or {@code IN_DOUBT} that the follower is
     * more than {@code graceBlocks} past the submission block of gets a last try by its transaction hash against
     * the recorded fills (= the chain's events up to the cursor) and, without a fill, is
     * {@link SettlementState#FAILED} (a fill of its hash followed later still re-opens and confirms it). So no
     * settlement keeps its units reserved forever.
     *
     * @param cursor the follower's cursor
     * @param graceBlocks how long a sent transaction may take to be mined
     * @return how many failed
     */
    public int resolveOpen(long cursor, long graceBlocks) {
        return db.write(c -> {
            for (Settlement s : query(c, "SELECT * FROM settlements WHERE state = ? ORDER BY id", SettlementState.IN_DOUBT)) {
                linkExisting(c, s.id());
            }
            int failed = 0;
            for (Settlement s : query(c, "SELECT * FROM settlements WHERE state IN (?, ?) AND submitted_block + ? < ? ORDER BY id",
                    SettlementState.MINED, SettlementState.IN_DOUBT, graceBlocks, cursor)) {
                if (s.txHash() != null && linkByHash(c, s.id(), s.txHash(), s.orderHash())) {
                    continue;
                }
                update(c, s.id(), SettlementState.FAILED, null, "no fill by the exchange within " + graceBlocks
                        + " blocks of submission");
                failed++;
            }
            return failed;
        });
    }

    /**
     * Units reserved per order by open settlements.
     *
     * @return order hash to reserved units (orders without reservations are absent)
     */
    public Map<Bytes32, BigInteger> reservedUnits() {
        return db.read(c -> {
            Map<Bytes32, BigInteger> out = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT order_hash, SUM(units) AS units FROM settlements WHERE state IN "
                    + OPEN + " GROUP BY order_hash"); ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(Sql.hash(rs, "order_hash"), big(rs, "units"));
                }
            }
            return out;
        });
    }

    /**
     * Every settlement, oldest first.
     *
     * @return the settlements
     */
    public List<Settlement> all() {
        return db.read(c -> query(c, "SELECT * FROM settlements ORDER BY id"));
    }

    /**
     * The settlements of one buy request.
     *
     * @param requestId the request
     * @return its settlements, in leg order
     */
    public List<Settlement> ofRequest(String requestId) {
        return db.read(c -> query(c, "SELECT * FROM settlements WHERE request_id = ? ORDER BY id", requestId));
    }

    /**
     * One settlement.
     *
     * @param id its id
     * @return the settlement, if any
     */
    public Optional<Settlement> find(long id) {
        return db.read(c -> find(c, id));
    }

    /**
     * Links a newly recorded fill by this exchange's account to its settlement, if one is open for it
     * (called by the {@link ChainFollower} in its transaction).
     *
     * @return the settlement confirmed, or empty (a fill sent outside the exchange's settler)
     */
    OptionalLong linkFill(Connection c, long fillId, MarketEvent.Filled f) throws SQLException {
        String tx = Sql.tx(f.transactionHash());
        // 1. by hash: open, or FAILED (by the grace blocks) and now proven mined
        List<Settlement> byTx = query(c, "SELECT * FROM settlements WHERE tx_hash = ? AND order_hash = ? AND fill_id IS NULL "
                + "AND (state IN " + OPEN + " OR state = ?) ORDER BY id LIMIT 1", tx, f.orderHash(), SettlementState.FAILED);
        // 2. a guess among the settlements in doubt without a hash, unless one of this order is being sent
        List<Settlement> match = !byTx.isEmpty() || sending(c, f.orderHash()) ? byTx : query(c, "SELECT * FROM settlements "
                + "WHERE tx_hash IS NULL AND order_hash = ? AND units = ? AND state = ? AND submitted_block <= ? ORDER BY id LIMIT 1",
                f.orderHash(), f.units(), SettlementState.IN_DOUBT, f.blockNumber());
        if (match.isEmpty()) {
            return OptionalLong.empty();
        }
        long id = match.get(0).id();
        confirm(c, id, fillId, tx);
        return OptionalLong.of(id);
    }

    /**
     * The fill a settlement was confirmed by was removed by a reorganisation (called by the {@link ChainFollower} in its
     * transaction, before it deletes the fill): the settlement is {@link SettlementState#IN_DOUBT} again and keeps its
     * transaction hash, so the fill of that transaction on the new chain confirms it again, and without one the grace
     * blocks fail it.
     *
     * @param id the settlement
     * @param why what happened
     */
    void unlinkReorganisedFill(Connection c, long id, String why) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE settlements SET state = ?, fill_id = NULL, error = ?, updated_at = ? "
                + "WHERE id = ?")) {
            bind(p, SettlementState.IN_DOUBT, truncate(why), clock.instant(), id).executeUpdate();
        }
    }

    /** Links a settlement in doubt to a fill already recorded for it, if any (rules 1 and 2 of the class comment). */
    private void linkExisting(Connection c, long id) throws SQLException {
        Settlement s = find(c, id).orElseThrow();
        if (s.state() != SettlementState.IN_DOUBT) {
            return;
        }
        if (s.txHash() != null) {
            linkByHash(c, id, s.txHash(), s.orderHash());
            return;
        }
        if (sending(c, s.orderHash())) {
            return;
        }
        OptionalLong fill = unlinkedFill(c, "order_hash = ? AND units = ? AND taker = ? AND block_number >= ?", s.orderHash(), s.units(),
                self, s.submittedBlock());
        if (fill.isPresent()) {
            String tx;
            try (PreparedStatement p = c.prepareStatement("SELECT tx_hash FROM fills WHERE id = ?");
                 ResultSet rs = bind(p, fill.getAsLong()).executeQuery()) {
                rs.next();
                tx = rs.getString(1);
            }
            confirm(c, id, fill.getAsLong(), tx);
        }
    }

    /**
     * Links a settlement to the recorded fill of its own transaction, if there is one: taken back from the settlement
     * it was linked to by guess (which is in doubt again, and may be linked to another fill at once).
     *
     * @return whether the settlement is confirmed now
     */
    private boolean linkByHash(Connection c, long id, String tx, Bytes32 orderHash) throws SQLException {
        long fillId;
        Long holder;
        try (PreparedStatement p = c.prepareStatement("SELECT id, settlement_id FROM fills WHERE tx_hash = ? AND " + ORDER_HASH
                + " ORDER BY block_number, log_index LIMIT 1"); ResultSet rs = bind(p, tx, orderHash).executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            fillId = rs.getLong(1);
            long h = rs.getLong(2);
            holder = rs.wasNull() ? null : h;
        }
        if (holder != null && holder == id) {
            return true;
        }
        if (holder != null) {
            try (PreparedStatement p = c.prepareStatement("UPDATE settlements SET state = ?, tx_hash = NULL, fill_id = NULL, error = ?, "
                    + "updated_at = ? WHERE id = ?")) {
                bind(p, SettlementState.IN_DOUBT, "its guessed fill " + tx + " belongs to settlement " + id, clock.instant(), holder)
                        .executeUpdate();
            }
        }
        confirm(c, id, fillId, tx);
        if (holder != null) {
            linkExisting(c, holder);
        }
        return true;
    }

    /** Whether a settlement of the order is being sent: {@code SUBMITTED}, its transaction hash not known yet. */
    private static boolean sending(Connection c, Bytes32 orderHash) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM settlements WHERE " + ORDER_HASH + " AND state = ? "
                + "AND tx_hash IS NULL LIMIT 1"); ResultSet rs = bind(p, orderHash, SettlementState.SUBMITTED).executeQuery()) {
            return rs.next();
        }
    }

    /** The id of the oldest fill matching {@code where} that no settlement claimed yet. */
    private static OptionalLong unlinkedFill(Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM fills WHERE settlement_id IS NULL AND " + where
                + " ORDER BY block_number, log_index LIMIT 1"); ResultSet rs = bind(p, args).executeQuery()) {
            return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        }
    }

    private void confirm(Connection c, long id, long fillId, String tx) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE settlements SET state = ?, tx_hash = ?, fill_id = ?, error = NULL, "
                + "updated_at = ? WHERE id = ?")) {
            bind(p, SettlementState.CONFIRMED, tx, fillId, clock.instant(), id).executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE fills SET settlement_id = ? WHERE id = ?")) {
            bind(p, id, fillId).executeUpdate();
        }
    }

    private void update(Connection c, long id, SettlementState state, String tx, String error) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE settlements SET state = ?, tx_hash = COALESCE(?, tx_hash), error = ?, "
                + "updated_at = ? WHERE id = ?")) {
            bind(p, state, tx, truncate(error), clock.instant(), id).executeUpdate();
        }
    }

    private static Optional<Settlement> find(Connection c, long id) throws SQLException {
        return query(c, "SELECT * FROM settlements WHERE id = ?", id).stream().findFirst();
    }

    private static List<Settlement> query(Connection c, String sql, Object... args) throws SQLException {
        List<Settlement> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql); ResultSet rs = bind(p, args).executeQuery()) {
            while (rs.next()) {
                long fill = rs.getLong("fill_id");
                Long fillId = rs.wasNull() ? null : fill;
                out.add(new Settlement(rs.getLong("id"), rs.getString("request_id"), Sql.hash(rs, "order_hash"), big(rs, "units"),
                        big(rs, "payment"), SettlementState.valueOf(rs.getString("state")), rs.getString("tx_hash"),
                        rs.getLong("submitted_block"), fillId, rs.getString("error"), Sql.instant(rs, "created_at"),
                        Sql.instant(rs, "updated_at")));
            }
        }
        return out;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
