package io.hashmix.core.tokenization;

import io.hashmix.core.errors.RevertDecoder;

/**
 * Maps the custom errors of the HashPowerToken and the HardwareRegistry to their typed exceptions
 * (the errors shared by every contract are in {@link io.hashmix.core.errors.CommonErrors}).
 */
public final class TokenizationErrors {

    private TokenizationErrors() {
    }

    /** Registers every typed exception of this domain with a decoder builder. */
    public static void register(RevertDecoder.Builder decoder) {
        decoder
                .map("InvalidTerm(uint64,uint64)", InvalidTermException::new)
                .map("ZeroCapacity()", ZeroCapacityException::new)
                .map("InvalidHardwareCommitment()", InvalidHardwareCommitmentException::new)
                .map("AssetClassNotActive(bytes32)", AssetClassNotActiveException::new)
                .map("WrongCollateralToken(address,address)", WrongCollateralTokenException::new)
                .map("NotAuthorized(address,uint256)", NotAuthorizedException::new)
                .map("ProductIsFrozen(uint256)", ProductIsFrozenException::new)
                .map("InvalidPartCount(uint256)", InvalidPartCountException::new)
                .map("UnitsMismatch(uint256,uint256)", UnitsMismatchException::new)
                .map("DuplicateToken(uint256)", DuplicateTokenException::new)
                .map("ProductMismatch(uint256)", ProductMismatchException::new)
                .map("OwnerMismatch(uint256)", OwnerMismatchException::new)
                .map("SameProduct()", SameProductException::new)
                .map("HardwareNotInProduct(bytes32,uint256)", HardwareNotInProductException::new)
                .map("ProductNotLive(uint256)", ProductNotLiveException::new)
                .map("TermsDoNotOverlap(uint256,uint256)", TermsDoNotOverlapException::new)
                .map("CapacityTooLarge(uint256)", CapacityTooLargeException::new)
                .map("UnknownHolding(uint256,uint256)", UnknownHoldingException::new)
                .map("CollateralTooLarge(uint256)", CollateralTooLargeException::new)
                .map("NothingToChallenge(uint256)", NothingToChallengeException::new)
                .map("NotFrozen(uint256)", NotFrozenException::new)
                .map("AlreadyRedeemed(uint256)", AlreadyRedeemedException::new)
                .map("NotHolderAtFreeze(uint256,uint256)", NotHolderAtFreezeException::new)
                .map("TokenNotInProduct(uint256,uint256)", TokenNotInProductException::new)
                .map("TokenIdsNotAscending(uint256,uint256)", TokenIdsNotAscendingException::new)
                .map("TooManyTokens(uint256,uint256)", TooManyTokensException::new)
                // the collateral vault, under mint, challenges and redemption
                .map("AlreadyLocked(uint256)", CollateralAlreadyLockedException::new)
                .map("AmountTooLarge(uint256)", CollateralAmountTooLargeException::new)
                .map("InsufficientForfeited(uint256,uint256,uint256)", InsufficientForfeitedException::new)
                .map("InvalidBountyBps(uint256)", InvalidBountyBpsException::new);
    }
}
