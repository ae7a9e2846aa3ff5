package io.hashmix.proofs.spv;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * JSON form of {@link PaymentProof} and {@link HeaderCheckpoint}, with the module's conventions (see
 * {@link JsonFields}): bytes and hashes as {@code 0x} hex, integers as JSON integers. Hashes are in
 * <em>internal</em> byte order (as hashed, as on the wire), not the reversed display order of block explorers.
 *
 * <pre>{@code
 * {
 *   "transaction": "0x0100...",            // stripped serialization
 *   "txIndex": 3,
 *   "merkleBranch": ["0x..", ...],         // siblings, leaf to root
 *   "coinbaseTransaction": "0x0100...",
 *   "coinbaseBranch": ["0x..", ...],
 *   "headers": ["0x<80 bytes>", ...],      // headers[0] extends the checkpoint
 *   "headerIndex": 0,
 *   "outputScript": "0x0014...",
 *   "minAmount": 50000,                    // satoshis
 *   "requiredConfirmations": 6
 * }
 * checkpoint: { "blockHash": "0x..", "height": 2015, "nBits": 545259519 }
 * }</pre>
 *
 * <p>Reading is strict (unknown, missing or null fields, wrong types, bad hex, headers that are not 80 bytes, numbers
 * out of range all fail with a {@link ProofJsonException} naming the JSON path). Semantic checks are the verifier's.
 */
public final class PaymentProofJson {

    private static final Set<String> PROOF_FIELDS = Set.of("transaction", "txIndex", "merkleBranch",
            "coinbaseTransaction", "coinbaseBranch", "headers", "headerIndex", "outputScript", "minAmount",
            "requiredConfirmations");
    private static final Set<String> CHECKPOINT_FIELDS = Set.of("blockHash", "height", "nBits");

    private PaymentProofJson() {
    }

    /**
     * Writes a proof as pretty-printed JSON.
     *
     * @param proof the proof
     * @return the text
     */
    public static String toJson(PaymentProof proof) {
        return JsonFields.write(toNode(proof));
    }

    /**
     * A proof as a JSON tree (field order as documented).
     *
     * @param proof the proof
     * @return the node
     */
    public static ObjectNode toNode(PaymentProof proof) {
        ObjectNode n = JsonFields.newObject();
        n.put("transaction", JsonFields.hex(proof.transaction()));
        n.put("txIndex", proof.txIndex());
        hashes(n.putArray("merkleBranch"), proof.merkleBranch());
        n.put("coinbaseTransaction", JsonFields.hex(proof.coinbaseTransaction()));
        hashes(n.putArray("coinbaseBranch"), proof.coinbaseBranch());
        ArrayNode headers = n.putArray("headers");
        proof.headers().forEach(h -> headers.add(JsonFields.hex(h.serialize())));
        n.put("headerIndex", proof.headerIndex());
        n.put("outputScript", JsonFields.hex(proof.outputScript()));
        n.put("minAmount", proof.minAmount());
        n.put("requiredConfirmations", proof.requiredConfirmations());
        return n;
    }

    /**
     * Reads a proof.
     *
     * @param json the text
     * @return the proof
     * @throws ProofJsonException if the JSON is malformed (the message names the path)
     */
    public static PaymentProof fromJson(String json) {
        return fromNode(JsonFields.parse(json), "$");
    }

    /**
     * Reads a proof from a JSON tree.
     *
     * @param node the node
     * @param path its JSON path, for messages
     * @return the proof
     * @throws ProofJsonException if the node is malformed
     */
    public static PaymentProof fromNode(JsonNode node, String path) {
        JsonFields.requireObject(node, path, PROOF_FIELDS);
        byte[] tx = JsonFields.bytes(node, "transaction", path);
        long txIndex = JsonFields.uint32(node, "txIndex", path);
        List<Bytes32> branch = hashList(node, "merkleBranch", path);
        byte[] coinbase = JsonFields.bytes(node, "coinbaseTransaction", path);
        List<Bytes32> coinbaseBranch = hashList(node, "coinbaseBranch", path);
        List<JsonNode> headerNodes = JsonFields.array(node, "headers", path);
        List<BlockHeader> headers = new ArrayList<>(headerNodes.size());
        for (int i = 0; i < headerNodes.size(); i++) {
            String at = path + ".headers[" + i + "]";
            ObjectNode wrapper = JsonFields.newObject();
            wrapper.set("h", headerNodes.get(i));
            byte[] raw = JsonFields.bytes(wrapper, "h", at);
            try {
                headers.add(BlockHeader.parse(raw));
            } catch (BitcoinFormatException e) {
                throw new ProofJsonException(at, e.getMessage(), e);
            }
        }
        int headerIndex = (int) smallInt(node, "headerIndex", path);
        byte[] script = JsonFields.bytes(node, "outputScript", path);
        long minAmount = JsonFields.uint64(node, "minAmount", path);
        if (minAmount < 0) {
            throw new ProofJsonException(path + ".minAmount", "above 2^63-1 satoshis");
        }
        int confirmations = (int) smallInt(node, "requiredConfirmations", path);
        return new PaymentProof(tx, txIndex, branch, coinbase, coinbaseBranch, headers, headerIndex, script, minAmount,
                confirmations);
    }

    /**
     * A checkpoint as a JSON tree.
     *
     * @param checkpoint the checkpoint
     * @return the node
     */
    public static ObjectNode checkpointToNode(HeaderCheckpoint checkpoint) {
        ObjectNode n = JsonFields.newObject();
        n.put("blockHash", checkpoint.blockHash().toHex());
        n.put("height", checkpoint.height());
        n.put("nBits", checkpoint.nBits());
        return n;
    }

    /**
     * Reads a checkpoint.
     *
     * @param node the node
     * @param path its JSON path
     * @return the checkpoint
     * @throws ProofJsonException if the node is malformed or not a valid checkpoint
     */
    public static HeaderCheckpoint checkpointFromNode(JsonNode node, String path) {
        JsonFields.requireObject(node, path, CHECKPOINT_FIELDS);
        Bytes32 hash = JsonFields.bytes32(node, "blockHash", path);
        long height = JsonFields.uint32(node, "height", path);
        long nBits = JsonFields.uint32(node, "nBits", path);
        try {
            return new HeaderCheckpoint(hash, height, nBits);
        } catch (IllegalArgumentException e) {
            throw new ProofJsonException(path, e.getMessage(), e);
        }
    }

    private static long smallInt(JsonNode node, String field, String path) {
        long v = JsonFields.uint32(node, field, path);
        if (v > Integer.MAX_VALUE) {
            throw new ProofJsonException(path + "." + field, "above 2^31-1");
        }
        return v;
    }

    private static void hashes(ArrayNode array, List<Bytes32> values) {
        values.forEach(v -> array.add(v.toHex()));
    }

    private static List<Bytes32> hashList(JsonNode node, String field, String path) {
        List<JsonNode> items = JsonFields.array(node, field, path);
        List<Bytes32> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(JsonFields.bytes32(items.get(i), path + "." + field + "[" + i + "]"));
        }
        return out;
    }
}
