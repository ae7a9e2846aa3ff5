package io.hashmix.contracts.abi;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.web3j.crypto.Hash;

/**
 * A Solidity custom error as declared in an ABI, e.g. {@code UnknownAssetClass(bytes32 id)}.
 *
 * @param name   the error name
 * @param inputs its parameters, in order
 */
public record AbiError(String name, List<AbiParameter> inputs) {

    /** Copies the inputs. */
    public AbiError {
        Objects.requireNonNull(name, "name");
        inputs = List.copyOf(inputs);
    }

    /** The canonical signature, e.g. {@code UnknownAssetClass(bytes32)}. */
    public String signature() {
        return name + inputs.stream().map(AbiParameter::type).collect(Collectors.joining(",", "(", ")"));
    }

    /** The 4-byte selector as {@code 0x}-prefixed lowercase hex. */
    public String selector() {
        byte[] hash = Hash.sha3(signature().getBytes(StandardCharsets.US_ASCII));
        return "0x" + HexFormat.of().formatHex(hash, 0, 4);
    }
}
