package io.hashmix.core.incentives;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/**
 * {@code InvalidMakerProof(address,uint256)}: the proof does not place {@code (maker, cumulative)} in the makers'
 * current root (a tree of another period, or an amount not in it).
 */
public final class InvalidMakerProofException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public InvalidMakerProofException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The maker. */
    public EvmAddress maker() {
        return (EvmAddress) error().value(0);
    }

    /** The cumulative amount claimed with the proof. */
    public BigInteger cumulative() {
        return (BigInteger) error().value(1);
    }
}
