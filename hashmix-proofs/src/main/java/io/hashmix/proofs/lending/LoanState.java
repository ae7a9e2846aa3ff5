package io.hashmix.proofs.lending;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The money state of an active loan, as the lending contract stores it: principal, unpaid scaled interest (accrued
 * up to {@code lastAccrual}), the cap left and the rate. Immutable; {@link #debtAt}, {@link #pay} and
 * {@link #project} compute exactly what the contract would.
 *
 * @param principal outstanding principal
 * @param interestScaled unpaid interest x {@link LoanMath#YEAR_BPS}, accrued up to {@code lastAccrual}
 * @param capLeft what the borrower may still be asked for
 * @param aprBps annual rate in basis points
 * @param lastAccrual unix second interest was last carried
 */
public record LoanState(BigInteger principal, BigInteger interestScaled, BigInteger capLeft, long aprBps, long lastAccrual) {

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if a value is null or negative
     */
    public LoanState {
        if (principal == null || interestScaled == null || capLeft == null || principal.signum() < 0
                || interestScaled.signum() < 0 || capLeft.signum() < 0 || aprBps < 0 || lastAccrual < 0) {
            throw new IllegalArgumentException("a loan state needs non-negative principal, interest, cap, APR and time");
        }
    }

    /**
     * A new loan's state.
     *
     * @param principal the principal
     * @param maxRepayment the cap
     * @param aprBps the APR
     * @param start the start (unix seconds)
     * @return the state
     */
    public static LoanState start(BigInteger principal, BigInteger maxRepayment, long aprBps, long start) {
        return new LoanState(principal, BigInteger.ZERO, maxRepayment, aprBps, start);
    }

    /**
     * The scaled interest accrued to {@code at}.
     *
     * @param at unix seconds, not before {@code lastAccrual}
     * @return scaled interest
     */
    public BigInteger interestScaledAt(long at) {
        if (at < lastAccrual) {
            throw new IllegalArgumentException("time " + at + " is before the last accrual " + lastAccrual);
        }
        return interestScaled.add(LoanMath.accrued(principal, aprBps, at - lastAccrual));
    }

    /**
     * What repaying costs at {@code at}.
     *
     * @param at unix seconds
     * @return the debt
     */
    public BigInteger debtAt(long at) {
        return LoanMath.debt(principal, interestScaledAt(at), capLeft);
    }

    /**
     * Applies a payment at {@code at} (revenue or a repayment), capped at the debt.
     *
     * @param at unix seconds
     * @param amount what arrived; beyond the debt it is surplus
     * @return the new state and the payment's split
     */
    public Step pay(long at, BigInteger amount) {
        BigInteger scaled = interestScaledAt(at);
        BigInteger debt = LoanMath.debt(principal, scaled, capLeft);
        BigInteger toLender = amount.min(debt);
        LoanMath.Payment p = LoanMath.applyPayment(scaled, principal, capLeft, toLender);
        LoanState next = new LoanState(p.principal(), p.interestScaled(), p.capLeft(), aprBps, at);
        return new Step(at, amount, p.toInterest(), p.toPrincipal(), amount.subtract(toLender), next);
    }

    /**
     * Projects a loan repaid by revenue: applies each payment in order, as sweeps would.
     *
     * @param payments revenue (or repayments) in time order
     * @return the schedule
     */
    public RepaymentSchedule project(List<Revenue> payments) {
        List<Step> steps = new ArrayList<>();
        LoanState s = this;
        Integer payoff = null;
        for (Revenue r : payments) {
            Step step = s.pay(r.at(), r.amount());
            steps.add(step);
            s = step.after();
            if (payoff == null && step.after().principal().signum() == 0
                    && step.after().interestScaled().signum() == 0) {
                payoff = steps.size() - 1;
                break;
            }
        }
        return new RepaymentSchedule(List.copyOf(steps), Optional.ofNullable(payoff));
    }

    /**
     * One payment: revenue claimed at {@code at}.
     *
     * @param at unix seconds
     * @param amount the amount
     */
    public record Revenue(long at, BigInteger amount) {
    }

    /**
     * A payment applied at {@code at}.
     *
     * @param at unix seconds
     * @param amount what arrived
     * @param toInterest part that paid interest
     * @param toPrincipal part that paid principal
     * @param surplus part beyond the debt (the borrower's)
     * @param after the state after it
     */
    public record Step(long at, BigInteger amount, BigInteger toInterest, BigInteger toPrincipal, BigInteger surplus,
            LoanState after) {

        /**
         * The debt right after the payment.
         *
         * @return the debt
         */
        public BigInteger debtAfter() {
            return after.debtAt(at);
        }
    }

    /**
     * A projected repayment by revenue.
     *
     * @param steps the payments applied
     * @param payoffStep the index of the step that repaid the loan, if one did
     */
    public record RepaymentSchedule(List<Step> steps, Optional<Integer> payoffStep) {

        /**
         * Whether the payments repay the loan.
         *
         * @return true if one step paid it off
         */
        public boolean repaid() {
            return payoffStep.isPresent();
        }
    }
}
