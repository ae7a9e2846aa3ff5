package io.hashmix.core.errors;

import java.math.BigInteger;
import io.hashmix.proofs.EvmAddress;

/** {@code NativeTransferFailed(address,uint256)}: sending the native coin failed; the amount stays claimable. */
public final class NativeTransferFailedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NativeTransferFailedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The recipient. */
    public EvmAddress to() {
        return (EvmAddress) error().value(0);
    }

    /** The amount. */
    public BigInteger amount() {
        return (BigInteger) error().value(1);
    }
}
