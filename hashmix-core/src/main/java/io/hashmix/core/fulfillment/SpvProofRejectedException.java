package io.hashmix.core.fulfillment;

import java.util.Map;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.spv.EvidenceBindingException;
import io.hashmix.proofs.spv.SpvVerificationException;

/**
 * The SPV verifier refused a payout proof: one of its proof errors ({@code Malformed()}, {@code SixtyFourByteTx()},
 * {@code BrokenLink(uint256)}, {@code BadTarget(uint256,uint32)}, {@code InsufficientWork(uint256)},
 * {@code WrongMerkleBranch()}, {@code WrongIndex(uint256)}, {@code WrongScript()}, {@code AmountTooLow(uint256,uint256)},
 * {@code TooFewConfirmations(uint256,uint256)}), named by {@link #spvReason()} exactly as the offline
 * {@link io.hashmix.proofs.spv.SpvVerifier} names it. The decoded arguments are in {@link #error()}.
 */
public final class SpvProofRejectedException extends CustomErrorException implements EvidenceRefusal {

    private static final long serialVersionUID = 1L;

    /** The verifier's error signatures and the offline reason each stands for. */
    static final Map<String, SpvVerificationException.Reason> SIGNATURES = Map.of(
            "Malformed()", SpvVerificationException.Reason.MALFORMED,
            "SixtyFourByteTx()", SpvVerificationException.Reason.SIXTY_FOUR_BYTE_TX,
            "BrokenLink(uint256)", SpvVerificationException.Reason.BROKEN_LINK,
            "BadTarget(uint256,uint32)", SpvVerificationException.Reason.BAD_TARGET,
            "InsufficientWork(uint256)", SpvVerificationException.Reason.INSUFFICIENT_WORK,
            "WrongMerkleBranch()", SpvVerificationException.Reason.WRONG_MERKLE_BRANCH,
            "WrongIndex(uint256)", SpvVerificationException.Reason.WRONG_INDEX,
            "WrongScript()", SpvVerificationException.Reason.WRONG_SCRIPT,
            "AmountTooLow(uint256,uint256)", SpvVerificationException.Reason.AMOUNT_TOO_LOW,
            "TooFewConfirmations(uint256,uint256)", SpvVerificationException.Reason.TOO_FEW_CONFIRMATIONS);

    /** Creates the exception (the revert decoder does). */
    public SpvProofRejectedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** Why the verifier refused the proof, in the offline verifier's terms. */
    public SpvVerificationException.Reason spvReason() {
        for (Map.Entry<String, SpvVerificationException.Reason> e : SIGNATURES.entrySet()) {
            if (e.getKey().startsWith(errorName() + "(")) {
                return e.getValue();
            }
        }
        throw new IllegalStateException("not a verifier proof error: " + errorName());
    }

    /** {@link EvidenceBindingException.Reason#PROOF_REJECTED}. */
    @Override
    public EvidenceBindingException.Reason reason() {
        return EvidenceBindingException.Reason.PROOF_REJECTED;
    }

    /** The verifier does not say which proof of a report failed: -1. */
    @Override
    public int payment() {
        return -1;
    }
}
