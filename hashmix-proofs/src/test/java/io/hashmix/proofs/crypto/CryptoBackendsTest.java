package io.hashmix.proofs.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import io.hashmix.proofs.attestation.AttestationBundle;
import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.attestation.BundleVerifier;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.vectors.Fixtures;
import io.hashmix.proofs.vectors.TestKeys;

/** Backend selection: by default, by the system property, and in code. */
@Isolated
class CryptoBackendsTest {

    /** The property as the build set it (the suite may run with -Dhashmix.crypto.backend=java). */
    private String saved;

    @BeforeEach
    void clearProperty() {
        saved = System.getProperty(CryptoBackends.PROPERTY);
        System.clearProperty(CryptoBackends.PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (saved == null) {
            System.clearProperty(CryptoBackends.PROPERTY);
        } else {
            System.setProperty(CryptoBackends.PROPERTY, saved);
        }
    }

    @Test
    void defaultIsNativeWhenItLoads() {
        assertTrue(CryptoBackends.nativeAvailable(), CryptoBackends.nativeUnavailableReason().orElse(""));
        assertTrue(CryptoBackends.nativeUnavailableReason().isEmpty());
        assertEquals("native", CryptoBackends.best().name());
        assertSame(CryptoBackends.nativeSecp256k1(), CryptoBackends.best());
        assertSame(CryptoBackends.nativeSecp256k1(), CryptoBackends.select(CryptoBackends.Choice.AUTO));
    }

    @Test
    void systemPropertyForcesTheBackend() {
        System.setProperty(CryptoBackends.PROPERTY, "java");
        assertSame(CryptoBackends.pureJava(), CryptoBackends.best());
        assertEquals("java", new BundleVerifier(Fixtures.DOMAIN, TestKeys.committee(1), 3, Clock.systemUTC()).backend().name());
        System.setProperty(CryptoBackends.PROPERTY, " NATIVE ");
        assertSame(CryptoBackends.nativeSecp256k1(), CryptoBackends.best());
        System.setProperty(CryptoBackends.PROPERTY, "auto");
        assertEquals("native", CryptoBackends.best().name());
        System.setProperty(CryptoBackends.PROPERTY, "fast");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, CryptoBackends::best);
        assertTrue(e.getMessage().contains(CryptoBackends.PROPERTY), e.getMessage());
    }

    @Test
    void apiForcesTheBackend() {
        assertSame(CryptoBackends.pureJava(), CryptoBackends.select(CryptoBackends.Choice.JAVA));
        assertSame(CryptoBackends.nativeSecp256k1(), CryptoBackends.select(CryptoBackends.Choice.NATIVE));
        assertThrows(IllegalArgumentException.class, () -> CryptoBackends.select(null));
        assertEquals(CryptoBackends.Choice.JAVA, CryptoBackends.Choice.parse("Java"));
        assertEquals(CryptoBackends.Choice.AUTO, CryptoBackends.Choice.parse(null));
    }

    @Test
    void injectedBackendsGiveTheSameResultsThroughTheSignerAndTheVerifier() {
        Bytes32 digest = AttestationBundle.builder(Fixtures.DOMAIN, Fixtures.btcProduct()).build().digest();
        byte[] a = AttestationSigner.signDigest(digest, TestKeys.key(1), CryptoBackends.pureJava());
        byte[] b = AttestationSigner.signDigest(digest, TestKeys.key(1), CryptoBackends.nativeSecp256k1());
        assertEquals(Bytes32.keccak(a), Bytes32.keccak(b));
        assertEquals(TestKeys.address(1), BundleVerifier.recoverSigner(digest, a, CryptoBackends.pureJava()));
        assertEquals(TestKeys.address(1), BundleVerifier.recoverSigner(digest, a, CryptoBackends.nativeSecp256k1()));
        AttestationBundle bundle = AttestationBundle.builder(Fixtures.DOMAIN, Fixtures.btcProduct())
                .addSignature(AttestationSigner.sign(digest, TestKeys.key(1), CryptoBackends.pureJava()))
                .addSignature(AttestationSigner.sign(digest, TestKeys.key(2), CryptoBackends.nativeSecp256k1()))
                .addSignature(AttestationSigner.sign(digest, TestKeys.key(3), CryptoBackends.nativeSecp256k1()))
                .build();
        Clock clock = Clock.fixed(Instant.ofEpochSecond(Fixtures.JAN_2025), ZoneOffset.UTC);
        for (CryptoBackend backend : new CryptoBackend[] {CryptoBackends.pureJava(), CryptoBackends.nativeSecp256k1()}) {
            BundleVerifier v = new BundleVerifier(Fixtures.DOMAIN, TestKeys.committee(1), 3, clock, backend);
            assertSame(backend, v.backend());
            assertEquals(3, v.verify(bundle).signers().size());
        }
        assertThrows(IllegalArgumentException.class,
                () -> new BundleVerifier(Fixtures.DOMAIN, TestKeys.committee(1), 3, clock, null));
        assertThrows(IllegalArgumentException.class, () -> AttestationSigner.signDigest(digest, TestKeys.key(1), null));
        assertThrows(IllegalArgumentException.class, () -> BundleVerifier.recoverSigner(digest, a, null));
    }
}
