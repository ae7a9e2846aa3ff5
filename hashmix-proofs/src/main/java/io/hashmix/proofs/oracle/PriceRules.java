package io.hashmix.proofs.oracle;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.oracle.PriceReportException.Reason;

/**
 * {@code HashPriceOracle}'s rules, offline and exact: the lower median, the move bound, the heartbeat, and the
 * checks of a report a relayer runs before paying gas to submit it.
 */
public final class PriceRules {

    /** Most observations one report may carry. */
    public static final int MAX_OBSERVATIONS = 32;
    /** Basis-point denominator. */
    public static final BigInteger BPS = BigInteger.valueOf(10_000);

    private PriceRules() {
    }

    /**
     * The lower median: the value at index {@code (n - 1) / 2} of the sorted values (always one observed value).
     *
     * @param values at least one value
     * @return the median
     * @throws IllegalArgumentException if empty
     */
    public static BigInteger median(Collection<BigInteger> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("the median of no values is undefined");
        }
        List<BigInteger> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((sorted.size() - 1) / 2);
    }

    /**
     * Whether moving from {@code previous} to {@code next} exceeds the bound:
     * {@code |next - previous| * 10,000 > previous * maxMoveBps}.
     *
     * @param previous   the last recorded price
     * @param next       the new median
     * @param maxMoveBps the class's bound in basis points
     * @return true if the report would trip the feed
     */
    public static boolean movedTooFar(BigInteger previous, BigInteger next, int maxMoveBps) {
        return next.subtract(previous).abs().multiply(BPS).compareTo(previous.multiply(BigInteger.valueOf(maxMoveBps))) > 0;
    }

    /**
     * Whether recording {@code report} would trip the feed: either median moves beyond {@code maxMoveBps} of the
     * last recorded prices (never for a class's first report, {@code previousHashprice == 0}).
     *
     * @param report              the report
     * @param previousHashprice   the last recorded hashprice (0 if none)
     * @param previousPayoutPrice the last recorded payout price
     * @param maxMoveBps          the class's move bound
     * @return true if the oracle would record the report but mark the feed unusable
     */
    public static boolean trips(PriceReport report, BigInteger previousHashprice, BigInteger previousPayoutPrice,
            int maxMoveBps) {
        if (previousHashprice.signum() == 0) {
            return false;
        }
        return movedTooFar(previousHashprice, report.medianHashprice(), maxMoveBps)
                || movedTooFar(previousPayoutPrice, report.medianPayoutPrice(), maxMoveBps);
    }

    /**
     * Whether a recorded price is fresh at {@code now}: {@code now <= observedAt + maxAge}.
     *
     * @param observedAt the report's observation time
     * @param maxAge     the class's heartbeat in seconds
     * @param now        the chain's time
     * @return true if not stale
     */
    public static boolean isFresh(long observedAt, long maxAge, long now) {
        return observedAt != 0 && maxAge != 0 && now <= observedAt + maxAge;
    }

    /**
     * The checks {@code submitReport} makes, offline, in its order (the feed's bounds aside): deadline, time,
     * replay, committee epoch, count, then per observation sorting, membership and signature.
     *
     * @param report           the report
     * @param domain           the oracle's domain
     * @param now              the chain's time
     * @param lastObservedAt   the class's last recorded observation time (0 if none)
     * @param committeeEpoch   the current committee epoch
     * @param threshold        the class's threshold
     * @param activeAttestors  the active committee members
     * @throws PriceReportException naming the first rule broken
     */
    public static void check(PriceReport report, Eip712Domain domain, long now, long lastObservedAt, long committeeEpoch,
            int threshold, Set<EvmAddress> activeAttestors) {
        if (Long.compareUnsigned(now, report.deadline()) > 0) {
            throw new PriceReportException(Reason.EXPIRED, "the report's deadline " + report.deadline() + " has passed");
        }
        if (Long.compareUnsigned(report.observedAt(), now) > 0) {
            throw new PriceReportException(Reason.IN_FUTURE, "observedAt " + report.observedAt() + " is in the future");
        }
        if (Long.compareUnsigned(report.observedAt(), lastObservedAt) <= 0) {
            throw new PriceReportException(Reason.NOT_NEWER, "observedAt " + report.observedAt()
                    + " is not after the last recorded " + lastObservedAt);
        }
        if (report.committeeEpoch() != committeeEpoch) {
            throw new PriceReportException(Reason.WRONG_COMMITTEE_EPOCH, "signed for committee epoch "
                    + report.committeeEpoch() + ", current is " + committeeEpoch);
        }
        int n = report.observations().size();
        if (n > MAX_OBSERVATIONS) {
            throw new PriceReportException(Reason.TOO_MANY_OBSERVATIONS, n + " observations, at most " + MAX_OBSERVATIONS);
        }
        if (n < threshold) {
            throw new PriceReportException(Reason.TOO_FEW_OBSERVATIONS, n + " observations, the threshold is " + threshold);
        }
        CryptoBackend crypto = CryptoBackends.best();
        String previous = "";
        for (PriceReport.Observation o : report.observations()) {
            String hex = o.observer().hex().toLowerCase(Locale.ROOT);
            if (hex.compareTo(previous) <= 0) {
                throw new PriceReportException(Reason.OBSERVERS_NOT_SORTED, "observer " + o.observer()
                        + " is not after the previous one (duplicated or unsorted)");
            }
            if (!activeAttestors.contains(o.observer())) {
                throw new PriceReportException(Reason.NOT_AN_OBSERVER, o.observer() + " is not an active attestor");
            }
            if (!crypto.verify(report.digest(domain, o), o.signature(), o.observer())) {
                throw new PriceReportException(Reason.BAD_SIGNATURE, "the signature of " + o.observer() + " does not verify");
            }
            previous = hex;
        }
    }
}
