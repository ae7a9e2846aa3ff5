package io.hashmix.core.market;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code NativeNotAllowed()}: an offer or criteria offer names the native coin; only listings may
 * ({@code OrderValidator} refuses such offers offline).
 */
public final class NativeNotAllowedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NativeNotAllowedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
