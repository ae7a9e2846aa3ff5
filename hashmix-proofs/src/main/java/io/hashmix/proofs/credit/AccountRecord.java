package io.hashmix.proofs.credit;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An account's stored record in the {@code CreditRegistry} ({@code accountOf}): totals decayed to
 * {@code lastUpdate}, and lifetime counters.
 *
 * @param lastUpdate time of the last record (0: none)
 * @param experience settled seconds, decayed
 * @param penalty    penalty points x 1e9, decayed
 * @param promised   promised unit-seconds, decayed
 * @param delivered  delivered unit-seconds, decayed
 * @param fulfilled  fulfilled epochs
 * @param shortfall  short epochs
 * @param missed     missed epochs
 * @param unreported unreported epochs
 * @param defaults   defaulted products
 * @param frozen     frozen products
 * @param slashes    slashed bonds
 */
public record AccountRecord(long lastUpdate, BigInteger experience, BigInteger penalty, BigInteger promised,
                            BigInteger delivered, long fulfilled, long shortfall, long missed, long unreported,
                            long defaults, long frozen, long slashes) {

    /** An account without records. */
    public static final AccountRecord EMPTY = new AccountRecord(0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
            BigInteger.ZERO, 0, 0, 0, 0, 0, 0, 0);

    /** Checks the parts. */
    public AccountRecord {
        Objects.requireNonNull(experience, "experience");
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(promised, "promised");
        Objects.requireNonNull(delivered, "delivered");
    }

    /** Epochs settled in total. */
    public long epochsSettled() {
        return fulfilled + shortfall + missed + unreported;
    }
}
