package io.hashmix.proofs.spv;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A transaction output.
 *
 * @param value amount in satoshis, 0 .. {@link BitcoinTransaction#MAX_MONEY}
 * @param script the scriptPubKey (copied in and out)
 */
public record TxOutput(long value, byte[] script) {

    /**
     * Validates and copies.
     *
     * @throws BitcoinFormatException if the value is negative or above 21 million BTC
     * @throws IllegalArgumentException if the script is null
     */
    public TxOutput {
        if (script == null) {
            throw new IllegalArgumentException("output script must not be null");
        }
        if (value < 0 || value > BitcoinTransaction.MAX_MONEY) {
            throw new BitcoinFormatException("output value " + value + " is outside 0 .. 21e14 satoshis");
        }
        script = script.clone();
    }

    /** The scriptPubKey, a fresh copy. */
    @Override
    public byte[] script() {
        return script.clone();
    }

    /** The script's template. */
    public ScriptType scriptType() {
        return ScriptType.classify(script);
    }

    /**
     * Whether this output pays exactly the given script (byte-for-byte equal).
     *
     * @param expected the script
     * @return true if equal
     */
    public boolean pays(byte[] expected) {
        return Arrays.equals(script, expected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TxOutput other && value == other.value && Arrays.equals(script, other.script);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value) * 31 + Arrays.hashCode(script);
    }

    @Override
    public String toString() {
        return "TxOutput[value=" + value + ", script=" + HexFormat.of().formatHex(script) + "]";
    }
}
