package io.hashmix.core.errors;

/** A revert with a reason string: {@code require(cond, "reason")} or {@code revert("reason")}. */
public final class RevertedWithReasonException extends ContractRevertException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /** Creates the exception. */
    public RevertedWithReasonException(String context, String revertData, String reason) {
        super(context, revertData, "Error(\"" + reason + "\")");
        this.reason = reason;
    }

    /** The reason string. */
    public String reason() {
        return reason;
    }
}
