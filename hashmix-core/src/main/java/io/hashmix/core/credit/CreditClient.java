package io.hashmix.core.credit;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.web3j.abi.EventEncoder;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.CollateralPolicy;
import io.hashmix.contracts.generated.CreditRegistry;
import io.hashmix.core.events.LogFilter;
import io.hashmix.core.events.LogReader;
import io.hashmix.core.internal.AbiValues;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.internal.ClientContext;
import io.hashmix.core.tx.ContractCalls;
import io.hashmix.core.tx.LogEntry;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.credit.AccountRecord;
import io.hashmix.proofs.credit.CreditBreakdown;
import io.hashmix.proofs.credit.CreditEvent;
import io.hashmix.proofs.credit.CreditParams;
import io.hashmix.proofs.credit.CreditReport;
import io.hashmix.proofs.credit.LoanCounts;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * Credit scores and credit-adjusted collateral: reads every account's score and its breakdown from
 * the {@code CreditRegistry}, quotes the collateral a planned product needs from the
 * {@code CollateralPolicy}, rebuilds the offline {@link CreditReport} from the registry's events and
 * checks it against the contract, and makes the admin's delayed changes.
 *
 * <pre>{@code
 * CreditScore s = hm.credit().credit(issuer).join();               // score 300 for a newcomer
 * CollateralQuote q = hm.credit().requiredCollateral(issuer, btc, capacity, start, end).join();
 * CreditReportCheck check = hm.credit().checkReport(issuer).join(); // check.matches()
 * }</pre>
 *
 * <p>Nobody can write a score: it changes only through the records the protocol's contracts send
 * (settled fulfillment, frauds, loans) and delayed parameter changes. Reverts arrive as the typed
 * exceptions of this package ({@link CreditErrors}). Thread-safe.
 */
public final class CreditClient {

    private final BoundContract registryContract;
    private final CreditRegistry registry;
    private final BoundContract policyContract;
    private final CollateralPolicy policy;
    private final LogReader logs;
    private final long deployBlock;

    /**
     * Built by {@link io.hashmix.core.HashMix}, which hands it out as
     * {@link io.hashmix.core.HashMix#credit()}; not public API: the context is the SDK's
     * internal wiring, so applications get the client from {@code HashMix.builder()...build()}.
     *
     * @param context where the contracts live and the SDK's plumbing
     */
    public CreditClient(ClientContext context) {
        Deployment deployment = context.deployment();
        ContractCalls calls = context.calls();
        TransactionSender sender = context.sender();
        LogReader logs = context.logs();
        this.registryContract = new BoundContract("CreditRegistry",
                deployment.contract(ProtocolContract.CREDIT_REGISTRY).address(), calls, sender);
        this.registry = registryContract.encoder(CreditRegistry::load);
        this.policyContract = new BoundContract("CollateralPolicy",
                deployment.contract(ProtocolContract.COLLATERAL_POLICY).address(), calls, sender);
        this.policy = policyContract.encoder(CollateralPolicy::load);
        this.logs = logs;
        this.deployBlock = deployment.contract(ProtocolContract.CREDIT_REGISTRY).blockNumber();
    }

    /** The registry's address. */
    public EvmAddress address() {
        return registryContract.address();
    }

    // ---------------------------------------------------------------------------------------
    // Scores
    // ---------------------------------------------------------------------------------------

    /** An account's score now, 0..1000 (300 for an account without records). */
    public CompletableFuture<Long> score(EvmAddress account) {
        return registryContract.read("scoreOf", registry.scoreOf(account.hex()), v -> ((BigInteger) v.get(0).getValue()).longValueExact());
    }

    /** An account's score, its parts, its stored record and its borrower counts, read together. */
    public CompletableFuture<CreditScore> credit(EvmAddress account) {
        CompletableFuture<CreditBreakdown> breakdown = registryContract.read("creditOf", registry.creditOf(account.hex()),
                v -> toBreakdown((CreditRegistry.Breakdown) v.get(0)));
        CompletableFuture<AccountRecord> record = record(account);
        CompletableFuture<LoanCounts> loans = loans(account);
        return breakdown.thenCombine(record, (b, r) -> new Object[] {b, r})
                .thenCombine(loans, (br, l) -> new CreditScore(account, (CreditBreakdown) br[0], (AccountRecord) br[1], l));
    }

