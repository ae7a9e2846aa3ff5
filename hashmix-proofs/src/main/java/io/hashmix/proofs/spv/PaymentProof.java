package io.hashmix.proofs.spv;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * Evidence that a Bitcoin transaction paying a given output script at least a given amount is in a block buried
 * under enough proof of work, anchored at a {@link HeaderCheckpoint}. Checked by {@link SpvVerifier#verify}.
 *
 * <p>The record only holds the parts; it does not judge them (a bad index, count or transaction is reported by
 * the verifier as {@link SpvVerificationException.Reason#MALFORMED} or a more specific reason), so that any proof
 * read from JSON can be verified and rejected with a reason. Byte arrays are copied in and out.
 *
 * @param transaction the paying transaction in the stripped (non-witness) serialization, whose {@code sha256d} is
 *        its txid
 * @param txIndex the transaction's position in its block (uint32; 0 is the coinbase)
 * @param merkleBranch siblings from the txid up to the root, internal order
 * @param coinbaseTransaction the same block's coinbase, stripped serialization: proves the tree's depth
 * @param coinbaseBranch the coinbase's branch (index 0); must be as long as {@code merkleBranch}
 * @param headers consecutive headers; {@code headers[0]} is the child of the checkpoint block
 * @param headerIndex position in {@code headers} of the block that includes the transaction
 * @param outputScript the scriptPubKey the payment must go to, compared byte for byte
 * @param minAmount the least number of satoshis the outputs paying {@code outputScript} must sum to
 * @param requiredConfirmations the least number of headers from the including block to the tip, the including
 *        block counted (1 = included)
 */
public record PaymentProof(byte[] transaction, long txIndex, List<Bytes32> merkleBranch, byte[] coinbaseTransaction,
        List<Bytes32> coinbaseBranch, List<BlockHeader> headers, int headerIndex, byte[] outputScript, long minAmount,
        int requiredConfirmations) {

    /**
     * Copies.
     *
     * @throws IllegalArgumentException if an array, a list or a list element is null
     */
    public PaymentProof {
        if (transaction == null || merkleBranch == null || coinbaseTransaction == null || coinbaseBranch == null
                || headers == null || outputScript == null) {
            throw new IllegalArgumentException("payment proof fields must not be null");
        }
        if (Checks.hasNull(merkleBranch) || Checks.hasNull(coinbaseBranch) || Checks.hasNull(headers)) {
            throw new IllegalArgumentException("payment proof lists must not hold null");
        }
        transaction = transaction.clone();
        coinbaseTransaction = coinbaseTransaction.clone();
        outputScript = outputScript.clone();
        merkleBranch = List.copyOf(merkleBranch);
        coinbaseBranch = List.copyOf(coinbaseBranch);
        headers = List.copyOf(headers);
    }

    /**
     * Builds the proof of a transaction of a known block.
     *
     * @param blockTxids every txid of the block, in block order, internal order
     * @param transaction the paying transaction (a witness, if any, is stripped)
     * @param coinbase the block's coinbase (stripped too)
     * @param headers the header chain from the checkpoint's child to the tip
     * @param headerIndex position of the including block in {@code headers}
     * @param outputScript the expected scriptPubKey
     * @param minAmount the minimum amount in satoshis
     * @param requiredConfirmations the confirmations to require
     * @return the proof
     * @throws IllegalArgumentException if the transaction is not in the list, the coinbase is not its first entry,
     *         or the txids do not hash to the including header's Merkle root
     */
    public static PaymentProof build(List<Bytes32> blockTxids, BitcoinTransaction transaction, BitcoinTransaction coinbase,
            List<BlockHeader> headers, int headerIndex, byte[] outputScript, long minAmount, int requiredConfirmations) {
        Objects.requireNonNull(blockTxids, "blockTxids");
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(coinbase, "coinbase");
        Objects.requireNonNull(headers, "headers");
        if (headerIndex < 0 || headerIndex >= headers.size()) {
            throw new IllegalArgumentException("header index " + headerIndex + " outside the " + headers.size() + " headers");
        }
        Bytes32 txid = transaction.txid();
        int index = blockTxids.indexOf(txid);
        if (index < 0) {
            throw new IllegalArgumentException("transaction " + BitcoinHash.toDisplayHex(txid) + " is not in the block");
        }
        if (blockTxids.isEmpty() || !blockTxids.get(0).equals(coinbase.txid())) {
            throw new IllegalArgumentException("the coinbase must be the block's first transaction");
        }
        if (!BitcoinMerkle.root(blockTxids).equals(headers.get(headerIndex).merkleRoot())) {
            throw new IllegalArgumentException("the txids do not hash to the Merkle root of header " + headerIndex);
        }
        return new PaymentProof(transaction.serializeWithoutWitness(), index, BitcoinMerkle.branch(blockTxids, index),
                coinbase.serializeWithoutWitness(), BitcoinMerkle.branch(blockTxids, 0), headers, headerIndex,
                outputScript, minAmount, requiredConfirmations);
    }

    /** The transaction bytes, a fresh copy. */
    @Override
    public byte[] transaction() {
        return transaction.clone();
    }

    /** The coinbase bytes, a fresh copy. */
    @Override
    public byte[] coinbaseTransaction() {
        return coinbaseTransaction.clone();
    }

    /** The expected script, a fresh copy. */
    @Override
    public byte[] outputScript() {
        return outputScript.clone();
    }

    int transactionLength() {
        return transaction.length;
    }

    int coinbaseLength() {
        return coinbaseTransaction.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaymentProof p && txIndex == p.txIndex && headerIndex == p.headerIndex
                && minAmount == p.minAmount && requiredConfirmations == p.requiredConfirmations
                && Arrays.equals(transaction, p.transaction) && Arrays.equals(coinbaseTransaction, p.coinbaseTransaction)
                && Arrays.equals(outputScript, p.outputScript) && merkleBranch.equals(p.merkleBranch)
                && coinbaseBranch.equals(p.coinbaseBranch) && headers.equals(p.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(transaction), txIndex, merkleBranch, Arrays.hashCode(coinbaseTransaction),
                coinbaseBranch, headers, headerIndex, Arrays.hashCode(outputScript), minAmount, requiredConfirmations);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "PaymentProof[transaction=" + transaction.length + " bytes, txIndex=" + txIndex + ", depth="
                + merkleBranch.size() + ", headers=" + headers.size() + ", headerIndex=" + headerIndex
                + ", outputScript=" + hex.formatHex(outputScript) + ", minAmount=" + minAmount
                + ", requiredConfirmations=" + requiredConfirmations + "]";
    }
}
