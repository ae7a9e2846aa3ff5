package io.hashmix.proofs.attestation;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import io.hashmix.proofs.EvmAddress;

/**
 * The attestor committee of one epoch, as registered in {@code AttestorRegistry}: the members whose
 * signatures count. An attestation names the epoch it was signed for ({@code committeeEpoch}); after a
 * committee change the epoch moves on and old attestations stop verifying.
 *
 * @param epoch the committee epoch ({@code uint64}, read as unsigned)
 * @param members the member addresses (copied into an unmodifiable, address-ordered set)
 */
public record Committee(long epoch, Set<EvmAddress> members) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the members are null, empty, or contain null or the zero address
     */
    public Committee {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a committee needs at least one member");
        }
        TreeSet<EvmAddress> sorted = new TreeSet<>((a, b) -> a.hex().compareTo(b.hex()));
        for (EvmAddress m : members) {
            if (m == null || m.isZero()) {
                throw new IllegalArgumentException("committee members must not be null or the zero address");
            }
            sorted.add(m);
        }
        members = Collections.unmodifiableSet(sorted);
    }

    /**
     * A committee from any collection of addresses (duplicates collapse).
     *
     * @param epoch the epoch
     * @param members the members
     * @return the committee
     */
    public static Committee of(long epoch, Collection<EvmAddress> members) {
        if (members == null) {
            throw new IllegalArgumentException("a committee needs at least one member");
        }
        return new Committee(epoch, new java.util.HashSet<>(members));
    }

    /**
     * Whether an address is a member.
     *
     * @param address the address
     * @return true if it belongs to the committee
     */
    public boolean contains(EvmAddress address) {
        return address != null && members.contains(address);
    }

    /** Number of members. */
    public int size() {
        return members.size();
    }
}
