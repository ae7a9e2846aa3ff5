package io.hashmix.proofs.attestation;

import java.util.Optional;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.HashMixException;

/**
 * Thrown by {@link BundleVerifier} when an attestation bundle must not be accepted. The {@link #reason()}
 * says why (one value per distinct failure, mirroring the contract's custom errors); the message names
 * the offending signer or field.
 */
public final class AttestationVerificationException extends HashMixException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** Why a bundle was rejected. */
    public enum Reason {
        /** Fewer signatures than the threshold (including none at all). */
        BELOW_THRESHOLD,
        /** The same signer appears twice (adjacent after sorting). */
        DUPLICATE_SIGNER,
        /** Signers are not in strictly ascending address order. */
        UNSORTED_SIGNERS,
        /** A signer is not a member of the committee. */
        NOT_A_COMMITTEE_MEMBER,
        /** A signature does not recover to its declared signer, or is not a valid ECDSA signature at all. */
        INVALID_SIGNATURE,
        /** A signature is not in canonical form: high {@code s}, {@code v} not 27/28, or not 65 bytes (e.g. EIP-2098). */
        NON_CANONICAL_SIGNATURE,
        /** The bundle's domain names another chain id. */
        WRONG_CHAIN,
        /** The bundle's domain names another verifying contract. */
        WRONG_CONTRACT,
        /** The bundle's domain has another name or version. */
        WRONG_DOMAIN,
        /** The attestation was signed for another committee epoch. */
        WRONG_COMMITTEE_EPOCH,
        /** The deadline has passed. */
        EXPIRED,
        /** The input could not be parsed or is structurally invalid. */
        MALFORMED
    }

    /** Why verification failed. */
    private final Reason reason;
    /** The offending signer, or null. */
    private final transient EvmAddress signer;

    /**
     * Creates the exception.
     *
     * @param reason why
     * @param signer the offending signer, or null if the failure is not about one signer
     * @param message human-readable detail
     * @param cause underlying cause, or null
     */
    public AttestationVerificationException(Reason reason, EvmAddress signer, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
        this.signer = signer;
    }

    /**
     * Creates the exception with no cause.
     *
     * @param reason why
     * @param signer the offending signer, or null
     * @param message human-readable detail
     */
    public AttestationVerificationException(Reason reason, EvmAddress signer, String message) {
        this(reason, signer, message, null);
    }

    /** Why the bundle was rejected. */
    public Reason reason() {
        return reason;
    }

    /** The signer the failure is about, if any. */
    public Optional<EvmAddress> signer() {
        return Optional.ofNullable(signer);
    }
}
