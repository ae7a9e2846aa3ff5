package io.hashmix.core.errors;

import io.hashmix.proofs.EvmAddress;

/** {@code NotTheIssuer(address,address)}: only the issuer named in the attestation may mint it. */
public final class NotTheIssuerException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public NotTheIssuerException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The account that called. */
    public EvmAddress caller() {
        return (EvmAddress) error().value(0);
    }

    /** The issuer the attestation names. */
    public EvmAddress issuer() {
        return (EvmAddress) error().value(1);
    }
}
