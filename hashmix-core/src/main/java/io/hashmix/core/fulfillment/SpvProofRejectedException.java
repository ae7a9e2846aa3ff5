package io.hashmix.core.fulfillment;

import java.util.Set;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * The SPV verifier refused a payout proof with one of its proof errors ({@code Malformed()},
 * {@code SixtyFourByteTx()}, {@code BrokenLink(uint256)}, {@code BadTarget(uint256,uint32)},
 * {@code InsufficientWork(uint256)}, {@code WrongMerkleBranch()}, {@code WrongIndex(uint256)},
 * {@code WrongScript()}, {@code AmountTooLow(uint256,uint256)}, {@code TooFewConfirmations(uint256,uint256)}).
 * {@link #errorName()} names the check that failed; the decoded arguments are in {@link #error()}.
 */
public final class SpvProofRejectedException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** The verifier's proof error signatures this exception stands for. */
    static final Set<String> SIGNATURES = Set.of(
            "Malformed()", "SixtyFourByteTx()", "BrokenLink(uint256)", "BadTarget(uint256,uint32)",
            "InsufficientWork(uint256)", "WrongMerkleBranch()", "WrongIndex(uint256)", "WrongScript()",
            "AmountTooLow(uint256,uint256)", "TooFewConfirmations(uint256,uint256)");

    /** Creates the exception (the revert decoder does). */
    public SpvProofRejectedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
