package io.hashmix.proofs.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.attestation.AttestationBundle;
import io.hashmix.proofs.attestation.AttestationVerificationException.Reason;
import io.hashmix.proofs.attestation.AttestorSignature;
import io.hashmix.proofs.attestation.BundleVerifier;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.proofs.ownership.OwnershipCertificate;
import io.hashmix.proofs.ownership.OwnershipVerificationException;
import io.hashmix.proofs.vectors.Fixtures;
import io.hashmix.proofs.vectors.TestKeys;

class BatchVerifierTest {

    private static final Clock BEFORE_DEADLINE = Clock.fixed(
            Instant.ofEpochSecond(Fixtures.btcProduct().deadline() - 60), ZoneOffset.UTC);
    private static final BundleVerifier VERIFIER = new BundleVerifier(Fixtures.DOMAIN, TestKeys.committee(1), 3, BEFORE_DEADLINE);

    private static AttestationBundle bundle(long nonce, int... keys) {
        ProductAttestation a = Fixtures.btcProduct().toBuilder().nonce(BigInteger.valueOf(nonce)).build();
        AttestationBundle.Builder b = AttestationBundle.builder(Fixtures.DOMAIN, a);
        for (int k : keys) {
            b.signWith(TestKeys.key(k));
        }
        return b.build();
    }

    private static AttestationBundle highS(AttestationBundle good) {
        List<AttestorSignature> sigs = new ArrayList<>(good.signatures());
        byte[] sig = sigs.get(0).signature();
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        byte[] high = io.hashmix.proofs.crypto.SignatureRules.CURVE_N.subtract(s).toByteArray();
        Arrays.fill(sig, 32, 64, (byte) 0);
        int len = Math.min(32, high.length);
        System.arraycopy(high, high.length - len, sig, 64 - len, len);
        sig[64] = (byte) (sig[64] == 27 ? 28 : 27);
        sigs.set(0, new AttestorSignature(sigs.get(0).signer(), sig));
        return new AttestationBundle(good.domain(), good.attestation(), sigs);
    }

