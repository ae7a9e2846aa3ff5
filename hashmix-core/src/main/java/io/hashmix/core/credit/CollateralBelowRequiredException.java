package io.hashmix.core.credit;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/** {@code CollateralBelowRequired(uint256,uint256)}: a mint's attested collateral is below what the collateral policy requires of its issuer. */
public final class CollateralBelowRequiredException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CollateralBelowRequiredException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** What the policy requires. */
    public BigInteger required() {
        return (BigInteger) error().value(0);
    }

    /** What the attestation carries. */
    public BigInteger given() {
        return (BigInteger) error().value(1);
    }
}
