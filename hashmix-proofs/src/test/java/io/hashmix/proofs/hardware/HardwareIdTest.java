package io.hashmix.proofs.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.hashmix.proofs.eip712.Bytes32;

class HardwareIdTest {

    private static final HexFormat HEX = HexFormat.of();

    private static String word(long v) {
        return String.format("%064x", v);
    }

    private static String paddedString(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        String hex = HEX.formatHex(b);
        int padded = ((b.length + 31) / 32) * 32;
        return word(b.length) + hex + "0".repeat(2 * (padded - b.length));
    }

    /** Hand-built abi.encode("FIL-PARTITION", uint64, uint64, uint64): one offset word, three values, then the string. */
    @Test
    void filecoinEncodingIsAbiEncode() {
        String expected = word(0x80) + word(1234) + word(47) + word(3) + paddedString("FIL-PARTITION");
        assertEquals(expected, HEX.formatHex(HardwareId.encodeFilecoinPartition(1234, 47, 3)));
        assertEquals(Bytes32.keccak(HEX.parseHex(expected)), HardwareId.filecoinPartition(1234, 47, 3).value());
    }

    @Test
    void asicEncodingIsAbiEncode() {
        String expected = word(0x80) + word(0xc0) + word(0x100) + "02484d000001" + "0".repeat(52)
                + paddedString("ASIC") + paddedString("BITMAIN") + paddedString("S19-1");
        assertEquals(expected, HEX.formatHex(HardwareId.encodeAsic("bitmain", " S19-1 ", HardwareId.parseMac("02:48:4d:00:00:01"))));
    }

    @Test
    void gpuEncodingIsAbiEncode() {
        String expected = word(0x60) + word(0xa0) + word(0xe0) + paddedString("GPU") + paddedString("NVIDIA") + paddedString("RIG-1");
        assertEquals(expected, HEX.formatHex(HardwareId.encodeGpu("Nvidia", "RIG-1")));
    }

    @Test
    void canonicalisationMakesEquivalentInputsEqual() {
        HardwareId a = HardwareId.asic("Bitmain", "S19-1", "02:48:4d:00:00:01");
        assertEquals(a, HardwareId.asic("BITMAIN", "  S19-1\t", "02-48-4D-00-00-01"));
        assertEquals(a, HardwareId.asic("bitmain", "S19-1", "02484d000001"));
        assertEquals(a, HardwareId.asic("bitmain", "S19-1", new byte[] {2, 0x48, 0x4d, 0, 0, 1}));
        assertNotEquals(a, HardwareId.asic("Bitmain", "s19-1", "02:48:4d:00:00:01"), "serial case is significant");
        assertNotEquals(a, HardwareId.asic("Bitmain", "S19-1", "02:48:4d:00:00:02"));
        assertEquals(HardwareId.gpu("nvidia", "R1"), HardwareId.gpu("NVIDIA", " R1 "));
        assertNotEquals(HardwareId.gpu("Bitmain", "S19-1"), HardwareId.asic("Bitmain", "S19-1", "02:48:4d:00:00:01"));
        assertNotEquals(HardwareId.filecoinPartition(1, 0, 2), HardwareId.filecoinPartition(1, 2, 0));
        assertEquals(a, HardwareId.fromHex(a.toHex()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "02:48:4d:00:00", "02:48:4d:00:00:01:02", "02:48-4d:00:00:01", "02.48.4d.00.00.01",
            "0248:4d:00:00:01:", "02:48:4d:00:00:zz", "00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff", "01:00:5e:00:00:01",
            "02484d0000", "0x02484d000001", "02:48:4d:00:00:1"})
    void rejectsBadMacs(String mac) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HardwareId.asic("Bitmain", "S1", mac));
        assertTrue(e.getMessage().contains("MAC"), e.getMessage());
    }

    @Test
    void rejectsBadVendorsAndSerials() {
        String mac = "02:48:4d:00:00:01";
        assertThrows(IllegalArgumentException.class, () -> HardwareId.asic(null, "S1", mac));
        assertThrows(IllegalArgumentException.class, () -> HardwareId.asic("", "S1", mac));
        assertThrows(IllegalArgumentException.class, () -> HardwareId.asic(" Bitmain", "S1", mac));
        assertThrows(IllegalArgumentException.class, () -> HardwareId.asic("Bitmain ", "S1", mac));
        assertThrows(IllegalArgumentException.class, () -> HardwareId.asic("Bitmäin", "S1", mac));
        assertThrows(IllegalArgumentException.class, () -> HardwareId.asic("B".repeat(65), "S1", mac));
        assertThrows(IllegalArgumentException.class, () -> HardwareId.asic("Bitmain", null, mac));
        assertThrows(IllegalArgumentException.class, () -> HardwareId.asic("Bitmain", "   ", mac));
        assertThrows(IllegalArgumentException.class, () -> HardwareId.asic("Bitmain", "S\u00001", mac));
        assertThrows(IllegalArgumentException.class, () -> HardwareId.asic("Bitmain", "S".repeat(129), mac));
        assertThrows(IllegalArgumentException.class, () -> HardwareId.asic("Bitmain", "S1", (String) null));
        assertThrows(IllegalArgumentException.class, () -> HardwareId.asic("Bitmain", "S1", new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> HardwareId.gpu("Nvidia", ""));
        HardwareId.asic("B".repeat(64), "S".repeat(128), mac);
    }

    @Test
    void rejectsFilecoinValuesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> HardwareId.filecoinPartition(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> HardwareId.filecoinPartition(1, -1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HardwareId.filecoinPartition(1, 48, 0));
        assertTrue(e.getMessage().contains("0..47"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HardwareId.filecoinPartition(1, 0, -1));
        HardwareId.filecoinPartition(Long.MAX_VALUE, 47, Long.MAX_VALUE);
    }

    @Test
    void parsesFilecoinIdAddresses() {
        assertEquals(1234, HardwareId.parseFilecoinActorId("f01234"));
        assertEquals(1234, HardwareId.parseFilecoinActorId("t01234"));
        assertEquals(0, HardwareId.parseFilecoinActorId("f00"));
        for (String bad : new String[] {null, "", "f0", "f1abc", "f01x", "f001", "x01234", "f0-1", "f099999999999999999999"}) {
            assertThrows(IllegalArgumentException.class, () -> HardwareId.parseFilecoinActorId(bad), String.valueOf(bad));
        }
    }

    @Test
    void rejectsNullValue() {
        assertThrows(IllegalArgumentException.class, () -> new HardwareId(null));
        assertThrows(IllegalArgumentException.class, () -> HardwareId.fromHex("0x12"));
    }
}
