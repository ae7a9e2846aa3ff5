package io.hashmix.core.tokenization;

import java.math.BigInteger;
import java.util.List;

import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;

/**
 * The outcome of a successful duplicate-hardware challenge.
 *
 * @param frozenProductId the later product, now frozen
 * @param bounty          collateral paid to the challenger
 * @param slashedAttestors attestors who signed both products, with their slashed bonds (burnt whole: nothing goes
 *                         to the challenger; the attestors leave the committee)
 * @param receipt         the challenge transaction's receipt
 */
public record ChallengeResult(ProductId frozenProductId, BigInteger bounty, List<Slash> slashedAttestors, TxReceipt receipt) {

    /** Copies the parts. */
    public ChallengeResult {
        slashedAttestors = List.copyOf(slashedAttestors);
    }

    /**
     * One slashed bond.
     *
     * @param attestor the attestor
     * @param amount   the whole bond taken, in wei
     */
    public record Slash(EvmAddress attestor, BigInteger amount) {
    }
}
