package io.hashmix.proofs.spv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * {@code test-vectors/btc-floor.json} and {@code test-vectors/btc-evidence.json} equal what
 * {@link BitcoinEvidenceVectors} produces, and read back through the codecs they give their recorded outcomes (the
 * Solidity tests replay the same files on chain: the Java and Solidity floors and bindings agree). Regenerate with
 * {@code $MVN -q install -pl hashmix-proofs -Dhashmix.vectors.regenerate=true}.
 */
class BitcoinEvidenceVectorsTest {

    @Test
    void committedFilesEqualGeneratedOnes() throws IOException {
        check(BitcoinEvidenceVectors.FLOOR_FILE, BitcoinEvidenceVectors.generateFloor());
        check(BitcoinEvidenceVectors.EVIDENCE_FILE, BitcoinEvidenceVectors.generateEvidence());
    }

    private static void check(String name, String generated) throws IOException {
        Path file = SpvVectorsTest.vectorsDir().resolve(name);
        if (Boolean.getBoolean("hashmix.vectors.regenerate")) {
            Files.writeString(file, generated);
        }
        assertTrue(Files.exists(file), file + " is missing; run with -Dhashmix.vectors.regenerate=true");
        assertEquals(generated, Files.readString(file).replace("\r\n", "\n"),
                file + " differs from the generator; run with -Dhashmix.vectors.regenerate=true");
        assertTrue(Files.size(file) < 200_000, "keep the vector file small: " + Files.size(file));
    }

    @Test
    void floorFileCoversRealHeadersAcrossHalvingsAndRetargets() throws IOException {
        JsonNode root = JsonFields.parse(Files.readString(SpvVectorsTest.vectorsDir().resolve(BitcoinEvidenceVectors.FLOOR_FILE)));
        int real = 0;
        Set<Long> subsidies = new HashSet<>();
        Set<Long> bits = new HashSet<>();
        for (JsonNode c : root.get("cases")) {
            long nBits = c.get("nBits").asLong();
            long height = c.get("height").asLong();
            String header = c.get("header").asText();
            if (header.length() > 2) {
                BlockHeader h = BlockHeader.parse(MainnetHeaders.hex(header));
                assertTrue(h.meetsTarget(), c.get("name").asText());
                assertEquals(nBits, h.nBits());
                assertEquals(c.get("hashDisplay").asText(), BitcoinHash.toDisplayHex(h.hash()));
                real++;
                subsidies.add(SubsidyFloor.blockSubsidy(height));
                bits.add(nBits);
            }
            assertEquals(Long.parseLong(c.get("subsidy").asText()), SubsidyFloor.blockSubsidy(height));
            assertEquals(new BigInteger(c.get("floor").asText()), SubsidyFloor.floor(nBits, height,
                    c.get("epochSeconds").asLong(), c.get("unitDecimals").asInt(),
                    Long.parseLong(c.get("baseUnitsPerSatoshi").asText())), c.get("name").asText());
        }
        assertTrue(real >= 20, "real-header cases: " + real);
        assertEquals(Set.of(5_000_000_000L, 2_500_000_000L, 1_250_000_000L, 625_000_000L, 312_500_000L), subsidies);
        assertTrue(bits.size() >= 8, "distinct targets: " + bits.size());
    }

    /** Every recorded outcome is what the offline binding says of the case read back from JSON. */
    @Test
    void everyEvidenceCaseChecksToItsRecordedOutcome() throws IOException {
        JsonNode root = JsonFields.parse(Files.readString(SpvVectorsTest.vectorsDir().resolve(BitcoinEvidenceVectors.EVIDENCE_FILE)));
        JsonNode p = root.get("params");
        BitcoinClassParams params = new BitcoinClassParams(p.get("minConfirmations").asInt(),
                p.get("maxCheckpointAge").asLong(), p.get("windowSlack").asLong(), p.get("baseUnitsPerSatoshi").asLong(),
                p.get("unitDecimals").asInt());
        assertEquals(EvidenceScenarios.PARAMS, params);
        List<byte[]> scripts = new java.util.ArrayList<>();
        root.get("committedScripts").forEach(s -> scripts.add(MainnetHeaders.hex(s.asText())));
        long now = root.get("now").asLong();
        Set<EvidenceBindingException.Reason> reasons = EnumSet.noneOf(EvidenceBindingException.Reason.class);
        int valid = 0;
        for (JsonNode c : root.get("cases")) {
            BoundEvidence.Builder b = BoundEvidence.builder(NetworkParams.REGTEST, params).scripts(scripts)
                    .epoch(root.get("epoch").get("start").asLong(), root.get("epoch").get("end").asLong());
            for (JsonNode pay : c.get("payments")) {
                b.payment(PaymentProofJson.fromNode(pay.get("proof"), "$.proof"),
                        PaymentProofJson.checkpointFromNode(pay.get("checkpoint"), "$.checkpoint"),
                        pay.get("checkpointAcceptedAt").asLong());
            }
            JsonNode r = c.get("report");
            JsonNode exp = c.get("expected");
            String name = c.get("name").asText();
            try {
                BoundEvidence.Result result = b.build().check(Bytes32.fromHex(r.get("evidence").asText()),
                        new BigInteger(r.get("revenue").asText()), new BigInteger(r.get("deliveredUnits").asText()),
                        new BigInteger(r.get("unitRevenue").asText()), now);
                assertTrue(exp.get("valid").asBoolean(), name + " checks as valid");
                assertEquals(exp.get("satoshis").asLong(), result.satoshis(), name);
                assertEquals(new BigInteger(exp.get("floor").asText()), result.floor(), name);
                assertEquals(exp.get("floorHeight").asLong(), result.floorHeight(), name);
                valid++;
            } catch (EvidenceBindingException e) {
                assertEquals(exp.get("reason").asText(), e.reason().name(), name);
                assertEquals(exp.get("payment").asInt(), e.payment(), name);
                reasons.add(e.reason());
            }
        }
        assertTrue(valid >= 4, "valid cases: " + valid);
        assertEquals(EnumSet.allOf(EvidenceBindingException.Reason.class), reasons, "one case per reason");
    }
}
