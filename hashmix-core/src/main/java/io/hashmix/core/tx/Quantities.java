package io.hashmix.core.tx;

import java.math.BigInteger;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.core.rpc.RpcProtocolException;

/** JSON-RPC quantities ({@code 0x}-prefixed hex without leading zeros), both ways. */
public final class Quantities {

    private Quantities() {
    }

    /** Encodes a non-negative number as a quantity. */
    public static String encode(BigInteger n) {
        if (n.signum() < 0) {
            throw new IllegalArgumentException("quantities are non-negative: " + n);
        }
        return "0x" + n.toString(16);
    }

    /** Encodes a non-negative number as a quantity. */
    public static String encode(long n) {
        return encode(BigInteger.valueOf(n));
    }

    /**
     * Decodes a quantity node.
     *
     * @throws RpcProtocolException if the node is not a hex quantity
     */
    public static BigInteger toBigInteger(JsonNode node) {
        if (node == null || !node.isTextual() || !node.asText().startsWith("0x") || node.asText().length() < 3
                || node.asText().charAt(2) == '-' || node.asText().charAt(2) == '+') {
            // BigInteger would take a sign ("0x-1"): a quantity is unsigned hex digits only
            throw new RpcProtocolException("expected a hex quantity, got " + node);
        }
        try {
            return new BigInteger(node.asText().substring(2), 16);
        } catch (NumberFormatException e) {
            throw new RpcProtocolException("expected a hex quantity, got " + node, e);
        }
    }

    /** Decodes a quantity node that fits a long. */
    public static long toLong(JsonNode node) {
        return toBigInteger(node).longValueExact();
    }
}
