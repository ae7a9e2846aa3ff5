/**
 * EIP-712 typed structured data: the domain ({@link io.hashmix.proofs.eip712.Eip712Domain}), the
 * {@link io.hashmix.proofs.eip712.Eip712Struct} contract every typed message implements, word-level ABI
 * encoding ({@link io.hashmix.proofs.eip712.AbiWords}), the {@link io.hashmix.proofs.eip712.Bytes32} value
 * type, and the final digest ({@link io.hashmix.proofs.eip712.Eip712}).
 *
 * <p>Everything here must agree byte for byte with the Solidity contracts; the shared vectors in
 * {@code test-vectors/eip712-product-attestation.json} pin that agreement.
 */
package io.hashmix.proofs.eip712;
