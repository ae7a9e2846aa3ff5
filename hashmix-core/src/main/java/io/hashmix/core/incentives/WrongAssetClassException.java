package io.hashmix.core.incentives;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.asset.AssetClassId;

/** {@code WrongAssetClass(uint256,bytes32)}: the product is not of the holder program's asset class. */
public final class WrongAssetClassException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public WrongAssetClassException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The product. */
    public ProductId productId() {
        return new ProductId((BigInteger) error().value(0));
    }

    /** Its asset class. */
    public AssetClassId assetClass() {
        return new AssetClassId((byte[]) error().value(1));
    }
}
