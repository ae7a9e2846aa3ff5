package io.hashmix.proofs.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.attestation.AttestationBundle;
import io.hashmix.proofs.attestation.AttestationVerificationException;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.proofs.ownership.OwnershipVerificationException.Reason;
import io.hashmix.proofs.vectors.Fixtures;
import io.hashmix.proofs.vectors.TestKeys;

class OwnershipCertificateTest {

    private static final List<HardwareId> FLEET = Fixtures.asicFleet(7);
    private static final MerkleTree TREE = MerkleTree.of(FLEET);
    /** Well inside the term and long after the minting deadline. */
    private static final Clock MID_TERM = Clock.fixed(Instant.ofEpochSecond(Fixtures.JAN_2025 + 100L * 86_400), ZoneOffset.UTC);

    private static AttestationBundle bundle(ProductAttestation a, Eip712Domain domain, int... keys) {
        AttestationBundle.Builder b = AttestationBundle.builder(domain, a);
        for (int k : keys) {
            b.signWith(TestKeys.key(k));
        }
        return b.build();
    }

    private static OwnershipCertificate certificate(HardwareId id, AttestationBundle bundle) {
        return new OwnershipCertificate(id, TREE.proof(id).proof(), bundle, ProductId.of(1), List.of(TokenId.of(1), TokenId.of(4)));
    }

    private static OwnershipCertificate good() {
        return certificate(FLEET.get(3), bundle(Fixtures.btcProduct(), Fixtures.DOMAIN, 1, 2, 3));
    }

