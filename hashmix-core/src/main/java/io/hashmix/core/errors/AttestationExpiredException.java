package io.hashmix.core.errors;

import java.math.BigInteger;

/** {@code AttestationExpired(uint64)}: the attestation's deadline has passed. */
public final class AttestationExpiredException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public AttestationExpiredException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The deadline, in seconds since the epoch. */
    public long deadline() {
        return ((BigInteger) error().value(0)).longValueExact();
    }
}
