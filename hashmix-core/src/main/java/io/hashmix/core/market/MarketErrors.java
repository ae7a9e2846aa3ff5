package io.hashmix.core.market;

import io.hashmix.core.errors.RevertDecoder;

/**
 * Maps the custom errors of {@code HashMixMarket} to their typed exceptions of this package.
 *
 * <p>The errors every HashMix contract shares arrive as the exceptions of
 * {@link io.hashmix.core.errors} ({@link io.hashmix.core.errors.CommonErrors}): {@code ZeroUnits()} (a
 * fill of zero units), {@code ZeroAddress()} (constructor and {@code setFee}),
 * {@code NativeTransferFailed(address,uint256)} (seller proceeds, refund or fee withdrawal refused by
 * the recipient) and {@code AccessManagedUnauthorized(address)} (an admin or currency function by
 * someone without the role). OpenZeppelin errors the market inherits ({@code ReentrancyGuardReentrantCall},
 * {@code SafeERC20FailedOperation}, {@code SafeCastOverflowedUintDowncast}) arrive as
 * {@link io.hashmix.core.errors.CustomErrorException} with decoded fields; so do errors of the token
 * raised inside a fill, e.g. {@code ERC721InsufficientApproval} when the seller never called
 * {@link MarketClient#approveMarket()}.
 */
public final class MarketErrors {

    private MarketErrors() {
    }

    /**
     * Registers every typed exception of this domain with a decoder builder.
     *
     * @param decoder the builder the {@code HashMix} client is assembling
     */
    public static void register(RevertDecoder.Builder decoder) {
        decoder
                .map("InvalidSignature()", InvalidOrderSignatureException::new)
                .map("OrderExpired(uint64)", OrderExpiredException::new)
                .map("StaleCounter(uint256,uint256)", StaleCounterException::new)
                .map("OrderIsCancelled(bytes32)", OrderIsCancelledException::new)
                .map("StaleTokenNonce(uint256,uint32,uint32)", StaleTokenNonceException::new)
                .map("NotTokenOwner(uint256,address,address)", NotTokenOwnerException::new)
                .map("NotTradable(uint256)", NotTradableException::new)
                .map("CriteriaMismatch(uint256)", CriteriaMismatchException::new)
                .map("FillTooSmall(uint256,uint256)", FillTooSmallException::new)
                .map("Overfill(uint256,uint256)", OverfillException::new)
                .map("NativeNotAllowed()", NativeNotAllowedException::new)
                .map("NotTheMaker(address,address)", NotTheMakerException::new)
                .map("FeeTooHigh(uint16)", FeeTooHighException::new)
                .map("InsufficientValue(uint256,uint256)", InsufficientValueException::new)
                .map("UnitsChanged(uint256,uint256,uint256)", UnitsChangedException::new)
                .map("CurrencyNotAllowed(address)", CurrencyNotAllowedException::new)
                .map("InvalidCurrency(address)", InvalidCurrencyException::new)
                .map("CurrencyNotScheduled(address)", CurrencyNotScheduledException::new)
                .map("CurrencyNotReady(address,uint64)", CurrencyNotReadyException::new);
    }
}
