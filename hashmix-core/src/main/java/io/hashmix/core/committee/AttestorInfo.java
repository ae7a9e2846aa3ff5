package io.hashmix.core.committee;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;

/**
 * An attestor's standing.
 *
 * @param attestor        the account (an EOA or an EIP-1271 contract such as a multisig)
 * @param member          whether it is on the committee
 * @param active          member with at least the minimum bond: its signatures count
 * @param bond            bonded native coin, in wei
 * @param lockedUntil     the bond cannot be withdrawn before this (products it signed still run)
 * @param exitAvailableAt after an exit request, when the exit delay ends ({@link Instant#EPOCH} if none)
 */
public record AttestorInfo(EvmAddress attestor, boolean member, boolean active, BigInteger bond, Instant lockedUntil,
                           Instant exitAvailableAt) {

    /** Checks the parts. */
    public AttestorInfo {
        Objects.requireNonNull(attestor, "attestor");
        Objects.requireNonNull(bond, "bond");
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        Objects.requireNonNull(exitAvailableAt, "exitAvailableAt");
    }
}
