package io.hashmix.proofs.ownership;

import java.util.Optional;

import io.hashmix.proofs.attestation.AttestationVerificationException;
import io.hashmix.HashMixException;

/**
 * Thrown by {@link OwnershipCertificate#verify} when a certificate does not prove what it claims. The
 * {@link #reason()} says why; when the embedded attestation is at fault, {@link #attestationReason()} says
 * which attestation check failed (and the cause is the {@link AttestationVerificationException}).
 */
public final class OwnershipVerificationException extends HashMixException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** Why a certificate was rejected. */
    public enum Reason {
        /** The embedded product attestation bundle fails verification (see {@link #attestationReason()}). */
        ATTESTATION_REJECTED,
        /** The Merkle proof does not lead from the hardware id to the attested {@code hardwareRoot}. */
        HARDWARE_NOT_IN_PRODUCT,
        /** The proof is valid but longer than a tree of the attested {@code hardwareCount} allows: the committed tree is larger than attested. */
        HARDWARE_COUNT_MISMATCH,
        /** The product's term has ended ({@code now > end}), so it no longer holds the hardware. */
        PRODUCT_ENDED,
        /** The certificate could not be parsed or is structurally invalid. */
        MALFORMED
    }

    /** Why verification failed. */
    private final Reason reason;
    /** The nested attestation failure, or null. */
    private final AttestationVerificationException.Reason attestationReason;

    /**
     * Creates the exception.
     *
     * @param reason why
     * @param message detail naming the field
     * @param cause the cause, or null; an {@link AttestationVerificationException} cause sets {@link #attestationReason()}
     */
    public OwnershipVerificationException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
        this.attestationReason = cause instanceof AttestationVerificationException a ? a.reason() : null;
    }

    /** Why the certificate was rejected. */
    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#ATTESTATION_REJECTED}: which attestation check failed. */
    public Optional<AttestationVerificationException.Reason> attestationReason() {
        return Optional.ofNullable(attestationReason);
    }
}
