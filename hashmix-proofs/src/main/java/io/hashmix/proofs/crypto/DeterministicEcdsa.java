package io.hashmix.proofs.crypto;

import java.math.BigInteger;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;
import org.web3j.crypto.ECKeyPair;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * ECDSA signing shared by both backends, step for step what Bouncy Castle's {@code ECDSASigner} with an RFC
 * 6979 {@link HMacDSAKCalculator} (HMAC-SHA256) does, and therefore what {@code web3j}'s
 * {@code Sign.signMessage} produces, except that the recovery id is read off the nonce point {@code R = k·G}
 * (parity of its y, and whether its x overflowed n) instead of being found by recovering the public key up to
 * four times. Only {@code k·G} differs per backend: Bouncy Castle's fixed-point comb, or libsecp256k1's
 * constant-time {@code ecmult_gen} (through {@code secp256k1_ec_pubkey_create}).
 *
 * <p>The scalar steps after {@code k·G} ({@code s = k⁻¹(e + d·r) mod n}) run on {@link BigInteger} exactly as in
 * Bouncy Castle, with the same side-channel profile as the pure-Java signer.
 */
abstract class DeterministicEcdsa implements CryptoBackend {

    private static final BigInteger N = SignatureRules.CURVE_N;
    private static final BigInteger HALF_N = SignatureRules.HALF_CURVE_N;

    /**
     * The affine nonce point.
     *
     * @param x its x coordinate (may exceed n)
     * @param yOdd whether its y coordinate is odd
     */
    record NoncePoint(BigInteger x, boolean yOdd) {
    }

    /**
     * Computes {@code k·G} for {@code 1 <= k < n}.
     *
     * @param k the nonce
     * @return the affine point
     */
    abstract NoncePoint multiplyBase(BigInteger k);

    @Override
    public final byte[] sign(Bytes32 digest, ECKeyPair key) {
        if (digest == null || key == null) {
            throw new IllegalArgumentException("signing needs a digest and a key pair");
        }
        BigInteger d = key.getPrivateKey();
        if (d == null || d.signum() <= 0 || d.compareTo(N) >= 0) {
            throw new IllegalArgumentException("private key must be within 1 .. n-1");
        }
        byte[] message = digest.value();
        BigInteger e = new BigInteger(1, message); // 256-bit message, 256-bit n: no truncation
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, d, message);
        BigInteger r;
        BigInteger s;
        int recId;
        while (true) {
            BigInteger k = nonces.nextK();
            NoncePoint point = multiplyBase(k);
            r = point.x().mod(N);
            if (r.signum() == 0) {
                continue;
            }
            s = BigIntegers.modOddInverse(N, k).multiply(e.add(d.multiply(r))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            recId = (point.yOdd() ? 1 : 0) | (point.x().compareTo(N) >= 0 ? 2 : 0);
            break;
        }
        if (s.compareTo(HALF_N) > 0) {
            s = N.subtract(s); // -s pairs with -R, whose y has the other parity
            recId ^= 1;
        }
        if (recId > 1) {
            // R.x >= n (probability about 2^-128): v would be 29/30, which ecrecover does not accept
            throw new IllegalStateException("signature needs recovery id " + recId + ", which v in {27,28} cannot express");
        }
        byte[] out = new byte[SignatureRules.SIGNATURE_LENGTH];
        System.arraycopy(SignatureRules.word(r), 0, out, 0, 32);
        System.arraycopy(SignatureRules.word(s), 0, out, 32, 32);
        out[64] = (byte) (27 + recId);
        return out;
    }
}
