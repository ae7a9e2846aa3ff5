package io.hashmix.proofs.credit;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * An account's credit, recomputed offline from the {@code CreditRegistry}'s events: the stored record
 * the registry holds after the same events, and the score, its parts and the collateral terms at any
 * later time, equal to the contract's views bit for bit.
 *
 * <pre>{@code
 * CreditReport report = CreditReport.replay(issuer, events);    // events in chain order
 * CreditBreakdown now = report.breakdownAt(timestamp, loans);   // = CreditRegistry.creditOf(issuer)
 * }</pre>
 *
 * <p>The events may hold other accounts' records (they are skipped); {@link CreditEvent.ParamsApplied}
 * events apply to everyone. Without a {@code ParamsApplied} event the replay starts from
 * {@link CreditParams#DEFAULT} (what a registry is deployed with).
 */
public final class CreditReport {

    private final EvmAddress account;
    private final AccountRecord record;
    private final Map<Bytes32, long[]> classTimes;
    private final Map<Bytes32, BigInteger> classCredit;
    private final CreditParams params;
    private final long lastEvent;

    private CreditReport(EvmAddress account, AccountRecord record, Map<Bytes32, BigInteger> classCredit,
                         Map<Bytes32, long[]> classTimes, CreditParams params, long lastEvent) {
        this.account = account;
        this.record = record;
        this.classCredit = Map.copyOf(classCredit);
        this.classTimes = Map.copyOf(classTimes);
        this.params = params;
        this.lastEvent = lastEvent;
    }

    /**
     * Replays events in chain order.
     *
     * @param account the account
     * @param events  the registry's events (any accounts), in chain order
     * @return the report
     * @throws IllegalArgumentException if the events go back in time
     */
    public static CreditReport replay(EvmAddress account, List<? extends CreditEvent> events) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(events, "events");
        CreditParams params = CreditParams.DEFAULT;
        AccountRecord a = AccountRecord.EMPTY;
        Map<Bytes32, BigInteger> classCredit = new HashMap<>();
        Map<Bytes32, long[]> classTimes = new HashMap<>();
        long last = 0;
        for (CreditEvent e : events) {
            if (e.timestamp() < last) {
                throw new IllegalArgumentException("events out of order: " + e.timestamp() + " after " + last);
            }
            last = e.timestamp();
            switch (e) {
                case CreditEvent.ParamsApplied p -> params = p.params();
                case CreditEvent.FulfillmentRecorded f when f.issuer().equals(account) -> {
                    a = touch(a, f.timestamp(), params);
                    long points = f.missed() * params.missedPenalty() + f.unreported() * params.unreportedPenalty()
                            + (f.defaulted() ? params.defaultPenalty() : 0);
                    BigInteger penalty = points == 0 ? a.penalty()
                            : CreditMath.add128(a.penalty(), BigInteger.valueOf(points).multiply(CreditMath.PENALTY_UNIT));
                    a = new AccountRecord(a.lastUpdate(),
                            CreditMath.add64(a.experience(), BigInteger.valueOf(f.to() - f.from())), penalty,
                            CreditMath.add128(a.promised(), f.promisedUnitSeconds()),
                            CreditMath.add128(a.delivered(), f.deliveredUnitSeconds()),
                            a.fulfilled() + f.fulfilled(), a.shortfall() + f.shortfall(), a.missed() + f.missed(),
                            a.unreported() + f.unreported(), a.defaults() + (f.defaulted() ? 1 : 0), a.frozen(), a.slashes());
                    if (f.deliveredUnitSeconds().signum() != 0) {
                        BigInteger before = classCredit.getOrDefault(f.assetClass(), BigInteger.ZERO);
                        long updated = classTimes.getOrDefault(f.assetClass(), new long[] {0})[0];
                        BigInteger decayed = CreditMath.decay(before, f.timestamp() - updated, params.halfLife());
                        classCredit.put(f.assetClass(), CreditMath.add128(decayed, f.deliveredUnitSeconds()));
                        classTimes.put(f.assetClass(), new long[] {f.timestamp()});
                    }
                }
                case CreditEvent.SlashRecorded s when s.attestor().equals(account) -> {
                    a = touch(a, s.timestamp(), params);
                    a = withPenalty(a, params.slashPenalty(), 0, 1);
                }
                case CreditEvent.FrozenRecorded fr when fr.issuer().equals(account) -> {
                    a = touch(a, fr.timestamp(), params);
                    a = withPenalty(a, params.frozenPenalty(), 1, 0);
                }
                default -> {
                    // another account's record
                }
            }
        }
        return new CreditReport(account, a, classCredit, classTimes, params, last);
    }

    /** The account. */
    public EvmAddress account() {
        return account;
    }

    /** The stored record after the events (the registry's {@code accountOf}). */
    public AccountRecord record() {
        return record;
    }

    /** The parameters in force after the events. */
    public CreditParams params() {
        return params;
    }

    /**
     * The score and its parts at {@code now} (the registry's {@code creditOf} in a block of that timestamp).
     *
     * @param now   unix seconds, not before the last event
     * @param loans the account's borrower counts at that time ({@link LoanCounts#NONE} without lending)
     * @return the breakdown
     */
    public CreditBreakdown breakdownAt(long now, LoanCounts loans) {
        checkTime(now);
        long elapsed = record.lastUpdate() == 0 ? 0 : now - record.lastUpdate();
        long h = params.halfLife();
        return CreditMath.score(new CreditMath.Inputs(CreditMath.decay(record.promised(), elapsed, h),
                CreditMath.decay(record.delivered(), elapsed, h), CreditMath.decay(record.experience(), elapsed, h),
                CreditMath.decay(record.penalty(), elapsed, h), loans, params));
    }

    /**
     * The account's delivered unit-seconds in an asset class at {@code now} (the registry's {@code classCreditOf}).
     *
     * @param assetClass the asset class
     * @param now        unix seconds, not before the last event
     * @return the decayed amount
     */
    public BigInteger classCreditAt(Bytes32 assetClass, long now) {
        checkTime(now);
        BigInteger v = classCredit.getOrDefault(assetClass, BigInteger.ZERO);
        long updated = classTimes.getOrDefault(assetClass, new long[] {0})[0];
        return CreditMath.decay(v, now - updated, params.halfLife());
    }

    /**
     * The collateral a product of this issuer needs at {@code now} (the {@code CollateralPolicy}'s
     * {@code requiredCollateral}).
     *
     * @param assetClass  the product's asset class
     * @param baseRate    the class's base rate (x 1e18)
     * @param capacity    the product's capacity
     * @param term        its term in seconds
     * @param bestBps     the policy's best multiplier
     * @param newcomerBps the policy's newcomer multiplier
     * @param now         unix seconds, not before the last event
     * @param loans       the issuer's borrower counts
     * @return the required collateral
     */
    public BigInteger requiredCollateralAt(Bytes32 assetClass, BigInteger baseRate, BigInteger capacity, long term,
                                           long bestBps, long newcomerBps, long now, LoanCounts loans) {
        if (baseRate.signum() == 0) {
            return BigInteger.ZERO;
        }
        long multiplier = CreditMath.multiplierBps(breakdownAt(now, loans).collateralScore(), bestBps, newcomerBps);
        return CreditMath.requiredCollateral(baseRate, capacity, term, classCreditAt(assetClass, now), multiplier, newcomerBps);
    }

    private void checkTime(long now) {
        if (now < lastEvent) {
            throw new IllegalArgumentException("time " + now + " is before the last event at " + lastEvent);
        }
    }

    private static AccountRecord touch(AccountRecord a, long now, CreditParams params) {
        if (a.lastUpdate() == 0 || a.lastUpdate() == now) {
            return new AccountRecord(now, a.experience(), a.penalty(), a.promised(), a.delivered(), a.fulfilled(),
                    a.shortfall(), a.missed(), a.unreported(), a.defaults(), a.frozen(), a.slashes());
        }
        long elapsed = now - a.lastUpdate();
        long h = params.halfLife();
        return new AccountRecord(now, CreditMath.decay(a.experience(), elapsed, h), CreditMath.decay(a.penalty(), elapsed, h),
                CreditMath.decay(a.promised(), elapsed, h), CreditMath.decay(a.delivered(), elapsed, h), a.fulfilled(),
                a.shortfall(), a.missed(), a.unreported(), a.defaults(), a.frozen(), a.slashes());
    }

    private static AccountRecord withPenalty(AccountRecord a, int points, int frozen, int slashes) {
        return new AccountRecord(a.lastUpdate(), a.experience(),
                CreditMath.add128(a.penalty(), BigInteger.valueOf(points).multiply(CreditMath.PENALTY_UNIT)), a.promised(),
                a.delivered(), a.fulfilled(), a.shortfall(), a.missed(), a.unreported(), a.defaults(), a.frozen() + frozen,
                a.slashes() + slashes);
    }
}
