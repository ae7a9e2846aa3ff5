package io.hashmix.core.swap;

import io.hashmix.core.errors.RevertDecoder;

/**
 * Maps the custom errors of {@code HashPriceOracle}, {@code HashPowerValuation} and {@code HashPowerSwapPool}
 * to their typed exceptions of this package.
 *
 * <p>Shared errors arrive as the exceptions of {@link io.hashmix.core.errors}: {@code AttestationExpired(uint64)}
 * (a report past its deadline, a swap past its deadline), {@code TooManyItems(uint256,uint256)} (more than 32
 * observations), {@code ZeroUnits()}, {@code ZeroAmount()}, {@code ZeroAddress()}, {@code UnknownProduct(uint256)}
 * and {@code AccessManagedUnauthorized(address)}. The oracle's {@code ThresholdNotSet(bytes32)} has the committee's
 * signature and arrives as {@link io.hashmix.core.committee.ThresholdNotSetException}. OpenZeppelin errors the pool
 * inherits ({@code ERC20InsufficientBalance}, {@code ReentrancyGuardReentrantCall}, {@code SafeCastOverflowedUintDowncast})
 * and the token's errors raised inside a swap (e.g. {@code ERC721InsufficientApproval} before
 * {@link SwapClient#approvePool()}) arrive as {@link io.hashmix.core.errors.CustomErrorException}.
 */
public final class SwapErrors {

    private SwapErrors() {
    }

    /**
     * Registers every typed exception of this domain with a decoder builder.
     *
     * @param decoder the builder the {@code HashMix} client is assembling
     */
    public static void register(RevertDecoder.Builder decoder) {
        decoder
                .map("PriceUnusable(bytes32)", PriceUnusableException::new)
                .map("InvalidBounds(uint32,uint16)", InvalidBoundsException::new)
                .map("BoundsNotScheduled(bytes32)", BoundsNotScheduledException::new)
                .map("BoundsNotReady(bytes32,uint64)", BoundsNotReadyException::new)
                .map("FeedNotConfigured(bytes32)", FeedNotConfiguredException::new)
                .map("ObservationInFuture(uint64)", ObservationInFutureException::new)
                .map("ObservationNotNewer(uint64,uint64)", ObservationNotNewerException::new)
                .map("WrongCommitteeEpoch(uint64,uint64)", WrongCommitteeEpochException::new)
                .map("TooFewObservations(uint256,uint256)", TooFewObservationsException::new)
                .map("ObserversNotSorted(address,address)", ObserversNotSortedException::new)
                .map("NotAnActiveObserver(address)", NotAnActiveObserverException::new)
                .map("InvalidObservation(address)", InvalidObservationException::new)
                .map("InvalidObservationSignature(address)", InvalidObservationSignatureException::new)
                .map("InvalidFee(uint256)", InvalidFeeException::new)
                .map("ClassNotScheduled(bytes32)", ClassNotScheduledException::new)
                .map("ClassNotReady(bytes32,uint64)", ClassNotReadyException::new)
                .map("ClassNotListed(bytes32)", ClassNotListedException::new)
                .map("ProductNotAccepted(uint256)", ProductNotAcceptedException::new)
                .map("TooCloseToExpiry(uint256,uint256,uint256)", TooCloseToExpiryException::new)
                .map("ClassCapExceeded(bytes32,uint256,uint256)", ClassCapExceededException::new)
                .map("NotTokenOwner(uint256,address)", NotTokenOwnerException::new)
                .map("UnitsExceedToken(uint256,uint256,uint256)", UnitsExceedTokenException::new)
                .map("TokenNotHeld(uint256)", TokenNotHeldException::new)
                .map("PoolFull()", PoolFullException::new)
                .map("ZeroValue()", ZeroValueException::new)
                .map("InsufficientLiquidity(uint256,uint256,uint256)", InsufficientLiquidityException::new)
                .map("SlippageExceeded(uint256,uint256)", SlippageExceededException::new)
                .map("SharesBelowMinimum(uint256,uint256)", SharesBelowMinimumException::new)
                .map("SharesAboveMaximum(uint256,uint256)", SharesAboveMaximumException::new)
                .map("NotEvictable(uint256)", NotEvictableException::new)
                .map("RedemptionPending(uint256)", RedemptionPendingException::new)
                .map("InvalidConsolidation()", InvalidConsolidationException::new)
                .map("UnsolicitedToken(address,uint256)", UnsolicitedTokenException::new);
    }
}
