package io.hashmix.core.errors;


/** {@code ZeroAmount()}: an amount of zero is refused. */
public final class ZeroAmountException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ZeroAmountException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
