package io.hashmix.core.errors;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Array;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.BytesType;
import org.web3j.abi.datatypes.NumericType;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hashmix.contracts.abi.AbiError;
import io.hashmix.contracts.abi.AbiErrorCatalog;
import io.hashmix.contracts.abi.AbiParameter;
import io.hashmix.core.rpc.RpcErrorException;
import io.hashmix.proofs.EvmAddress;

/**
 * Turns revert data into typed exceptions: {@code Error(string)}, {@code Panic(uint256)} and every
 * custom error of an {@link AbiErrorCatalog}, with a typed subclass where one is registered.
 *
 * <p>Nodes put revert data in different places of a JSON-RPC error: geth and most clients use
 * {@code error.data} as a hex string; Hardhat may nest it ({@code data.data}); some proxies send
 * the data member as JSON text (quoted hex or an object); Ganache keys it by transaction hash
 * ({@code data.<hash>.return}); a few only say {@code execution reverted: 0x...} in the message.
 * {@link #revertData(RpcErrorException)} handles them all. Immutable and thread-safe.
 */
public final class RevertDecoder {

    /** A factory of the typed exception for one custom error. */
    @FunctionalInterface
    public interface ExceptionFactory {
        /** Builds the typed exception. */
        CustomErrorException create(String context, String revertData, DecodedError error);
    }

    private static final String ERROR_STRING_SELECTOR = "0x08c379a0";
    private static final String PANIC_SELECTOR = "0x4e487b71";
    private static final Pattern HEX = Pattern.compile("0x(?:[0-9a-fA-F]{2})*");
    private static final Pattern MESSAGE_DATA = Pattern.compile("revert(?:ed)?:? (0x[0-9a-fA-F]{8,})");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AbiErrorCatalog catalog;
    private final Map<String, ExceptionFactory> factories;

    private RevertDecoder(AbiErrorCatalog catalog, Map<String, ExceptionFactory> factories) {
        this.catalog = catalog;
        this.factories = Map.copyOf(factories);
    }

    /** A builder over the given error catalogue. */
    public static Builder builder(AbiErrorCatalog catalog) {
        return new Builder(catalog);
    }

    /**
     * Decodes revert data.
     *
     * @param context    what reverted, for the message
     * @param revertData {@code 0x}-prefixed hex (may be {@code 0x})
     */
    public ContractRevertException decode(String context, String revertData) {
        Objects.requireNonNull(revertData, "revertData");
        String data = revertData.toLowerCase(Locale.ROOT);
        if (!HEX.matcher(data).matches()) {
            return new ContractRevertException(context, revertData, "malformed revert data '" + revertData + "'");
        }
        if (data.length() < 10) {
            return new ContractRevertException(context, data, data.length() == 2 ? "without data" : "with data " + data);
        }
        String selector = data.substring(0, 10);
        String body = "0x" + data.substring(10);
        try {
            if (selector.equals(ERROR_STRING_SELECTOR)) {
                List<Type> v = FunctionReturnDecoder.decode(body, refs(List.of(new AbiParameter("", "string"))));
                if (v.size() == 1) {
                    return new RevertedWithReasonException(context, data, ((Utf8String) v.get(0)).getValue());
                }
            } else if (selector.equals(PANIC_SELECTOR)) {
                List<Type> v = FunctionReturnDecoder.decode(body, refs(List.of(new AbiParameter("", "uint256"))));
                if (v.size() == 1) {
                    return new PanicException(context, data, (BigInteger) v.get(0).getValue());
                }
            } else {
                Optional<AbiError> error = catalog.bySelector(selector);
                if (error.isPresent()) {
                    return decodeCustom(context, data, body, error.get());
                }
                return new ContractRevertException(context, data, "unknown custom error with selector " + selector);
            }
        } catch (RuntimeException e) {
            // truncated or corrupt ABI data: report it raw rather than mis-decode
            return new ContractRevertException(context, data, "undecodable revert data (" + e.getMessage() + ")");
        }
        return new ContractRevertException(context, data, "undecodable revert data");
    }

    /**
     * Decodes the revert carried by a JSON-RPC error, if it is one.
     *
     * @return empty if the error is not a revert (e.g. insufficient funds, bad nonce)
     */
    public Optional<ContractRevertException> fromRpcError(String context, RpcErrorException error) {
        Optional<String> data = revertData(error);
        if (data.isPresent()) {
            return Optional.of(decode(context, data.get()));
        }
        String message = error.rpcMessage().toLowerCase(Locale.ROOT);
        if (message.contains("revert")) {
            return Optional.of(new ContractRevertException(context, "0x", "without data (" + error.rpcMessage() + ")"));
        }
        return Optional.empty();
    }

