package io.hashmix.core.market;

import io.hashmix.core.errors.RevertDecoder;

/**
 * Maps the custom errors of {@code HashMixMarket} to their typed exceptions of this package.
 *
 * <p>Three market errors share their signature with errors other domains already map, and arrive
 * as those domains' exceptions (a revert carries only the selector, so one signature can have only
 * one class, and {@link RevertDecoder.Builder#map} keeps the last mapping):
 * <ul>
 *   <li>{@code ZeroUnits()} (a fill of zero units) as
 *       {@link io.hashmix.core.tokenization.ZeroUnitsException};</li>
 *   <li>{@code ZeroAddress()} (constructor and {@code setFee}) as
 *       {@link io.hashmix.core.committee.ZeroAddressException};</li>
 *   <li>{@code NativeTransferFailed(address,uint256)} (seller proceeds, refund or fee withdrawal in
 *       the native coin refused by the recipient) as
 *       {@link io.hashmix.core.committee.NativeTransferFailedException}.</li>
 * </ul>
 * The OpenZeppelin errors the market inherits ({@code OwnableUnauthorizedAccount}, mapped by
 * {@code HashMix} itself; {@code ReentrancyGuardReentrantCall}, {@code SafeERC20FailedOperation},
 * {@code SafeCastOverflowedUintDowncast}) are shared by several protocol contracts and are not mapped
 * here: they arrive as {@link io.hashmix.core.errors.CustomErrorException} with decoded fields. So do
 * errors of the token raised inside a fill, e.g. {@code ERC721InsufficientApproval} when the seller
 * never called {@link MarketClient#approveMarket()}.
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
                .map("UnitsChanged(uint256,uint256,uint256)", UnitsChangedException::new);
    }
}
