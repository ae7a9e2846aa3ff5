package io.hashmix.core.tokenization;

import java.math.BigInteger;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.ProductId;

/** {@code TermsDoNotOverlap(uint256,uint256)}: the two products never run at the same time, so sharing hardware is no fraud. */
public final class TermsDoNotOverlapException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public TermsDoNotOverlapException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The first product. */
    public ProductId productA() {
        return new ProductId((BigInteger) error().value(0));
    }

    /** The second product. */
    public ProductId productB() {
        return new ProductId((BigInteger) error().value(1));
    }
}
