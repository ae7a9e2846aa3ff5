package io.hashmix.proofs.attestation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

import io.hashmix.proofs.EvmAddress;

/**
 * One attestor's signature as the contracts receive it: {@code struct AttestorSignature { address signer;
 * bytes signature; }}.
 *
 * <p>For an externally owned signer the signature is 65 bytes {@code r ‖ s ‖ v} with {@code v} in
 * {27, 28} and low {@code s}; for a contract signer (EIP-1271) it is whatever that contract accepts, and
 * can only be checked on chain. This record holds any non-null byte string so that malformed signatures
 * can be represented and rejected by {@link BundleVerifier} with a precise reason.
 *
 * @param signer the declared signer
 * @param signature the signature bytes (defensively copied in and out)
 */
public record AttestorSignature(EvmAddress signer, byte[] signature) {

    /** Ascending order by signer address (as {@code uint160}), the order the contracts require. */
    public static final Comparator<AttestorSignature> BY_SIGNER = Comparator.comparing(s -> s.signer().hex());

    private static final HexFormat HEX = HexFormat.of();

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the signer or the signature is null
     */
    public AttestorSignature {
        if (signer == null) {
            throw new IllegalArgumentException("attestor signature needs a signer");
        }
        if (signature == null) {
            throw new IllegalArgumentException("attestor signature of " + signer + " has no signature bytes");
        }
        signature = signature.clone();
    }

    /** The signature bytes as a fresh array. */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Number of signature bytes (65 for a canonical ECDSA signature). */
    public int length() {
        return signature.length;
    }

    /** The signature as {@code 0x}-prefixed lowercase hex. */
    public String signatureHex() {
        return "0x" + HEX.formatHex(signature);
    }

    /**
     * Signer-address order, as on chain: negative if this signer sorts before {@code other}'s.
     *
     * @param a first address
     * @param b second address
     * @return the comparison of the two addresses as unsigned 160-bit numbers
     */
    static int compareAddresses(EvmAddress a, EvmAddress b) {
        return a.hex().compareTo(b.hex()); // both are 0x + 40 lowercase hex digits
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttestorSignature other && signer.equals(other.signer)
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return 31 * signer.hashCode() + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "AttestorSignature[signer=" + signer + ", signature=" + signatureHex() + "]";
    }
}
