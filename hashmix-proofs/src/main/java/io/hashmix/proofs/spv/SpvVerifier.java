package io.hashmix.proofs.spv;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.spv.SpvVerificationException.Reason;

/**
 * Offline verification of Bitcoin SPV payment proofs against a trusted {@link HeaderCheckpoint}.
 *
 * <p>Checks run in this order, and the first failure is reported (the Solidity verifier runs the same order, so
 * both give the same reason for the same bytes):
 * <ol>
 * <li>Structure ({@link Reason#MALFORMED}): 1 .. {@value #MAX_HEADERS} headers; {@code headerIndex} among them;
 *     {@code txIndex} a uint32; {@code requiredConfirmations} at least 1; {@code minAmount} within 0 .. 21e14;
 *     an output script of 1 .. {@value #MAX_SCRIPT_SIZE} bytes.</li>
 * <li>64-byte transactions ({@link Reason#SIXTY_FOUR_BYTE_TX}): neither the transaction nor the coinbase may be
 *     exactly 64 bytes.</li>
 * <li>Parsing ({@link Reason#MALFORMED}): both transactions parse strictly in the stripped serialization.</li>
 * <li>Header chain, header by header: link to the parent ({@link Reason#BROKEN_LINK}), then the target
 *     ({@link Reason#BAD_TARGET}: valid, canonical, at most the pow limit, same {@code nBits} as the parent inside a
 *     retarget period, at most 4x the parent's target at a boundary), then the hash at most the target
 *     ({@link Reason#INSUFFICIENT_WORK}).</li>
 * <li>Merkle inclusion against {@code headers[headerIndex]}: branch depth at most {@value #MAX_MERKLE_DEPTH} and equal
 *     to the coinbase branch's ({@link Reason#WRONG_MERKLE_BRANCH}); {@code txIndex < 2^depth}
 *     ({@link Reason#WRONG_INDEX}); the coinbase proof carries a coinbase ({@link Reason#WRONG_MERKLE_BRANCH});
 *     index 0 if and only if the transaction is a coinbase ({@link Reason#WRONG_INDEX}); the coinbase branch reaches
 *     the root ({@link Reason#WRONG_MERKLE_BRANCH}); walking the transaction's branch, a right child whose sibling
 *     equals it is a phantom duplicate position ({@link Reason#WRONG_INDEX}); the branch reaches the root
 *     ({@link Reason#WRONG_MERKLE_BRANCH}).</li>
 * <li>Payment: some output pays exactly the script ({@link Reason#WRONG_SCRIPT}); those outputs sum to at least
 *     {@code minAmount} ({@link Reason#AMOUNT_TOO_LOW}).</li>
 * <li>Depth: {@code headers.size() - headerIndex >= requiredConfirmations} ({@link Reason#TOO_FEW_CONFIRMATIONS});
 *     last, so that this reason means "valid, come back later".</li>
 * </ol>
 *
 * <p><b>The 64-byte transaction attack.</b> An inner Merkle node is the hash of 64 bytes, exactly like the txid of a
 * 64-byte transaction. Both directions are closed: a proof cannot present an inner node's 64-byte preimage as its
 * transaction (step 2 refuses 64-byte transactions; no transaction paying a standard script is that short), and a
 * proof cannot descend <em>below</em> a real 64-byte transaction leaf to a fake one, because its branch would be deeper
 * than the leaves, and step 5 requires the coinbase to be proven at the same depth. The coinbase's depth cannot be
 * faked either: shallower, it would be a 64-byte inner-node preimage (step 2); deeper, the real coinbase would have to be
 * a 64-byte transaction starting with a txid, while its bytes 5..31 are the all-zero null outpoint.
 */
public final class SpvVerifier {

    /** Most headers a proof may carry: one retarget period. */
    public static final int MAX_HEADERS = 2016;

    /**
     * Deepest Merkle branch accepted. Consensus bounds a block's stripped size to 1,000,000 bytes and a transaction to
     * at least 60, so a block has fewer than 2^15 transactions; 20 leaves a margin.
     */
    public static final int MAX_MERKLE_DEPTH = 20;

    /** Longest expected output script, Bitcoin Core's {@code MAX_SCRIPT_SIZE}. */
    public static final int MAX_SCRIPT_SIZE = 10_000;

