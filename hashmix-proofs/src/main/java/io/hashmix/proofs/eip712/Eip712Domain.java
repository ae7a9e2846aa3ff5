package io.hashmix.proofs.eip712;

import java.util.Optional;

import io.hashmix.proofs.EvmAddress;

/**
 * An EIP-712 domain with the four fields HashMix uses:
 * {@code EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)}.
 *
 * <p>The domain binds a signature to one chain and one contract, so a signed message cannot be replayed
 * on another chain or against another deployment.
 *
 * @param name the signing domain name ({@value #HASHMIX_NAME} for HashMix contracts)
 * @param version the domain version ({@value #HASHMIX_VERSION})
 * @param chainId the chain id, positive
 * @param verifyingContract the contract that checks the signatures
 */
public record Eip712Domain(String name, String version, long chainId, EvmAddress verifyingContract) {

    /** The exact domain type string. */
    public static final String TYPE_STRING =
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

    /** {@code keccak256(TYPE_STRING)}. */
    public static final Bytes32 TYPE_HASH = Bytes32.keccakUtf8(TYPE_STRING);

    /** The domain name every HashMix contract uses. */
    public static final String HASHMIX_NAME = "HashMix";

    /** The domain version every HashMix contract uses. */
    public static final String HASHMIX_VERSION = "1";

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a field is null or {@code chainId} is not positive
     */
    public Eip712Domain {
        if (name == null || version == null || verifyingContract == null) {
            throw new IllegalArgumentException("EIP-712 domain name, version and verifyingContract must not be null");
        }
        if (chainId <= 0) {
            throw new IllegalArgumentException("EIP-712 domain chainId must be positive, got " + chainId);
        }
    }

    /**
     * The HashMix domain ({@code name="HashMix"}, {@code version="1"}) for a chain and a contract.
     *
     * @param chainId the chain id
     * @param verifyingContract the consuming contract (e.g. HashPowerToken for product attestations)
     * @return the domain
     */
    public static Eip712Domain hashMix(long chainId, EvmAddress verifyingContract) {
        return new Eip712Domain(HASHMIX_NAME, HASHMIX_VERSION, chainId, verifyingContract);
    }

    /**
     * How a message's domain differs from the expected one.
     *
     * @param field the first field that differs, checked in the order chain id, verifying contract, name/version
     * @param message what differs, e.g. {@code signed for chain id 1, expected 31337}
     */
    public record Mismatch(Field field, String message) {

        /** The domain fields a mismatch is reported for. */
        public enum Field {
            /** {@code chainId}. */
            CHAIN_ID,
            /** {@code verifyingContract}. */
            VERIFYING_CONTRACT,
            /** {@code name} or {@code version}. */
            NAME_OR_VERSION
        }
    }

    /**
     * Compares this domain (the one a message was signed for) with the expected one. Verifiers map the result to
     * their own failure reasons, so every verifier compares domains the same way.
     *
     * @param expected the domain the verifier expects
     * @return the first difference, or empty if the domains are equal
     * @throws IllegalArgumentException if {@code expected} is null
     */
    public Optional<Mismatch> mismatch(Eip712Domain expected) {
        if (expected == null) {
            throw new IllegalArgumentException("an expected domain is needed");
        }
        if (chainId != expected.chainId) {
            return Optional.of(new Mismatch(Mismatch.Field.CHAIN_ID, "signed for chain id " + chainId
                    + ", expected " + expected.chainId));
        }
        if (!verifyingContract.equals(expected.verifyingContract)) {
            return Optional.of(new Mismatch(Mismatch.Field.VERIFYING_CONTRACT, "signed for contract "
                    + verifyingContract + ", expected " + expected.verifyingContract));
        }
        if (!name.equals(expected.name) || !version.equals(expected.version)) {
            return Optional.of(new Mismatch(Mismatch.Field.NAME_OR_VERSION, "signed for domain '" + name
                    + "' version '" + version + "', expected '" + expected.name + "' version '" + expected.version + "'"));
        }
        return Optional.empty();
    }

    /**
     * The domain separator: {@code keccak256(abi.encode(TYPE_HASH, keccak256(name), keccak256(version),
     * chainId, verifyingContract))}.
     *
     * @return the separator
     */
    public Bytes32 separator() {
        return AbiWords.of(5)
                .bytes32(TYPE_HASH)
                .string(name)
                .string(version)
                .uint64(chainId)
                .address(verifyingContract)
                .keccak();
    }
}
