package io.hashmix.proofs.spv;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * Test-scope Bitcoin world: a small regtest-style miner, a transaction factory, and block/chain scenarios that
 * tests and the vector generator build and then break. Everything is deterministic (nonces searched from 0).
 */
final class SpvFixtures {

    /** Regtest's easiest target: about one hash in two meets it. */
    static final long EASY_BITS = 0x207fffffL;
    /** About one hash in 256 meets it (a base for 4x retarget tests). */
    static final long MEDIUM_BITS = 0x2000ffffL;
    /** About one hash in 65536 meets it: random changes to a header fail its target with overwhelming odds. */
    static final long HARD_BITS = 0x1f00ffffL;
    /** Regtest's pow limit but with mainnet-style 2016-block retargeting (targets change only at boundaries). */
    static final NetworkParams REGTEST_RETARGET = new NetworkParams("regtest-retarget",
            NetworkParams.REGTEST.powLimit(), 2016, true);

    static final long BASE_TIME = 1_700_000_000L;

    /** The script the payments under test go to (P2WPKH). */
    static final byte[] PAYEE = p2wpkh(0x11);
    /** A P2SH script carrying the same 20 bytes as {@link #PAYEE}: a look-alike that must not count. */
    static final byte[] PAYEE_LOOKALIKE = p2sh(0x11);
    /** Where the coinbase of the standard block pays (P2TR). */
    static final byte[] POOL = p2tr(0x22);

    private SpvFixtures() {
    }

    // ---- scripts ----