    private static final int SIXTY_FOUR = 64;

    private SpvVerifier() {
    }

    /**
     * Verifies a payment proof.
     *
     * @param proof the proof
     * @param checkpoint the trusted block the first header must extend
     * @param network the proof-of-work rules
     * @return what the proof establishes
     * @throws SpvVerificationException with the first failing check's reason
     * @throws IllegalArgumentException if an argument is null
     */
    public static SpvResult verify(PaymentProof proof, HeaderCheckpoint checkpoint, NetworkParams network) {
        if (proof == null || checkpoint == null || network == null) {
            throw new IllegalArgumentException("proof, checkpoint and network must not be null");
        }
        List<BlockHeader> headers = proof.headers();
        if (headers.isEmpty() || headers.size() > MAX_HEADERS) {
            throw fail(Reason.MALFORMED, "a proof carries 1 .. " + MAX_HEADERS + " headers, got " + headers.size());
        }
        if (proof.headerIndex() < 0 || proof.headerIndex() >= headers.size()) {
            throw fail(Reason.MALFORMED, "header index " + proof.headerIndex() + " outside the " + headers.size() + " headers");
        }
        if (proof.txIndex() < 0 || proof.txIndex() > 0xffffffffL) {
            throw fail(Reason.MALFORMED, "transaction index must be a uint32, got " + proof.txIndex());
        }
        if (proof.requiredConfirmations() < 1) {
            throw fail(Reason.MALFORMED, "required confirmations must be at least 1, got " + proof.requiredConfirmations());
        }
        if (proof.minAmount() < 0 || proof.minAmount() > BitcoinTransaction.MAX_MONEY) {
            throw fail(Reason.MALFORMED, "minimum amount must be 0 .. 21e14 satoshis, got " + proof.minAmount());
        }
        byte[] script = proof.outputScript();
        if (script.length == 0 || script.length > MAX_SCRIPT_SIZE) {
            throw fail(Reason.MALFORMED, "expected output script must be 1 .. " + MAX_SCRIPT_SIZE + " bytes, got "
                    + script.length);
        }
        if (proof.transactionLength() == SIXTY_FOUR) {
            throw fail(Reason.SIXTY_FOUR_BYTE_TX, "the transaction is 64 bytes: it could be a Merkle inner node");
        }
        if (proof.coinbaseLength() == SIXTY_FOUR) {
            throw fail(Reason.SIXTY_FOUR_BYTE_TX, "the coinbase is 64 bytes: it could be a Merkle inner node");
        }
        BitcoinTransaction tx = parse(proof.transaction(), "transaction");
        BitcoinTransaction coinbase = parse(proof.coinbaseTransaction(), "coinbase");

        List<Bytes32> hashes = new ArrayList<>(headers.size());
        BigInteger totalWork = checkChain(headers, checkpoint, network, hashes);

        int headerIndex = proof.headerIndex();
        Bytes32 txid = checkInclusion(tx, proof.txIndex(), proof.merkleBranch(), coinbase, proof.coinbaseBranch(),
                headers.get(headerIndex).merkleRoot());

        if (!tx.paysScript(script)) {
            throw fail(Reason.WRONG_SCRIPT, "no output of " + BitcoinHash.toDisplayHex(txid) + " pays the expected script");
        }
        long amount = tx.amountPaidTo(script);
        if (amount < proof.minAmount()) {
            throw fail(Reason.AMOUNT_TOO_LOW, "outputs paying the script sum to " + amount + " satoshis, below "
                    + proof.minAmount());
        }
        int confirmations = headers.size() - headerIndex;
        if (confirmations < proof.requiredConfirmations()) {
            throw fail(Reason.TOO_FEW_CONFIRMATIONS, confirmations + " confirmations, " + proof.requiredConfirmations()
                    + " required");
        }
        return new SpvResult(txid, hashes.get(headerIndex), checkpoint.height() + 1 + headerIndex, amount,
                confirmations, totalWork);
    }

