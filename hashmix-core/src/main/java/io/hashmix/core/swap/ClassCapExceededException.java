package io.hashmix.core.swap;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code ClassCapExceeded(bytes32,uint256,uint256)}: the inflow would lift the class above its exposure cap. */
public final class ClassCapExceededException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ClassCapExceededException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The asset class. */
    public AssetClassId assetClass() {
        return new AssetClassId((byte[]) error().value(0));
    }

    /** The class's units after the inflow. */
    public BigInteger units() {
        return (BigInteger) error().value(1);
    }

    /** The cap. */
    public BigInteger maxUnits() {
        return (BigInteger) error().value(2);
    }
}
