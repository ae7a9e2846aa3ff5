package io.hashmix.proofs.attestation;

import io.hashmix.HashMixException;

/**
 * Malformed JSON given to a proofs codec ({@link AttestationJson}, the ownership certificate codec...):
 * invalid syntax, a missing or unknown field, a value of the wrong JSON type, or a value its Solidity type
 * cannot hold. {@link #path()} says where, e.g. {@code $.attestation.capacity}.
 */
public final class ProofJsonException extends HashMixException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** JSON path of the offending value. */
    private final String path;

    /**
     * Creates the exception.
     *
     * @param path JSON path of the offending value ({@code $} for the document)
     * @param message what is wrong
     * @param cause underlying cause, or null
     */
    public ProofJsonException(String path, String message, Throwable cause) {
        super("malformed JSON at " + path + ": " + message, cause);
        this.path = path;
    }

    /**
     * Creates the exception with no cause.
     *
     * @param path JSON path of the offending value
     * @param message what is wrong
     */
    public ProofJsonException(String path, String message) {
        this(path, message, null);
    }

    /** JSON path of the offending value, e.g. {@code $.signatures[1].signer}. */
    public String path() {
        return path;
    }
}
