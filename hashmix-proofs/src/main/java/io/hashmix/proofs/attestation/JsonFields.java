package io.hashmix.proofs.attestation;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * Field-level JSON reading and writing shared by the proofs codecs, with the module's conventions:
 * bytes as {@code 0x} hex strings, {@code uint256} as decimal strings, {@code uint64}/{@code uint32} as
 * JSON integers (decimal strings also accepted when reading, for JavaScript clients that cannot hold
 * 64-bit numbers), addresses written with their EIP-55 checksum. Every failure is a
 * {@link ProofJsonException} naming the JSON path; nothing here throws {@link NullPointerException}.
 *
 * <p>Parsing is strict: duplicate keys, trailing content, unknown fields and non-canonical numbers
 * (leading zeros, signs, fractions) are rejected, because the values end up in signed messages.
 */
public final class JsonFields {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();
    private static final ObjectReader READER = MAPPER.readerFor(JsonNode.class);
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));
    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private JsonFields() {
    }

    /**
     * Parses a JSON document.
     *
     * @param json the text
     * @return the root node
     * @throws ProofJsonException if the text is null, empty or not valid JSON
     */
    public static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new ProofJsonException("$", "no JSON given");
        }
        try {
            JsonNode node = READER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new ProofJsonException("$", "no JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ProofJsonException("$", "invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ProofJsonException("$", "unreadable JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a node as pretty-printed JSON with {@code \n} line ends (stable across platforms).
     *
     * @param node the node
     * @return the text (no trailing newline)
     */
    public static String write(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON tree", e);
        }
    }

    /** A new empty object node. */
    public static ObjectNode newObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A new empty array node. */
    public static ArrayNode newArray() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /**
     * Checks that a node is an object holding exactly the given fields (no missing, no unknown ones).
     *
     * @param node the node
     * @param path its JSON path
     * @param fields the expected field names
     * @return the node as an object
     */
    public static ObjectNode requireObject(JsonNode node, String path, Set<String> fields) {
        if (node == null || !node.isObject()) {
            throw new ProofJsonException(path, "expected an object, got " + describe(node));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!fields.contains(name)) {
                throw new ProofJsonException(path + "." + name, "unknown field (expected only " + fields + ")");
            }
        }
        for (String f : fields) {
            if (!node.has(f)) {
                throw new ProofJsonException(path + "." + f, "missing required field");
            }
        }
        return (ObjectNode) node;
    }

    /**
     * The member names of an EIP-712 type string's primary type, in order: the JSON field names of a message
     * whose fields are named as in its struct (e.g. {@code Mail(address from,string contents)} gives
     * {@code [from, contents]}).
     *
     * @param typeString the type string
     * @return the names, in type-string order (unmodifiable)
     * @throws IllegalArgumentException if the text is not {@code Name(type name,...)}
     */
    public static Set<String> memberNames(String typeString) {
        int open = typeString == null ? -1 : typeString.indexOf('(');
        int close = open < 0 ? -1 : typeString.indexOf(')', open);
        if (close < 0) {
            throw new IllegalArgumentException("not an EIP-712 type string: '" + typeString + "'");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String member : typeString.substring(open + 1, close).split(",")) {
            int space = member.lastIndexOf(' ');
            if (space <= 0 || space == member.length() - 1 || !names.add(member.substring(space + 1))) {
                throw new IllegalArgumentException("malformed member '" + member + "' in type string '" + typeString + "'");
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * A required array field.
     *
     * @param parent the object
     * @param field field name
     * @param path the object's path
     * @return the elements
     */
    public static List<JsonNode> array(JsonNode parent, String field, String path) {
        JsonNode node = field(parent, field, path);
        if (!node.isArray()) {
            throw new ProofJsonException(path + "." + field, "expected an array, got " + describe(node));
        }
        List<JsonNode> out = new ArrayList<>(node.size());
        node.forEach(out::add);
        return out;
    }

    /**
     * A required string field.
     *
     * @param parent the object
     * @param field field name
     * @param path the object's path
     * @return the text
     */
    public static String text(JsonNode parent, String field, String path) {
        return text(field(parent, field, path), path + "." + field);
    }

    /**
     * A node that must be a string.
     *
     * @param node the node
     * @param path its path
     * @return the text
     */
    public static String text(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            throw new ProofJsonException(path, "expected a string, got " + describe(node));
        }
        return node.textValue();
    }

    /**
     * A required address field ({@code 0x} + 40 hex digits; mixed case must carry a valid EIP-55 checksum).
     *
     * @param parent the object
     * @param field field name
     * @param path the object's path
     * @return the address
     */
    public static EvmAddress address(JsonNode parent, String field, String path) {
        return address(field(parent, field, path), path + "." + field);
    }

    /**
     * A node that must be an address string.
     *
     * @param node the node
     * @param path its path
     * @return the address
     */
    public static EvmAddress address(JsonNode node, String path) {
        String text = text(node, path);
        try {
            return EvmAddress.of(text);
        } catch (IllegalArgumentException e) {
            throw new ProofJsonException(path, e.getMessage(), e);
        }
    }

    /**
     * A required {@code bytes32} field ({@code 0x} + 64 hex digits).
     *
     * @param parent the object
     * @param field field name
     * @param path the object's path
     * @return the value
     */
    public static Bytes32 bytes32(JsonNode parent, String field, String path) {
        return bytes32(field(parent, field, path), path + "." + field);
    }

    /**
     * A node that must be a {@code bytes32} hex string.
     *
     * @param node the node
     * @param path its path
     * @return the value
     */
    public static Bytes32 bytes32(JsonNode node, String path) {
        String text = text(node, path);
        try {
            return Bytes32.fromHex(text);
        } catch (IllegalArgumentException e) {
            throw new ProofJsonException(path, e.getMessage(), e);
        }
    }

    /**
     * A required {@code bytes} field: {@code 0x} followed by an even number of hex digits.
     *
     * @param parent the object
     * @param field field name
     * @param path the object's path
     * @return the bytes
     */
    public static byte[] bytes(JsonNode parent, String field, String path) {
        String at = path + "." + field;
        String text = text(field(parent, field, path), at);
        if (!text.startsWith("0x") || text.length() % 2 != 0) {
            throw new ProofJsonException(at, "expected 0x followed by an even number of hex digits");
        }
        try {
            return HEX.parseHex(text, 2, text.length());
        } catch (IllegalArgumentException e) {
            throw new ProofJsonException(at, "not valid hex", e);
        }
    }

    /**
     * A required {@code uint256} field, written as a canonical decimal string ({@code "0"}, {@code "123"}).
     *
     * @param parent the object
     * @param field field name
     * @param path the object's path
     * @return the value, within 0 .. 2^256-1
     */
    public static BigInteger uint256(JsonNode parent, String field, String path) {
        return uint256(field(parent, field, path), path + "." + field);
    }

    /**
     * A node that must be a {@code uint256} decimal string.
     *
     * @param node the node
     * @param path its path
     * @return the value
     */
    public static BigInteger uint256(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            throw new ProofJsonException(path, "expected a uint256 as a decimal string, got " + describe(node));
        }
        BigInteger value = decimal(node.textValue(), path);
        if (value.compareTo(AbiWords.UINT256_MAX) > 0) {
            throw new ProofJsonException(path, "value exceeds uint256 max (2^256-1)");
        }
        return value;
    }

    /**
     * A required positive id field ({@code TokenId}, {@code ProductId}...), a {@code uint256} decimal string
     * that the id type checks further.
     *
     * @param <T> the id type
     * @param parent the object
     * @param field field name
     * @param path the object's path
     * @param make the id's constructor, throwing {@link IllegalArgumentException} for a value it refuses
     * @return the id
     */
    public static <T> T id(JsonNode parent, String field, String path, Function<BigInteger, T> make) {
        return id(field(parent, field, path), path + "." + field, make);
    }

    /**
     * A node that must be a positive id as a {@code uint256} decimal string.
     *
     * @param <T> the id type
     * @param node the node
     * @param path its path
     * @param make the id's constructor, throwing {@link IllegalArgumentException} for a value it refuses
     * @return the id
     */
    public static <T> T id(JsonNode node, String path, Function<BigInteger, T> make) {
        BigInteger value = uint256(node, path);
        try {
            return make.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ProofJsonException(path, e.getMessage(), e);
        }
    }

    /**
     * A required {@code uint64} field: a JSON integer or a canonical decimal string, 0 .. 2^64-1.
     *
     * @param parent the object
     * @param field field name
     * @param path the object's path
     * @return the value as an unsigned {@code long}
     */
    public static long uint64(JsonNode parent, String field, String path) {
        return unsigned(field(parent, field, path), path + "." + field, UINT64_MAX, "uint64").longValue();
    }

    /**
     * A required {@code uint32} field: a JSON integer or a canonical decimal string, 0 .. 2^32-1.
     *
     * @param parent the object
     * @param field field name
     * @param path the object's path
     * @return the value
     */
    public static long uint32(JsonNode parent, String field, String path) {
        return unsigned(field(parent, field, path), path + "." + field, BigInteger.valueOf(AbiWords.UINT32_MAX), "uint32")
                .longValue();
    }

    /**
     * A required {@code uint16} field: a JSON integer or a canonical decimal string, 0 .. 65535.
     *
     * @param parent the object
     * @param field field name
     * @param path the object's path
     * @return the value
     */
    public static int uint16(JsonNode parent, String field, String path) {
        return unsigned(field(parent, field, path), path + "." + field, BigInteger.valueOf(0xFFFF), "uint16").intValue();
    }

    /**
     * A required positive chain id: a JSON integer or a decimal string, 1 .. 2^63-1.
     *
     * @param parent the object
     * @param field field name
     * @param path the object's path
     * @return the chain id
     */
    public static long chainId(JsonNode parent, String field, String path) {
        String at = path + "." + field;
        BigInteger v = unsigned(field(parent, field, path), at, BigInteger.valueOf(Long.MAX_VALUE), "chain id");
        if (v.signum() == 0) {
            throw new ProofJsonException(at, "chain id must be positive");
        }
        return v.longValue();
    }

    /**
     * An unsigned 64-bit value as a JSON number node (exact, also above {@code Long.MAX_VALUE}).
     *
     * @param unsignedValue the value read as unsigned
     * @return the node
     */
    public static JsonNode uint64Node(long unsignedValue) {
        return unsignedValue >= 0 ? JsonNodeFactory.instance.numberNode(unsignedValue)
                : JsonNodeFactory.instance.numberNode(new BigInteger(Long.toUnsignedString(unsignedValue)));
    }

    /**
     * Hex text of a byte array, {@code 0x}-prefixed lowercase.
     *
     * @param bytes the bytes
     * @return the text
     */
    public static String hex(byte[] bytes) {
        return "0x" + HEX.formatHex(bytes);
    }

    private static JsonNode field(JsonNode parent, String field, String path) {
        if (parent == null || !parent.isObject()) {
            throw new ProofJsonException(path, "expected an object, got " + describe(parent));
        }
        JsonNode node = parent.get(field);
        if (node == null) {
            throw new ProofJsonException(path + "." + field, "missing required field");
        }
        if (node.isNull()) {
            throw new ProofJsonException(path + "." + field, "must not be null");
        }
        return node;
    }

    private static BigInteger unsigned(JsonNode node, String path, BigInteger max, String type) {
        BigInteger value;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
            if (value.signum() < 0) {
                throw new ProofJsonException(path, type + " must not be negative, got " + value);
            }
        } else if (node.isTextual()) {
            value = decimal(node.textValue(), path);
        } else {
            throw new ProofJsonException(path, "expected a " + type + " as an integer, got " + describe(node));
        }
        if (value.compareTo(max) > 0) {
            throw new ProofJsonException(path, type + " out of range (max " + max + "), got " + value);
        }
        return value;
    }

    private static BigInteger decimal(String text, String path) {
        if (text.isEmpty() || text.length() > 78) {
            throw new ProofJsonException(path, "expected a decimal string of 1 to 78 digits, got '" + abbreviate(text) + "'");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProofJsonException(path, "expected only decimal digits, got '" + text + "'");
            }
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw new ProofJsonException(path, "leading zeros are not allowed: '" + text + "'");
        }
        return new BigInteger(text);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
