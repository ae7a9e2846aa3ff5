package io.hashmix.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.EvmAddress;

/**
 * A deployment manifest: which chain, and where each HashMix contract lives on it.
 *
 * <p>Written by the SDK's {@code Deployer}, read by {@code HashMix.builder().deployment(...)}, which
 * checks the node's chain id against {@link #chainId()} before anything is sent. JSON form:
 * <pre>{@code
 * {
 *   "chainId": 31337,
 *   "deployer": "0xf39F...2266",
 *   "createdAt": "2026-11-25T15:00:00Z",
 *   "contracts": {
 *     "AssetClassRegistry": { "address": "0x5FbD...0aa3", "blockNumber": 1, "transactionHash": "0x..." }
 *   }
 * }
 * }</pre>
 * Contract names the SDK does not know are kept (a newer manifest still loads).
 *
 * @param chainId   EIP-155 chain id
 * @param deployer  the account that deployed
 * @param createdAt when the manifest was written
 * @param contracts contract name to location
 */
public record Deployment(long chainId, EvmAddress deployer, Instant createdAt, Map<String, DeployedContract> contracts) {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Checks and copies the parts. */
    public Deployment {
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive, got " + chainId);
        }
        Objects.requireNonNull(deployer, "deployer");
        Objects.requireNonNull(createdAt, "createdAt");
        // insertion order is deployment order: keep it for readers and reports
        contracts = Collections.unmodifiableMap(new LinkedHashMap<>(contracts));
    }

    /** Where a protocol contract lives, if this deployment has it. */
    public Optional<DeployedContract> find(ProtocolContract contract) {
        return Optional.ofNullable(contracts.get(contract.artifactName()));
    }

    /**
     * Where a protocol contract lives.
     *
     * @throws IllegalStateException if this deployment does not include it
     */
    public DeployedContract contract(ProtocolContract contract) {
        return find(contract).orElseThrow(() -> new IllegalStateException("the deployment on chain " + chainId
                + " has no " + contract.artifactName() + " (contracts: " + contracts.keySet() + ")"));
    }

    /** A copy with one more (or a replaced) contract. */
    public Deployment with(ProtocolContract contract, DeployedContract location) {
        Map<String, DeployedContract> copy = new LinkedHashMap<>(contracts);
        copy.put(contract.artifactName(), location);
        return new Deployment(chainId, deployer, createdAt, copy);
    }

    /**
     * Reads a manifest file.
     *
     * @throws DeploymentManifestException if the file is missing or not a valid manifest
     */
    public static Deployment fromJson(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new DeploymentManifestException("deployment manifest not found: " + file, e);
        } catch (IOException e) {
            throw new DeploymentManifestException("cannot read deployment manifest " + file + ": " + e.getMessage(), e);
        } catch (DeploymentManifestException e) {
            throw new DeploymentManifestException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a manifest.
     *
     * @throws DeploymentManifestException naming the first bad or missing field
     */
    public static Deployment fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DeploymentManifestException("deployment manifest is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new DeploymentManifestException("deployment manifest must be a JSON object");
        }
        long chainId = requiredLong(root, "chainId");
        EvmAddress deployer = address(required(root, "deployer").asText(), "deployer");
        Instant createdAt;
        try {
            createdAt = Instant.parse(required(root, "createdAt").asText());
        } catch (DateTimeParseException e) {
            throw new DeploymentManifestException("createdAt is not an ISO-8601 instant: " + root.get("createdAt"), e);
        }
        JsonNode contractsNode = required(root, "contracts");
        if (!contractsNode.isObject()) {
            throw new DeploymentManifestException("contracts must be an object of name -> location");
        }
        Map<String, DeployedContract> contracts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = contractsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "contracts." + e.getKey();
            JsonNode c = e.getValue();
            contracts.put(e.getKey(), new DeployedContract(
                    address(required(c, "address", where).asText(), where + ".address"),
                    requiredLong(c, "blockNumber", where),
                    required(c, "transactionHash", where).asText()));
        }
        try {
            return new Deployment(chainId, deployer, createdAt, contracts);
        } catch (IllegalArgumentException e) {
            throw new DeploymentManifestException(e.getMessage(), e);
        }
    }

    /** The manifest as pretty-printed JSON. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("chainId", chainId);
        root.put("deployer", deployer.toChecksumHex());
        root.put("createdAt", createdAt.toString());
        ObjectNode cs = root.putObject("contracts");
        contracts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode c = cs.putObject(e.getKey());
            c.put("address", e.getValue().address().toChecksumHex());
            c.put("blockNumber", e.getValue().blockNumber());
            c.put("transactionHash", e.getValue().transactionHash());
        });
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the manifest, creating parent folders. */
    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson());
    }

    private static JsonNode required(JsonNode node, String field) {
        return required(node, field, "manifest");
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new DeploymentManifestException(where + " is missing field '" + field + "'");
        }
        return v;
    }

    private static long requiredLong(JsonNode node, String field) {
        return requiredLong(node, field, "manifest");
    }

    private static long requiredLong(JsonNode node, String field, String where) {
        JsonNode v = required(node, field, where);
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new DeploymentManifestException(where + "." + field + " must be an integer, got " + v);
        }
        return v.asLong();
    }

    private static EvmAddress address(String text, String field) {
        try {
            return EvmAddress.of(text);
        } catch (IllegalArgumentException e) {
            throw new DeploymentManifestException(field + ": " + e.getMessage(), e);
        }
    }
}
