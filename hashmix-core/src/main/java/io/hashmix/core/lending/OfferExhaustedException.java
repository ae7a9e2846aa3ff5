package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * {@code OfferExhausted(bytes32,uint256,uint256)}: The collection offer has less principal left than asked for.
 */
public final class OfferExhaustedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public OfferExhaustedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The offer's hash. */
    public Bytes32 orderHash() {
        return Bytes32.of((byte[]) error().value(0));
    }
    /** Principal left. */
    public BigInteger remaining() {
        return (BigInteger) error().value(1);
    }
    /** Principal asked for. */
    public BigInteger requested() {
        return (BigInteger) error().value(2);
    }
}
