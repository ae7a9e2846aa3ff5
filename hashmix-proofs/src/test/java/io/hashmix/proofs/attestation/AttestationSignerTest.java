package io.hashmix.proofs.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.vectors.TestKeys;

class AttestationSignerTest {

    /** Checklist A.2: we only ever produce 65-byte, low-s, v in {27,28} signatures that recover to the signer. */
    @Test
    void a2_signaturesAreCanonicalAndRecover() {
        ECKeyPair key = TestKeys.key(1);
        boolean saw27 = false;
        boolean saw28 = false;
        for (int i = 0; i < 64; i++) {
            Bytes32 digest = Bytes32.keccakUtf8("digest-" + i);
            byte[] sig = AttestationSigner.signDigest(digest, key);
            assertEquals(65, sig.length);
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
            assertTrue(s.compareTo(AttestationSigner.HALF_CURVE_N) <= 0, "low s");
            assertTrue(sig[64] == 27 || sig[64] == 28, "v");
            saw27 |= sig[64] == 27;
            saw28 |= sig[64] == 28;
            assertEquals(TestKeys.address(1), BundleVerifier.recoverSigner(digest, sig));
        }
        assertTrue(saw27 && saw28, "both recovery ids occur over 64 digests");
    }

    @Test
    void signsWithCredentialsDeterministically() {
        Credentials c = Credentials.create(TestKeys.key(2));
        Bytes32 digest = Bytes32.keccakUtf8("x");
        AttestorSignature a = AttestationSigner.sign(digest, c);
        assertEquals(TestKeys.address(2), a.signer());
        assertEquals(a, AttestationSigner.sign(digest, TestKeys.key(2)), "RFC 6979: same key + digest, same signature");
        assertNotEquals(a, AttestationSigner.sign(Bytes32.keccakUtf8("y"), c));
    }

    @Test
    void rejectsNulls() {
        assertThrows(IllegalArgumentException.class, () -> AttestationSigner.signDigest(null, TestKeys.key(1)));
        assertThrows(IllegalArgumentException.class, () -> AttestationSigner.signDigest(Bytes32.ZERO, null));
        assertThrows(IllegalArgumentException.class, () -> AttestationSigner.sign(Bytes32.ZERO, (Credentials) null));
        assertThrows(IllegalArgumentException.class, () -> AttestationSigner.addressOf(null));
    }

    @Test
    void attestorSignatureCopiesAndValidates() {
        byte[] raw = new byte[65];
        AttestorSignature s = new AttestorSignature(TestKeys.address(1), raw);
        raw[0] = 1;
        assertEquals(0, s.signature()[0]);
        s.signature()[0] = 2;
        assertEquals(0, s.signature()[0]);
        assertEquals(65, s.length());
        assertTrue(s.toString().contains(TestKeys.address(1).toChecksumHex()));
        assertThrows(IllegalArgumentException.class, () -> new AttestorSignature(null, raw));
        assertThrows(IllegalArgumentException.class, () -> new AttestorSignature(TestKeys.address(1), null));
    }
}
