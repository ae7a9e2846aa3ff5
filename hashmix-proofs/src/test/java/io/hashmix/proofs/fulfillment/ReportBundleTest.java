package io.hashmix.proofs.fulfillment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Credentials;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.attestation.AttestationVerificationException;
import io.hashmix.proofs.attestation.AttestationVerificationException.Reason;
import io.hashmix.proofs.attestation.AttestorSignature;
import io.hashmix.proofs.attestation.BundleVerifier;
import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.batch.BatchVerifier;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.vectors.Fixtures;
import io.hashmix.proofs.vectors.FulfillmentVectors;
import io.hashmix.proofs.vectors.TestKeys;

/** Reports are signed M-of-N and verified exactly like product attestations; their JSON is strict. */
class ReportBundleTest {

    private static final FulfillmentReport REPORT = FulfillmentVectors.cases().getFirst().report();
    private static final Clock JAN_2025 = Clock.fixed(Instant.ofEpochSecond(Fixtures.JAN_2025), ZoneOffset.UTC);
    private static final BundleVerifier VERIFIER = new BundleVerifier(FulfillmentVectors.DOMAIN,
            TestKeys.committee(REPORT.committeeEpoch()), 3, JAN_2025);

    private static ReportBundle signedBy(FulfillmentReport r, int... keys) {
        ReportBundle.Builder b = ReportBundle.builder(FulfillmentVectors.DOMAIN, r);
        for (int k : keys) {
            b.signWith(TestKeys.key(k));
        }
        return b.build();
    }

    private static Reason rejection(ReportBundle b, BundleVerifier v) {
        return assertThrows(AttestationVerificationException.class, () -> v.verify(b)).reason();
    }

    @Test
    void thresholdOfSignaturesVerifies() {
        ReportBundle b = signedBy(REPORT, 5, 1, 3);
        BundleVerifier.Verified v = VERIFIER.verify(b);
        assertEquals(Eip712.digest(FulfillmentVectors.DOMAIN, REPORT), v.digest());
        assertEquals(b.digest(), v.digest());
        assertEquals(List.of(b.signatures().get(0).signer(), b.signatures().get(1).signer(), b.signatures().get(2).signer()),
                v.signers());
        assertTrue(AttestorSignature.BY_SIGNER.compare(b.signatures().get(0), b.signatures().get(1)) < 0, "sorted");
        assertEquals(REPORT, b.message());
    }

    @Test
    void theVerifierAppliesItsRulesToReports() {
        assertEquals(Reason.BELOW_THRESHOLD, rejection(signedBy(REPORT, 1, 2), VERIFIER));
        BundleVerifier nextEpoch = new BundleVerifier(FulfillmentVectors.DOMAIN, TestKeys.committee(2), 3, JAN_2025);
        assertEquals(Reason.WRONG_COMMITTEE_EPOCH, rejection(signedBy(REPORT, 1, 2, 3), nextEpoch));
        BundleVerifier late = new BundleVerifier(FulfillmentVectors.DOMAIN, TestKeys.committee(REPORT.committeeEpoch()), 3,
                Clock.fixed(Instant.ofEpochSecond(REPORT.deadline() + 1), ZoneOffset.UTC));
        assertEquals(Reason.EXPIRED, rejection(signedBy(REPORT, 1, 2, 3), late));
        late.verifyIgnoringDeadline(signedBy(REPORT, 1, 2, 3));
        BundleVerifier otherVault = new BundleVerifier(Eip712Domain.hashMix(Fixtures.CHAIN_ID, Fixtures.TOKEN_CONTRACT),
                TestKeys.committee(REPORT.committeeEpoch()), 3, JAN_2025);
        assertEquals(Reason.WRONG_CONTRACT, rejection(signedBy(REPORT, 1, 2, 3), otherVault));
        // a signature over another report recovers elsewhere
        ReportBundle good = signedBy(REPORT, 1, 2, 3);
        AttestorSignature first = good.signatures().getFirst();
        FulfillmentReport other = REPORT.toBuilder().deliveredUnits(BigInteger.ZERO).build();
        byte[] overOther = AttestationSigner.signDigest(Eip712.digest(FulfillmentVectors.DOMAIN, other),
                keyOf(first));
        ReportBundle forged = new ReportBundle(good.domain(), REPORT, List.of(new AttestorSignature(first.signer(), overOther),
                good.signatures().get(1), good.signatures().get(2)));
        assertEquals(Reason.INVALID_SIGNATURE, rejection(forged, VERIFIER));
    }

    private static org.web3j.crypto.ECKeyPair keyOf(AttestorSignature s) {
        for (int i = 1; i <= TestKeys.COUNT; i++) {
            if (TestKeys.address(i).equals(s.signer())) {
                return TestKeys.key(i);
            }
        }
        throw new AssertionError("unknown signer");
    }

    @Test
    void reportsVerifyInBatches() throws InterruptedException {
        try (BatchVerifier batch = BatchVerifier.create(2)) {
            var results = batch.verifyBundles(VERIFIER, List.of(signedBy(REPORT, 1, 2, 3), signedBy(REPORT, 4, 5)));
            assertTrue(results.get(0).ok());
            assertEquals(Reason.BELOW_THRESHOLD, results.get(1).reason());
        }
    }

