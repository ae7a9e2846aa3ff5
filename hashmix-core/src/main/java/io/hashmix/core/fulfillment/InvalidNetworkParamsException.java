package io.hashmix.core.fulfillment;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code InvalidNetworkParams()}: the SPV verifier was deployed with a zero proof-of-work limit or retarget interval. */
public final class InvalidNetworkParamsException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidNetworkParamsException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
