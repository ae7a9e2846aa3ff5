package io.hashmix.examples.exchange;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange's embedded H2 database: a small connection pool, the schema migrations (applied in
 * order on open, each once, recorded in {@code schema_version}) and a transaction helper.
 *
 * <p>Writes go through {@link #write}, one at a time (a single-writer lock in this JVM): the chain
 * follower's batches and the settler's updates never interleave, which keeps the "is this fill
 * already known?" checks simple and exact. Reads ({@link #read}) run concurrently. A file database
 * is opened with {@code WRITE_DELAY=0}, so a committed transaction is on disk when {@link #write}
 * returns. Thread-safe.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** The migrations, in order; version {@code i + 1} is {@code MIGRATIONS.get(i)}. Append only. */
    private static final List<List<String>> MIGRATIONS = List.of(Schema.V1, Schema.V2);

    private final String url;
    private final JdbcConnectionPool pool;
    /** Held open for the database's lifetime, so an in-memory database survives idle moments. */
    private final Connection keeper;
    private final ReentrantLock writer = new ReentrantLock();

    private Database(String url) {
        this.url = url;
        this.pool = JdbcConnectionPool.create(url, "sa", "");
        try {
            this.keeper = pool.getConnection();
        } catch (SQLException e) {
            pool.dispose();
            throw new StoreException("cannot open " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens (creating if needed) an H2 database by JDBC URL and migrates it to the current schema.
     *
     * @param jdbcUrl e.g. {@code jdbc:h2:file:/var/lib/exchange/book} or {@code jdbc:h2:mem:test}
     * @return the open database
     * @throws StoreException if it cannot be opened or migrated
     */
    public static Database open(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("the exchange stores its book in H2: expected a jdbc:h2: URL, got " + jdbcUrl);
        }
        Database db = new Database(jdbcUrl);
        try {
            db.migrate();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * The JDBC URL of a durable file database at {@code path} ({@code path.mv.db} on disk).
     *
     * @param path the database file, without H2's {@code .mv.db} suffix
     * @return the URL
     */
    public static String fileUrl(Path path) {
        return "jdbc:h2:file:" + path.toAbsolutePath() + ";WRITE_DELAY=0";
    }

    /**
     * The JDBC URL of a private in-memory database, dropped when closed (tests).
     *
     * @param name a name unique in this JVM
     * @return the URL
     */
    public static String memoryUrl(String name) {
        return "jdbc:h2:mem:" + name;
    }

    /**
     * The schema version the database is at.
     *
     * @return the number of migrations applied
     */
    public int schemaVersion() {
        return read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /**
     * Runs {@code work} in one write transaction, committed if it returns and rolled back if it throws.
     * Write transactions run one at a time.
     *
     * @param work the work, given the transaction's connection
     * @param <T> the result type
     * @return what {@code work} returned
     * @throws StoreException wrapping an {@link SQLException}
     */
    public <T> T write(SqlWork<T> work) {
        writer.lock();
        try {
            return inTransaction(work);
        } finally {
            writer.unlock();
        }
    }

    /**
     * Runs {@code work} in a read transaction (no lock taken).
     *
     * @param work the work, given the transaction's connection
     * @param <T> the result type
     * @return what {@code work} returned
     * @throws StoreException wrapping an {@link SQLException}
     */
    public <T> T read(SqlWork<T> work) {
        return inTransaction(work);
    }

    private <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database " + url + ": " + e.getMessage(), e);
        }
    }

    private void migrate() {
        write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
                        + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            int current;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            if (current > MIGRATIONS.size()) {
                throw new StoreException("database " + url + " is at schema version " + current
                        + ", newer than this program's " + MIGRATIONS.size(), null);
            }
            for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
                try (Statement s = c.createStatement()) {
                    for (String sql : MIGRATIONS.get(v - 1)) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                    p.setInt(1, v);
                    p.setObject(2, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
                    p.executeUpdate();
                }
                log.info("database {} migrated to schema version {}", url, v);
            }
            return null;
        });
    }

    /** Closes every connection; an in-memory database is dropped, a file database is flushed and closed. Idempotent. */
    @Override
    public void close() {
        try {
            keeper.close();
        } catch (SQLException e) {
            log.warn("closing {}: {}", url, e.getMessage());
        }
        pool.dispose();
    }

    /**
     * Work done with a connection inside a transaction.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface SqlWork<T> {
        /**
         * Does the work.
         *
         * @param c the transaction's connection (auto-commit off; do not commit or close it)
         * @return the result
         * @throws SQLException to roll the transaction back
         */
        T run(Connection c) throws SQLException;
    }
}
