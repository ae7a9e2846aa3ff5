package io.hashmix.core.lending;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.lending.LoanState;

/**
 * A loan as the lending lens reads it, with its interest and debt at the block read.
 *
 * @param id the loan
 * @param status its status
 * @param borrower the borrower
 * @param lender the current lender
 * @param currency the loan currency (the collateral product's payout token)
 * @param tokenId the collateral token
 * @param holdingIndex the lending contract's holding of the token (what its revenue is claimed for)
 * @param principal principal outstanding
 * @param interestScaled unpaid interest x {@code LoanMath.YEAR_BPS} as stored, accrued up to {@code lastAccrual}
 * @param interest interest owed (rounded up; frozen from an auction's start)
 * @param debt what repaying costs: principal plus interest, at most {@code capLeft}
 * @param capLeft what the borrower may still be asked for
 * @param aprBps annual rate in basis points
 * @param maturity end of the term
 * @param lenderSince when the current lender started (or refinanced) the loan
 * @param lastAccrual when interest was last carried
 * @param redemptionBooked whether a frozen product's redemption was booked to it
 */
public record Loan(LoanId id, LoanStatus status, EvmAddress borrower, EvmAddress lender, EvmAddress currency,
                   TokenId tokenId, long holdingIndex, BigInteger principal, BigInteger interestScaled, BigInteger interest, BigInteger debt,
                   BigInteger capLeft, long aprBps, Instant maturity, Instant lenderSince, Instant lastAccrual,
                   boolean redemptionBooked) {

    /** Checks the parts. */
    public Loan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(debt, "debt");
        Objects.requireNonNull(capLeft, "capLeft");
        Objects.requireNonNull(maturity, "maturity");
    }

    /**
     * Whether the token is still escrowed.
     *
     * @return true if active or in auction
     */
    public boolean isOpen() {
        return status.isOpen();
    }

    /**
     * The loan's money state for offline projections ({@link LoanState#debtAt}, {@link LoanState#project}): exact
     * for an active loan, as the contract would compute it.
     *
     * @return the state
     */
    public LoanState state() {
        return new LoanState(principal, interestScaled, capLeft, aprBps, lastAccrual.getEpochSecond());
    }
}
