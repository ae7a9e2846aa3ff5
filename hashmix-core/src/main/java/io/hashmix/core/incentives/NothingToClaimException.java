package io.hashmix.core.incentives;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/**
 * {@code NothingToClaim(address,uint256,uint256)}: the maker already claimed at least its cumulative amount in the
 * makers' current root (a second claim before the next root).
 */
public final class NothingToClaimException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NothingToClaimException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The maker. */
    public EvmAddress maker() {
        return (EvmAddress) error().value(0);
    }

    /** Its cumulative amount in the root. */
    public BigInteger cumulative() {
        return (BigInteger) error().value(1);
    }

    /** What it has claimed in all. */
    public BigInteger claimed() {
        return (BigInteger) error().value(2);
    }
}
