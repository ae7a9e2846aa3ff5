package io.hashmix.proofs.spv;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * A Bitcoin transaction, parsed from (or serialized to) its wire form.
 *
 * <p>Two serializations exist: the legacy one, {@code version | inputs | outputs | lockTime}, and the segwit
 * one (BIP 144), {@code version | 0x00 0x01 | inputs | outputs | witnesses | lockTime}. The {@linkplain #txid txid}
 * is {@code sha256d} of the legacy ("stripped") serialization, so a witness never changes it; the
 * {@linkplain #wtxid wtxid} hashes the full serialization.
 *
 * <p>{@link #parse} is strict, like Bitcoin Core's deserializer plus {@code CheckTransaction}'s structural rules:
 * canonical varints, counts bounded by the bytes that remain, at least one input and one output, every output value
 * and their sum within 21 million BTC, a segwit flag of exactly {@code 0x01} with at least one non-empty witness,
 * and no trailing bytes.
 *
 * @param version transaction version (signed 32-bit)
 * @param inputs the inputs, at least one (copied into an unmodifiable list)
 * @param outputs the outputs, at least one (copied into an unmodifiable list)
 * @param lockTime the lock time (uint32)
 */
public record BitcoinTransaction(int version, List<TxInput> inputs, List<TxOutput> outputs, long lockTime) {

    /** 21 million BTC in satoshis, Core's {@code MAX_MONEY}. */
    public static final long MAX_MONEY = 21_000_000L * 100_000_000L;

    /**
     * Validates and copies.
     *
     * @throws BitcoinFormatException if there is no input or no output, or the outputs sum above {@link #MAX_MONEY}
     * @throws IllegalArgumentException if a list or element is null or {@code lockTime} is not a uint32
     */
    public BitcoinTransaction {
        if (inputs == null || outputs == null || Checks.hasNull(inputs) || Checks.hasNull(outputs)) {
            throw new IllegalArgumentException("transaction inputs and outputs must not be null");
        }
        if (inputs.isEmpty()) {
            throw new BitcoinFormatException("a transaction needs at least one input");
        }
        if (outputs.isEmpty()) {
            throw new BitcoinFormatException("a transaction needs at least one output");
        }
        if (lockTime < 0 || lockTime > 0xffffffffL) {
            throw new IllegalArgumentException("lockTime must be a uint32, got " + lockTime);
        }
        long total = 0;
        for (TxOutput o : outputs) {
            total += o.value();
            if (total > MAX_MONEY) {
                throw new BitcoinFormatException("outputs sum above 21e14 satoshis");
            }
        }
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * Parses a transaction in either serialization.
     *
     * @param raw the wire bytes (not modified)
     * @return the transaction
     * @throws BitcoinFormatException if the bytes are not exactly one well-formed transaction
     */
    public static BitcoinTransaction parse(byte[] raw) {
        return parse(raw, true);
    }

    /**
     * Parses a transaction that must be in the legacy (non-witness) serialization: the exact bytes its txid
     * hashes. This is the form a {@link PaymentProof} carries.
     *
     * @param raw the wire bytes (not modified)
     * @return the transaction
     * @throws BitcoinFormatException if the bytes are not one well-formed transaction, or use the segwit serialization
     */
    public static BitcoinTransaction parseStripped(byte[] raw) {
        return parse(raw, false);
    }

    private static BitcoinTransaction parse(byte[] raw, boolean allowWitness) {
        if (raw == null) {
            throw new BitcoinFormatException("transaction bytes must not be null");
        }
        ByteReader r = new ByteReader(raw, "transaction");
        int version = (int) r.u32("version");
        boolean segwit = false;
        if (r.peek(0) == 0x00) {
            if (!allowWitness) {
                throw new BitcoinFormatException("transaction uses the segwit serialization (or has no input); "
                        + "a proof carries the stripped serialization that the txid hashes");
            }
            if (r.peek(1) != 0x01) {
                throw new BitcoinFormatException("transaction has no input, or a segwit flag other than 0x01");
            }
            r.u8("marker");
            r.u8("flag");
            segwit = true;
        }
        int inCount = r.length("input count", 41);
        if (inCount == 0) {
            throw new BitcoinFormatException("a transaction needs at least one input");
        }
        List<Bytes32> prevTxids = new ArrayList<>(inCount);
        long[] prevIndexes = new long[inCount];
        List<byte[]> scriptSigs = new ArrayList<>(inCount);
        long[] sequences = new long[inCount];
        for (int i = 0; i < inCount; i++) {
            prevTxids.add(r.hash("input " + i + " prevTxid"));
            prevIndexes[i] = r.u32("input " + i + " prevIndex");
            scriptSigs.add(r.bytes(r.length("input " + i + " scriptSig length", 1), "input " + i + " scriptSig"));
            sequences[i] = r.u32("input " + i + " sequence");
        }
        int outCount = r.length("output count", 9);
        if (outCount == 0) {
            throw new BitcoinFormatException("a transaction needs at least one output");
        }
        List<TxOutput> outputs = new ArrayList<>(outCount);
        for (int i = 0; i < outCount; i++) {
            long value = r.i64("output " + i + " value");
            if (value < 0 || value > MAX_MONEY) {
                throw new BitcoinFormatException("output " + i + " value " + value + " is outside 0 .. 21e14 satoshis");
            }
            byte[] script = r.bytes(r.length("output " + i + " script length", 1), "output " + i + " script");
            outputs.add(new TxOutput(value, script));
        }
        List<List<byte[]>> witnesses = new ArrayList<>(inCount);
        boolean anyWitness = false;
        for (int i = 0; i < inCount; i++) {
            List<byte[]> items = new ArrayList<>();
            if (segwit) {
                int n = r.length("input " + i + " witness item count", 1);
                for (int k = 0; k < n; k++) {
                    items.add(r.bytes(r.length("input " + i + " witness item " + k + " length", 1),
                            "input " + i + " witness item " + k));
                }
                anyWitness |= n > 0;
            }
            witnesses.add(items);
        }
        if (segwit && !anyWitness) {
            throw new BitcoinFormatException("segwit serialization with only empty witnesses (superfluous witness record)");
        }
        long lockTime = r.u32("lockTime");
        r.requireEnd();
        List<TxInput> inputs = new ArrayList<>(inCount);
        for (int i = 0; i < inCount; i++) {
            inputs.add(new TxInput(prevTxids.get(i), prevIndexes[i], scriptSigs.get(i), sequences[i], witnesses.get(i)));
        }
        return new BitcoinTransaction(version, inputs, outputs, lockTime);
    }

    /** Whether any input carries a witness (then {@link #serialize} uses the segwit form). */
    public boolean hasWitness() {
        for (TxInput in : inputs) {
            if (in.witnessCount() > 0) {
                return true;
            }
        }
        return false;
    }

    /** The wire bytes: segwit serialization if any input has a witness, else legacy. */
    public byte[] serialize() {
        return serialize(hasWitness());
    }

    /** The legacy (stripped) serialization, the bytes the txid hashes. */
    public byte[] serializeWithoutWitness() {
        return serialize(false);
    }

    private byte[] serialize(boolean withWitness) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 150 * inputs.size() + 40 * outputs.size());
        u32(out, version & 0xffffffffL);
        if (withWitness) {
            out.write(0x00);
            out.write(0x01);
        }
        out.writeBytes(VarInt.encode(inputs.size()));
        for (TxInput in : inputs) {
            out.writeBytes(in.prevTxid().value());
            u32(out, in.prevIndex());
            byte[] s = in.scriptSigView();
            out.writeBytes(VarInt.encode(s.length));
            out.writeBytes(s);
            u32(out, in.sequence());
        }
        out.writeBytes(VarInt.encode(outputs.size()));
        for (TxOutput o : outputs) {
            for (int i = 0; i < 8; i++) {
                out.write((int) (o.value() >>> (8 * i)));
            }
            byte[] s = o.script();
            out.writeBytes(VarInt.encode(s.length));
            out.writeBytes(s);
        }
        if (withWitness) {
            for (TxInput in : inputs) {
                out.writeBytes(VarInt.encode(in.witnessCount()));
                for (byte[] item : in.witnessView()) {
                    out.writeBytes(VarInt.encode(item.length));
                    out.writeBytes(item);
                }
            }
        }
        u32(out, lockTime);
        return out.toByteArray();
    }

    private static void u32(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    /** The txid: {@code sha256d} of the stripped serialization, internal order. */
    public Bytes32 txid() {
        return BitcoinHash.sha256d(serializeWithoutWitness());
    }

    /** {@code sha256d} of the full serialization (equals {@link #txid} without witness), internal order. */
    public Bytes32 wtxid() {
        return BitcoinHash.sha256d(serialize());
    }

    /** Size in bytes of the stripped serialization. */
    public int strippedSize() {
        return serializeWithoutWitness().length;
    }

    /** This transaction with every witness removed (same txid). */
    public BitcoinTransaction withoutWitness() {
        List<TxInput> stripped = new ArrayList<>(inputs.size());
        inputs.forEach(in -> stripped.add(in.withoutWitness()));
        return new BitcoinTransaction(version, stripped, outputs, lockTime);
    }

    /**
     * Whether this is a coinbase: exactly one input, spending the null outpoint (zero txid, index
     * {@code 0xffffffff}), with a scriptSig of 2 to 100 bytes (Core's {@code IsCoinBase} and {@code CheckTransaction}).
     */
    public boolean isCoinbase() {
        if (inputs.size() != 1 || !inputs.get(0).isNullOutpoint()) {
            return false;
        }
        int n = inputs.get(0).scriptSigView().length;
        return n >= 2 && n <= 100;
    }

    /** Whether any input spends the null outpoint (a coinbase-shaped input). */
    public boolean hasNullOutpoint() {
        for (TxInput in : inputs) {
            if (in.isNullOutpoint()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sum of the values of the outputs whose script equals {@code script} byte for byte. Outputs paying any
     * other script, including another encoding of the same key or address, count for nothing.
     *
     * @param script the expected scriptPubKey
     * @return satoshis paid to it (0 if no output matches); at most {@link #MAX_MONEY}
     * @throws IllegalArgumentException if {@code script} is null
     */
    public long amountPaidTo(byte[] script) {
        if (script == null) {
            throw new IllegalArgumentException("script must not be null");
        }
        long sum = 0;
        for (TxOutput o : outputs) {
            if (o.pays(script)) {
                sum += o.value();
            }
        }
        return sum;
    }

    /**
     * Whether at least one output pays exactly {@code script}.
     *
     * @param script the expected scriptPubKey
     * @return true if one does
     */
    public boolean paysScript(byte[] script) {
        for (TxOutput o : outputs) {
            if (o.pays(script)) {
                return true;
            }
        }
        return false;
    }
}
