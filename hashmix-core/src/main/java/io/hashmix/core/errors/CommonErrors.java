package io.hashmix.core.errors;

/**
 * Maps the errors every HashMix contract shares (declared once in {@code contracts/src/common/Errors.sol})
 * and the AccessManager's refusal to their typed exceptions, which live in this package: one
 * Solidity error, one selector, one exception class, whichever contract raised it.
 */
public final class CommonErrors {

    private CommonErrors() {
    }

    /** Registers the shared errors with a decoder builder. */
    public static void register(RevertDecoder.Builder decoder) {
        decoder
                .map("AccessManagedUnauthorized(address)", UnauthorizedAccountException::new)
                .map("ZeroAddress()", ZeroAddressException::new)
                .map("ZeroAmount()", ZeroAmountException::new)
                .map("NativeTransferFailed(address,uint256)", NativeTransferFailedException::new)
                .map("AmountNotReceived(uint256,uint256)", AmountNotReceivedException::new)
                .map("AttestationExpired(uint64)", AttestationExpiredException::new)
                .map("NonceAlreadyUsed(uint256)", NonceAlreadyUsedException::new)
                .map("LengthMismatch(uint256,uint256)", LengthMismatchException::new)
                .map("TooManyItems(uint256,uint256)", TooManyItemsException::new)
                .map("UnknownProduct(uint256)", UnknownProductException::new)
                .map("NotTheIssuer(address,address)", NotTheIssuerException::new)
                .map("ZeroUnits()", ZeroUnitsException::new);
    }
}
