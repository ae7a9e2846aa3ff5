package io.hashmix.core.incentives;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code BlockRangeInvalid(uint64,uint64)}: a makers' root whose last counted block is not after the current root's,
 * or not yet mined (it must be below the block that publishes it).
 */
public final class BlockRangeInvalidException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public BlockRangeInvalidException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The current root's last counted block (0 before the first root). */
    public long previousToBlock() {
        return ((BigInteger) error().value(0)).longValue();
    }

    /** The root's last counted block. */
    public long toBlock() {
        return ((BigInteger) error().value(1)).longValue();
    }
}
