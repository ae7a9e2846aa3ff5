package io.hashmix.examples.exchange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.Bytes32;

/** Conversions between the exchange's Java values and their SQL columns. */
final class Sql {

    private Sql() {
    }

    static BigDecimal dec(BigInteger v) {
        return v == null ? null : new BigDecimal(v);
    }

    static BigInteger big(ResultSet rs, String column) throws SQLException {
        BigDecimal d = rs.getBigDecimal(column);
        return d == null ? null : d.toBigIntegerExact();
    }

    static Bytes32 hash(ResultSet rs, String column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? null : Bytes32.fromHex(s);
    }

    static EvmAddress address(ResultSet rs, String column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? null : EvmAddress.of(s);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime time(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** A transaction hash as stored: lowercase. */
    static String tx(String hash) {
        return hash == null ? null : hash.toLowerCase(java.util.Locale.ROOT);
    }

    /** An unsigned {@code uint64} as a non-negative decimal. */
    static BigDecimal uint64(long v) {
        return new BigDecimal(Long.toUnsignedString(v));
    }

    static long uint64(ResultSet rs, String column) throws SQLException {
        return Long.parseUnsignedLong(rs.getBigDecimal(column).toBigIntegerExact().toString());
    }

    /** Binds the values to the statement's parameters, in order. */
    static PreparedStatement bind(PreparedStatement p, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            p.setObject(i + 1, switch (v) {
                case BigInteger b -> dec(b);
                case Bytes32 h -> h.toHex();
                case EvmAddress a -> a.hex();
                case Instant t -> time(t);
                case Enum<?> e -> e.name();
                case null, default -> v;
            });
        }
        return p;
    }
}
