package io.hashmix.core.lending;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

import io.hashmix.proofs.lending.LoanState;

/**
 * When a loan would be repaid by its collateral's revenue alone, if every coming epoch paid what the product's
 * last settled epoch paid (its {@code lastUnitRevenue}) for the escrowed units: an estimate, computed offline with
 * the contract's arithmetic.
 *
 * @param loanId the loan
 * @param revenuePerEpoch the escrowed token's revenue per epoch assumed
 * @param schedule the payments, one per coming epoch up to the product's end
 * @param payoffEpoch the epoch whose settlement repays the loan, if one does
 * @param payoffAt when that epoch ends, if one does
 */
public record PayoffProjection(LoanId loanId, BigInteger revenuePerEpoch, LoanState.RepaymentSchedule schedule,
                               Optional<Long> payoffEpoch, Optional<Instant> payoffAt) {
}
