package io.hashmix.core.tokenization;

import io.hashmix.core.errors.RevertDecoder;

/** Maps the custom errors of HashPowerToken to their typed exceptions. */
public final class TokenizationErrors {

    private TokenizationErrors() {
    }

    /** Registers every typed exception of this domain with a decoder builder. */
    public static void register(RevertDecoder.Builder decoder) {
        decoder
                .map("NotTheIssuer(address,address)", NotTheIssuerException::new)
                .map("AttestationExpired(uint64)", AttestationExpiredException::new)
                .map("NonceAlreadyUsed(uint256)", NonceAlreadyUsedException::new)
                .map("InvalidTerm(uint64,uint64)", InvalidTermException::new)
                .map("ZeroCapacity()", ZeroCapacityException::new)
                .map("InvalidHardwareCommitment()", InvalidHardwareCommitmentException::new)
                .map("AssetClassNotActive(bytes32)", AssetClassNotActiveException::new)
                .map("WrongCollateralToken(address,address)", WrongCollateralTokenException::new)
                .map("CollateralNotReceived(uint256,uint256)", CollateralNotReceivedException::new)
                .map("NotAuthorized(address,uint256)", NotAuthorizedException::new)
                .map("ProductIsFrozen(uint256)", ProductIsFrozenException::new)
                .map("InvalidPartCount(uint256)", InvalidPartCountException::new)
                .map("ZeroUnits()", ZeroUnitsException::new)
                .map("UnitsMismatch(uint256,uint256)", UnitsMismatchException::new)
                .map("DuplicateToken(uint256)", DuplicateTokenException::new)
                .map("ProductMismatch(uint256)", ProductMismatchException::new)
                .map("OwnerMismatch(uint256)", OwnerMismatchException::new)
                .map("SameProduct()", SameProductException::new)
                .map("UnknownProduct(uint256)", UnknownProductException::new)
                .map("HardwareNotInProduct(bytes32,uint256)", HardwareNotInProductException::new)
                .map("ProductNotLive(uint256)", ProductNotLiveException::new)
                .map("TermsDoNotOverlap(uint256,uint256)", TermsDoNotOverlapException::new)
                .map("CapacityTooLarge(uint256)", CapacityTooLargeException::new)
                .map("NotTheVault(address)", NotTheVaultException::new)
                .map("VaultAlreadySet()", VaultAlreadySetException::new)
                .map("UnknownHolding(uint256,uint256)", UnknownHoldingException::new);
    }
}
