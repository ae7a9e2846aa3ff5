package io.hashmix.core.tx;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;

/**
 * A transaction the node accepted, not yet known to be mined.
 *
 * @param hash     the transaction hash (keccak of the signed bytes)
 * @param sender   the sender
 * @param nonce    the nonce it was signed with
 * @param gasLimit the gas limit it was signed with
 * @param fees     the fee snapshot it was signed with
 * @param request  what was sent
 */
public record SentTransaction(String hash, EvmAddress sender, BigInteger nonce, BigInteger gasLimit, Fees fees,
                              TxRequest request) {

    /** Checks the parts. */
    public SentTransaction {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(request, "request");
    }
}
