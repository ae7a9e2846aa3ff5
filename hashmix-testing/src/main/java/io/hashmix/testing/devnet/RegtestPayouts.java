package io.hashmix.testing.devnet;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.spv.BitcoinHash;
import io.hashmix.proofs.spv.BitcoinMerkle;
import io.hashmix.proofs.spv.BitcoinTransaction;
import io.hashmix.proofs.spv.BlockHeader;
import io.hashmix.proofs.spv.BoundEvidence;
import io.hashmix.proofs.spv.CompactTarget;
import io.hashmix.proofs.spv.HeaderCheckpoint;
import io.hashmix.proofs.spv.PaymentProof;
import io.hashmix.proofs.spv.TxInput;
import io.hashmix.proofs.spv.TxOutput;

/**
 * Regtest-style Bitcoin payouts for local chains (a verifier deployed with {@code NetworkParams.REGTEST}): a block
 * holding a BIP 34 coinbase and one payout, mined at regtest's easiest target on a made-up checkpoint, with headers on
 * top, and its payment proof. Mining takes a couple of hashes per header. For tests and demos, never for production:
 * such headers carry no real work.
 */
public final class RegtestPayouts {

    /** Regtest's easiest target: about one hash in two meets it. */
    public static final long EASY_BITS = 0x207fffffL;

    private RegtestPayouts() {
    }

    /**
     * A payout and what proves it.
     *
     * @param checkpoint the block the proof starts after (have the committee attest it first)
     * @param proof      the payment proof (its relayer fields: the paid script, minimum 0, 1 confirmation)
     * @param txid       the payout's txid (internal byte order)
     */
    public record Payout(HeaderCheckpoint checkpoint, PaymentProof proof, Bytes32 txid) {
        /** Checks the parts. */
        public Payout {
            Objects.requireNonNull(checkpoint, "checkpoint");
            Objects.requireNonNull(proof, "proof");
            Objects.requireNonNull(txid, "txid");
        }
    }

    /**
     * A payout of {@code amount} satoshis to {@code script} in block {@code checkpointHeight + 1}, mined at
     * {@code blockTime}, with {@code confirmations - 1} headers on top; the checkpoint's hash is derived from
     * {@code label} (use a new label per payout).
     */
    public static Payout payout(String label, long checkpointHeight, long blockTime, byte[] script, long amount,
                                int confirmations) {
        return payout(label, checkpointHeight, checkpointHeight + 1, blockTime, script, amount, confirmations);
    }

    /**
     * As {@link #payout(String, long, long, byte[], long, int)}, with a coinbase carrying {@code coinbaseHeight}
     * (another height than the block's makes the binding refuse the proof: BIP 34).
     */
    public static Payout payout(String label, long checkpointHeight, long coinbaseHeight, long blockTime, byte[] script,
                                long amount, int confirmations) {
        if (confirmations < 1) {
            throw new IllegalArgumentException("confirmations must be >= 1, got " + confirmations);
        }
        Bytes32 checkpoint = BitcoinHash.sha256d(("regtest checkpoint " + label).getBytes(StandardCharsets.UTF_8));
        byte[] push = BoundEvidence.bip34HeightPush(coinbaseHeight);
        byte[] tag = ("/hashmix " + label + "/").getBytes(StandardCharsets.UTF_8);
        byte[] scriptSig = new byte[push.length + Math.min(tag.length, 90)];
        System.arraycopy(push, 0, scriptSig, 0, push.length);
        System.arraycopy(tag, 0, scriptSig, push.length, scriptSig.length - push.length);
        BitcoinTransaction coinbase = new BitcoinTransaction(2,
                List.of(TxInput.legacy(Bytes32.ZERO, 0xffffffffL, scriptSig, 0xffffffffL)),
                List.of(new TxOutput(0, new byte[] {0x6a})), 0);
        BitcoinTransaction payout = new BitcoinTransaction(2,
                List.of(TxInput.legacy(BitcoinHash.sha256d(("funding " + label).getBytes(StandardCharsets.UTF_8)), 0,
                        new byte[] {0x51}, 0xffffffffL)),
                List.of(new TxOutput(amount, script), new TxOutput(546, new byte[] {0x51})), 0);
        List<Bytes32> txids = List.of(coinbase.txid(), payout.txid());
        List<BlockHeader> headers = new ArrayList<>();
        Bytes32 prev = checkpoint;
        for (int i = 0; i < confirmations; i++) {
            Bytes32 root = i == 0 ? BitcoinMerkle.root(txids)
                    : BitcoinHash.sha256d((label + " header " + i).getBytes(StandardCharsets.UTF_8));
            BlockHeader h = mine(prev, root, blockTime + 600L * i);
            headers.add(h);
            prev = h.hash();
        }
        PaymentProof proof = PaymentProof.build(txids, payout, coinbase, headers, 0, script, 0, 1);
        return new Payout(new HeaderCheckpoint(checkpoint, checkpointHeight, EASY_BITS), proof, payout.txid());
    }

    /** A P2WPKH script (version 0, 20-byte key hash) made from a label: a stand-in for a pool's payout address. */
    public static byte[] p2wpkh(String label) {
        byte[] hash = Bytes32.keccakUtf8(label).value();
        byte[] s = new byte[22];
        s[0] = 0x00;
        s[1] = 0x14;
        System.arraycopy(hash, 0, s, 2, 20);
        return s;
    }

    private static BlockHeader mine(Bytes32 prev, Bytes32 root, long time) {
        BlockHeader h = new BlockHeader(0x20000000, prev, root, time, EASY_BITS, 0);
        BigInteger target = CompactTarget.decode(EASY_BITS);
        for (long nonce = 0; nonce <= 0xffffffffL; nonce++) {
            BlockHeader c = h.withNonce(nonce);
            if (c.hashAsNumber().compareTo(target) <= 0) {
                return c;
            }
        }
        throw new IllegalStateException("no nonce");
    }
}
