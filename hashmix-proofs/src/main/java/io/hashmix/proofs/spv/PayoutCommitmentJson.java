package io.hashmix.proofs.spv;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.attestation.AttestationJson;
import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * JSON codec for payout commitment bundles, with the conventions of the other committee messages
 * ({@link JsonFields}, {@link AttestationJson}'s domain and signature objects):
 *
 * <pre>{@code
 * {
 *   "domain": { "name": "HashMix", "version": "1", "chainId": "31337", "verifyingContract": "0x..." },
 *   "commitment": {
 *     "productId": "1", "payoutScripts": ["0x0014..."], "spvRequired": true, "version": "1",
 *     "nonce": "7", "deadline": "1738368000", "committeeEpoch": "1"
 *   },
 *   "signatures": [ { "signer": "0x...", "signature": "0x<65 bytes>" } ]
 * }
 * }</pre>
 *
 * <p>{@code commitment} holds exactly the members of {@link PayoutCommitment#TYPE_STRING}; integers are decimal
 * strings (JSON integers accepted for {@code uint64} on input); scripts are {@code 0x} hex. Reading is strict; every
 * problem is a {@link ProofJsonException} naming the JSON path.
 */
public final class PayoutCommitmentJson {

    private static final Set<String> BUNDLE_FIELDS = Set.of("domain", "commitment", "signatures");
    private static final Set<String> COMMITMENT_FIELDS = JsonFields.memberNames(PayoutCommitment.TYPE_STRING);

    private PayoutCommitmentJson() {
    }

    /**
     * Serializes a bundle.
     *
     * @param bundle the bundle
     * @return pretty-printed JSON
     */
    public static String toJson(PayoutCommitmentBundle bundle) {
        return JsonFields.write(toNode(bundle));
    }

    /**
     * Parses a bundle.
     *
     * @param json the JSON text
     * @return the bundle, signatures in the order given
     * @throws ProofJsonException if the JSON is malformed
     */
    public static PayoutCommitmentBundle fromJson(String json) {
        return fromNode(JsonFields.parse(json), "$");
    }

    /**
     * A bundle as a JSON tree.
     *
     * @param bundle the bundle
     * @return the object node
     */
    public static ObjectNode toNode(PayoutCommitmentBundle bundle) {
        if (bundle == null) {
            throw new IllegalArgumentException("payout commitment bundle must not be null");
        }
        ObjectNode node = JsonFields.newObject();
        node.set("domain", AttestationJson.domainToNode(bundle.domain()));
        node.set("commitment", commitmentToNode(bundle.commitment()));
        node.set("signatures", AttestationJson.signaturesToNode(bundle.signatures()));
        return node;
    }

    /**
     * Reads a bundle from a JSON tree.
     *
     * @param node the node
     * @param path its JSON path
     * @return the bundle
     * @throws ProofJsonException if the node is malformed
     */
    public static PayoutCommitmentBundle fromNode(JsonNode node, String path) {
        JsonFields.requireObject(node, path, BUNDLE_FIELDS);
        Eip712Domain domain = AttestationJson.domainFromNode(node.get("domain"), path + ".domain");
        PayoutCommitment c = commitmentFromNode(node.get("commitment"), path + ".commitment");
        return new PayoutCommitmentBundle(domain, c, AttestationJson.signaturesFromNode(node, "signatures", path));
    }

    /**
     * A commitment as JSON (the EIP-712 message), fields in type-string order.
     *
     * @param c the commitment
     * @return the object node
     */
    public static ObjectNode commitmentToNode(PayoutCommitment c) {
        if (c == null) {
            throw new IllegalArgumentException("payout commitment must not be null");
        }
        ObjectNode node = JsonFields.newObject();
        node.put("productId", c.productId().toString());
        ArrayNode scripts = node.putArray("payoutScripts");
        c.payoutScripts().forEach(s -> scripts.add(JsonFields.hex(s)));
        node.put("spvRequired", c.spvRequired());
        node.put("version", Long.toUnsignedString(c.version()));
        node.put("nonce", c.nonce().toString());
        node.put("deadline", Long.toUnsignedString(c.deadline()));
        node.put("committeeEpoch", Long.toUnsignedString(c.committeeEpoch()));
        return node;
    }

    /**
     * Reads a commitment.
     *
     * @param node the node
     * @param path its JSON path
     * @return the commitment
     * @throws ProofJsonException if the node is malformed or breaks a field rule
     */
    public static PayoutCommitment commitmentFromNode(JsonNode node, String path) {
        JsonFields.requireObject(node, path, COMMITMENT_FIELDS);
        List<JsonNode> items = JsonFields.array(node, "payoutScripts", path);
        List<byte[]> scripts = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            scripts.add(hexBytes(items.get(i), path + ".payoutScripts[" + i + "]"));
        }
        JsonNode required = node.get("spvRequired");
        if (!required.isBoolean()) {
            throw new ProofJsonException(path + ".spvRequired", "expected true or false");
        }
        ProductId productId = JsonFields.id(node, "productId", path, ProductId::new);
        long version = JsonFields.uint64(node, "version", path);
        BigInteger nonce = JsonFields.uint256(node, "nonce", path);
        long deadline = JsonFields.uint64(node, "deadline", path);
        long committeeEpoch = JsonFields.uint64(node, "committeeEpoch", path);
        try {
            return new PayoutCommitment(productId, scripts, required.booleanValue(), version, nonce, deadline,
                    committeeEpoch);
        } catch (IllegalArgumentException e) {
            throw new ProofJsonException(path, e.getMessage(), e);
        }
    }

    private static byte[] hexBytes(JsonNode item, String path) {
        String text = JsonFields.text(item, path);
        if (!text.startsWith("0x") || text.length() % 2 != 0) {
            throw new ProofJsonException(path, "expected 0x followed by an even number of hex digits");
        }
        try {
            return HexFormat.of().parseHex(text, 2, text.length());
        } catch (IllegalArgumentException e) {
            throw new ProofJsonException(path, "not valid hex", e);
        }
    }
}
