package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/** {@code StaleCommitmentVersion(uint256,uint64,uint64)}: the commitment's version does not exceed the product's current one. */
public final class StaleCommitmentVersionException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public StaleCommitmentVersionException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The product. */
    public ProductId productId() {
        return new ProductId((BigInteger) error().value(0));
    }

    /** The refused version (unsigned). */
    public long version() {
        return ((BigInteger) error().value(1)).longValue();
    }

    /** The product's current version (unsigned). */
    public long currentVersion() {
        return ((BigInteger) error().value(2)).longValue();
    }
}
