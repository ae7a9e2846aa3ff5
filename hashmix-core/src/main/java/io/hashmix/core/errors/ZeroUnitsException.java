package io.hashmix.core.errors;


/** {@code ZeroUnits()}: a slice cannot have zero units. */
public final class ZeroUnitsException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ZeroUnitsException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }
}
