package io.hashmix.proofs.fulfillment;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.attestation.AttestationJson;
import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * JSON codec for report bundles, with the proofs module's conventions ({@link JsonFields}) and the same
 * domain and signature objects as {@link AttestationJson}:
 *
 * <pre>{@code
 * {
 *   "domain": { "name": "HashMix", "version": "1", "chainId": "31337", "verifyingContract": "0x..." },
 *   "report": {
 *     "productId": "1", "epoch": "0", "deliveredUnits": "1000", "revenue": "5000000", "unitRevenue": "5000",
 *     "sourceChain": "0x<32 bytes>", "evidence": "0x<32 bytes>", "nonce": "1", "deadline": "1738368000",
 *     "committeeEpoch": "1"
 *   },
 *   "signatures": [ { "signer": "0x...", "signature": "0x<65 bytes>" } ]
 * }
 * }</pre>
 *
 * <p>{@code report} holds exactly the members of {@link FulfillmentReport#TYPE_STRING}. Every integer is written
 * as a decimal string (JSON integers are accepted for {@code uint32}/{@code uint64} on input). Reading is strict;
 * every problem is a {@link ProofJsonException} naming the JSON path. Signature order is preserved both ways.
 */
public final class ReportJson {

    private static final Set<String> BUNDLE_FIELDS = Set.of("domain", "report", "signatures");
    private static final Set<String> REPORT_FIELDS = JsonFields.memberNames(FulfillmentReport.TYPE_STRING);

    private ReportJson() {
    }

    /**
     * Serializes a bundle.
     *
     * @param bundle the bundle
     * @return pretty-printed JSON
     */
    public static String toJson(ReportBundle bundle) {
        return JsonFields.write(toNode(bundle));
    }

    /**
     * Parses a bundle.
     *
     * @param json the JSON text
     * @return the bundle, signatures in the order given
     * @throws ProofJsonException if the JSON is malformed
     */
    public static ReportBundle fromJson(String json) {
        return fromNode(JsonFields.parse(json), "$");
    }

    /**
     * A bundle as a JSON tree.
     *
     * @param bundle the bundle
     * @return the object node
     */
    public static ObjectNode toNode(ReportBundle bundle) {
        if (bundle == null) {
            throw new IllegalArgumentException("report bundle must not be null");
        }
        ObjectNode node = JsonFields.newObject();
        node.set("domain", AttestationJson.domainToNode(bundle.domain()));
        node.set("report", reportToNode(bundle.report()));
        node.set("signatures", AttestationJson.signaturesToNode(bundle.signatures()));
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
    public static ReportBundle fromNode(JsonNode node, String path) {
        JsonFields.requireObject(node, path, BUNDLE_FIELDS);
        Eip712Domain domain = AttestationJson.domainFromNode(node.get("domain"), path + ".domain");
        FulfillmentReport report = reportFromNode(node.get("report"), path + ".report");
        return new ReportBundle(domain, report, AttestationJson.signaturesFromNode(node, "signatures", path));
    }

    /**
     * A report as JSON (the EIP-712 message), fields in type-string order.
     *
     * @param r the report
     * @return the object node
     */
    public static ObjectNode reportToNode(FulfillmentReport r) {
        if (r == null) {
            throw new IllegalArgumentException("report must not be null");
        }
        ObjectNode node = JsonFields.newObject();
        node.put("productId", r.productId().toString());
        node.put("epoch", Long.toString(r.epoch()));
        node.put("deliveredUnits", r.deliveredUnits().toString());
        node.put("revenue", r.revenue().toString());
        node.put("unitRevenue", r.unitRevenue().toString());
        node.put("sourceChain", r.sourceChain().toHex());
        node.put("evidence", r.evidence().toHex());
        node.put("nonce", r.nonce().toString());
        node.put("deadline", Long.toUnsignedString(r.deadline()));
        node.put("committeeEpoch", Long.toUnsignedString(r.committeeEpoch()));
        return node;
    }

    /**
     * Reads a report.
     *
     * @param node the node
     * @param path its JSON path
     * @return the report
     * @throws ProofJsonException if the node is malformed or the report breaks a field rule
     */
    public static FulfillmentReport reportFromNode(JsonNode node, String path) {
        JsonFields.requireObject(node, path, REPORT_FIELDS);
        FulfillmentReport.Builder b = FulfillmentReport.builder()
                .productId(JsonFields.id(node, "productId", path, ProductId::new))
                .epoch(JsonFields.uint32(node, "epoch", path))
                .deliveredUnits(JsonFields.uint256(node, "deliveredUnits", path))
                .revenue(JsonFields.uint256(node, "revenue", path))
                .unitRevenue(JsonFields.uint256(node, "unitRevenue", path))
                .sourceChain(JsonFields.bytes32(node, "sourceChain", path))
                .evidence(JsonFields.bytes32(node, "evidence", path))
                .nonce(JsonFields.uint256(node, "nonce", path))
                .deadline(JsonFields.uint64(node, "deadline", path))
                .committeeEpoch(JsonFields.uint64(node, "committeeEpoch", path));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ProofJsonException(path, e.getMessage(), e);
        }
    }
}