    /** An account's borrower counts as the registry reads them from lending (zeros without a loan source). */
    public CompletableFuture<LoanCounts> loans(EvmAddress account) {
        return registryContract.read("loanCountsOf", registry.loanCountsOf(account.hex()),
                v -> new LoanCounts(((BigInteger) v.get(0).getValue()).longValueExact(),
                        ((BigInteger) v.get(1).getValue()).longValueExact(), ((BigInteger) v.get(2).getValue()).longValueExact()));
    }

    /**
     * An account's score and its parts as of a time not before its last record ({@code creditAt}); an earlier time
     * fails with {@link TimeBeforeRecordException}.
     */
    public CompletableFuture<CreditBreakdown> creditAt(EvmAddress account, Instant at) {
        return registryContract.read("creditAt", registry.creditAt(account.hex(), BigInteger.valueOf(at.getEpochSecond())),
                v -> toBreakdown((CreditRegistry.Breakdown) v.get(0)));
    }

    /** An account's stored record ({@code accountOf}): totals decayed to its last record, lifetime counters. */
    public CompletableFuture<AccountRecord> record(EvmAddress account) {
        return registryContract.read("accountOf", registry.accountOf(account.hex()), v -> toRecord((CreditRegistry.Account) v.get(0)));
    }

    /** An issuer's delivered unit-seconds in an asset class now, decayed: the exposure a collateral discount may cover. */
    public CompletableFuture<BigInteger> classCredit(EvmAddress issuer, AssetClassId assetClass) {
        return registryContract.read("classCreditOf", registry.classCreditOf(issuer.hex(), assetClass.value()),
                v -> (BigInteger) v.get(0).getValue());
    }

    // ---------------------------------------------------------------------------------------
    // Collateral
    // ---------------------------------------------------------------------------------------

    /**
     * The collateral a planned product of {@code issuer} needs at mint now, with its parts. A mint
     * below {@link CollateralQuote#required()} fails with {@link CollateralBelowRequiredException}.
     *
     * @param issuer     the issuer
     * @param assetClass the product's asset class
     * @param capacity   its capacity (units)
     * @param start      start of its term
     * @param end        end of its term
     * @return the quote
     */
    public CompletableFuture<CollateralQuote> requiredCollateral(EvmAddress issuer, AssetClassId assetClass, BigInteger capacity,
                                                                 Instant start, Instant end) {
        if (capacity.signum() < 0 || end.isBefore(start)) {
            return CompletableFuture.failedFuture(new InvalidRequestException("need capacity >= 0 and start <= end"));
        }
        return policyContract.read("quote", policy.quote(issuer.hex(), assetClass.value(), capacity,
                        BigInteger.valueOf(start.getEpochSecond()), BigInteger.valueOf(end.getEpochSecond())),
                v -> {
                    var q = (CollateralPolicy.Quote) v.get(0);
                    return new CollateralQuote(q.required, q.baseRate, q.collateralScore.longValueExact(),
                            q.multiplierBps.longValueExact(), q.promised, q.covered);
                });
    }

    /** The base rate in force for an asset class (payout base units per unit-day, x 1e18; 0: no requirement). */
    public CompletableFuture<BigInteger> baseRate(AssetClassId assetClass) {
        return policyContract.read("baseRate", policy.baseRate(assetClass.value()), v -> (BigInteger) v.get(0).getValue());
    }

    /**
     * Schedules a base rate (admin), applicable after the policy's delay (7 days).
     *
     * @return the receipt; fails with {@link BaseRateTooLargeException} or
     *         {@link io.hashmix.core.errors.UnauthorizedAccountException}
     */
    public CompletableFuture<TxReceipt> scheduleBaseRate(AssetClassId assetClass, BigInteger rate) {
        return policyContract.send("scheduleBaseRate", policy.scheduleBaseRate(assetClass.value(), rate));
    }

    /**
     * Puts a scheduled base rate in force (anyone, once its delay has passed).
     *
     * @return the receipt; fails with {@link NoPendingRateException} or {@link RateNotReadyException}
     */
    public CompletableFuture<TxReceipt> applyBaseRate(AssetClassId assetClass) {
        return policyContract.send("applyBaseRate", policy.applyBaseRate(assetClass.value()));
    }

