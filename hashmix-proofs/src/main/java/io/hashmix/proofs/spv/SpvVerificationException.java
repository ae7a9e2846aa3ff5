package io.hashmix.proofs.spv;

import io.hashmix.HashMixException;

/**
 * Thrown by {@link SpvVerifier} when a payment proof must not be accepted. {@link #reason()} is one value per
 * distinct failure (the Solidity verifier mirrors them); the message names the header, branch level or output.
 */
public final class SpvVerificationException extends HashMixException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** Why a proof was rejected. The order of the checks is documented in {@link SpvVerifier}. */
    public enum Reason {
        /** A header's previous-block hash is not the hash of the header before it (or of the checkpoint). */
        BROKEN_LINK,
        /** A header's hash is above the target its {@code nBits} encodes. */
        INSUFFICIENT_WORK,
        /**
         * A target the rules do not allow: negative, zero, overflowing or non-canonical {@code nBits}, above the
         * network's pow limit, changed inside a retarget period, or more than 4x easier at a boundary.
         */
        BAD_TARGET,
        /** The Merkle branch does not lead to the header's root, is too long, or differs in depth from the coinbase's. */
        WRONG_MERKLE_BRANCH,
        /** The index does not fit the branch, names a phantom (duplicated) position, or disagrees with coinbase-ness. */
        WRONG_INDEX,
        /** The proven transaction or the coinbase is exactly 64 bytes and could be a Merkle inner node. */
        SIXTY_FOUR_BYTE_TX,
        /** No output of the transaction pays exactly the expected script. */
        WRONG_SCRIPT,
        /** The outputs paying the expected script sum below the minimum amount. */
        AMOUNT_TOO_LOW,
        /** Fewer headers from the including block to the tip than the required confirmations. */
        TOO_FEW_CONFIRMATIONS,
        /** The proof is structurally invalid: unparseable transaction, bad index or count, empty script... */
        MALFORMED
    }

    /** Why verification failed. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why
     * @param message human-readable detail
     * @param cause underlying cause, or null
     */
    public SpvVerificationException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
        this.reason = reason;
    }

    /**
     * Creates the exception with no cause.
     *
     * @param reason why
     * @param message human-readable detail
     */
    public SpvVerificationException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** Why the proof was rejected. */
    public Reason reason() {
        return reason;
    }
}
