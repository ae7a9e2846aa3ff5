package io.hashmix.core.internal;

import java.math.BigInteger;
import java.time.Instant;

/** Conversions between Java values and the ABI integers the generated wrappers take and return. */
public final class AbiValues {

    /** {@code type(uint64).max}, e.g. the end of an open holding. */
    public static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private AbiValues() {
    }

    /** A {@code long} holding a uint64 (records keep uint64 fields unsigned in a long) as its ABI value. */
    public static BigInteger uint64(long unsigned) {
        return new BigInteger(Long.toUnsignedString(unsigned));
    }

    /** A uint64 time in seconds as an Instant; times past Instant's range (year one billion) read as Instant.MAX. */
    public static Instant instant(BigInteger uint64Seconds) {
        return uint64Seconds.compareTo(BigInteger.valueOf(Instant.MAX.getEpochSecond())) > 0 ? Instant.MAX
                : Instant.ofEpochSecond(uint64Seconds.longValueExact());
    }
}