    /** The policy's multipliers: best (perfect score) and newcomer, in basis points. */
    public CompletableFuture<long[]> multipliers() {
        return policyContract.read("bestBps", policy.bestBps(), v -> ((BigInteger) v.get(0).getValue()).longValueExact())
                .thenCombine(policyContract.read("newcomerBps", policy.newcomerBps(),
                        v -> ((BigInteger) v.get(0).getValue()).longValueExact()), (best, newcomer) -> new long[] {best, newcomer});
    }

    // ---------------------------------------------------------------------------------------
    // Parameters
    // ---------------------------------------------------------------------------------------

    /** The score parameters in force. */
    public CompletableFuture<CreditParams> params() {
        return registryContract.read("params", registry.params(), v -> toParams((CreditRegistry.Params) v.get(0)));
    }

    /** The scheduled score parameters and when they apply, if any. */
    public CompletableFuture<Optional<Scheduled<CreditParams>>> pendingParams() {
        return registryContract.read("pendingParams", registry.pendingParams(), v -> {
            BigInteger eta = (BigInteger) v.get(1).getValue();
            return eta.signum() == 0 ? Optional.<Scheduled<CreditParams>>empty()
                    : Optional.of(new Scheduled<>(toParams((CreditRegistry.Params) v.get(0)), AbiValues.instant(eta)));
        });
    }

    /**
     * Schedules new score parameters (admin), applicable after the registry's delay (7 days).
     *
     * @return the receipt; fails with {@link io.hashmix.core.errors.UnauthorizedAccountException}
     */
    public CompletableFuture<TxReceipt> scheduleParams(CreditParams p) {
        return registryContract.send("scheduleParams", registry.scheduleParams(toStruct(p)));
    }

    /**
     * Puts the scheduled parameters in force (anyone, once the delay has passed).
     *
     * @return the receipt; fails with {@link NoPendingCreditChangeException} or {@link CreditChangeNotReadyException}
     */
    public CompletableFuture<TxReceipt> applyParams() {
        return registryContract.send("applyParams", registry.applyParams());
    }

    /** A change scheduled behind a delay. @param value the value @param eta when it can be applied */
    public record Scheduled<T>(T value, Instant eta) {
    }

    // ---------------------------------------------------------------------------------------
    // Offline report
    // ---------------------------------------------------------------------------------------

    /**
     * The registry's records of an account and every parameter change, as offline events in chain
     * order (read with {@code eth_getLogs} since the registry's deployment).
     */
    public CompletableFuture<List<CreditEvent>> events(EvmAddress account) {
        String accountTopic = "0x" + "0".repeat(24) + account.hex().substring(2);
        List<String> recordTopics = List.of(EventEncoder.encode(CreditRegistry.FULFILLMENTRECORDED_EVENT),
                EventEncoder.encode(CreditRegistry.SLASHRECORDED_EVENT), EventEncoder.encode(CreditRegistry.FROZENRECORDED_EVENT));
        CompletableFuture<List<LogEntry>> records = logs.read(LogFilter.of(registryContract.address(), deployBlock,
                List.of(recordTopics, List.of(accountTopic))));
        CompletableFuture<List<LogEntry>> params = logs.read(LogFilter.of(registryContract.address(), deployBlock,
                List.of(List.of(EventEncoder.encode(CreditRegistry.PARAMSAPPLIED_EVENT)))));
        return records.thenCombine(params, (a, b) -> {
            List<LogEntry> all = new ArrayList<>(a);
            all.addAll(b);
            all.sort(Comparator.comparingLong(LogEntry::blockNumber).thenComparingLong(LogEntry::logIndex));
            return all.stream().map(CreditClient::toEvent).toList();
        });
    }

    /** The offline report of an account, rebuilt from the registry's events ({@link #events}). */
    public CompletableFuture<CreditReport> report(EvmAddress account) {
        return events(account).thenApply(events -> CreditReport.replay(account, events));
    }

    /**
     * Rebuilds the offline report and compares it with the contract at the same time: the time of
     * the registry's last event, or {@code at} if later (both with the borrower counts read now).
     *
     * @param account the account
     * @param at      a time to compare at (the report's last event time is used if later)
     * @return both answers; {@link CreditReportCheck#matches()} says whether they agree exactly
     */
    public CompletableFuture<CreditReportCheck> checkReport(EvmAddress account, Instant at) {
        return events(account).thenCombine(loans(account), (events, loans) -> new Object[] {events, loans}).thenCompose(el -> {
            @SuppressWarnings("unchecked")
            List<CreditEvent> events = (List<CreditEvent>) el[0];
            LoanCounts loans = (LoanCounts) el[1];
            CreditReport report = CreditReport.replay(account, events);
            long last = events.isEmpty() ? 0 : events.get(events.size() - 1).timestamp();
            long time = Math.max(last, at.getEpochSecond());
            CreditBreakdown offline = report.breakdownAt(time, loans);
            return creditAt(account, Instant.ofEpochSecond(time)).thenCombine(record(account),
                    (onChain, rec) -> new CreditReportCheck(report, time, offline, onChain, rec));
        });
    }

