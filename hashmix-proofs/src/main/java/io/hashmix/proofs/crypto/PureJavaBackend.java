package io.hashmix.proofs.crypto;

import java.math.BigInteger;

import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Sign;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * The pure-Java backend: Bouncy Castle arithmetic through web3j. Signing is RFC 6979 like
 * {@code Sign.signMessage} (byte-identical output) but takes the recovery id from the nonce point instead of
 * recovering the key to find it; recovery is web3j's {@code Sign.recoverFromSignature}. Works everywhere.
 * Immutable and thread-safe.
 */
public final class PureJavaBackend extends DeterministicEcdsa {

    /** The one instance. */
    public static final PureJavaBackend INSTANCE = new PureJavaBackend();

    private static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();
    private static final ECPoint G = Sign.CURVE_PARAMS.getG();

    private PureJavaBackend() {
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    NoncePoint multiplyBase(BigInteger k) {
        ECPoint p = BASE_MULTIPLIER.multiply(G, k).normalize();
        return new NoncePoint(p.getAffineXCoord().toBigInteger(), p.getAffineYCoord().testBitZero());
    }

    @Override
    public EvmAddress recoverSigner(Bytes32 digest, byte[] signature) {
        if (digest == null || signature == null) {
            throw new IllegalArgumentException("recovery needs a digest and a signature");
        }
        int recId = SignatureRules.checkCanonical(signature);
        BigInteger r = new BigInteger(1, signature, 0, 32);
        BigInteger s = new BigInteger(1, signature, 32, 32);
        BigInteger publicKey;
        try {
            publicKey = Sign.recoverFromSignature(recId, new ECDSASignature(r, s), digest.value());
        } catch (RuntimeException e) {
            throw SignatureRules.noKey(e);
        }
        // web3j returns 0 for the point at infinity (s·R = e·G); libsecp256k1 refuses it, and so do we
        if (publicKey == null || publicKey.signum() == 0) {
            throw SignatureRules.noKey(null);
        }
        return SignatureRules.addressOfPublicKey(publicKey);
    }

    @Override
    public String toString() {
        return "PureJavaBackend[Bouncy Castle via web3j]";
    }
}
