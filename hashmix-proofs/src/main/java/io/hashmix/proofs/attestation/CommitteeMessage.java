package io.hashmix.proofs.attestation;

import io.hashmix.proofs.eip712.Eip712Struct;

/**
 * An EIP-712 message the attestor committee signs M-of-N and a contract consumes once: it names the
 * committee epoch whose members signed it and a deadline after which the contract refuses it.
 * {@link ProductAttestation} and {@code io.hashmix.proofs.fulfillment.FulfillmentReport} are such messages;
 * {@link SignedBundle} pairs one with its signatures and {@link BundleVerifier} checks it.
 */
public interface CommitteeMessage extends Eip712Struct {

    /**
     * The last unix second at which the contract accepts the message ({@code uint64}, read as unsigned).
     *
     * @return the deadline
     */
    long deadline();

    /**
     * The committee epoch whose members signed ({@code uint64}, read as unsigned).
     *
     * @return the epoch
     */
    long committeeEpoch();

    /**
     * Whether the deadline has passed at {@code nowEpochSeconds}: the contracts reject a message when
     * {@code block.timestamp > deadline}, so the deadline second itself is still valid.
     *
     * @param nowEpochSeconds current unix time in seconds
     * @return true if expired
     */
    default boolean isExpiredAt(long nowEpochSeconds) {
        return nowEpochSeconds >= 0 && Long.compareUnsigned(nowEpochSeconds, deadline()) > 0;
    }
}
