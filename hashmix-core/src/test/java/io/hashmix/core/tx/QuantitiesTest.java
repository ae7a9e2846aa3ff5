package io.hashmix.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.hashmix.core.rpc.RpcProtocolException;

class QuantitiesTest {

    private static JsonNode text(String s) {
        return TextNode.valueOf(s);
    }

    @Test
    void encodesWithoutLeadingZeros() {
        assertEquals("0x0", Quantities.encode(0));
        assertEquals("0x1", Quantities.encode(1));
        assertEquals("0xff", Quantities.encode(255));
        assertEquals("0x400", Quantities.encode(BigInteger.valueOf(1024)));
        assertEquals("0x7a69", Quantities.encode(31337L));
        assertEquals("0x7fffffffffffffff", Quantities.encode(Long.MAX_VALUE));
        assertEquals("0x" + "f".repeat(64), Quantities.encode(BigInteger.TWO.pow(256).subtract(BigInteger.ONE)));
    }

    @Test
    void refusesToEncodeNegativeNumbers() {
        assertThrows(IllegalArgumentException.class, () -> Quantities.encode(-1));
        assertThrows(IllegalArgumentException.class, () -> Quantities.encode(BigInteger.valueOf(-5)));
    }

    @Test
    void decodesQuantitiesInAnyCaseAndWithLeadingZeros() {
        assertEquals(BigInteger.ZERO, Quantities.toBigInteger(text("0x0")));
        assertEquals(BigInteger.valueOf(255), Quantities.toBigInteger(text("0xff")));
        assertEquals(BigInteger.valueOf(255), Quantities.toBigInteger(text("0xFF")));
        assertEquals(BigInteger.valueOf(1), Quantities.toBigInteger(text("0x0001")));
        assertEquals(31337L, Quantities.toLong(text("0x7a69")));
    }

    @Test
    void roundTripsLargeAndSmallValues() {
        for (BigInteger n : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(4_000_000_000L),
                BigInteger.TWO.pow(255).add(BigInteger.valueOf(12345))}) {
            assertEquals(n, Quantities.toBigInteger(text(Quantities.encode(n))));
        }
        assertEquals(Long.MAX_VALUE, Quantities.toLong(text(Quantities.encode(Long.MAX_VALUE))));
    }

    @Test
    void rejectsWhatIsNotAHexQuantity() {
        for (JsonNode bad : new JsonNode[] {null, NullNode.getInstance(), MissingNode.getInstance(), IntNode.valueOf(5),
                text(""), text("0x"), text("12"), text("ff"), text("0xzz"), text("0x1g"), text(" 0x1"),
                text("0x-1"), text("0x+1")}) {
            assertThrows(RpcProtocolException.class, () -> Quantities.toBigInteger(bad), String.valueOf(bad));
        }
    }

    @Test
    void toLongRejectsQuantitiesAboveLongRange() {
        assertThrows(ArithmeticException.class, () -> Quantities.toLong(text("0x10000000000000000")));
    }
}
