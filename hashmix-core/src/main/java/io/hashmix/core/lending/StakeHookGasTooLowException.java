package io.hashmix.core.lending;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * {@code StakeHookGasTooLow()}: the transaction left too little gas to tell the lenders' reward program a
 * lender's new outstanding principal ({@code STAKE_HOOK_GAS}). Nothing happened; send again with more gas (the
 * SDK's estimate includes it).
 */
public final class StakeHookGasTooLowException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public StakeHookGasTooLowException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The transaction reverted and changed nothing: sending it again (with more gas) is safe. */
    @Override
    public boolean retryable() {
        return true;
    }
}
