package io.hashmix.proofs.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.vectors.Fixtures;
import io.hashmix.proofs.vectors.TestKeys;

class AttestationJsonTest {

    private static AttestationBundle bundle(ProductAttestation a) {
        return AttestationBundle.builder(Fixtures.DOMAIN, a).signWith(TestKeys.key(1), TestKeys.key(3), TestKeys.key(5)).build();
    }

    @Test
    void roundTripsEveryFieldExactly() {
        for (ProductAttestation a : new ProductAttestation[] {Fixtures.btcProduct(), Fixtures.filProduct(), Fixtures.maxProduct()}) {
            AttestationBundle b = bundle(a);
            String json = AttestationJson.toJson(b);
            AttestationBundle back = AttestationJson.fromJson(json);
            assertEquals(b, back);
            assertEquals(b.digest(), back.digest());
            assertEquals(json, AttestationJson.toJson(back), "stable output");
        }
    }

    @Test
    void writesStableFieldNamesAndEncodings() {
        JsonNode n = JsonFields.parse(AttestationJson.toJson(bundle(Fixtures.maxProduct())));
        JsonNode m = n.get("attestation");
        assertEquals("115792089237316195423570985008687907853269984665640564039457584007913129639935", m.get("capacity").textValue());
        assertTrue(m.get("start").isIntegralNumber());
        assertEquals("18446744073709551615", m.get("deadline").bigIntegerValue().toString());
        assertEquals(4294967295L, m.get("hardwareCount").longValue());
        assertEquals("31337", n.get("domain").get("chainId").textValue());
        assertTrue(n.get("signatures").get(0).get("signature").textValue().matches("0x[0-9a-f]{130}"));
    }

    @Test
    void acceptsUint64AsDecimalStringsForJavaScriptClients() {
        ObjectNode n = (ObjectNode) JsonFields.parse(AttestationJson.toJson(bundle(Fixtures.maxProduct())));
        ((ObjectNode) n.get("attestation")).put("deadline", "18446744073709551615");
        ((ObjectNode) n.get("attestation")).put("hardwareCount", "4294967295");
        n.with("domain").put("chainId", 31337);
        assertEquals(bundle(Fixtures.maxProduct()), AttestationJson.fromJson(JsonFields.write(n)));
    }

    static Stream<Arguments> malformed() {
        String good = AttestationJson.toJson(bundle(Fixtures.btcProduct()));
        return Stream.of(
                Arguments.of("not JSON", "{", "$"),
                Arguments.of("empty", "", "$"),
                Arguments.of("blank", "   ", "$"),
                Arguments.of("root is an array", "[]", "$"),
                Arguments.of("trailing content", good + " {}", "$"),
                Arguments.of("duplicate key", good.replaceFirst("\"domain\"", "\"signatures\": [],\n  \"domain\""), "$"),
                Arguments.of("missing field", good.replace("\"nonce\": \"1\",", ""), "$.attestation.nonce"),
                Arguments.of("unknown field", good.replace("\"nonce\": \"1\",", "\"nonce\": \"1\", \"nonse\": \"1\","), "$.attestation.nonse"),
                Arguments.of("null field", good.replace("\"nonce\": \"1\"", "\"nonce\": null"), "$.attestation.nonce"),
                Arguments.of("uint256 as number", good.replace("\"capacity\": \"1000\"", "\"capacity\": 1000"), "$.attestation.capacity"),
                Arguments.of("negative uint256", good.replace("\"capacity\": \"1000\"", "\"capacity\": \"-1000\""), "$.attestation.capacity"),
                Arguments.of("leading zero", good.replace("\"capacity\": \"1000\"", "\"capacity\": \"01000\""), "$.attestation.capacity"),
                Arguments.of("hex uint256", good.replace("\"capacity\": \"1000\"", "\"capacity\": \"0x3e8\""), "$.attestation.capacity"),
                Arguments.of("uint256 overflow", good.replace("\"capacity\": \"1000\"", "\"capacity\": \""
                        + "115792089237316195423570985008687907853269984665640564039457584007913129639936\""), "$.attestation.capacity"),
                Arguments.of("negative uint64", good.replace("\"start\": 1735689600", "\"start\": -1"), "$.attestation.start"),
                Arguments.of("uint64 overflow", good.replace("\"start\": 1735689600", "\"start\": 18446744073709551616"), "$.attestation.start"),
                Arguments.of("fractional uint64", good.replace("\"start\": 1735689600", "\"start\": 1.5"), "$.attestation.start"),
                Arguments.of("boolean uint64", good.replace("\"start\": 1735689600", "\"start\": true"), "$.attestation.start"),
                Arguments.of("uint32 overflow", good.replace("\"hardwareCount\": 7", "\"hardwareCount\": 4294967296"), "$.attestation.hardwareCount"),
                Arguments.of("bad checksum", good.replace("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x70997970c51812dc3A010C7d01b50e0d17dc79C8"), "$.attestation.issuer"),
                Arguments.of("short address", good.replace("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x7099"), "$.attestation.issuer"),
                Arguments.of("short bytes32", good.replace("\"assetClass\": \"0x6c65", "\"assetClass\": \"0x6c"), "$.attestation.assetClass"),
                Arguments.of("bytes32 as number", good.replaceFirst("\"metadataHash\": \"0x[0-9a-f]+\"", "\"metadataHash\": 5"), "$.attestation.metadataHash"),
                Arguments.of("odd signature hex", good.replaceFirst("\"signature\": \"0x", "\"signature\": \"0x0"), "$.signatures[0].signature"),
                Arguments.of("non-hex signature", good.replaceFirst("\"signature\": \"0x..", "\"signature\": \"0xzz"), "$.signatures[0].signature"),
                Arguments.of("signature without 0x", good.replaceFirst("\"signature\": \"0x", "\"signature\": \""), "$.signatures[0].signature"),
                Arguments.of("signatures not an array", good.replaceFirst("\"signatures\": \\[", "\"signatures\": {\"a\": ["), "$"),
                Arguments.of("zero chain id", good.replace("\"chainId\": \"31337\"", "\"chainId\": \"0\""), "$.domain.chainId"),
                Arguments.of("domain missing", good.replaceFirst("\"domain\"", "\"domian\""), "$.domian"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedJsonIsATypedErrorNamingThePath(String what, String json, String pathPrefix) {
        ProofJsonException e = assertThrows(ProofJsonException.class, () -> AttestationJson.fromJson(json), what);
        assertTrue(e.path().startsWith(pathPrefix), what + ": path " + e.path() + " / " + e.getMessage());
        assertTrue(e.getMessage().contains(e.path()), e.getMessage());
    }

    @Test
    void nullTextIsATypedError() {
        assertThrows(ProofJsonException.class, () -> AttestationJson.fromJson(null));
        assertThrows(IllegalArgumentException.class, () -> AttestationJson.toNode(null));
    }
}