    /**
     * Verifies a header chain (step 4 of {@link SpvVerifier}): linkage from the checkpoint, targets, proof of work.
     *
     * @param headers consecutive headers, the first one the checkpoint's child
     * @param checkpoint the trusted anchor
     * @param network the proof-of-work rules
     * @return the chain's total work (sum of {@code 2^256 / (target + 1)})
     * @throws SpvVerificationException {@link Reason#BROKEN_LINK}, {@link Reason#BAD_TARGET},
     *         {@link Reason#INSUFFICIENT_WORK}, or {@link Reason#MALFORMED} for an empty or too long chain
     * @throws IllegalArgumentException if an argument is null
     */
    public static BigInteger verifyHeaderChain(List<BlockHeader> headers, HeaderCheckpoint checkpoint,
            NetworkParams network) {
        if (headers == null || checkpoint == null || network == null || Checks.hasNull(headers)) {
            throw new IllegalArgumentException("headers, checkpoint and network must not be null");
        }
        if (headers.isEmpty() || headers.size() > MAX_HEADERS) {
            throw fail(Reason.MALFORMED, "a chain carries 1 .. " + MAX_HEADERS + " headers, got " + headers.size());
        }
        return checkChain(headers, checkpoint, network, new ArrayList<>());
    }

    /**
     * Verifies Merkle inclusion (steps 2 and 5 of {@link SpvVerifier}) against a known Merkle root.
     *
     * @param transaction the proven transaction
     * @param txIndex its position in the block
     * @param branch its branch
     * @param coinbase the block's coinbase
     * @param coinbaseBranch the coinbase's branch
     * @param merkleRoot the header's Merkle root, internal order
     * @return the transaction's txid
     * @throws SpvVerificationException {@link Reason#SIXTY_FOUR_BYTE_TX}, {@link Reason#WRONG_MERKLE_BRANCH} or
     *         {@link Reason#WRONG_INDEX}
     * @throws IllegalArgumentException if an argument is null
     */
    public static Bytes32 verifyInclusion(BitcoinTransaction transaction, long txIndex, List<Bytes32> branch,
            BitcoinTransaction coinbase, List<Bytes32> coinbaseBranch, Bytes32 merkleRoot) {
        if (transaction == null || branch == null || coinbase == null || coinbaseBranch == null || merkleRoot == null
                || Checks.hasNull(branch) || Checks.hasNull(coinbaseBranch)) {
            throw new IllegalArgumentException("inclusion arguments must not be null");
        }
        if (transaction.strippedSize() == SIXTY_FOUR) {
            throw fail(Reason.SIXTY_FOUR_BYTE_TX, "the transaction is 64 bytes: it could be a Merkle inner node");
        }
        if (coinbase.strippedSize() == SIXTY_FOUR) {
            throw fail(Reason.SIXTY_FOUR_BYTE_TX, "the coinbase is 64 bytes: it could be a Merkle inner node");
        }
        return checkInclusion(transaction, txIndex, branch, coinbase, coinbaseBranch, merkleRoot);
    }

    private static BitcoinTransaction parse(byte[] raw, String what) {
        try {
            return BitcoinTransaction.parseStripped(raw);
        } catch (BitcoinFormatException e) {
            throw new SpvVerificationException(Reason.MALFORMED, what + ": " + e.getMessage(), e);
        }
    }

