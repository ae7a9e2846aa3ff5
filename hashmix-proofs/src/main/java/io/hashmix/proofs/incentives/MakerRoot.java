package io.hashmix.proofs.incentives;

import java.math.BigInteger;

import io.hashmix.proofs.attestation.CommitteeMessage;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * What the committee signs after a maker rewards period, as {@code MakerRewards.publishRoot(r, sigs)} takes it:
 * EIP-712 typed data {@value #TYPE_STRING}, signed M-of-N like the other committee messages in the domain of the
 * {@code MakerRewards} contract ({@link #digest}, {@link MakerRootBundle}).
 *
 * <p>The contract publishes a root only in period order ({@code period} = current period + 1), over a later block
 * range ({@code toBlock} above the current root's, below the current block), once ({@code nonce}), before
 * {@code deadline}, with signatures of the current committee epoch, and with a {@code total} between the current
 * root's total and what the program has been funded with. uint64 fields are Java {@code long}s read as unsigned
 * ({@code -1L} is {@code 2^64-1}), as in the other committee messages.
 *
 * @param period         the period, counting from 1 ({@code uint64}, unsigned, non-zero)
 * @param toBlock        the last block whose {@code OrderFilled} events the tree counts ({@code uint64}, unsigned)
 * @param root           the {@link MakerRewardsTree} root
 * @param total          the sum of the tree's cumulative amounts ({@code uint256})
 * @param nonce          consumed once by the contract ({@code uint256})
 * @param deadline       last second at which the contract accepts it ({@code uint64}, unsigned)
 * @param committeeEpoch the committee epoch it was signed under ({@code uint64}, unsigned)
 */
public record MakerRoot(long period, long toBlock, Bytes32 root, BigInteger total, BigInteger nonce, long deadline,
                        long committeeEpoch) implements CommitteeMessage {

    /** The exact EIP-712 type string shared with {@code MakerRewards}. Do not change. */
    public static final String TYPE_STRING =
            "MakerRoot(uint64 period,uint64 toBlock,bytes32 root,uint256 total,uint256 nonce,uint64 deadline,uint64 committeeEpoch)";

    /** {@code keccak256(TYPE_STRING)}, the contract's {@code MAKER_ROOT_TYPEHASH}. */
    public static final Bytes32 TYPE_HASH = Bytes32.keccakUtf8(TYPE_STRING);

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if {@code root}, {@code total} or {@code nonce} is null, {@code period} is 0,
     *         or {@code total} or {@code nonce} is outside {@code uint256}
     */
    public MakerRoot {
        if (root == null) {
            throw new IllegalArgumentException("a maker root needs a Merkle root");
        }
        if (period == 0) {
            throw new IllegalArgumentException("maker root periods count from 1, got 0");
        }
        AbiWords.checkUint256(total, "maker root field 'total'");
        AbiWords.checkUint256(nonce, "maker root field 'nonce'");
    }

    /**
     * The root of a tree: its {@link MakerRewardsTree#root() root} and {@link MakerRewardsTree#total() total}.
     *
     * @param period         the period, from 1
     * @param toBlock        the last block counted
     * @param tree           the tree
     * @param nonce          the nonce
     * @param deadline       the deadline
     * @param committeeEpoch the committee epoch
     * @return the root
     * @throws IllegalArgumentException if the tree is null or a field is invalid
     */
    public static MakerRoot of(long period, long toBlock, MakerRewardsTree tree, BigInteger nonce, long deadline,
            long committeeEpoch) {
        if (tree == null) {
            throw new IllegalArgumentException("a maker root needs a tree");
        }
        return new MakerRoot(period, toBlock, tree.root(), tree.total(), nonce, deadline, committeeEpoch);
    }

    /**
     * The struct hash, the contract's {@code _rootHash(r)}: the eight words {@code TYPE_HASH, period, toBlock, root,
     * total, nonce, deadline, committeeEpoch}, {@code abi.encode}d, then hashed.
     *
     * @return the struct hash (independent of the domain)
     */
    @Override
    public Bytes32 structHash() {
        return AbiWords.of(8).bytes32(TYPE_HASH)
                .uint64(period).uint64(toBlock).bytes32(root)
                .uint256(total).uint256(nonce)
                .uint64(deadline).uint64(committeeEpoch)
                .keccak();
    }

    /** {@value #TYPE_STRING}. */
    @Override
    public String typeString() {
        return TYPE_STRING;
    }

    /**
     * The EIP-712 digest the committee signs, what {@code MakerRewards.hashMakerRoot(r)} returns when {@code domain}
     * is the contract's ({@code Eip712Domain.hashMix(chainId, makerRewardsAddress)}).
     *
     * @param domain the domain
     * @return {@code keccak256(0x1901 ‖ domain.separator() ‖ structHash())}
     * @throws IllegalArgumentException if the domain is null
     */
    public Bytes32 digest(Eip712Domain domain) {
        return Eip712.digest(domain, this);
    }

    /** {@link #TYPE_HASH}, the contract's {@code MAKER_ROOT_TYPEHASH}. */
    @Override
    public Bytes32 typeHash() {
        return TYPE_HASH;
    }

    @Override
    public String toString() {
        return "MakerRoot[period=" + Long.toUnsignedString(period) + ", toBlock=" + Long.toUnsignedString(toBlock)
                + ", root=" + root + ", total=" + total + ", nonce=" + nonce + ", deadline="
                + Long.toUnsignedString(deadline) + ", committeeEpoch=" + Long.toUnsignedString(committeeEpoch) + "]";
    }
}
