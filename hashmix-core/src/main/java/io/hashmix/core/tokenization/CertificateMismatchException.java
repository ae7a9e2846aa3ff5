package io.hashmix.core.tokenization;

import io.hashmix.HashMixException;
import io.hashmix.proofs.ProductId;

/**
 * An ownership certificate does not describe the product it names on chain: its attestation
 * differs in some field, or was never minted. The certificate may be forged or stale.
 */
public final class CertificateMismatchException extends HashMixException {

    private static final long serialVersionUID = 1L;

    private final transient ProductId productId;
    private final String field;

    /** Creates the exception. */
    public CertificateMismatchException(ProductId productId, String field) {
        super("the certificate's attestation does not match product " + productId + " on chain: " + field);
        this.productId = productId;
        this.field = field;
    }

    /** The product the certificate names. */
    public ProductId productId() {
        return productId;
    }

    /** The first field that differs. */
    public String field() {
        return field;
    }
}
