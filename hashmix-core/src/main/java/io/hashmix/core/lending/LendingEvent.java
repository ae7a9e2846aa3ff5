package io.hashmix.core.lending;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.lending.LoanOrderKind;

/**
 * An event of the lending contract, decoded ({@link LendingClient#events}). Every record carries where it was
 * logged; switch over the records.
 */
public sealed interface LendingEvent {

    /** Block number. */
    long blockNumber();

    /** Index of the log in its block. */
    int logIndex();

    /** The transaction. */
    String transactionHash();

    /** {@code LoanStarted}. */
    record Started(long blockNumber, int logIndex, String transactionHash, LoanId loanId, TokenId tokenId,
                   EvmAddress borrower, EvmAddress lender, EvmAddress currency, BigInteger principal,
                   BigInteger maxRepayment, long aprBps, Instant maturity, Bytes32 orderHash, LoanOrderKind kind)
            implements LendingEvent {
    }

    /** {@code RevenueSwept}: revenue claimed for a loan. */
    record RevenueSwept(long blockNumber, int logIndex, String transactionHash, LoanId loanId, BigInteger amount)
            implements LendingEvent {
    }

    /** {@code RedemptionBooked}: a frozen product's redemption booked to a loan. */
    record RedemptionBooked(long blockNumber, int logIndex, String transactionHash, LoanId loanId, BigInteger amount)
            implements LendingEvent {
    }

    /** {@code DebtPaid}: interest and principal paid to the lender by {@code payer}. */
    record DebtPaid(long blockNumber, int logIndex, String transactionHash, LoanId loanId, EvmAddress payer,
                    BigInteger interest, BigInteger principal, BigInteger debtLeft) implements LendingEvent {
    }

    /** {@code SurplusPaid}: revenue beyond the debt paid to the borrower. */
    record SurplusPaid(long blockNumber, int logIndex, String transactionHash, LoanId loanId, EvmAddress borrower,
                       BigInteger amount) implements LendingEvent {
    }

    /** {@code LoanRepaid}: the token went back to the borrower. */
    record Repaid(long blockNumber, int logIndex, String transactionHash, LoanId loanId, EvmAddress borrower,
                  EvmAddress lender, boolean late) implements LendingEvent {
    }

    /** {@code LoanRefinanced}. */
    record Refinanced(long blockNumber, int logIndex, String transactionHash, LoanId loanId, EvmAddress oldLender,
                      EvmAddress newLender, BigInteger payoff, long aprBps, Instant maturity, BigInteger capLeft,
                      Bytes32 orderHash, LoanOrderKind kind) implements LendingEvent {
    }

    /** {@code ForeclosureStarted}. */
    record ForeclosureStarted(long blockNumber, int logIndex, String transactionHash, LoanId loanId,
                              EvmAddress initiator, BigInteger debt, BigInteger startPrice, BigInteger floorPrice,
                              Instant endsAt) implements LendingEvent {
    }

    /** {@code AuctionSettled}: the token was sold. */
    record AuctionSettled(long blockNumber, int logIndex, String transactionHash, LoanId loanId, EvmAddress winner,
                          BigInteger price, BigInteger toLender, BigInteger bounty, BigInteger toBorrower,
                          BigInteger badDebt) implements LendingEvent {
    }

    /** {@code CollateralClaimed}: no bid, the lender took the token. */
    record CollateralClaimed(long blockNumber, int logIndex, String transactionHash, LoanId loanId, EvmAddress lender,
                             BigInteger badDebt) implements LendingEvent {
    }

    /** {@code PaymentCredited}: a push failed and was credited. */
    record PaymentCredited(long blockNumber, int logIndex, String transactionHash, EvmAddress account,
                           EvmAddress currency, BigInteger amount) implements LendingEvent {
    }

    /** {@code CreditWithdrawn}. */
    record CreditWithdrawn(long blockNumber, int logIndex, String transactionHash, EvmAddress account,
                           EvmAddress currency, EvmAddress to, BigInteger amount) implements LendingEvent {
    }

    /** {@code LoanOrderCancelledBy}. */
    record OrderCancelled(long blockNumber, int logIndex, String transactionHash, Bytes32 orderHash, EvmAddress maker)
            implements LendingEvent {
    }

    /** {@code CounterIncremented}. */
    record CounterIncremented(long blockNumber, int logIndex, String transactionHash, EvmAddress maker,
                              BigInteger counter) implements LendingEvent {
    }
}
