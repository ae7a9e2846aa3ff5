package io.hashmix.proofs.crypto;

import io.hashmix.HashMixException;

/**
 * A signature that a {@link CryptoBackend} refuses to recover a signer from. Both backends throw it with the
 * same kind and the same message for the same input (the checks run in {@link SignatureRules}, before any
 * curve arithmetic).
 */
public final class InvalidSignatureException extends HashMixException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** Why the signature was refused. */
    public enum Kind {
        /** Not in canonical form: not 65 bytes (e.g. 64-byte EIP-2098), {@code v} not 27/28, or high {@code s}. */
        NON_CANONICAL,
        /** {@code r} or {@code s} out of range, or no public key recovers from it. */
        INVALID
    }

    /** Why. */
    private final Kind kind;

    /**
     * Creates the exception.
     *
     * @param kind why
     * @param detail what is wrong, phrased to follow "signature ..." (e.g. "has a high s ...")
     * @param cause the underlying failure, or null
     */
    public InvalidSignatureException(Kind kind, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
    }

    /**
     * Why the signature was refused.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * What is wrong, phrased to follow the word "signature" (the exception message).
     *
     * @return the detail
     */
    public String detail() {
        return getMessage();
    }
}