    private static BigInteger checkChain(List<BlockHeader> headers, HeaderCheckpoint checkpoint, NetworkParams network,
            List<Bytes32> hashesOut) {
        Bytes32 prevHash = checkpoint.blockHash();
        long prevBits = checkpoint.nBits();
        BigInteger prevTarget = CompactTarget.decode(prevBits);
        BigInteger total = BigInteger.ZERO;
        long height = checkpoint.height();
        for (int i = 0; i < headers.size(); i++) {
            BlockHeader h = headers.get(i);
            height++;
            String where = "header " + i + " (height " + height + ")";
            if (!h.prevHash().equals(prevHash)) {
                throw fail(Reason.BROKEN_LINK, where + " names parent " + BitcoinHash.toDisplayHex(h.prevHash())
                        + ", expected " + BitcoinHash.toDisplayHex(prevHash));
            }
            BigInteger target;
            try {
                target = CompactTarget.decode(h.nBits());
            } catch (IllegalArgumentException e) {
                throw new SpvVerificationException(Reason.BAD_TARGET, where + ": " + e.getMessage(), e);
            }
            if (!CompactTarget.isCanonical(h.nBits())) {
                throw fail(Reason.BAD_TARGET, where + String.format(": nBits 0x%08x is not canonical", h.nBits()));
            }
            if (target.compareTo(network.powLimit()) > 0) {
                throw fail(Reason.BAD_TARGET, where + String.format(": nBits 0x%08x is above the %s pow limit",
                        h.nBits(), network.name()));
            }
            boolean boundary = network.retargeting() && height % network.retargetInterval() == 0;
            if (boundary) {
                if (target.compareTo(prevTarget.shiftLeft(2)) > 0) {
                    throw fail(Reason.BAD_TARGET, where + String.format(
                            ": nBits 0x%08x is more than 4x easier than the parent's 0x%08x", h.nBits(), prevBits));
                }
            } else if (h.nBits() != prevBits) {
                throw fail(Reason.BAD_TARGET, where + String.format(": nBits 0x%08x differs from the parent's 0x%08x %s",
                        h.nBits(), prevBits, network.retargeting() ? "inside a retarget period" : "(no retargeting)"));
            }
            Bytes32 hash = h.hash();
            if (new BigInteger(1, BitcoinHash.reversed(hash).value()).compareTo(target) > 0) {
                throw fail(Reason.INSUFFICIENT_WORK, where + ": hash " + BitcoinHash.toDisplayHex(hash)
                        + String.format(" is above the target of nBits 0x%08x", h.nBits()));
            }
            total = total.add(CompactTarget.work(target));
            hashesOut.add(hash);
            prevHash = hash;
            prevBits = h.nBits();
            prevTarget = target;
        }
        return total;
    }

    private static Bytes32 checkInclusion(BitcoinTransaction tx, long txIndex, List<Bytes32> branch,
            BitcoinTransaction coinbase, List<Bytes32> coinbaseBranch, Bytes32 merkleRoot) {
        int depth = branch.size();
        if (depth > MAX_MERKLE_DEPTH) {
            throw fail(Reason.WRONG_MERKLE_BRANCH, "branch of " + depth + " levels, at most " + MAX_MERKLE_DEPTH);
        }
        if (coinbaseBranch.size() != depth) {
            throw fail(Reason.WRONG_MERKLE_BRANCH, "branch of " + depth + " levels but the coinbase is proven at depth "
                    + coinbaseBranch.size() + " (all leaves are at the same depth)");
        }
        if (txIndex < 0 || txIndex >= (1L << depth)) {
            throw fail(Reason.WRONG_INDEX, "index " + txIndex + " does not fit a branch of " + depth + " levels");
        }
        if (!coinbase.isCoinbase()) {
            throw fail(Reason.WRONG_MERKLE_BRANCH, "the coinbase proof does not carry a coinbase transaction");
        }
        if (txIndex == 0 && !tx.isCoinbase()) {
            throw fail(Reason.WRONG_INDEX, "index 0 is the coinbase, and this transaction is not one");
        }
        if (txIndex != 0 && tx.hasNullOutpoint()) {
            throw fail(Reason.WRONG_INDEX, "a coinbase can only be at index 0, not " + txIndex);
        }
        if (!BitcoinMerkle.rootFromBranch(coinbase.txid(), coinbaseBranch, 0).equals(merkleRoot)) {
            throw fail(Reason.WRONG_MERKLE_BRANCH, "the coinbase branch does not lead to the Merkle root");
        }
        Bytes32 txid = tx.txid();
        Bytes32 node = txid;
        long i = txIndex;
        for (int level = 0; level < depth; level++) {
            Bytes32 sibling = branch.get(level);
            if ((i & 1) == 1) {
                if (sibling.equals(node)) {
                    throw fail(Reason.WRONG_INDEX, "index " + txIndex + " is a phantom position: at level " + level
                            + " a right node equals its left sibling (duplicated last node)");
                }
                node = BitcoinHash.hashPair(sibling, node);
            } else {
                node = BitcoinHash.hashPair(node, sibling);
            }
            i >>>= 1;
        }
        if (!node.equals(merkleRoot)) {
            throw fail(Reason.WRONG_MERKLE_BRANCH, "the branch of " + BitcoinHash.toDisplayHex(txid)
                    + " does not lead to the Merkle root");
        }
        return txid;
    }

    private static SpvVerificationException fail(Reason reason, String message) {
        return new SpvVerificationException(reason, message);
    }
}
