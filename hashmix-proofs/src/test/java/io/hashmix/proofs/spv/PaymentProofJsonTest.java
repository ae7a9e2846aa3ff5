package io.hashmix.proofs.spv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.spv.SpvFixtures.Scenario;

/** JSON round trip of payment proofs and checkpoints, and clear errors on malformed input. */
class PaymentProofJsonTest {

    private static final Scenario STD = SpvFixtures.standard();
    private static final PaymentProof PROOF = STD.proof(2, SpvFixtures.PAYEE, 12_500, 6);

    @Test
    void roundTrip() {
        String json = PaymentProofJson.toJson(PROOF);
        PaymentProof back = PaymentProofJson.fromJson(json);
        assertEquals(PROOF, back);
        assertEquals(PROOF.hashCode(), back.hashCode());
        assertEquals(json, PaymentProofJson.toJson(back));
        assertEquals(STD.verify(PROOF), STD.verify(back));
        assertTrue(json.contains("\"txIndex\": 2"), json);
        HeaderCheckpoint cp = PaymentProofJson.checkpointFromNode(PaymentProofJson.checkpointToNode(STD.checkpoint()), "$");
        assertEquals(STD.checkpoint(), cp);
        // hex digits are accepted in either case
        String txHex = JsonFields.hex(PROOF.transaction());
        String upper = json.replace(txHex, "0x" + txHex.substring(2).toUpperCase());
        assertTrue(!upper.equals(json));
        assertEquals(PROOF, PaymentProofJson.fromJson(upper));
    }

    private static ProofJsonException malformed(UnaryOperator<ObjectNode> edit) {
        ObjectNode n = PaymentProofJson.toNode(PROOF);
        String text = JsonFields.write(edit.apply(n));
        return assertThrows(ProofJsonException.class, () -> PaymentProofJson.fromJson(text));
    }

    @Test
    void malformedInputNamesThePath() {
        assertEquals("$.headers[1]", malformed(n -> {
            ((com.fasterxml.jackson.databind.node.ArrayNode) n.get("headers")).set(1, "0x" + "00".repeat(79));
            return n;
        }).path());
        assertEquals("$.merkleBranch[0]", malformed(n -> {
            ((com.fasterxml.jackson.databind.node.ArrayNode) n.get("merkleBranch")).set(0, "0x1234");
            return n;
        }).path());
        assertEquals("$.transaction", malformed(n -> n.put("transaction", "0x123")).path());
        assertEquals("$.transaction", malformed(n -> n.put("transaction", "01")).path());
        assertEquals("$.outputScript", malformed(n -> n.put("outputScript", "0xzz")).path());
        assertEquals("$.txIndex", malformed(n -> n.put("txIndex", -1)).path());
        assertEquals("$.txIndex", malformed(n -> n.put("txIndex", 1L << 32)).path());
        assertEquals("$.txIndex", malformed(n -> n.put("txIndex", 1.5)).path());
        assertEquals("$.headerIndex", malformed(n -> n.put("headerIndex", "x")).path());
        assertEquals("$.minAmount", malformed(n -> n.put("minAmount", -5)).path());
        assertEquals("$.requiredConfirmations", malformed(n -> n.putNull("requiredConfirmations")).path());
        assertEquals("$.headers", malformed(n -> n.put("headers", "0x00")).path());
        assertEquals("$.coinbaseBranch", malformed(n -> {
            n.remove("coinbaseBranch");
            return n;
        }).path());
        assertEquals("$.extra", malformed(n -> n.put("extra", 1)).path());
        assertThrows(ProofJsonException.class, () -> PaymentProofJson.fromJson(""));
        assertThrows(ProofJsonException.class, () -> PaymentProofJson.fromJson("[]"));
        assertThrows(ProofJsonException.class, () -> PaymentProofJson.fromJson(PaymentProofJson.toJson(PROOF) + "{}"));
        assertThrows(ProofJsonException.class, () -> PaymentProofJson.fromJson("{\"txIndex\": 1, \"txIndex\": 2}"));
        ObjectNode badCp = PaymentProofJson.checkpointToNode(STD.checkpoint());
        badCp.put("nBits", 0x20800001L);
        assertEquals("$", assertThrows(ProofJsonException.class,
                () -> PaymentProofJson.checkpointFromNode(badCp, "$")).path());
    }

    @Test
    void semanticProblemsAreTheVerifiersNotTheCodecs() {
        // a zero confirmation requirement and a garbage transaction parse as JSON, then fail verification as MALFORMED
        ObjectNode n = PaymentProofJson.toNode(PROOF);
        n.put("requiredConfirmations", 0);
        n.put("transaction", "0x00");
        PaymentProof p = PaymentProofJson.fromJson(JsonFields.write(n));
        assertEquals(SpvVerificationException.Reason.MALFORMED,
                assertThrows(SpvVerificationException.class, () -> STD.verify(p)).reason());
    }
}
