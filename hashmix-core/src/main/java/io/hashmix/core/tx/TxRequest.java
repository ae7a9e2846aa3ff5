package io.hashmix.core.tx;

import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

import io.hashmix.proofs.EvmAddress;

/**
 * What to send: a contract call or a contract creation, before nonce, gas and fees are chosen.
 *
 * @param to       the target, or {@code null} for a contract creation
 * @param data     calldata (or creation code + constructor args), {@code 0x}-prefixed hex
 * @param value    native coin to send, in wei
 * @param gasLimit a fixed gas limit, or {@code null} to estimate (with the fee policy's margin)
 * @param label    what this is, for logs and error messages, e.g. {@code AssetClassRegistry.registerAssetClass}
 */
public record TxRequest(EvmAddress to, String data, BigInteger value, BigInteger gasLimit, String label) {

    private static final Pattern HEX = Pattern.compile("0x(?:[0-9a-fA-F]{2})*");

    /** Checks the parts. */
    public TxRequest {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(label, "label");
        if (!HEX.matcher(data).matches()) {
            throw new IllegalArgumentException("data must be 0x-prefixed hex with whole bytes");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("value must be >= 0");
        }
        if (gasLimit != null && gasLimit.signum() <= 0) {
            throw new IllegalArgumentException("gasLimit must be positive");
        }
        if (to == null && data.length() <= 2) {
            throw new IllegalArgumentException("a contract creation needs code");
        }
    }

    /** A call of {@code to} with {@code data}, no value, estimated gas. */
    public static TxRequest call(EvmAddress to, String data, String label) {
        return new TxRequest(Objects.requireNonNull(to, "to"), data, BigInteger.ZERO, null, label);
    }

    /** A contract creation with creation code (constructor arguments appended), estimated gas. */
    public static TxRequest deploy(String creationCode, String label) {
        return new TxRequest(null, creationCode, BigInteger.ZERO, null, label);
    }

    /** A plain transfer of native coin. */
    public static TxRequest transfer(EvmAddress to, BigInteger wei) {
        return new TxRequest(Objects.requireNonNull(to, "to"), "0x", wei, null, "transfer");
    }

    /** This request with a native-coin value. */
    public TxRequest withValue(BigInteger wei) {
        return new TxRequest(to, data, wei, gasLimit, label);
    }

    /** This request with a fixed gas limit (no estimate). */
    public TxRequest withGasLimit(BigInteger limit) {
        return new TxRequest(to, data, value, limit, label);
    }

    /** Whether this creates a contract. */
    public boolean isCreation() {
        return to == null;
    }
}