    /** Finds revert data in a JSON-RPC error, whatever shape the node used. */
    public static Optional<String> revertData(RpcErrorException error) {
        Optional<String> fromData = findHex(error.data(), 0);
        if (fromData.isPresent()) {
            return fromData;
        }
        Matcher m = MESSAGE_DATA.matcher(error.rpcMessage());
        return m.find() && m.group(1).length() % 2 == 0 ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> findHex(JsonNode node, int depth) {
        if (node == null || node.isNull() || depth > 4) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            String text = node.asText().strip();
            if (HEX.matcher(text).matches()) {
                return Optional.of(text);
            }
            if (text.startsWith("{") || text.startsWith("\"")) {
                try {
                    return findHex(MAPPER.readTree(text), depth + 1);
                } catch (JsonProcessingException e) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
        if (node.isObject()) {
            for (String field : List.of("data", "return", "result", "originalError", "error")) {
                Optional<String> found = findHex(node.get(field), depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
            // Ganache: { "<txhash>": { "error": "revert", "return": "0x..." } }
            for (JsonNode child : node) {
                if (child.isObject() && child.has("return")) {
                    return findHex(child.get("return"), depth + 1);
                }
            }
        }
        return Optional.empty();
    }

    private CustomErrorException decodeCustom(String context, String data, String body, AbiError error) {
        List<Type> decoded = FunctionReturnDecoder.decode(body, refs(error.inputs()));
        if (decoded.size() != error.inputs().size()) {
            throw new IllegalArgumentException("expected " + error.inputs().size() + " values for " + error.signature());
        }
        List<Object> values = new ArrayList<>(decoded.size());
        for (Type t : decoded) {
            values.add(toJava(t));
        }
        DecodedError decodedError = new DecodedError(error, values);
        ExceptionFactory factory = factories.get(error.signature());
        return factory != null ? factory.create(context, data, decodedError)
                : new CustomErrorException(context, data, decodedError);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<TypeReference<Type>> refs(List<AbiParameter> params) {
        List<TypeReference<Type>> refs = new ArrayList<>();
        for (AbiParameter p : params) {
            try {
                refs.add((TypeReference) TypeReference.makeTypeReference(p.type()));
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("unsupported ABI type " + p.type(), e);
            }
        }
        return refs;
    }

    private static Object toJava(Type<?> t) {
        if (t instanceof Address a) {
            return EvmAddress.of(a.getValue());
        }
        if (t instanceof NumericType n) {
            return n.getValue();
        }
        if (t instanceof Bool b) {
            return b.getValue();
        }
        if (t instanceof Utf8String s) {
            return s.getValue();
        }
        if (t instanceof BytesType b) {
            return b.getValue();
        }
        if (t instanceof Array<?> arr) {
            List<Object> out = new ArrayList<>();
            for (Type<?> item : arr.getValue()) {
                out.add(toJava(item));
            }
            return out;
        }
        return t.getValue();
    }

    /** Registers typed exceptions for custom errors. */
    public static final class Builder {
        private final AbiErrorCatalog catalog;
        private final Map<String, ExceptionFactory> factories = new HashMap<>();

        private Builder(AbiErrorCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
        }

        /**
         * Maps a custom error to its typed exception.
         *
         * @param signature canonical signature, e.g. {@code UnknownAssetClass(bytes32)}
         * @throws IllegalArgumentException if the catalogue has no such error (a typo would otherwise go unnoticed)
         * @throws IllegalStateException if the error is already mapped: one error, one exception type
         */
        public Builder map(String signature, ExceptionFactory factory) {
            boolean known = catalog.errors().stream().anyMatch(e -> e.signature().equals(signature));
            if (!known) {
                throw new IllegalArgumentException("no error " + signature + " in the ABI catalogue");
            }
            if (factories.putIfAbsent(signature, Objects.requireNonNull(factory, "factory")) != null) {
                throw new IllegalStateException(signature + " is already mapped: one error, one exception type");
            }
            return this;
        }

        /**
         * The catalogue's errors with no typed exception mapped (they decode to a plain
         * {@link ContractRevertException}), as canonical signatures, sorted. The SDK's own decoder
         * has none; a test keeps it so.
         */
        public java.util.SortedSet<String> unmapped() {
            java.util.SortedSet<String> out = new java.util.TreeSet<>();
            for (var e : catalog.errors()) {
                if (!factories.containsKey(e.signature())) {
                    out.add(e.signature());
                }
            }
            return out;
        }

        /** Builds the decoder. */
        public RevertDecoder build() {
            return new RevertDecoder(catalog, factories);
        }
    }
}
