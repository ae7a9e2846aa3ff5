package io.hashmix.core.tokenization;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/** {@code HardwareNotInProduct(bytes32,uint256)}: the Merkle proof does not put the hardware in the product. */
public final class HardwareNotInProductException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public HardwareNotInProductException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The hardware id (32 bytes). */
    public byte[] hardwareId() {
        return (byte[]) error().value(0);
    }

    /** The product. */
    public ProductId productId() {
        return new ProductId((BigInteger) error().value(1));
    }
}
