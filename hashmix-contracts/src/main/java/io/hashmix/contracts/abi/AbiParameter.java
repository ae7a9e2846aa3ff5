package io.hashmix.contracts.abi;

import java.util.Objects;

/**
 * One input of an ABI error, event or function.
 *
 * @param name the parameter name (may be empty in the ABI)
 * @param type the canonical Solidity type, e.g. {@code uint256}, {@code bytes32[]}
 */
public record AbiParameter(String name, String type) {

    /** Checks the parts. */
    public AbiParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
