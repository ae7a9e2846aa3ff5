// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title IBtcSpvVerifier
 * @notice The Bitcoin SPV payment check other HashMix contracts (the fulfillment vault) use.
 */
interface IBtcSpvVerifier {
    // solhint-disable gas-struct-packing
    /**
     * @notice A payment proof (the Java `PaymentProof`, same fields and meaning).
     * @param transaction The paying transaction, stripped (non-witness) serialization: its
     * `sha256d` is the txid. The segwit serialization is refused ({Malformed}).
     * @param txIndex Its position in the block (0 is the coinbase), a uint32.
     * @param merkleBranch Siblings from the txid up to the root, internal order.
     * @param coinbaseTransaction The same block's coinbase, stripped serialization.
     * @param coinbaseBranch The coinbase's branch (index 0), as long as `merkleBranch`.
     * @param headers Concatenated 80-byte headers; the first one's parent is an attested checkpoint.
     * @param headerIndex Position in `headers` of the block including the transaction.
     * @param outputScript The scriptPubKey paid, compared byte for byte.
     * @param minAmount Least number of satoshis the outputs paying `outputScript` must sum to.
     * @param requiredConfirmations Least number of headers from the including block to the last one,
     * the including block counted (1 = included).
     */
    struct PaymentProof {
        bytes transaction;
        uint256 txIndex;
        bytes32[] merkleBranch;
        bytes coinbaseTransaction;
        bytes32[] coinbaseBranch;
        bytes headers;
        uint256 headerIndex;
        bytes outputScript;
        uint256 minAmount;
        uint256 requiredConfirmations;
    }
    // solhint-enable gas-struct-packing

    /**
     * @notice An accepted header checkpoint (one storage slot).
     * @param height The checkpoint block's height.
     * @param nBits Its compact target.
     * @param exists Whether the checkpoint was accepted.
     * @param acceptedAt `block.timestamp` of its acceptance (what a consumer's maximum checkpoint age is
     * measured from; 0 for checkpoints accepted before the field existed, which then count as ancient).
     */
    struct Checkpoint {
        uint64 height;
        uint32 nBits;
        bool exists;
        uint64 acceptedAt;
    }

    /// @notice Verifies a payment proof and marks its txid claimed (role `SPV_CONSUMER`).
    /// @param proof The proof.
    /// @return txid The transaction's txid, internal order.
    /// @return amount Satoshis paid to `proof.outputScript`.
    function consumePayment(PaymentProof calldata proof) external returns (bytes32 txid, uint256 amount);

    /// @notice An accepted checkpoint (all zero if unknown).
    /// @param blockHash Block hash, internal order.
    /// @return The checkpoint.
    function checkpoint(bytes32 blockHash) external view returns (Checkpoint memory);
}
