package io.hashmix.proofs.attestation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * JSON codec for attestation bundles and their parts. Field names are fixed and shared with the
 * contracts' test vectors:
 *
 * <pre>{@code
 * {
 *   "domain": { "name": "HashMix", "version": "1", "chainId": "31337", "verifyingContract": "0x5FbD..." },
 *   "attestation": {
 *     "issuer": "0x...", "assetClass": "0x<32 bytes>", "capacity": "1000",
 *     "start": 1735689600, "end": 1767225600, "hardwareRoot": "0x<32 bytes>", "hardwareCount": 16,
 *     "metadataHash": "0x<32 bytes>", "collateralToken": "0x...", "collateral": "5000000000000000000",
 *     "nonce": "1", "deadline": 1735776000, "committeeEpoch": 1
 *   },
 *   "signatures": [ { "signer": "0x...", "signature": "0x<65 bytes>" } ]
 * }
 * }</pre>
 *
 * <p>Bytes are {@code 0x} hex; {@code uint256} values (and the chain id) are decimal strings;
 * {@code uint64}/{@code uint32} values are JSON integers (decimal strings accepted on input); addresses are
 * written with their EIP-55 checksum. Reading is strict (see {@link JsonFields}); every problem is a
 * {@link ProofJsonException} naming the JSON path. Signature order is preserved both ways.
 */
public final class AttestationJson {

    private static final Set<String> BUNDLE_FIELDS = Set.of("domain", "attestation", "signatures");
    private static final Set<String> DOMAIN_FIELDS = Set.of("name", "version", "chainId", "verifyingContract");
    private static final Set<String> ATTESTATION_FIELDS = Set.of("issuer", "assetClass", "capacity", "start", "end",
            "hardwareRoot", "hardwareCount", "metadataHash", "collateralToken", "collateral", "nonce", "deadline",
            "committeeEpoch");
    private static final Set<String> SIGNATURE_FIELDS = Set.of("signer", "signature");

    private AttestationJson() {
    }

    /**
     * Serializes a bundle.
     *
     * @param bundle the bundle
     * @return pretty-printed JSON
     */
    public static String toJson(AttestationBundle bundle) {
        return JsonFields.write(toNode(bundle));
    }

    /**
     * Parses a bundle.
     *
     * @param json the JSON text
     * @return the bundle, signatures in the order given
     * @throws ProofJsonException if the JSON is malformed
     */
    public static AttestationBundle fromJson(String json) {
        return fromNode(JsonFields.parse(json), "$");
    }

    /**
     * A bundle as a JSON tree (to embed in larger documents).
     *
     * @param bundle the bundle
     * @return the object node
     */
    public static ObjectNode toNode(AttestationBundle bundle) {
        if (bundle == null) {
            throw new IllegalArgumentException("bundle must not be null");
        }
        ObjectNode node = JsonFields.newObject();
        node.set("domain", domainToNode(bundle.domain()));
        node.set("attestation", attestationToNode(bundle.attestation()));
        node.set("signatures", signaturesToNode(bundle.signatures()));
        return node;
    }

    /**
     * Reads a bundle from a JSON tree.
     *
     * @param node the node
     * @param path its JSON path, for error messages
     * @return the bundle
     * @throws ProofJsonException if the node is malformed
     */
    public static AttestationBundle fromNode(JsonNode node, String path) {
        JsonFields.requireObject(node, path, BUNDLE_FIELDS);
        Eip712Domain domain = domainFromNode(node.get("domain"), path + ".domain");
        ProductAttestation attestation = attestationFromNode(node.get("attestation"), path + ".attestation");
        return new AttestationBundle(domain, attestation, signaturesFromNode(node, "signatures", path));
    }

    /**
     * A domain as JSON.
     *
     * @param domain the domain
     * @return the object node
     */
    public static ObjectNode domainToNode(Eip712Domain domain) {
        ObjectNode node = JsonFields.newObject();
        node.put("name", domain.name());
        node.put("version", domain.version());
        node.put("chainId", Long.toString(domain.chainId()));
        node.put("verifyingContract", domain.verifyingContract().toChecksumHex());
        return node;
    }

    /**
     * Reads a domain.
     *
     * @param node the node
     * @param path its JSON path
     * @return the domain
     * @throws ProofJsonException if the node is malformed
     */
    public static Eip712Domain domainFromNode(JsonNode node, String path) {
        JsonFields.requireObject(node, path, DOMAIN_FIELDS);
        return new Eip712Domain(
                JsonFields.text(node, "name", path),
                JsonFields.text(node, "version", path),
                JsonFields.chainId(node, "chainId", path),
                JsonFields.address(node, "verifyingContract", path));
    }

