package io.hashmix.core.errors;

/**
 * A revert with a Solidity custom error of the protocol's ABIs, decoded. Domain packages extend
 * this with one typed exception per error (e.g. {@code UnknownAssetClassException}); errors without
 * a typed class arrive as this class, with the same decoded fields.
 */
public class CustomErrorException extends ContractRevertException {

    private static final long serialVersionUID = 1L;

    private final transient DecodedError error;

    /** Creates the exception. */
    public CustomErrorException(String context, String revertData, DecodedError error) {
        super(context, revertData, error.toString());
        this.error = error;
    }

    /** The decoded error: name, signature and arguments. */
    public DecodedError error() {
        return error;
    }

    /** The error name, e.g. {@code UnknownAssetClass}. */
    public String errorName() {
        return error.name();
    }
}