    @Test
    void bundleResultsComeBackInInputOrderWithAReasonPerFailure() throws InterruptedException {
        List<AttestationBundle> bundles = new ArrayList<>();
        List<Reason> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            switch (i % 5) {
                case 0 -> { bundles.add(bundle(i, 1, 2, 3)); expected.add(null); }
                case 1 -> { bundles.add(bundle(i, 1, 2)); expected.add(Reason.BELOW_THRESHOLD); }
                case 2 -> { bundles.add(highS(bundle(i, 2, 3, 4))); expected.add(Reason.NON_CANONICAL_SIGNATURE); }
                case 3 -> { bundles.add(null); expected.add(Reason.MALFORMED); }
                default -> {
                    AttestationBundle good = bundle(i, 3, 4, 5);
                    bundles.add(new AttestationBundle(good.domain(), good.attestation().toBuilder().nonce(BigInteger.valueOf(-i + 1000)).build(),
                            good.signatures()));
                    expected.add(Reason.INVALID_SIGNATURE);
                }
            }
        }
        try (BatchVerifier batch = BatchVerifier.create(3)) {
            var results = batch.verifyBundles(VERIFIER, bundles);
            assertEquals(bundles.size(), results.size());
            for (int i = 0; i < results.size(); i++) {
                var r = results.get(i);
                assertEquals(i, r.index());
                assertEquals(expected.get(i), r.reason(), "item " + i + ": " + r.message());
                if (expected.get(i) == null) {
                    assertTrue(r.ok());
                    assertEquals(bundles.get(i).digest(), r.value().digest());
                    assertNull(r.message());
                } else {
                    assertFalse(r.ok());
                    assertTrue(r.verifiedValue().isEmpty());
                    assertTrue(r.message().startsWith(expected.get(i).name()), r.message());
                }
            }
        }
    }

    @Test
    void batchAgreesWithOneByOneVerificationOnBothBackends() throws InterruptedException {
        List<AttestationBundle> bundles = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            bundles.add(i % 3 == 0 ? highS(bundle(i, 1, 2, 3)) : bundle(i, 5, 4, 3, 2, 1));
        }
        for (var backend : List.of(CryptoBackends.pureJava(), CryptoBackends.nativeSecp256k1())) {
            BundleVerifier v = new BundleVerifier(Fixtures.DOMAIN, TestKeys.committee(1), 3, BEFORE_DEADLINE, backend);
            try (BatchVerifier batch = BatchVerifier.create()) {
                var results = batch.verifyBundles(v, bundles);
                for (int i = 0; i < bundles.size(); i++) {
                    assertEquals(i % 3 != 0, results.get(i).ok(), backend.name() + " item " + i);
                }
            }
        }
    }

    @Test
    void certificatesAreVerifiedInOrderWithReasons() throws InterruptedException {
        List<HardwareId> fleet = Fixtures.asicFleet(7);
        MerkleTree tree = MerkleTree.of(fleet);
        AttestationBundle good = bundle(1, 1, 2, 3);
        Clock midTerm = Clock.fixed(Instant.ofEpochSecond(Fixtures.JAN_2025 + 100L * 86_400), ZoneOffset.UTC);
        BundleVerifier v = new BundleVerifier(Fixtures.DOMAIN, TestKeys.committee(1), 3, midTerm);
        HardwareId stranger = HardwareId.gpu("Nvidia", "NOT-IN-TREE");
        List<OwnershipCertificate> certs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            certs.add(new OwnershipCertificate(fleet.get(i), tree.proof(fleet.get(i)).proof(), good, ProductId.of(1), List.of(TokenId.of(1))));
        }
        certs.add(new OwnershipCertificate(stranger, tree.proof(fleet.get(0)).proof(), good, ProductId.of(1), List.of(TokenId.of(1))));
        certs.add(new OwnershipCertificate(fleet.get(1), tree.proof(fleet.get(1)).proof(), highS(good), ProductId.of(1), List.of(TokenId.of(1))));
        certs.add(null);
        try (BatchVerifier batch = BatchVerifier.create(2)) {
            var results = batch.verifyCertificates(v, certs);
            assertEquals(10, results.size());
            for (int i = 0; i < 7; i++) {
                assertTrue(results.get(i).ok(), results.get(i).message());
                assertSame(certs.get(i), results.get(i).value());
            }
            assertEquals(OwnershipVerificationException.Reason.HARDWARE_NOT_IN_PRODUCT, results.get(7).reason());
            assertEquals(OwnershipVerificationException.Reason.ATTESTATION_REJECTED, results.get(8).reason());
            assertTrue(results.get(8).message().contains("NON_CANONICAL_SIGNATURE"), results.get(8).message());
            assertEquals(OwnershipVerificationException.Reason.MALFORMED, results.get(9).reason());
        }
    }

    @Test
    void callerExecutorIsUsedAndLeftRunning() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            try (BatchVerifier batch = BatchVerifier.using(pool, 2)) {
                assertEquals(2, batch.parallelism());
                var results = batch.verifyBundles(VERIFIER, List.of(bundle(1, 1, 2, 3), bundle(2, 1)));
                assertTrue(results.get(0).ok());
                assertEquals(Reason.BELOW_THRESHOLD, results.get(1).reason());
            }
            assertFalse(pool.isShutdown(), "closing the batch verifier leaves the caller's executor alone");
            assertEquals(7, pool.submit(() -> 7).get().intValue());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void ownPoolIsClosedAndRefusesWorkAfterwards() throws InterruptedException {
        BatchVerifier batch = BatchVerifier.create(1);
        assertEquals(List.of(), batch.verifyBundles(VERIFIER, List.of()));
        batch.close();
        batch.close();
        assertThrows(IllegalStateException.class, () -> batch.verifyBundles(VERIFIER, List.of(bundle(1, 1, 2, 3))));
    }

    @Test
    void genericChecksRunInOrderAndPropagateBugs() throws InterruptedException {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(i);
        }
        try (BatchVerifier batch = BatchVerifier.create(4)) {
            List<BatchResult<Integer, Reason>> r = batch.verify(items, (i, x) -> x % 7 == 0
                    ? BatchResult.rejected(i, Reason.MALFORMED, "multiple of 7") : BatchResult.verified(i, x * 2));
            for (int i = 0; i < 1000; i++) {
                assertEquals(i, r.get(i).index());
                assertEquals(i % 7 == 0 ? null : i * 2, r.get(i).value());
            }
            IllegalStateException bug = assertThrows(IllegalStateException.class, () -> batch.verify(items, (i, x) -> {
                if (x == 500) {
                    throw new IllegalStateException("bug in check");
                }
                return BatchResult.<Integer, Reason>verified(i, x);
            }));
            assertEquals("bug in check", bug.getMessage());
            assertThrows(IllegalArgumentException.class, () -> batch.verifyBundles(null, List.of()));
            assertThrows(IllegalArgumentException.class, () -> batch.verify(null, (i, x) -> null));
        }
        assertThrows(IllegalArgumentException.class, () -> BatchVerifier.create(0));
        assertThrows(IllegalArgumentException.class, () -> BatchVerifier.using(null, 1));
        assertThrows(IllegalArgumentException.class, () -> BatchResult.verified(0, null));
    }
}
