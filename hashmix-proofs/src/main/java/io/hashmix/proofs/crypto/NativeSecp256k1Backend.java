package io.hashmix.proofs.crypto;

import java.math.BigInteger;
import java.util.Arrays;

import fr.acinq.secp256k1.Secp256k1;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * The native backend: libsecp256k1 through {@code fr.acinq.secp256k1:secp256k1-kmp-jni-jvm} (JNI, the
 * library is bundled in the jar for linux-x86_64/aarch64, macOS and Windows). Obtain it from
 * {@link CryptoBackends#nativeSecp256k1()}; it exists only when the library loaded and passed a self-test.
 *
 * <p>Recovery is one {@code secp256k1_ecdsa_recover} call. Signing: the JNI binding offers
 * {@code secp256k1_ecdsa_sign} but not the recoverable variant, and recovering the key to find {@code v} would
 * cost a second, more expensive curve operation. So the RFC 6979 nonce {@code k} is derived in Java (the same
 * HMAC-SHA256 construction libsecp256k1 uses, so the signature bytes are libsecp256k1's), the nonce point
 * {@code R = k·G} is computed natively with {@code secp256k1_ec_pubkey_create} (libsecp256k1's constant-time
 * {@code ecmult_gen}, the cost of signing), and {@code v} is read off {@code R}. Immutable and thread-safe
 * (libsecp256k1's context is read-only after creation).
 */
public final class NativeSecp256k1Backend extends DeterministicEcdsa {

    private final Secp256k1 secp;

    NativeSecp256k1Backend(Secp256k1 secp) {
        this.secp = secp;
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    NoncePoint multiplyBase(BigInteger k) {
        byte[] point = secp.pubkeyCreate(SignatureRules.word(k)); // 0x04 ‖ X ‖ Y
        return new NoncePoint(new BigInteger(1, point, 1, 32), (point[64] & 1) == 1);
    }

    @Override
    public EvmAddress recoverSigner(Bytes32 digest, byte[] signature) {
        if (digest == null || signature == null) {
            throw new IllegalArgumentException("recovery needs a digest and a signature");
        }
        int recId = SignatureRules.checkCanonical(signature);
        byte[] publicKey;
        try {
            publicKey = secp.ecdsaRecover(Arrays.copyOf(signature, 64), digest.value(), recId);
        } catch (RuntimeException e) {
            throw SignatureRules.noKey(e);
        }
        if (publicKey == null || publicKey.length != 65) {
            throw SignatureRules.noKey(null);
        }
        return SignatureRules.addressOfPublicKey(publicKey, 1);
    }

    /**
     * libsecp256k1's own {@code secp256k1_ecdsa_sign}: the 64-byte compact {@code r ‖ s}, without {@code v}.
     * For the differential test and the benchmarks (it shows what signing costs natively without a recovery id).
     *
     * @param digest the digest
     * @param privateKey the 32-byte private key
     * @return {@code r ‖ s}, low s
     */
    public byte[] signCompact(byte[] digest, byte[] privateKey) {
        return secp.sign(digest, privateKey);
    }

    /**
     * libsecp256k1's {@code secp256k1_ecdsa_recover}: the 65-byte uncompressed public key, no address.
     *
     * @param compactSignature {@code r ‖ s}
     * @param digest the digest
     * @param recId the recovery id
     * @return {@code 0x04 ‖ X ‖ Y}
     */
    public byte[] recoverPublicKey(byte[] compactSignature, byte[] digest, int recId) {
        return secp.ecdsaRecover(compactSignature, digest, recId);
    }

    @Override
    public String toString() {
        return "NativeSecp256k1Backend[libsecp256k1 via secp256k1-kmp JNI]";
    }
}