    private static OwnershipVerificationException rejects(Reason reason, Executable call) {
        OwnershipVerificationException e = assertThrows(OwnershipVerificationException.class, call);
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    private static void verify(OwnershipCertificate c) {
        c.verify(TestKeys.committee(1), 3, Fixtures.DOMAIN, MID_TERM);
    }

    @Test
    void validCertificateVerifiesAfterTheMintingDeadline() {
        assertTrue(Fixtures.btcProduct().isExpiredAt(MID_TERM.instant().getEpochSecond()), "precondition: deadline passed");
        for (HardwareId id : FLEET) {
            verify(certificate(id, bundle(Fixtures.btcProduct(), Fixtures.DOMAIN, 1, 2, 3)));
        }
    }

    @Test
    void jsonRoundTrip() {
        OwnershipCertificate c = good();
        String json = c.toJson();
        OwnershipCertificate back = OwnershipCertificate.fromJson(json);
        assertEquals(c, back);
        assertEquals(json, back.toJson());
        OwnershipCertificate.verifyJson(json, TestKeys.committee(1), 3, Fixtures.DOMAIN, MID_TERM);
    }

    @Test
    void hardwareNotInTheProductFails() {
        HardwareId stranger = HardwareId.gpu("Nvidia", "RIG-9");
        OwnershipCertificate c = new OwnershipCertificate(stranger, TREE.proof(FLEET.get(0)).proof(), good().bundle(),
                ProductId.of(1), List.of(TokenId.of(1)));
        OwnershipVerificationException e = rejects(Reason.HARDWARE_NOT_IN_PRODUCT, () -> verify(c));
        assertTrue(e.getMessage().contains(stranger.toHex()), e.getMessage());
    }

    @Test
    void tamperedProofFails() {
        OwnershipCertificate g = good();
        List<Bytes32> proof = new ArrayList<>(g.proof());
        byte[] b = proof.get(1).value();
        b[5] ^= 4;
        proof.set(1, new Bytes32(b));
        rejects(Reason.HARDWARE_NOT_IN_PRODUCT, () -> verify(new OwnershipCertificate(g.hardwareId(), proof, g.bundle(),
                g.productId(), g.tokenIds())));
    }

    @Test
    void attestationFailuresAreReportedWithTheirReason() {
        OwnershipCertificate below = certificate(FLEET.get(0), bundle(Fixtures.btcProduct(), Fixtures.DOMAIN, 1, 2));
        OwnershipVerificationException e = rejects(Reason.ATTESTATION_REJECTED, () -> verify(below));
        assertEquals(AttestationVerificationException.Reason.BELOW_THRESHOLD, e.attestationReason().orElseThrow());
        assertTrue(e.getCause() instanceof AttestationVerificationException);

        OwnershipCertificate otherChain = certificate(FLEET.get(0),
                bundle(Fixtures.btcProduct(), Eip712Domain.hashMix(1, Fixtures.TOKEN_CONTRACT), 1, 2, 3));
        e = rejects(Reason.ATTESTATION_REJECTED, () -> verify(otherChain));
        assertEquals(AttestationVerificationException.Reason.WRONG_CHAIN, e.attestationReason().orElseThrow());

        e = rejects(Reason.ATTESTATION_REJECTED, () -> good().verify(TestKeys.committee(2), 3, Fixtures.DOMAIN, MID_TERM));
        assertEquals(AttestationVerificationException.Reason.WRONG_COMMITTEE_EPOCH, e.attestationReason().orElseThrow());
    }

    @Test
    void endedProductFails() {
        Clock atEnd = Clock.fixed(Instant.ofEpochSecond(Fixtures.JAN_2026), ZoneOffset.UTC);
        rejects(Reason.PRODUCT_ENDED, () -> good().verify(TestKeys.committee(1), 3, Fixtures.DOMAIN, atEnd));
        Clock justBefore = Clock.fixed(Instant.ofEpochSecond(Fixtures.JAN_2026 - 1), ZoneOffset.UTC);
        good().verify(TestKeys.committee(1), 3, Fixtures.DOMAIN, justBefore);
    }

    /** The issuer committed a 16-leaf tree but attested 7 machines: a deep enough proof exposes it. */
    @Test
    void treeLargerThanTheAttestedCountFails() {
        List<HardwareId> big = Fixtures.asicFleet(16);
        MerkleTree bigTree = MerkleTree.of(big);
        ProductAttestation understated = Fixtures.btcProduct().toBuilder().hardwareRoot(bigTree.root()).hardwareCount(3).build();
        OwnershipCertificate c = new OwnershipCertificate(big.get(0), bigTree.proof(big.get(0)).proof(),
                bundle(understated, Fixtures.DOMAIN, 1, 2, 3), ProductId.of(2), List.of(TokenId.of(9)));
        rejects(Reason.HARDWARE_COUNT_MISMATCH, () -> verify(c));
    }

    @Test
    void malformedJsonIsReported() {
        String json = good().toJson();
        rejects(Reason.MALFORMED, () -> OwnershipCertificate.verifyJson("{", TestKeys.committee(1), 3, Fixtures.DOMAIN, MID_TERM));
        ProofJsonException e = assertThrows(ProofJsonException.class,
                () -> OwnershipCertificate.fromJson(json.replace("\"productId\": \"1\"", "\"productId\": \"0\"")));
        assertEquals("$.productId", e.path());
        e = assertThrows(ProofJsonException.class, () -> OwnershipCertificate.fromJson(json.replaceFirst("\"proof\": \\[", "\"proof\": [5, ")));
        assertEquals("$.proof[0]", e.path());
        e = assertThrows(ProofJsonException.class, () -> OwnershipCertificate.fromJson(json.replaceFirst("\"tokenIds\": \\[[^\\]]*\\]", "\"tokenIds\": []")));
        assertEquals("$", e.path());
        e = assertThrows(ProofJsonException.class, () -> OwnershipCertificate.fromJson(json.replace("\"nonce\": \"1\"", "\"nonce\": 1")));
        assertEquals("$.bundle.attestation.nonce", e.path());
        assertThrows(ProofJsonException.class, () -> OwnershipCertificate.fromJson(null));
    }

    @Test
    void constructorValidatesAndCopies() {
        OwnershipCertificate g = good();
        assertThrows(IllegalArgumentException.class, () -> new OwnershipCertificate(null, g.proof(), g.bundle(), g.productId(), g.tokenIds()));
        assertThrows(IllegalArgumentException.class, () -> new OwnershipCertificate(g.hardwareId(), g.proof(), null, g.productId(), g.tokenIds()));
        assertThrows(IllegalArgumentException.class, () -> new OwnershipCertificate(g.hardwareId(), g.proof(), g.bundle(), null, g.tokenIds()));
        assertThrows(IllegalArgumentException.class, () -> new OwnershipCertificate(g.hardwareId(), g.proof(), g.bundle(), g.productId(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new OwnershipCertificate(g.hardwareId(), g.proof(), g.bundle(), g.productId(),
                List.of(TokenId.of(1), TokenId.of(1))));
        List<TokenId> tokens = new ArrayList<>(List.of(TokenId.of(1)));
        OwnershipCertificate c = new OwnershipCertificate(g.hardwareId(), g.proof(), g.bundle(), g.productId(), tokens);
        tokens.add(TokenId.of(2));
        assertEquals(1, c.tokenIds().size());
        assertThrows(IllegalArgumentException.class, () -> g.verify(TestKeys.committee(1), 3, Fixtures.DOMAIN, null));
        assertEquals(g.hardwareId(), g.merkleProof().hardwareId());
    }
}
