package io.hashmix.proofs.hardware;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes6;
import org.web3j.abi.datatypes.generated.Uint64;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * The canonical 32-byte id of one unit of hardware backing a product. A product's hardware Merkle tree
 * holds these ids; the same id in two live products is a provable double commitment.
 *
 * <p>Ids are keccak-256 hashes of the ABI encoding ({@code abi.encode}, not packed) of a kind tag and the
 * canonical inputs, so a contract can recompute them:
 * <ul>
 *   <li><b>ASIC miner</b>: {@code keccak256(abi.encode("ASIC", VENDOR, serial, bytes6 mac))} where
 *       {@code VENDOR} is the vendor upper-cased (ASCII rules), {@code serial} is trimmed, and {@code mac}
 *       is the 6-byte MAC address of the control board.</li>
 *   <li><b>GPU rig</b>: {@code keccak256(abi.encode("GPU", VENDOR, serial))}, same canonicalisation.</li>
 *   <li><b>Filecoin partition</b>: {@code keccak256(abi.encode("FIL-PARTITION", uint64 minerActorId,
 *       uint64 deadlineIndex, uint64 partitionIndex))}. A partition is the unit because Filecoin groups a
 *       miner's sectors into 48 proving deadlines, each split into partitions, and a partition is proven
 *       as a whole and cannot be in two places at once.</li>
 * </ul>
 *
 * <p>Input rules (violations raise {@link IllegalArgumentException} with a message naming the input):
 * vendor: 1..{@value #MAX_VENDOR_LENGTH} printable ASCII characters, no leading or trailing whitespace;
 * serial: after trimming, 1..{@value #MAX_SERIAL_LENGTH} printable ASCII characters; MAC: six octets
 * written {@code aa:bb:cc:dd:ee:ff}, {@code aa-bb-cc-dd-ee-ff} or {@code aabbccddeeff} (any case), and a
 * unicast device address (not all zeros, not a multicast or broadcast address); Filecoin: miner actor id
 * {@code >= 0}, deadline index {@code 0..47}, partition index {@code >= 0}.
 *
 * @param value the 32-byte id
 */
public record HardwareId(Bytes32 value) implements Comparable<HardwareId> {

    /** Kind tag of ASIC miners. */
    public static final String ASIC_TAG = "ASIC";
    /** Kind tag of GPU rigs. */
    public static final String GPU_TAG = "GPU";
    /** Kind tag of Filecoin partitions. */
    public static final String FIL_PARTITION_TAG = "FIL-PARTITION";
    /** Number of proving deadlines per Filecoin proving period (valid indexes are 0..47). */
    public static final int FILECOIN_DEADLINES = 48;
    /** Longest vendor name accepted. */
    public static final int MAX_VENDOR_LENGTH = 64;
    /** Longest serial number accepted. */
    public static final int MAX_SERIAL_LENGTH = 128;

    private static final HexFormat HEX = HexFormat.of();

    /**
     * Wraps an id.
     *
     * @throws IllegalArgumentException if {@code value} is null
     */
    public HardwareId {
        if (value == null) {
            throw new IllegalArgumentException("hardware id value must not be null");
        }
    }

    /**
     * Parses {@code 0x} + 64 hex digits.
     *
     * @param hex the text
     * @return the id
     */
    public static HardwareId fromHex(String hex) {
        return new HardwareId(Bytes32.fromHex(hex));
    }

    /**
     * The id of an ASIC miner.
     *
     * @param vendor e.g. {@code "Bitmain"} (upper-cased to {@code BITMAIN})
     * @param serial the miner's serial number (trimmed)
     * @param mac the control board's MAC address
     * @return the canonical id
     * @throws IllegalArgumentException naming the invalid input
     */
    public static HardwareId asic(String vendor, String serial, String mac) {
        return asic(vendor, serial, parseMac(mac));
    }

    /**
     * The id of an ASIC miner with the MAC given as 6 bytes.
     *
     * @param vendor the vendor
     * @param serial the serial number
     * @param mac 6 bytes
     * @return the canonical id
     */
    public static HardwareId asic(String vendor, String serial, byte[] mac) {
        return ofEncoded(encodeAsic(vendor, serial, mac));
    }

    /**
     * The id of a GPU rig.
     *
     * @param vendor e.g. {@code "Nvidia"} (upper-cased)
     * @param serial the rig's serial number (trimmed)
     * @return the canonical id
     */
    public static HardwareId gpu(String vendor, String serial) {
        return ofEncoded(encodeGpu(vendor, serial));
    }

    /**
     * The id of a Filecoin partition.
     *
     * @param minerActorId the storage provider's actor id (the number in {@code f01234})
     * @param deadlineIndex proving deadline, 0..47
     * @param partitionIndex partition within the deadline, {@code >= 0}
     * @return the canonical id
     */
    public static HardwareId filecoinPartition(long minerActorId, int deadlineIndex, long partitionIndex) {
        return ofEncoded(encodeFilecoinPartition(minerActorId, deadlineIndex, partitionIndex));
    }

    /**
     * The ABI encoding hashed for an ASIC id (for debugging and vectors).
     *
     * @param vendor the vendor
     * @param serial the serial number
     * @param mac 6 bytes
     * @return {@code abi.encode("ASIC", VENDOR, serial, bytes6 mac)}
     */
    public static byte[] encodeAsic(String vendor, String serial, byte[] mac) {
        String v = canonicalVendor(vendor);
        String s = canonicalSerial(serial);
        checkMac(mac);
        return encode(List.<Type>of(new Utf8String(ASIC_TAG), new Utf8String(v), new Utf8String(s), new Bytes6(mac.clone())));
    }

    /**
     * The ABI encoding hashed for a GPU id.
     *
     * @param vendor the vendor
     * @param serial the serial number
     * @return {@code abi.encode("GPU", VENDOR, serial)}
     */
    public static byte[] encodeGpu(String vendor, String serial) {
        String v = canonicalVendor(vendor);
        String s = canonicalSerial(serial);
        return encode(List.<Type>of(new Utf8String(GPU_TAG), new Utf8String(v), new Utf8String(s)));
    }

    /**
     * The ABI encoding hashed for a Filecoin partition id.
     *
     * @param minerActorId the actor id
     * @param deadlineIndex 0..47
     * @param partitionIndex {@code >= 0}
     * @return {@code abi.encode("FIL-PARTITION", uint64, uint64, uint64)}
     */
    public static byte[] encodeFilecoinPartition(long minerActorId, int deadlineIndex, long partitionIndex) {
        if (minerActorId < 0) {
            throw new IllegalArgumentException("Filecoin miner actor id must be >= 0, got " + minerActorId);
        }
        if (deadlineIndex < 0 || deadlineIndex >= FILECOIN_DEADLINES) {
            throw new IllegalArgumentException("Filecoin deadline index must be within 0..47, got " + deadlineIndex);
        }
        if (partitionIndex < 0) {
            throw new IllegalArgumentException("Filecoin partition index must be >= 0, got " + partitionIndex);
        }
        return encode(List.<Type>of(new Utf8String(FIL_PARTITION_TAG), new Uint64(minerActorId), new Uint64(deadlineIndex),
                new Uint64(partitionIndex)));
    }

    /**
     * Parses a Filecoin ID address ({@code f01234} on mainnet, {@code t01234} on testnets) to its actor id.
     *
     * @param address the ID address
     * @return the actor id
     * @throws IllegalArgumentException if it is not an ID address
     */
    public static long parseFilecoinActorId(String address) {
        if (address == null || address.length() < 3 || address.length() > 22
                || (address.charAt(0) != 'f' && address.charAt(0) != 't') || address.charAt(1) != '0') {
            throw new IllegalArgumentException("expected a Filecoin ID address like f01234, got '" + address + "'");
        }
        String digits = address.substring(2);
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw new IllegalArgumentException("Filecoin ID address must end in decimal digits: '" + address + "'");
            }
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw new IllegalArgumentException("Filecoin ID address has a leading zero: '" + address + "'");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Filecoin actor id is too large: '" + address + "'", e);
        }
    }

    /**
     * The canonical vendor: upper-cased with ASCII rules, after validation.
     *
     * @param vendor the vendor as entered
     * @return the canonical vendor
     */
    public static String canonicalVendor(String vendor) {
        if (vendor == null || vendor.isEmpty()) {
            throw new IllegalArgumentException("hardware vendor must not be empty");
        }
        if (vendor.length() > MAX_VENDOR_LENGTH) {
            throw new IllegalArgumentException("hardware vendor is longer than " + MAX_VENDOR_LENGTH + " characters");
        }
        checkPrintableAscii(vendor, "hardware vendor");
        if (vendor.charAt(0) == ' ' || vendor.charAt(vendor.length() - 1) == ' ') {
            throw new IllegalArgumentException("hardware vendor must not start or end with a space: '" + vendor + "'");
        }
        return vendor.toUpperCase(Locale.ROOT);
    }

    /**
     * The canonical serial number: trimmed, after validation.
     *
     * @param serial the serial as entered
     * @return the canonical serial
     */
    public static String canonicalSerial(String serial) {
        if (serial == null) {
            throw new IllegalArgumentException("hardware serial number must not be null");
        }
        String s = serial.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("hardware serial number must not be blank");
        }
        if (s.length() > MAX_SERIAL_LENGTH) {
            throw new IllegalArgumentException("hardware serial number is longer than " + MAX_SERIAL_LENGTH + " characters");
        }
        checkPrintableAscii(s, "hardware serial number");
        return s;
    }

    /**
     * Parses a MAC address to 6 bytes.
     *
     * @param mac {@code aa:bb:cc:dd:ee:ff}, {@code aa-bb-cc-dd-ee-ff} or {@code aabbccddeeff}
     * @return the 6 bytes
     * @throws IllegalArgumentException if the format is wrong or it is not a unicast device address
     */
    public static byte[] parseMac(String mac) {
        if (mac == null) {
            throw new IllegalArgumentException("MAC address must not be null");
        }
        String digits;
        if (mac.length() == 17) {
            char sep = mac.charAt(2);
            if (sep != ':' && sep != '-') {
                throw new IllegalArgumentException("MAC address must use ':' or '-' between octets: '" + mac + "'");
            }
            StringBuilder sb = new StringBuilder(12);
            for (int i = 0; i < 6; i++) {
                if (i > 0 && mac.charAt(3 * i - 1) != sep) {
                    throw new IllegalArgumentException("MAC address mixes or misplaces separators: '" + mac + "'");
                }
                sb.append(mac, 3 * i, 3 * i + 2);
            }
            digits = sb.toString();
        } else if (mac.length() == 12) {
            digits = mac;
        } else {
            throw new IllegalArgumentException("MAC address must be six octets like aa:bb:cc:dd:ee:ff, got '" + mac + "'");
        }
        byte[] out;
        try {
            out = HEX.parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MAC address holds a non-hex digit: '" + mac + "'", e);
        }
        checkMac(out);
        return out;
    }

    private static void checkMac(byte[] mac) {
        if (mac == null || mac.length != 6) {
            throw new IllegalArgumentException("MAC address must be 6 bytes");
        }
        boolean allZero = true;
        for (byte b : mac) {
            allZero &= b == 0;
        }
        if (allZero) {
            throw new IllegalArgumentException("MAC address 00:00:00:00:00:00 is not a device address");
        }
        if ((mac[0] & 1) != 0) {
            throw new IllegalArgumentException("MAC address " + HEX.withDelimiter(":").formatHex(mac)
                    + " is a multicast/broadcast address, not a device address");
        }
    }

    private static void checkPrintableAscii(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(what + " may hold only printable ASCII, found U+"
                        + String.format("%04X", (int) c) + " at index " + i);
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private static byte[] encode(List<Type> values) {
        return HEX.parseHex(FunctionEncoder.encodeConstructor(values));
    }

    private static HardwareId ofEncoded(byte[] encoded) {
        return new HardwareId(Bytes32.keccak(encoded));
    }

    /** The id as {@code 0x} + 64 lowercase hex digits. */
    public String toHex() {
        return value.toHex();
    }

    /** Unsigned byte order of the ids. */
    @Override
    public int compareTo(HardwareId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toHex();
    }
}
