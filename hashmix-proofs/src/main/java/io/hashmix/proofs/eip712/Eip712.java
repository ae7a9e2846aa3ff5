package io.hashmix.proofs.eip712;

import org.web3j.crypto.Hash;

/**
 * EIP-712 digests: {@code keccak256(0x19 0x01 ‖ domainSeparator ‖ structHash)}, the 32 bytes that
 * attestors sign and that contracts recover signers from.
 */
public final class Eip712 {

    private Eip712() {
    }

    /**
     * The digest of a typed struct in a domain.
     *
     * @param domain the domain (chain + verifying contract)
     * @param struct the message
     * @return the digest to sign
     * @throws IllegalArgumentException if an argument is null
     */
    public static Bytes32 digest(Eip712Domain domain, Eip712Struct struct) {
        if (domain == null || struct == null) {
            throw new IllegalArgumentException("EIP-712 digest needs a domain and a struct, got "
                    + (domain == null ? "no domain" : "no struct"));
        }
        return digest(domain.separator(), struct.structHash());
    }

    /**
     * The digest from a precomputed separator and struct hash.
     *
     * @param domainSeparator the domain separator
     * @param structHash the struct hash
     * @return {@code keccak256(0x1901 ‖ domainSeparator ‖ structHash)}
     * @throws IllegalArgumentException if an argument is null
     */
    public static Bytes32 digest(Bytes32 domainSeparator, Bytes32 structHash) {
        if (domainSeparator == null || structHash == null) {
            throw new IllegalArgumentException("EIP-712 digest needs a domain separator and a struct hash");
        }
        byte[] buf = new byte[2 + 2 * Bytes32.LENGTH];
        buf[0] = 0x19;
        buf[1] = 0x01;
        domainSeparator.copyTo(buf, 2);
        structHash.copyTo(buf, 2 + Bytes32.LENGTH);
        return new Bytes32(Hash.sha3(buf));
    }
}
