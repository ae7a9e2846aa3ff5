package io.hashmix.proofs.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.JsonFields;

/**
 * JSON form of a {@link PriceReport} (what observers hand to relayers):
 * <pre>{@code
 * {"assetClass": "0x..32 bytes", "observedAt": 1735689600, "deadline": 1735693200, "committeeEpoch": 3,
 *  "observations": [{"observer": "0x..", "hashprice": "50000000000", "payoutPrice": "1000000000000000",
 *                    "signature": "0x..65 bytes"}]}
 * }</pre>
 * Prices are decimal strings; times and epochs JSON integers. Parsing is strict: unknown or missing fields,
 * bad hex and out-of-range numbers are refused with a message naming the field.
 */
public final class PriceReportJson {

    private static final Set<String> REPORT_FIELDS = Set.of("assetClass", "observedAt", "deadline", "committeeEpoch",
            "observations");
    private static final Set<String> OBSERVATION_FIELDS = Set.of("observer", "hashprice", "payoutPrice", "signature");

    private PriceReportJson() {
    }

    /**
     * The report as a JSON tree.
     *
     * @param report the report
     * @return the JSON object
     */
    public static ObjectNode toNode(PriceReport report) {
        ObjectNode n = JsonFields.newObject();
        n.put("assetClass", report.assetClass().toHex());
        n.set("observedAt", JsonFields.uint64Node(report.observedAt()));
        n.set("deadline", JsonFields.uint64Node(report.deadline()));
        n.set("committeeEpoch", JsonFields.uint64Node(report.committeeEpoch()));
        ArrayNode obs = n.putArray("observations");
        for (PriceReport.Observation o : report.observations()) {
            ObjectNode on = obs.addObject();
            on.put("observer", o.observer().hex());
            on.put("hashprice", o.hashprice().toString());
            on.put("payoutPrice", o.payoutPrice().toString());
            on.put("signature", JsonFields.hex(o.signature()));
        }
        return n;
    }

    /**
     * The report as JSON text.
     *
     * @param report the report
     * @return the JSON
     */
    public static String toJson(PriceReport report) {
        return JsonFields.write(toNode(report));
    }

    /**
     * Parses a report.
     *
     * @param json the JSON text
     * @return the report
     * @throws IllegalArgumentException naming the bad field
     */
    public static PriceReport fromJson(String json) {
        return fromNode(JsonFields.parse(json));
    }

    /**
     * Parses a report from a JSON tree.
     *
     * @param node the JSON object
     * @return the report
     * @throws IllegalArgumentException naming the bad field
     */
    public static PriceReport fromNode(JsonNode node) {
        ObjectNode n = JsonFields.requireObject(node, "priceReport", REPORT_FIELDS);
        AssetClassId assetClass = new AssetClassId(JsonFields.bytes32(n, "assetClass", "priceReport"));
        List<PriceReport.Observation> observations = new ArrayList<>();
        List<JsonNode> items = JsonFields.array(n, "observations", "priceReport");
        for (int i = 0; i < items.size(); i++) {
            String path = "priceReport.observations[" + i + "]";
            ObjectNode on = JsonFields.requireObject(items.get(i), path, OBSERVATION_FIELDS);
            observations.add(new PriceReport.Observation(JsonFields.address(on, "observer", path),
                    JsonFields.uint256(on, "hashprice", path), JsonFields.uint256(on, "payoutPrice", path),
                    JsonFields.bytes(on, "signature", path)));
        }
        return new PriceReport(assetClass, JsonFields.uint64(n, "observedAt", "priceReport"),
                JsonFields.uint64(n, "deadline", "priceReport"), JsonFields.uint64(n, "committeeEpoch", "priceReport"),
                observations);
    }
}