    @Test
    void builderSignsWithCredentialsAndRefusesDuplicates() {
        ReportBundle withCredentials = ReportBundle.builder(FulfillmentVectors.DOMAIN, REPORT)
                .signWith(Credentials.create(TestKeys.key(1)), Credentials.create(TestKeys.key(2)))
                .addSignature(AttestationSigner.sign(Eip712.digest(FulfillmentVectors.DOMAIN, REPORT), TestKeys.key(3)))
                .build();
        assertEquals(signedBy(REPORT, 1, 2, 3), withCredentials);
        assertEquals(signedBy(REPORT, 1, 2, 3), ReportBundle.builder(FulfillmentVectors.DOMAIN, REPORT)
                .signWith(List.of(TestKeys.key(3), TestKeys.key(2), TestKeys.key(1))).build());
        assertThrows(IllegalArgumentException.class, () -> signedBy(REPORT, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ReportBundle.builder(null, REPORT));
        assertThrows(IllegalArgumentException.class, () -> ReportBundle.builder(FulfillmentVectors.DOMAIN, null));
        assertThrows(IllegalArgumentException.class, () -> new ReportBundle(FulfillmentVectors.DOMAIN, REPORT, null));
        assertThrows(IllegalArgumentException.class,
                () -> new ReportBundle(FulfillmentVectors.DOMAIN, REPORT, java.util.Arrays.asList((AttestorSignature) null)));
        assertEquals(Eip712.digest(FulfillmentVectors.DOMAIN, REPORT),
                ReportBundle.builder(FulfillmentVectors.DOMAIN, REPORT).digest());
    }

    @Test
    void jsonRoundTripsEveryVectorCase() {
        for (FulfillmentVectors.Case c : FulfillmentVectors.cases()) {
            ReportBundle b = c.bundle();
            String json = ReportJson.toJson(b);
            ReportBundle back = ReportJson.fromJson(json);
            assertEquals(b, back, c.name());
            assertEquals(json, ReportJson.toJson(back), "stable output");
            new BundleVerifier(FulfillmentVectors.DOMAIN, TestKeys.committee(back.report().committeeEpoch()), 3, JAN_2025)
                    .verify(back);
        }
        JsonNode n = JsonFields.parse(ReportJson.toJson(FulfillmentVectors.cases().getLast().bundle()));
        assertEquals("4294967295", n.get("report").get("epoch").textValue());
        assertEquals("18446744073709551615", n.get("report").get("deadline").textValue());
    }

    static Stream<Arguments> malformed() {
        String good = ReportJson.toJson(FulfillmentVectors.cases().getFirst().bundle());
        return Stream.of(
                Arguments.of("not JSON", "{", "$"),
                Arguments.of("unknown top-level field", good.replaceFirst("\"domain\"", "\"extra\": 1,\n  \"domain\""), "$.extra"),
                Arguments.of("missing report", good.replaceFirst("(?s)\"report\": \\{.*?\\},", ""), "$.report"),
                Arguments.of("missing field", good.replace("\"epoch\": \"0\",", ""), "$.report.epoch"),
                Arguments.of("unknown field", good.replace("\"epoch\": \"0\",", "\"epoch\": \"0\", \"epochs\": \"0\","), "$.report.epochs"),
                Arguments.of("null field", good.replace("\"epoch\": \"0\"", "\"epoch\": null"), "$.report.epoch"),
                Arguments.of("uint32 overflow", good.replace("\"epoch\": \"0\"", "\"epoch\": \"4294967296\""), "$.report.epoch"),
                Arguments.of("uint256 as number", good.replace("\"deliveredUnits\": \"1000\"", "\"deliveredUnits\": 1000"), "$.report.deliveredUnits"),
                Arguments.of("product id zero", good.replace("\"productId\": \"1\"", "\"productId\": \"0\""), "$.report.productId"),
                Arguments.of("short bytes32", good.replaceFirst("\"evidence\": \"0x[0-9a-f]{64}\"", "\"evidence\": \"0x00\""), "$.report.evidence"),
                Arguments.of("signatures not an array", good.replaceFirst("(?s)\"signatures\": \\[.*\\]", "\"signatures\": {}"), "$.signatures"),
                Arguments.of("signature without signer", good.replaceFirst("\"signer\": \"0x[0-9a-fA-F]{40}\",", ""), "$.signatures[0].signer"),
                Arguments.of("zero source chain", good.replaceFirst("\"sourceChain\": \"0x[0-9a-f]{64}\"", "\"sourceChain\": \"0x" + "0".repeat(64) + "\""), "$.report"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedJsonNamesThePath(String what, String json, String path) {
        ProofJsonException e = assertThrows(ProofJsonException.class, () -> ReportJson.fromJson(json), what);
        assertEquals(path, e.path(), what + ": " + e.getMessage());
    }

    @Test
    void rejectsNullArguments() {
        assertThrows(IllegalArgumentException.class, () -> ReportJson.toNode(null));
        assertThrows(IllegalArgumentException.class, () -> ReportJson.reportToNode(null));
    }
}