    // ---------------------------------------------------------------------------------------
    // Conversions
    // ---------------------------------------------------------------------------------------

    private static CreditEvent toEvent(LogEntry l) {
        String t0 = l.topics().get(0);
        if (t0.equals(EventEncoder.encode(CreditRegistry.FULFILLMENTRECORDED_EVENT))) {
            var e = CreditRegistry.getFulfillmentRecordedEventFromLog(l.toWeb3jLog());
            return new CreditEvent.FulfillmentRecorded(e.at.longValueExact(), EvmAddress.of(e.issuer), e.productId,
                    Bytes32.of(e.assetClass), e.capacity, e.from.longValueExact(), e.to.longValueExact(), e.deliveredUnitSeconds,
                    e.fulfilled.longValueExact(), e.short_.longValueExact(), e.missed.longValueExact(),
                    e.unreported.longValueExact(), e.defaulted);
        }
        if (t0.equals(EventEncoder.encode(CreditRegistry.SLASHRECORDED_EVENT))) {
            var e = CreditRegistry.getSlashRecordedEventFromLog(l.toWeb3jLog());
            return new CreditEvent.SlashRecorded(e.at.longValueExact(), EvmAddress.of(e.attestor), e.amount);
        }
        if (t0.equals(EventEncoder.encode(CreditRegistry.FROZENRECORDED_EVENT))) {
            var e = CreditRegistry.getFrozenRecordedEventFromLog(l.toWeb3jLog());
            return new CreditEvent.FrozenRecorded(e.at.longValueExact(), EvmAddress.of(e.issuer), e.productId);
        }
        var e = CreditRegistry.getParamsAppliedEventFromLog(l.toWeb3jLog());
        return new CreditEvent.ParamsApplied(e.at.longValueExact(), toParams(e.params));
    }

    static CreditBreakdown toBreakdown(CreditRegistry.Breakdown b) {
        return new CreditBreakdown(b.score.longValueExact(), b.collateralScore.longValueExact(), b.reliability, b.confidence,
                b.performancePoints.longValueExact(), b.loanBonus.longValueExact(), b.penaltyPoints, b.loanPenaltyPoints);
    }

    private static AccountRecord toRecord(CreditRegistry.Account a) {
        return new AccountRecord(a.lastUpdate.longValueExact(), a.experience, a.penalty, a.promised, a.delivered,
                a.fulfilled.longValueExact(), a.short_.longValueExact(), a.missed.longValueExact(), a.unreported.longValueExact(),
                a.defaults.longValueExact(), a.frozen.longValueExact(), a.slashes.longValueExact());
    }

    private static CreditParams toParams(CreditRegistry.Params p) {
        return new CreditParams(p.halfLife.longValueExact(), p.confidenceHalf.longValueExact(), p.missedPenalty.intValueExact(),
                p.unreportedPenalty.intValueExact(), p.defaultPenalty.intValueExact(), p.frozenPenalty.intValueExact(),
                p.slashPenalty.intValueExact(), p.loanBonusPerRepaid.intValueExact(), p.loanBonusCap.intValueExact(),
                p.latePenalty.intValueExact(), p.loanDefaultPenalty.intValueExact());
    }

    private static CreditRegistry.Params toStruct(CreditParams p) {
        return new CreditRegistry.Params(BigInteger.valueOf(p.halfLife()), BigInteger.valueOf(p.confidenceHalf()),
                BigInteger.valueOf(p.missedPenalty()), BigInteger.valueOf(p.unreportedPenalty()),
                BigInteger.valueOf(p.defaultPenalty()), BigInteger.valueOf(p.frozenPenalty()), BigInteger.valueOf(p.slashPenalty()),
                BigInteger.valueOf(p.loanBonusPerRepaid()), BigInteger.valueOf(p.loanBonusCap()), BigInteger.valueOf(p.latePenalty()),
                BigInteger.valueOf(p.loanDefaultPenalty()));
    }
}
