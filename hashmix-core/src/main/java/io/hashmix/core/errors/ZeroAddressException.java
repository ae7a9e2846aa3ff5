package io.hashmix.core.errors;


/** {@code ZeroAddress()}: the zero address is refused. */
public final class ZeroAddressException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ZeroAddressException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
