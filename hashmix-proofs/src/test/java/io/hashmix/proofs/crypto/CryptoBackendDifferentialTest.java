package io.hashmix.proofs.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * Both backends, byte for byte: signatures, recovered signers, and the same rejection (kind and message) of
 * every non-canonical or invalid input. The nonces are RFC 6979 (HMAC-SHA256) on both sides, so signatures
 * are compared as bytes, not just as "recovers to the same signer"; libsecp256k1's own
 * {@code secp256k1_ecdsa_sign} and web3j's {@code Sign.signMessage} are checked to give the same bytes too.
 */
class CryptoBackendDifferentialTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger N = SignatureRules.CURVE_N;
    /** The field prime p of secp256k1. */
    private static final BigInteger P = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", 16);

    private static CryptoBackend java;
    private static NativeSecp256k1Backend nat;

    @BeforeAll
    static void backends() {
        assertTrue(CryptoBackends.nativeAvailable(), "libsecp256k1 (secp256k1-kmp JNI) must load on this machine: "
                + CryptoBackends.nativeUnavailableReason().orElse(""));
        java = CryptoBackends.pureJava();
        nat = CryptoBackends.nativeSecp256k1();
    }

    @Test
    void sharedVectorsSignAndRecoverIdenticallyOnBothBackends() throws IOException {
        JsonNode root = new ObjectMapper().readTree(
                Files.readString(Path.of(System.getProperty("hashmix.vectors.dir", "../test-vectors"), "eip712-product-attestation.json")));
        int checked = 0;
        for (JsonNode c : root.get("cases")) {
            Bytes32 digest = Bytes32.fromHex(c.get("digest").asText());
            for (JsonNode s : c.get("signatures")) {
                EvmAddress signer = EvmAddress.of(s.get("signer").asText());
                byte[] expected = HEX.parseHex(s.get("signature").asText().substring(2));
                ECKeyPair key = keyOf(root, signer);
                assertArrayEquals(expected, java.sign(digest, key), "java backend, vector " + c.get("name"));
                assertArrayEquals(expected, nat.sign(digest, key), "native backend, vector " + c.get("name"));
                assertEquals(signer, java.recoverSigner(digest, expected));
                assertEquals(signer, nat.recoverSigner(digest, expected));
                checked++;
            }
        }
        assertTrue(checked >= 9, "vectors checked: " + checked);
    }

    private static ECKeyPair keyOf(JsonNode root, EvmAddress signer) {
        for (JsonNode s : root.get("signers")) {
            if (EvmAddress.of(s.get("address").asText()).equals(signer)) {
                return ECKeyPair.create(HEX.parseHex(s.get("privateKey").asText().substring(2)));
            }
        }
        throw new AssertionError("no key for " + signer);
    }

    @Test
    void thousandsOfRandomKeysAndDigestsGiveIdenticalSignaturesAndSigners() {
        SplittableRandom rnd = new SplittableRandom(6);
        boolean saw27 = false;
        boolean saw28 = false;
        for (int i = 0; i < 2000; i++) {
            ECKeyPair key = randomKey(rnd);
            Bytes32 digest = new Bytes32(randomBytes(rnd, 32));
            byte[] a = java.sign(digest, key);
            byte[] b = nat.sign(digest, key);
            assertArrayEquals(a, b, "signature #" + i);
            assertCanonical(b);
            saw27 |= b[64] == 27;
            saw28 |= b[64] == 28;
            // libsecp256k1's own signer: same r and s (so its RFC 6979 nonce is the same as Bouncy Castle's)
            assertArrayEquals(Arrays.copyOf(b, 64), nat.signCompact(digest.value(), SignatureRules.word(key.getPrivateKey())));
            EvmAddress address = java.addressOf(key);
            assertEquals(address, java.recoverSigner(digest, b));
            assertEquals(address, nat.recoverSigner(digest, b));
            assertTrue(nat.verify(digest, b, address) && java.verify(digest, b, address));
            if (i % 8 == 0) { // web3j's own signer (slow: it recovers the key to find v)
                assertArrayEquals(web3jSign(digest, key), b, "web3j Sign.signMessage, #" + i);
            }
        }
        assertTrue(saw27 && saw28);
    }

    @Test
    void edgeDigestsSignIdentically() {
        byte[] ff = new byte[32];
        Arrays.fill(ff, (byte) 0xff);
        byte[][] digests = {new byte[32], ff, SignatureRules.word(N), SignatureRules.word(N.subtract(BigInteger.ONE)),
            SignatureRules.word(N.add(BigInteger.ONE)), SignatureRules.word(BigInteger.ONE)};
        ECKeyPair[] keys = {ECKeyPair.create(BigInteger.ONE), ECKeyPair.create(N.subtract(BigInteger.ONE)),
            ECKeyPair.create(BigInteger.TWO.pow(128))};
        for (byte[] d : digests) {
            for (ECKeyPair key : keys) {
                Bytes32 digest = new Bytes32(d);
                byte[] sig = nat.sign(digest, key);
                assertArrayEquals(java.sign(digest, key), sig, HEX.formatHex(d));
                assertArrayEquals(web3jSign(digest, key), sig, HEX.formatHex(d));
                assertArrayEquals(Arrays.copyOf(sig, 64), nat.signCompact(d, SignatureRules.word(key.getPrivateKey())));
                assertEquals(java.addressOf(key), nat.recoverSigner(digest, sig));
                assertEquals(java.addressOf(key), java.recoverSigner(digest, sig));
            }
        }
    }

    @Test
    void invalidPrivateKeysAreRefusedByBoth() {
        for (CryptoBackend b : new CryptoBackend[] {java, nat}) {
            assertThrows(IllegalArgumentException.class, () -> b.sign(Bytes32.ZERO, new ECKeyPair(BigInteger.ZERO, BigInteger.ONE)));
            assertThrows(IllegalArgumentException.class, () -> b.sign(Bytes32.ZERO, new ECKeyPair(N, BigInteger.ONE)));
            assertThrows(IllegalArgumentException.class, () -> b.sign(null, ECKeyPair.create(BigInteger.ONE)));
            assertThrows(IllegalArgumentException.class, () -> b.sign(Bytes32.ZERO, null));
            assertThrows(IllegalArgumentException.class, () -> b.recoverSigner(null, new byte[65]));
            assertThrows(IllegalArgumentException.class, () -> b.recoverSigner(Bytes32.ZERO, null));
        }
    }

    @Test
    void nonCanonicalFormsAreRejectedIdentically() {
        ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(123_456_789));
        Bytes32 digest = Bytes32.keccakUtf8("non-canonical");
        byte[] good = nat.sign(digest, key);

        byte[] highS = good.clone();
        System.arraycopy(SignatureRules.word(N.subtract(new BigInteger(1, good, 32, 32))), 0, highS, 32, 32);
        highS[64] = (byte) (good[64] == 27 ? 28 : 27);
        sameRejection(digest, highS, InvalidSignatureException.Kind.NON_CANONICAL, "high s");
        // the high-s twin is a mathematically valid signature: only the canonical-form rule stops it
        assertEquals(java.addressOf(key), EvmAddress.of("0x" + org.web3j.crypto.Keys.getAddress(Sign.recoverFromSignature(
                highS[64] - 27, new org.web3j.crypto.ECDSASignature(new BigInteger(1, highS, 0, 32),
                        new BigInteger(1, highS, 32, 32)), digest.value()))));

        for (int v : new int[] {0, 1, 2, 3, 26, 29, 30, 35, 36, 127, 128, 255}) {
            byte[] bad = good.clone();
            bad[64] = (byte) v;
            sameRejection(digest, bad, InvalidSignatureException.Kind.NON_CANONICAL, "v = " + v);
        }
        sameRejection(digest, Arrays.copyOf(good, 64), InvalidSignatureException.Kind.NON_CANONICAL, "EIP-2098");
        sameRejection(digest, Arrays.copyOf(good, 66), InvalidSignatureException.Kind.NON_CANONICAL, "66 bytes");
        sameRejection(digest, new byte[0], InvalidSignatureException.Kind.NON_CANONICAL, "0 bytes");

        byte[] zeroR = good.clone();
        Arrays.fill(zeroR, 0, 32, (byte) 0);
        sameRejection(digest, zeroR, InvalidSignatureException.Kind.INVALID, "out of range");
        byte[] zeroS = good.clone();
        Arrays.fill(zeroS, 32, 64, (byte) 0);
        sameRejection(digest, zeroS, InvalidSignatureException.Kind.INVALID, "out of range");
        byte[] rIsN = good.clone();
        System.arraycopy(SignatureRules.word(N), 0, rIsN, 0, 32);
        sameRejection(digest, rIsN, InvalidSignatureException.Kind.INVALID, "out of range");
        byte[] sIsHalfNPlusOne = good.clone();
        System.arraycopy(SignatureRules.word(SignatureRules.HALF_CURVE_N.add(BigInteger.ONE)), 0, sIsHalfNPlusOne, 32, 32);
        sameRejection(digest, sIsHalfNPlusOne, InvalidSignatureException.Kind.NON_CANONICAL, "high s");
    }

    @Test
    void rThatIsNoCurvePointIsInvalidOnBoth() {
        BigInteger x = BigInteger.valueOf(5); // find an x < n with no y on the curve: x^3 + 7 not a square mod p
        while (isSquare(x.pow(3).add(BigInteger.valueOf(7)).mod(P))) {
            x = x.add(BigInteger.ONE);
        }
        byte[] sig = new byte[65];
        System.arraycopy(SignatureRules.word(x), 0, sig, 0, 32);
        sig[63] = 1;
        sig[64] = 27;
        sameRejection(Bytes32.keccakUtf8("no point"), sig, InvalidSignatureException.Kind.INVALID, "does not recover");
    }

    /** s·R = e·G puts the recovered key at infinity: web3j would return key 0; both backends refuse it. */
    @Test
    void signatureRecoveringToThePointAtInfinityIsInvalidOnBoth() {
        Bytes32 digest = Bytes32.keccakUtf8("infinity");
        BigInteger e = new BigInteger(1, digest.value());
        BigInteger k = BigInteger.valueOf(987_654_321);
        ECPoint r = Sign.CURVE_PARAMS.getG().multiply(k).normalize();
        BigInteger s = e.multiply(k.modInverse(N)).mod(N);
        boolean odd = r.getAffineYCoord().testBitZero();
        if (s.compareTo(SignatureRules.HALF_CURVE_N) > 0) {
            s = N.subtract(s);
            odd = !odd;
        }
        byte[] sig = new byte[65];
        System.arraycopy(SignatureRules.word(r.getAffineXCoord().toBigInteger()), 0, sig, 0, 32);
        System.arraycopy(SignatureRules.word(s), 0, sig, 32, 32);
        sig[64] = (byte) (odd ? 28 : 27);
        sameRejection(digest, sig, InvalidSignatureException.Kind.INVALID, "does not recover");
    }

    @Test
    void randomGarbageGetsTheSameAnswerFromBoth() {
        SplittableRandom rnd = new SplittableRandom(66);
        int recovered = 0;
        for (int i = 0; i < 3000; i++) {
            int len = rnd.nextInt(10) == 0 ? rnd.nextInt(70) : 65;
            byte[] sig = randomBytes(rnd, len);
            if (len == 65 && rnd.nextBoolean()) {
                sig[64] = (byte) (27 + rnd.nextInt(2));
                sig[32] &= 0x7f; // mostly low s
            }
            Bytes32 digest = new Bytes32(randomBytes(rnd, 32));
            String a = outcome(java, digest, sig);
            String b = outcome(nat, digest, sig);
            assertEquals(a, b, "input #" + i + ": " + HEX.formatHex(sig));
            if (a.startsWith("0x")) {
                recovered++;
                assertTrue(java.verify(digest, sig, EvmAddress.of(a)) && nat.verify(digest, sig, EvmAddress.of(a)));
            } else {
                assertFalse(nat.verify(digest, sig, EvmAddress.ZERO));
            }
        }
        assertTrue(recovered > 100, "some random canonical-looking signatures do recover: " + recovered);
    }

    @Test
    void verifyIsFalseForAnotherSignerOrDigest() {
        ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(42));
        ECKeyPair other = ECKeyPair.create(BigInteger.valueOf(43));
        Bytes32 digest = Bytes32.keccakUtf8("verify");
        for (CryptoBackend b : new CryptoBackend[] {java, nat}) {
            byte[] sig = b.sign(digest, key);
            assertTrue(b.verify(digest, sig, b.addressOf(key)));
            assertFalse(b.verify(digest, sig, b.addressOf(other)));
            assertFalse(b.verify(Bytes32.keccakUtf8("other"), sig, b.addressOf(key)));
            assertThrows(IllegalArgumentException.class, () -> b.verify(digest, sig, null));
        }
    }

    private static String outcome(CryptoBackend b, Bytes32 digest, byte[] sig) {
        try {
            return b.recoverSigner(digest, sig).hex();
        } catch (InvalidSignatureException e) {
            return e.kind() + ": " + e.detail();
        }
    }

    private static void sameRejection(Bytes32 digest, byte[] sig, InvalidSignatureException.Kind kind, String fragment) {
        InvalidSignatureException a = assertThrows(InvalidSignatureException.class, () -> java.recoverSigner(digest, sig));
        InvalidSignatureException b = assertThrows(InvalidSignatureException.class, () -> nat.recoverSigner(digest, sig));
        assertEquals(kind, a.kind(), a.getMessage());
        assertEquals(kind, b.kind(), b.getMessage());
        assertEquals(a.getMessage(), b.getMessage());
        assertTrue(a.getMessage().contains(fragment), a.getMessage());
        assertFalse(java.verify(digest, sig, EvmAddress.ZERO));
        assertFalse(nat.verify(digest, sig, EvmAddress.ZERO));
    }

    private static void assertCanonical(byte[] sig) {
        assertEquals(65, sig.length);
        assertTrue(new BigInteger(1, sig, 32, 32).compareTo(SignatureRules.HALF_CURVE_N) <= 0, "low s");
        assertTrue(sig[64] == 27 || sig[64] == 28, "v");
    }

    /** What AttestationSigner did before the backends: web3j's signMessage, packed as r ‖ s ‖ v. */
    private static byte[] web3jSign(Bytes32 digest, ECKeyPair key) {
        Sign.SignatureData s = Sign.signMessage(digest.value(), key, false);
        byte[] out = new byte[65];
        System.arraycopy(s.getR(), 0, out, 0, 32);
        System.arraycopy(s.getS(), 0, out, 32, 32);
        out[64] = s.getV()[0];
        return out;
    }

    private static boolean isSquare(BigInteger a) {
        return a.signum() == 0 || a.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE);
    }

    private static ECKeyPair randomKey(SplittableRandom rnd) {
        while (true) {
            BigInteger d = new BigInteger(1, randomBytes(rnd, 32));
            if (d.signum() > 0 && d.compareTo(N) < 0) {
                ECKeyPair k = ECKeyPair.create(d);
                assertNotNull(k.getPublicKey());
                return k;
            }
        }
    }

    private static byte[] randomBytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        return b;
    }
}
