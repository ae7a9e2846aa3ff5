package io.hashmix.contracts;

import java.util.Objects;

import io.hashmix.proofs.EvmAddress;

/**
 * Where one contract of a deployment lives.
 *
 * @param address         the contract address
 * @param blockNumber     the block its creation was mined in (log readers start there)
 * @param transactionHash the creation transaction
 */
public record DeployedContract(EvmAddress address, long blockNumber, String transactionHash) {

    /** Checks the parts. */
    public DeployedContract {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transactionHash, "transactionHash");
        if (blockNumber < 0) {
            throw new IllegalArgumentException("blockNumber must be >= 0");
        }
    }
}
