package io.hashmix.core.lending;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code InvalidLoanSignature()}: The order's signature is not its maker's: neither a valid ECDSA signature nor accepted by the maker's ERC-1271 wallet.
 */
public final class InvalidLoanSignatureException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidLoanSignatureException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

}
