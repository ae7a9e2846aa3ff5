package io.hashmix.contracts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How the protocol's AccessManager is wired: the role ids, which restricted function of which
 * contract each role may call, and who holds the role. Read from {@code access-wiring.json}, the
 * table exported from {@code contracts/deploy/access-wiring.json} that the Solidity test fixtures
 * wire from too, so the deployer and the contract tests cannot disagree. Functions the table does
 * not list stay with the manager's {@code ADMIN_ROLE} (0).
 *
 * @param roles     role name to role id
 * @param functions the restricted functions and their grantees, in table order
 */
public record AccessWiring(Map<String, Long> roles, List<FunctionGrant> functions) {

    /** The grantee name that stands for the deployment's admin account rather than a contract. */
    public static final String ADMIN_GRANTEE = "$admin";

    /**
     * One restricted function and the role (and holder) allowed to call it.
     *
     * @param target    the contract that has the function (by artifact name)
     * @param signature the function signature, e.g. {@code lock(uint256,address,address,uint256)}
     * @param role      the role name (a key of {@link AccessWiring#roles()})
     * @param grantee   the artifact name of the contract holding the role, or {@link #ADMIN_GRANTEE}
     */
    public record FunctionGrant(String target, String signature, String role, String grantee) {

        /** Checks the parts. */
        public FunctionGrant {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(grantee, "grantee");
        }

        /** The 4-byte selector of {@link #signature()}, {@code 0x}-prefixed. */
        public String selector() {
            return Numeric.toHexString(Hash.sha3(signature.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 4, true);
        }

        /** The contract holding the role, unless the grantee is the admin account. */
        public Optional<ProtocolContract> granteeContract() {
            return ADMIN_GRANTEE.equals(grantee) ? Optional.empty() : Optional.of(contract(grantee));
        }

        /** The contract that has the function. */
        public ProtocolContract targetContract() {
            return contract(target);
        }
    }

    /** Checks and copies the parts. */
    public AccessWiring {
        roles = Map.copyOf(roles);
        functions = List.copyOf(functions);
        for (FunctionGrant f : functions) {
            if (!roles.containsKey(f.role())) {
                throw new IllegalArgumentException("wiring names unknown role " + f.role());
            }
        }
    }

    /** The protocol's wiring table, from this module's resources. */
    public static AccessWiring protocol() {
        return parse(ContractArtifact.read("access-wiring.json"));
    }

    /**
     * Parses a wiring table.
     *
     * @throws IllegalArgumentException if the JSON is not a wiring table
     */
    public static AccessWiring parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("access wiring is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.path("roles").isArray() || !root.path("functions").isArray()) {
            throw new IllegalArgumentException("access wiring needs 'roles' and 'functions' arrays");
        }
        Map<String, Long> roles = new LinkedHashMap<>();
        for (JsonNode r : root.path("roles")) {
            roles.put(text(r, "name"), r.path("id").asLong(-1));
        }
        List<FunctionGrant> functions = new ArrayList<>();
        for (JsonNode f : root.path("functions")) {
            functions.add(new FunctionGrant(text(f, "target"), text(f, "signature"), text(f, "role"), text(f, "grantee")));
        }
        return new AccessWiring(roles, functions);
    }

    /** The id of a role. */
    public long roleId(String role) {
        Long id = roles.get(role);
        if (id == null) {
            throw new IllegalArgumentException("unknown role " + role);
        }
        return id;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("access wiring entry lacks text field '" + field + "': " + node);
        }
        return v.asText();
    }

    private static ProtocolContract contract(String artifactName) {
        for (ProtocolContract c : ProtocolContract.values()) {
            if (c.artifactName().equals(artifactName)) {
                return c;
            }
        }
        throw new IllegalArgumentException("access wiring names unknown contract " + artifactName);
    }
}
