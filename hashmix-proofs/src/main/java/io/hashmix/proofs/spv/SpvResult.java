package io.hashmix.proofs.spv;

import java.math.BigInteger;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * What a verified {@link PaymentProof} establishes.
 *
 * @param txid the paying transaction's txid, internal order ({@link BitcoinHash#toDisplayHex} for explorers);
 *        the key under which a payment must be claimed at most once
 * @param blockHash hash of the block that includes it, internal order
 * @param blockHeight that block's height (checkpoint height + 1 + header index)
 * @param amount satoshis paid to the expected script, summed over only the outputs paying exactly that script
 * @param confirmations the including block and the headers on top of it, in the proof
 * @param totalWork sum of the work of every header in the proof (checkpoint excluded)
 */
public record SpvResult(Bytes32 txid, Bytes32 blockHash, long blockHeight, long amount, int confirmations,
        BigInteger totalWork) {
}