    static byte[] fill(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (seed * 31 + i * 7 + 1);
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static byte[] p2pkh(int seed) {
        return concat(new byte[] {0x76, (byte) 0xa9, 0x14}, fill(20, seed), new byte[] {(byte) 0x88, (byte) 0xac});
    }

    static byte[] p2sh(int seed) {
        return concat(new byte[] {(byte) 0xa9, 0x14}, fill(20, seed), new byte[] {(byte) 0x87});
    }

    static byte[] p2wpkh(int seed) {
        return concat(new byte[] {0x00, 0x14}, fill(20, seed));
    }

    static byte[] p2wsh(int seed) {
        return concat(new byte[] {0x00, 0x20}, fill(32, seed));
    }

    static byte[] p2tr(int seed) {
        return concat(new byte[] {0x51, 0x20}, fill(32, seed));
    }

    // ---- transactions ----

    static TxOutput out(long value, byte[] script) {
        return new TxOutput(value, script);
    }

    /** A coinbase with a BIP 34 height push and an extra nonce in its scriptSig. */
    static BitcoinTransaction coinbase(long height, List<TxOutput> outputs) {
        byte[] h = BigInteger.valueOf(height).toByteArray();
        byte[] le = new byte[h.length];
        for (int i = 0; i < h.length; i++) {
            le[i] = h[h.length - 1 - i];
        }
        byte[] scriptSig = concat(new byte[] {(byte) le.length}, le, "/hashmix-test/".getBytes(StandardCharsets.US_ASCII));
        return new BitcoinTransaction(2, List.of(TxInput.legacy(Bytes32.ZERO, 0xffffffffL, scriptSig, 0xffffffffL)),
                outputs, 0);
    }

    /** A one-input spend; with {@code segwit} the input carries a two-item witness and an empty scriptSig. */
    static BitcoinTransaction spend(int seed, boolean segwit, List<TxOutput> outputs) {
        Bytes32 prev = BitcoinHash.sha256d(("prev-" + seed).getBytes(StandardCharsets.US_ASCII));
        TxInput in = segwit
                ? new TxInput(prev, seed % 3, new byte[0], 0xfffffffdL, List.of(fill(71, seed), fill(33, seed + 1)))
                : TxInput.legacy(prev, seed % 3, concat(new byte[] {0x47}, fill(71, seed), new byte[] {0x21},
                        fill(33, seed + 1)), 0xffffffffL);
        return new BitcoinTransaction(2, List.of(in), outputs, 0);
    }

    /** A consensus-shaped 64-byte transaction: empty scriptSig, one output with a 4-byte script. */
    static BitcoinTransaction sixtyFourByteTx() {
        BitcoinTransaction tx = new BitcoinTransaction(2,
                List.of(TxInput.legacy(BitcoinHash.sha256d(new byte[] {1}), 0, new byte[0], 0xffffffffL)),
                List.of(out(1000, new byte[] {0x51, 0x02, 0x4e, 0x73})), 0);
        if (tx.strippedSize() != 64) {
            throw new IllegalStateException("expected 64 bytes, got " + tx.strippedSize());
        }
        return tx;
    }

    // ---- mining ----

    static BlockHeader mine(Bytes32 prev, Bytes32 root, long time, long nBits) {
        BlockHeader h = new BlockHeader(0x20000000, prev, root, time, nBits, 0);
        BigInteger target = CompactTarget.decode(nBits);
        for (long nonce = 0; nonce <= 0xffffffffL; nonce++) {
            BlockHeader c = h.withNonce(nonce);
            if (c.hashAsNumber().compareTo(target) <= 0) {
                return c;
            }
        }
        throw new IllegalStateException("no nonce");
    }

    /** A header whose hash is above its target: the work its nBits claims is missing. */
    static BlockHeader mineAboveTarget(Bytes32 prev, Bytes32 root, long time, long nBits) {
        BlockHeader h = new BlockHeader(0x20000000, prev, root, time, nBits, 0);
        BigInteger target = CompactTarget.decode(nBits);
        for (long nonce = 0;; nonce++) {
            BlockHeader c = h.withNonce(nonce);
            if (c.hashAsNumber().compareTo(target) > 0) {
                return c;
            }
        }
    }

    /** A header with arbitrary nBits, not mined (for targets the verifier refuses before looking at the hash). */
    static BlockHeader unmined(Bytes32 prev, Bytes32 root, long time, long nBits) {
        return new BlockHeader(0x20000000, prev, root, time, nBits, 0);
    }

    static Bytes32 filler(String label, int i) {
        return BitcoinHash.sha256d((label + "-" + i).getBytes(StandardCharsets.US_ASCII));
    }

    /** Mines {@code roots.size()} headers on {@code prev}, one per root, 600 s apart. */
    static List<BlockHeader> chain(Bytes32 prev, List<Bytes32> roots, long nBits, long startTime) {
        List<BlockHeader> out = new ArrayList<>();
        Bytes32 p = prev;
        for (int i = 0; i < roots.size(); i++) {
            BlockHeader h = mine(p, roots.get(i), startTime + 600L * i, nBits);
            out.add(h);
            p = h.hash();
        }
        return out;
    }

    /** Re-mines headers {@code from..} of a chain so that each links to the (possibly changed) header before it. */
    static List<BlockHeader> remineFrom(List<BlockHeader> headers, int from) {
        List<BlockHeader> out = new ArrayList<>(headers.subList(0, from));
        for (int i = from; i < headers.size(); i++) {
            BlockHeader h = headers.get(i);
            Bytes32 prev = i == 0 ? h.prevHash() : out.get(i - 1).hash();
            out.add(mine(prev, h.merkleRoot(), h.time(), h.nBits()));
        }
        return out;
    }

    // ---- blocks and scenarios ----

    /** A block's transactions and txids. */
    record Block(List<BitcoinTransaction> txs, List<Bytes32> txids) {
        Bytes32 root() {
            return BitcoinMerkle.root(txids);
        }

        BitcoinTransaction coinbase() {
            return txs.get(0);
        }
    }

    /**
     * The standard test block: coinbase paying {@link #POOL}, then {@code txCount - 1} spends. Spend 1 is segwit and
     * pays {@link #PAYEE} 30,000 sat; spend 2 pays PAYEE 10,000 + 2,500 sat and the look-alike 99,999 sat; the others
     * pay PAYEE {@code 1000 * i} sat next to change outputs of every script type.
     */
    static Block standardBlock(long height, int txCount) {
        List<BitcoinTransaction> txs = new ArrayList<>();
        txs.add(coinbase(height, List.of(out(312_500_000L, POOL), out(0, new byte[] {0x6a, 0x01, 0x00}))));
        for (int i = 1; i < txCount; i++) {
            List<TxOutput> outs = switch (i) {
                case 1 -> List.of(out(30_000, PAYEE), out(1_234_567, p2tr(i)));
                case 2 -> List.of(out(10_000, PAYEE), out(99_999, PAYEE_LOOKALIKE), out(2_500, PAYEE),
                        out(777, p2wsh(i)));
                default -> List.of(out(500_000L + i, p2pkh(i)), out(1000L * i, PAYEE), out(42, p2sh(i)),
                        out(43, p2wpkh(i + 100)), out(44, p2wsh(i)));
            };
            txs.add(spend(i, i % 2 == 1, outs));
        }
        List<Bytes32> txids = new ArrayList<>();
        txs.forEach(t -> txids.add(t.txid()));
        return new Block(List.copyOf(txs), List.copyOf(txids));
    }

    /** A block built from given transactions. */
    static Block block(List<BitcoinTransaction> txs) {
        List<Bytes32> txids = new ArrayList<>();
        txs.forEach(t -> txids.add(t.txid()));
        return new Block(List.copyOf(txs), List.copyOf(txids));
    }

    /**
     * A chain anchored at a checkpoint, with {@code before} filler headers, the block's header, then {@code after}
     * filler headers.
     */
    record Scenario(NetworkParams network, HeaderCheckpoint checkpoint, Block block, List<BlockHeader> headers,
            int headerIndex) {

        PaymentProof proof(int txIndex, byte[] script, long minAmount, int confirmations) {
            return PaymentProof.build(block.txids(), block.txs().get(txIndex), block.coinbase(), headers, headerIndex,
                    script, minAmount, confirmations);
        }

        SpvResult verify(PaymentProof proof) {
            return SpvVerifier.verify(proof, checkpoint, network);
        }
    }

    static Scenario scenario(String label, NetworkParams network, long checkpointHeight, long nBits, Block block,
            int before, int after) {
        Bytes32 cp = filler(label + "-checkpoint", 0);
        List<Bytes32> roots = new ArrayList<>();
        for (int i = 0; i < before; i++) {
            roots.add(filler(label + "-root", i));
        }
        roots.add(block.root());
        for (int i = 0; i < after; i++) {
            roots.add(filler(label + "-root", before + 1 + i));
        }
        List<BlockHeader> headers = chain(cp, roots, nBits, BASE_TIME + 600);
        return new Scenario(network, new HeaderCheckpoint(cp, checkpointHeight, nBits), block, headers, before);
    }

    /** The default scenario: regtest, 5-transaction block, included at the first of 6 headers. */
    static Scenario standard() {
        return scenario("standard", NetworkParams.REGTEST, 1000, EASY_BITS, standardBlock(1001, 5), 0, 5);
    }

    // ---- proof mutators ----

    static PaymentProof withTx(PaymentProof p, byte[] tx, long txIndex, List<Bytes32> branch) {
        return new PaymentProof(tx, txIndex, branch, p.coinbaseTransaction(), p.coinbaseBranch(), p.headers(),
                p.headerIndex(), p.outputScript(), p.minAmount(), p.requiredConfirmations());
    }

    static PaymentProof withIndex(PaymentProof p, long txIndex) {
        return withTx(p, p.transaction(), txIndex, p.merkleBranch());
    }

    static PaymentProof withBranch(PaymentProof p, List<Bytes32> branch) {
        return withTx(p, p.transaction(), p.txIndex(), branch);
    }

    static PaymentProof withCoinbase(PaymentProof p, byte[] coinbase, List<Bytes32> coinbaseBranch) {
        return new PaymentProof(p.transaction(), p.txIndex(), p.merkleBranch(), coinbase, coinbaseBranch, p.headers(),
                p.headerIndex(), p.outputScript(), p.minAmount(), p.requiredConfirmations());
    }

    static PaymentProof withHeaders(PaymentProof p, List<BlockHeader> headers, int headerIndex) {
        return new PaymentProof(p.transaction(), p.txIndex(), p.merkleBranch(), p.coinbaseTransaction(),
                p.coinbaseBranch(), headers, headerIndex, p.outputScript(), p.minAmount(), p.requiredConfirmations());
    }

    static PaymentProof withClaim(PaymentProof p, byte[] script, long minAmount, int confirmations) {
        return new PaymentProof(p.transaction(), p.txIndex(), p.merkleBranch(), p.coinbaseTransaction(),
                p.coinbaseBranch(), p.headers(), p.headerIndex(), script, minAmount, confirmations);
    }

    static List<Bytes32> replace(List<Bytes32> list, int index, Bytes32 value) {
        List<Bytes32> out = new ArrayList<>(list);
        out.set(index, value);
        return out;
    }

    static List<BlockHeader> replaceHeader(List<BlockHeader> list, int index, BlockHeader value) {
        List<BlockHeader> out = new ArrayList<>(list);
        out.set(index, value);
        return out;
    }

    static Bytes32 flipBit(Bytes32 v, int bit) {
        byte[] b = v.value();
        b[bit / 8] ^= (byte) (1 << (bit % 8));
        return new Bytes32(b);
    }
}
