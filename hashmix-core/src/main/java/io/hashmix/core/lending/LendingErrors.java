package io.hashmix.core.lending;

import io.hashmix.core.errors.RevertDecoder;

/**
 * Maps the custom errors of {@code HashPowerLending} (and its module and lens) to their typed exceptions of this
 * package.
 *
 * <p>The errors every HashMix contract shares arrive as the exceptions of {@link io.hashmix.core.errors}
 * ({@code ZeroAddress()}, {@code ZeroAmount()} (a withdrawal with no credit), {@code AmountNotReceived}, the
 * AccessManager's {@code AccessManagedUnauthorized(address)} for {@code pause} by a stranger). OpenZeppelin errors
 * ({@code EnforcedPause()} while new loans are paused, {@code ReentrancyGuardReentrantCall()},
 * {@code SafeERC20FailedOperation}, {@code SafeCastOverflowedUintDowncast}) and the token's errors raised inside a
 * call ({@code ERC721IncorrectOwner} when the borrower does not own the token, {@code ERC721InsufficientApproval}
 * when it never approved the lending contract) arrive as {@link io.hashmix.core.errors.CustomErrorException} with
 * decoded fields. {@code PriceUnusable(bytes32)}, the valuation's error, arrives as the swap domain's
 * {@link io.hashmix.core.swap.PriceUnusableException} (one error, one exception type).
 */
public final class LendingErrors {

    private LendingErrors() {
    }

    /**
     * Registers every typed exception of this domain with a decoder builder.
     *
     * @param decoder the builder the {@code HashMix} client is assembling
     */
    public static void register(RevertDecoder.Builder decoder) {
        decoder
                .map("InvalidLoanSignature()", InvalidLoanSignatureException::new)
                .map("LoanOrderExpired(uint64)", LoanOrderExpiredException::new)
                .map("StaleLoanCounter(uint256,uint256)", StaleLoanCounterException::new)
                .map("LoanOrderCancelled(bytes32)", LoanOrderCancelledException::new)
                .map("LoanOrderUsed(bytes32)", LoanOrderUsedException::new)
                .map("TokenNonceMismatch(uint256,uint32,uint32)", TokenNonceMismatchException::new)
                .map("TokenUnitsMismatch(uint256,uint256,uint256)", TokenUnitsMismatchException::new)
                .map("WrongToken(uint256,uint256)", WrongTokenException::new)
                .map("CollateralNotAccepted(uint256)", CollateralNotAcceptedException::new)
                .map("CollectionMismatch(uint256)", CollectionMismatchException::new)
                .map("WrongCurrency(address,address)", WrongCurrencyException::new)
                .map("BorrowerScoreTooLow(address,uint256,uint256)", BorrowerScoreTooLowException::new)
                .map("InvalidLoanTerms()", InvalidLoanTermsException::new)
                .map("TermBeyondProduct(uint64,uint64)", TermBeyondProductException::new)
                .map("LtvExceeded(uint256,uint256)", LtvExceededException::new)
                .map("OfferExhausted(bytes32,uint256,uint256)", OfferExhaustedException::new)
                .map("UnknownLoan(uint256)", UnknownLoanException::new)
                .map("LoanNotOpen(uint256,uint8)", LoanNotOpenException::new)
                .map("LoanNotForeclosable(uint256)", LoanNotForeclosableException::new)
                .map("RefinanceTooSoon(uint256,uint64)", RefinanceTooSoonException::new)
                .map("LoanNotCurrent(uint256)", LoanNotCurrentException::new)
                .map("TermsNotBetter(uint256)", TermsNotBetterException::new)
                .map("RefinanceTooSmall(uint256,uint256)", RefinanceTooSmallException::new)
                .map("AuctionEnded(uint256,uint64)", AuctionEndedException::new)
                .map("AuctionRunning(uint256,uint64)", AuctionRunningException::new)
                .map("PriceAboveMax(uint256,uint256)", PriceAboveMaxException::new)
                .map("ModuleMismatch()", ModuleMismatchException::new)
                .map("StakeHookGasTooLow()", StakeHookGasTooLowException::new)
                .map("UnknownLoanId(uint256)", UnknownLoanIdException::new);
    }
}
