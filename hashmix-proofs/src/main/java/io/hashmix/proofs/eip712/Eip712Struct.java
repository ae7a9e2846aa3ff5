package io.hashmix.proofs.eip712;

import java.nio.charset.StandardCharsets;

/**
 * A value that EIP-712 can hash: a Solidity struct with a fixed type string.
 *
 * <p>Implementations are immutable records that encode their own fields (usually with {@link AbiWords})
 * and expose their type string and type hash as constants, so that hashing a message never goes through
 * a generic JSON typed-data encoder. Orders, fulfillment reports and loan offers implement it the same way
 * as {@code ProductAttestation}.
 */
public interface Eip712Struct {

    /**
     * The exact EIP-712 type string, e.g. {@code Mail(address from,address to,string contents)}, with
     * referenced struct types appended in alphabetical order as EIP-712 prescribes.
     *
     * @return the type string (never null)
     */
    String typeString();

    /**
     * {@code keccak256(bytes(typeString()))}. The default computes it; implementations should return a constant.
     *
     * @return the type hash
     */
    default Bytes32 typeHash() {
        return Bytes32.keccak(typeString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code keccak256(abi.encode(typeHash(), field1, field2, ...))} with EIP-712 member encoding.
     *
     * @return the struct hash, independent of any domain
     */
    Bytes32 structHash();
}