    /**
     * An attestation as JSON (the EIP-712 message).
     *
     * @param a the attestation
     * @return the object node, fields in type-string order
     */
    public static ObjectNode attestationToNode(ProductAttestation a) {
        ObjectNode node = JsonFields.newObject();
        node.put("issuer", a.issuer().toChecksumHex());
        node.put("assetClass", a.assetClass().toHex());
        node.put("capacity", a.capacity().toString());
        node.set("start", JsonFields.uint64Node(a.start()));
        node.set("end", JsonFields.uint64Node(a.end()));
        node.put("hardwareRoot", a.hardwareRoot().toHex());
        node.put("hardwareCount", a.hardwareCount());
        node.put("metadataHash", a.metadataHash().toHex());
        node.put("collateralToken", a.collateralToken().toChecksumHex());
        node.put("collateral", a.collateral().toString());
        node.put("nonce", a.nonce().toString());
        node.set("deadline", JsonFields.uint64Node(a.deadline()));
        node.set("committeeEpoch", JsonFields.uint64Node(a.committeeEpoch()));
        return node;
    }

    /**
     * Reads an attestation.
     *
     * @param node the node
     * @param path its JSON path
     * @return the attestation
     * @throws ProofJsonException if the node is malformed
     */
    public static ProductAttestation attestationFromNode(JsonNode node, String path) {
        JsonFields.requireObject(node, path, ATTESTATION_FIELDS);
        return new ProductAttestation(
                JsonFields.address(node, "issuer", path),
                new AssetClassId(JsonFields.bytes32(node, "assetClass", path).value()),
                JsonFields.uint256(node, "capacity", path),
                JsonFields.uint64(node, "start", path),
                JsonFields.uint64(node, "end", path),
                JsonFields.bytes32(node, "hardwareRoot", path),
                JsonFields.uint32(node, "hardwareCount", path),
                JsonFields.bytes32(node, "metadataHash", path),
                JsonFields.address(node, "collateralToken", path),
                JsonFields.uint256(node, "collateral", path),
                JsonFields.uint256(node, "nonce", path),
                JsonFields.uint64(node, "deadline", path),
                JsonFields.uint64(node, "committeeEpoch", path));
    }

    /**
     * A signature as JSON.
     *
     * @param s the signature
     * @return {@code {"signer": ..., "signature": ...}}
     */
    public static ObjectNode signatureToNode(AttestorSignature s) {
        ObjectNode node = JsonFields.newObject();
        node.put("signer", s.signer().toChecksumHex());
        node.put("signature", s.signatureHex());
        return node;
    }

    /**
     * A signature list as a JSON array, order preserved.
     *
     * @param signatures the signatures
     * @return the array node
     */
    public static ArrayNode signaturesToNode(List<AttestorSignature> signatures) {
        ArrayNode sigs = JsonFields.newArray();
        for (AttestorSignature s : signatures) {
            sigs.add(signatureToNode(s));
        }
        return sigs;
    }

    /**
     * Reads a required signature array field, order preserved.
     *
     * @param parent the object holding the field
     * @param field the field name
     * @param path the object's JSON path
     * @return the signatures
     * @throws ProofJsonException if the field is missing or an element is malformed
     */
    public static List<AttestorSignature> signaturesFromNode(JsonNode parent, String field, String path) {
        List<JsonNode> sigNodes = JsonFields.array(parent, field, path);
        List<AttestorSignature> sigs = new ArrayList<>(sigNodes.size());
        for (int i = 0; i < sigNodes.size(); i++) {
            sigs.add(signatureFromNode(sigNodes.get(i), path + "." + field + "[" + i + "]"));
        }
        return sigs;
    }

    /**
     * Reads a signature (any length; {@link BundleVerifier} judges its form).
     *
     * @param node the node
     * @param path its JSON path
     * @return the signature
     * @throws ProofJsonException if the node is malformed
     */
    public static AttestorSignature signatureFromNode(JsonNode node, String path) {
        JsonFields.requireObject(node, path, SIGNATURE_FIELDS);
        return new AttestorSignature(JsonFields.address(node, "signer", path), JsonFields.bytes(node, "signature", path));
    }
}
