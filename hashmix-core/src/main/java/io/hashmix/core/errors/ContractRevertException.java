package io.hashmix.core.errors;

import io.hashmix.HashMixException;

/**
 * A contract call or transaction reverted. Subclasses say how: {@link CustomErrorException} (a
 * Solidity custom error, decoded), {@link RevertedWithReasonException} ({@code Error(string)}) and
 * {@link PanicException} ({@code Panic(uint256)}). This class itself is thrown when the revert
 * carried no data or data no ABI of the protocol explains.
 */
public class ContractRevertException extends HashMixException {

    private static final long serialVersionUID = 1L;

    private final String revertData;
    private final String context;

    /**
     * Creates the exception.
     *
     * @param context    what reverted (e.g. the function and the stage: call, estimate, send, receipt)
     * @param revertData the raw revert data, {@code 0x}-prefixed (possibly just {@code 0x})
     * @param detail     the human-readable decoded form
     */
    public ContractRevertException(String context, String revertData, String detail) {
        super(context + " reverted: " + detail);
        this.context = context;
        this.revertData = revertData;
    }

    /** The raw revert data, {@code 0x}-prefixed. */
    public String revertData() {
        return revertData;
    }

    /** What reverted, e.g. {@code registerAssetClass (estimate)}. */
    public String context() {
        return context;
    }
}
