package io.hashmix.proofs.vectors;

import java.util.Map;

import org.web3j.crypto.StructuredDataEncoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * An independent EIP-712 implementation to cross-check ours: web3j's generic JSON {@link StructuredDataEncoder}.
 * The struct's members are parsed from its pinned type string; the message is given as a JSON object of
 * text values (decimal numbers, 0x hex), as the codecs write them.
 */
public final class Web3jTypedData {

    private Web3jTypedData() {
    }

    /** The eth_signTypedData_v4 JSON of a message of a single (non-nested) struct type. */
    public static String json(Eip712Domain domain, String typeString, ObjectNode message) {
        ObjectNode root = JsonFields.newObject();
        ObjectNode types = root.putObject("types");
        ArrayNode d = types.putArray("EIP712Domain");
        field(d, "name", "string");
        field(d, "version", "string");
        field(d, "chainId", "uint256");
        field(d, "verifyingContract", "address");
        // parsed from the type string on purpose: the pinned string drives this independent encoder
        String primary = typeString.substring(0, typeString.indexOf('('));
        ArrayNode p = types.putArray(primary);
        String inner = typeString.substring(primary.length() + 1, typeString.length() - 1);
        for (String member : inner.split(",")) {
            String[] parts = member.split(" ");
            field(p, parts[1], parts[0]);
        }
        root.put("primaryType", primary);
        ObjectNode dom = root.putObject("domain");
        dom.put("name", domain.name());
        dom.put("version", domain.version());
        dom.put("chainId", domain.chainId());
        dom.put("verifyingContract", domain.verifyingContract().hex());
        ObjectNode m = root.putObject("message");
        for (Map.Entry<String, JsonNode> e : message.properties()) {
            // web3j wants lowercase addresses and plain text numbers
            String text = e.getValue().asText();
            m.put(e.getKey(), text.startsWith("0x") ? text.toLowerCase(java.util.Locale.ROOT) : text);
        }
        return JsonFields.write(root);
    }

    /** web3j's digest of a message given as text values. */
    public static Bytes32 digest(Eip712Domain domain, String typeString, ObjectNode message) throws Exception {
        return new Bytes32(new StructuredDataEncoder(json(domain, typeString, message)).hashStructuredData());
    }

    /** The eth_signTypedData_v4 JSON of an attestation. */
    public static String json(Eip712Domain domain, ProductAttestation a) {
        ObjectNode m = JsonFields.newObject();
        m.put("issuer", a.issuer().hex());
        m.put("assetClass", a.assetClass().toHex());
        m.put("capacity", a.capacity().toString());
        m.put("start", Long.toUnsignedString(a.start()));
        m.put("end", Long.toUnsignedString(a.end()));
        m.put("hardwareRoot", a.hardwareRoot().toHex());
        m.put("hardwareCount", Long.toString(a.hardwareCount()));
        m.put("metadataHash", a.metadataHash().toHex());
        m.put("collateralToken", a.collateralToken().hex());
        m.put("collateral", a.collateral().toString());
        m.put("nonce", a.nonce().toString());
        m.put("deadline", Long.toUnsignedString(a.deadline()));
        m.put("committeeEpoch", Long.toUnsignedString(a.committeeEpoch()));
        return json(domain, ProductAttestation.TYPE_STRING, m);
    }

    /** web3j's digest of an attestation. */
    public static Bytes32 digest(Eip712Domain domain, ProductAttestation a) throws Exception {
        return new Bytes32(new StructuredDataEncoder(json(domain, a)).hashStructuredData());
    }

    /** web3j's domain separator. */
    public static Bytes32 separator(Eip712Domain domain, ProductAttestation a) throws Exception {
        return new Bytes32(new StructuredDataEncoder(json(domain, a)).hashDomain());
    }

    private static void field(ArrayNode a, String name, String type) {
        ObjectNode f = a.addObject();
        f.put("name", name);
        f.put("type", type);
    }
}
