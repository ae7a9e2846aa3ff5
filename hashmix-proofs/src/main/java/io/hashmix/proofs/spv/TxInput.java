package io.hashmix.proofs.spv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * A transaction input.
 *
 * @param prevTxid txid of the spent transaction, internal order ({@link Bytes32#ZERO} for a coinbase)
 * @param prevIndex index of the spent output (uint32; {@code 0xffffffff} for a coinbase)
 * @param scriptSig the unlocking script (copied in and out)
 * @param sequence the sequence number (uint32)
 * @param witness the witness stack, empty for a legacy input (items copied in and out)
 */
public record TxInput(Bytes32 prevTxid, long prevIndex, byte[] scriptSig, long sequence, List<byte[]> witness) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a field is null or a uint32 is out of range
     */
    public TxInput {
        if (prevTxid == null || scriptSig == null || witness == null) {
            throw new IllegalArgumentException("input fields must not be null");
        }
        if (prevIndex < 0 || prevIndex > 0xffffffffL || sequence < 0 || sequence > 0xffffffffL) {
            throw new IllegalArgumentException("input prevIndex and sequence are uint32");
        }
        scriptSig = scriptSig.clone();
        List<byte[]> items = new ArrayList<>(witness.size());
        for (byte[] item : witness) {
            if (item == null) {
                throw new IllegalArgumentException("witness item must not be null");
            }
            items.add(item.clone());
        }
        witness = Collections.unmodifiableList(items);
    }

    /**
     * A legacy (non-witness) input.
     *
     * @param prevTxid spent txid, internal order
     * @param prevIndex spent output index
     * @param scriptSig unlocking script
     * @param sequence sequence number
     * @return the input
     */
    public static TxInput legacy(Bytes32 prevTxid, long prevIndex, byte[] scriptSig, long sequence) {
        return new TxInput(prevTxid, prevIndex, scriptSig, sequence, List.of());
    }

    /** The scriptSig, a fresh copy. */
    @Override
    public byte[] scriptSig() {
        return scriptSig.clone();
    }

    /** The witness items, fresh copies. */
    @Override
    public List<byte[]> witness() {
        List<byte[]> out = new ArrayList<>(witness.size());
        witness.forEach(w -> out.add(w.clone()));
        return out;
    }

    int witnessCount() {
        return witness.size();
    }

    List<byte[]> witnessView() {
        return witness;
    }

    byte[] scriptSigView() {
        return scriptSig;
    }

    /** Whether this is a coinbase input: null outpoint (zero txid, index {@code 0xffffffff}). */
    public boolean isNullOutpoint() {
        return prevTxid.isZero() && prevIndex == 0xffffffffL;
    }

    /** This input without its witness. */
    public TxInput withoutWitness() {
        return new TxInput(prevTxid, prevIndex, scriptSig, sequence, List.of());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TxInput other) || prevIndex != other.prevIndex || sequence != other.sequence
                || !prevTxid.equals(other.prevTxid) || !Arrays.equals(scriptSig, other.scriptSig)
                || witness.size() != other.witness.size()) {
            return false;
        }
        for (int i = 0; i < witness.size(); i++) {
            if (!Arrays.equals(witness.get(i), other.witness.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = prevTxid.hashCode() * 31 + Long.hashCode(prevIndex);
        h = h * 31 + Arrays.hashCode(scriptSig);
        h = h * 31 + Long.hashCode(sequence);
        for (byte[] w : witness) {
            h = h * 31 + Arrays.hashCode(w);
        }
        return h;
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "TxInput[prev=" + BitcoinHash.toDisplayHex(prevTxid) + ":" + prevIndex + ", scriptSig="
                + hex.formatHex(scriptSig) + ", sequence=" + sequence + ", witnessItems=" + witness.size() + "]";
    }
}
