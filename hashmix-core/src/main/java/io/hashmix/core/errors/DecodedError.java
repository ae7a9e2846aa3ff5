package io.hashmix.core.errors;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import io.hashmix.contracts.abi.AbiError;
import io.hashmix.contracts.abi.AbiParameter;

/**
 * A custom error decoded from revert data.
 *
 * <p>Values are plain Java: {@code BigInteger} for integers, {@code Boolean}, {@code String},
 * {@code byte[]} for bytes, {@link io.hashmix.proofs.EvmAddress} for addresses, {@code List} for arrays.
 *
 * @param error  the ABI declaration
 * @param values the decoded arguments, in declaration order
 */
public record DecodedError(AbiError error, List<Object> values) {

    /** Checks and copies the parts. */
    public DecodedError {
        Objects.requireNonNull(error, "error");
        values = List.copyOf(values);
        if (values.size() != error.inputs().size()) {
            throw new IllegalArgumentException("decoded " + values.size() + " values for " + error.signature());
        }
    }

    /** The error name, e.g. {@code UnknownAssetClass}. */
    public String name() {
        return error.name();
    }

    /**
     * An argument by parameter name.
     *
     * @throws IllegalArgumentException if the error has no such parameter
     */
    public Object value(String parameterName) {
        List<AbiParameter> inputs = error.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).name().equals(parameterName)) {
                return values.get(i);
            }
        }
        throw new IllegalArgumentException(error.signature() + " has no parameter '" + parameterName + "'");
    }

    /** An argument by position. */
    public Object value(int index) {
        return values.get(index);
    }

    /** E.g. {@code UnknownAssetClass(id=0x12ab...)}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String name = error.inputs().get(i).name();
            Object v = values.get(i);
            String text = v instanceof byte[] bytes ? "0x" + HexFormat.of().formatHex(bytes) : String.valueOf(v);
            parts.add(name.isEmpty() ? text : name + "=" + text);
        }
        return error.name() + "(" + String.join(", ", parts) + ")";
    }
}
