package io.hashmix.core.market;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code InvalidSignature()}: the signature is neither the maker's ECDSA signature of the order's
 * on-chain hash nor accepted by the maker's ERC-1271 wallet. An order signed for another chain id
 * or another market deployment fails this way (its digest differs). Named
 * {@code InvalidOrderSignatureException} to keep it apart from
 * {@link io.hashmix.proofs.crypto.InvalidSignatureException}, the offline recovery failure.
 */
public final class InvalidOrderSignatureException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidOrderSignatureException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
