package io.hashmix.proofs.spv;

import java.util.Optional;
import io.hashmix.HashMixException;

/**
 * Thrown by {@link BoundEvidence} when payout proofs would not back a report on chain: one reason per error of
 * {@code BitcoinEvidence} (and the verifier's errors, as {@link Reason#PROOF_REJECTED} with the
 * {@link SpvVerificationException.Reason}), found in the contract's order.
 */
public final class EvidenceBindingException extends HashMixException {

    private static final long serialVersionUID = 1L;

    /** Why the evidence does not back the report; the contract error is named on each. */
    public enum Reason {
        /** No proof, or more than {@link BoundEvidence#MAX_PAYMENTS} ({@code InvalidPaymentCount}). */
        INVALID_PAYMENT_COUNT,
        /** The SPV verifier refuses a proof ({@link #spvReason()} says why; the verifier's error on chain). */
        PROOF_REJECTED,
        /**
         * The payment was claimed already ({@code PaymentAlreadyClaimed}): earlier in the same set (found offline), or
         * by an earlier report of any product (found on chain only).
         */
        PAYMENT_ALREADY_CLAIMED,
        /** A proof pays a script the product did not commit to ({@code ScriptNotCommitted}). */
        SCRIPT_NOT_COMMITTED,
        /** A payment's block has fewer confirmations in its proof than the class's minimum
         * ({@code ConfirmationsBelowMinimum}). */
        CONFIRMATIONS_BELOW_MINIMUM,
        /** A proof is anchored at a checkpoint accepted longer ago than the class allows ({@code StaleCheckpoint}). */
        STALE_CHECKPOINT,
        /** A payment's block time is outside the epoch's window ({@code PaymentOutsideWindow}). */
        PAYMENT_OUTSIDE_WINDOW,
        /** The first payment's coinbase does not carry its block's height, BIP 34 ({@code CoinbaseHeightMismatch}). */
        COINBASE_HEIGHT_MISMATCH,
        /** The report's evidence is not the proven txid(s) ({@code EvidenceMismatch}). */
        EVIDENCE_MISMATCH,
        /** The report's revenue exceeds the proven payments ({@code RevenueAboveProven}). */
        REVENUE_ABOVE_PROVEN,
        /** The delivered units at the reported unit revenue exceed the proven payments ({@code DeliveredAboveProven}). */
        DELIVERED_ABOVE_PROVEN,
        /** The reported unit revenue is below the subsidy floor ({@code UnitRevenueBelowFloor}). */
        UNIT_REVENUE_BELOW_FLOOR
    }

    private final Reason reason;
    private final int payment;
    private final transient SpvVerificationException.Reason spvReason;

    /**
     * Creates the exception.
     *
     * @param reason    why
     * @param payment   the index of the offending proof, or -1 when the report as a whole fails
     * @param spvReason the verifier's reason for {@link Reason#PROOF_REJECTED}, else null
     * @param message   detail
     * @param cause     the verifier's exception, or null
     */
    public EvidenceBindingException(Reason reason, int payment, SpvVerificationException.Reason spvReason, String message,
                                    Throwable cause) {
        super(reason + (payment >= 0 ? " (payment " + payment + ")" : "") + ": " + message, cause);
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
        this.reason = reason;
        this.payment = payment;
        this.spvReason = spvReason;
    }

    /** Why the evidence was refused. */
    public Reason reason() {
        return reason;
    }

    /** The index of the offending proof, or -1 when the report as a whole fails. */
    public int payment() {
        return payment;
    }

    /** The verifier's reason, for {@link Reason#PROOF_REJECTED}. */
    public Optional<SpvVerificationException.Reason> spvReason() {
        return Optional.ofNullable(spvReason);
    }
}
