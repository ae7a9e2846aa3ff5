package io.hashmix.proofs.oracle;

import io.hashmix.HashMixException;

/**
 * A price report that the oracle would refuse, found offline by {@link PriceRules#check}: the message names
 * the rule and the offending observer or value (the same rule the contract's error names).
 */
public final class PriceReportException extends HashMixException {

    private static final long serialVersionUID = 1L;

    /** Why the report is refused, mirroring the oracle's custom errors. */
    public enum Reason {
        /** The deadline has passed ({@code AttestationExpired}). */
        EXPIRED,
        /** The observation time is in the future ({@code ObservationInFuture}). */
        IN_FUTURE,
        /** Not newer than the last recorded report ({@code ObservationNotNewer}). */
        NOT_NEWER,
        /** Signed for another committee epoch ({@code WrongCommitteeEpoch}). */
        WRONG_COMMITTEE_EPOCH,
        /** Fewer observations than the threshold ({@code TooFewObservations}). */
        TOO_FEW_OBSERVATIONS,
        /** More than {@link PriceRules#MAX_OBSERVATIONS} ({@code TooManyItems}). */
        TOO_MANY_OBSERVATIONS,
        /** Observers not strictly ascending: duplicated or unsorted ({@code ObserversNotSorted}). */
        OBSERVERS_NOT_SORTED,
        /** An observer outside the committee ({@code NotAnActiveObserver}). */
        NOT_AN_OBSERVER,
        /** A signature that does not recover to its observer ({@code InvalidObservationSignature}). */
        BAD_SIGNATURE
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason  the rule broken
     * @param message what was wrong
     */
    public PriceReportException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The rule broken. */
    public Reason reason() {
        return reason;
    }
}
