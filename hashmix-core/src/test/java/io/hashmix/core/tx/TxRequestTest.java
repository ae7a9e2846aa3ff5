package io.hashmix.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import io.hashmix.proofs.EvmAddress;

class TxRequestTest {

    private static final EvmAddress TO = EvmAddress.of("0x5fbdb2315678afecb367f032d93f642f64180aa3");

    @Test
    void callHasNoValueAndEstimatedGas() {
        TxRequest r = TxRequest.call(TO, "0xa9059cbb", "Token.transfer");

        assertEquals(TO, r.to());
        assertEquals("0xa9059cbb", r.data());
        assertEquals(BigInteger.ZERO, r.value());
        assertNull(r.gasLimit());
        assertEquals("Token.transfer", r.label());
        assertFalse(r.isCreation());
    }

    @Test
    void deployIsACreationWithoutTarget() {
        TxRequest r = TxRequest.deploy("0x6080604052", "deploy Registry");

        assertNull(r.to());
        assertTrue(r.isCreation());
        assertEquals("0x6080604052", r.data());
    }

    @Test
    void transferCarriesValueAndEmptyData() {
        TxRequest r = TxRequest.transfer(TO, BigInteger.TEN.pow(18));

        assertEquals("0x", r.data());
        assertEquals(BigInteger.TEN.pow(18), r.value());
        assertEquals("transfer", r.label());
        assertFalse(r.isCreation());
    }

    @Test
    void withersChangeOnlyTheirPart() {
        TxRequest base = TxRequest.call(TO, "0x01", "x");

        TxRequest withValue = base.withValue(BigInteger.valueOf(7));
        TxRequest withGas = withValue.withGasLimit(BigInteger.valueOf(21_000));

        assertEquals(new TxRequest(TO, "0x01", BigInteger.valueOf(7), null, "x"), withValue);
        assertEquals(new TxRequest(TO, "0x01", BigInteger.valueOf(7), BigInteger.valueOf(21_000), "x"), withGas);
        assertEquals(BigInteger.ZERO, base.value());
        assertNull(base.gasLimit());
    }

    @Test
    void rejectsDataThatIsNotWholeBytesOfHex() {
        for (String bad : new String[] {"", "0x1", "0x123", "a9059cbb", "0xzz", "0X01", "0x 01"}) {
            assertThrows(IllegalArgumentException.class, () -> TxRequest.call(TO, bad, "x"), bad);
        }
    }

    @Test
    void acceptsMixedCaseHexData() {
        assertEquals("0xAbCd", TxRequest.call(TO, "0xAbCd", "x").data());
    }

    @Test
    void rejectsNegativeValue() {
        assertThrows(IllegalArgumentException.class, () -> TxRequest.transfer(TO, BigInteger.valueOf(-1)));
        assertThrows(IllegalArgumentException.class, () -> TxRequest.call(TO, "0x", "x").withValue(BigInteger.valueOf(-1)));
    }

    @Test
    void rejectsNonPositiveGasLimit() {
        TxRequest r = TxRequest.call(TO, "0x", "x");
        assertThrows(IllegalArgumentException.class, () -> r.withGasLimit(BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> r.withGasLimit(BigInteger.valueOf(-21_000)));
    }

    @Test
    void rejectsACreationWithoutCode() {
        assertThrows(IllegalArgumentException.class, () -> TxRequest.deploy("0x", "deploy"));
    }

    @Test
    void rejectsMissingParts() {
        assertThrows(NullPointerException.class, () -> TxRequest.call(null, "0x", "x"));
        assertThrows(NullPointerException.class, () -> TxRequest.call(TO, null, "x"));
        assertThrows(NullPointerException.class, () -> TxRequest.call(TO, "0x", null));
        assertThrows(NullPointerException.class, () -> TxRequest.transfer(TO, null));
        assertThrows(NullPointerException.class, () -> TxRequest.transfer(null, BigInteger.ONE));
    }
}
