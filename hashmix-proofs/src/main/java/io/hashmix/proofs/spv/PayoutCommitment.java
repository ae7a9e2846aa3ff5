package io.hashmix.proofs.spv;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.attestation.CommitteeMessage;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * The committee's commitment of a Bitcoin product's payout scripts: the EIP-712 struct {@value #TYPE_STRING} that
 * {@code BitcoinEvidence.submitCommitment} takes with M-of-N signatures of the product's asset class committee (sign
 * it in the domain of the {@code BitcoinEvidence} contract; see {@link PayoutCommitmentBundle}).
 *
 * <p>Once recorded, payout proofs of the product's reports must pay one of {@code payoutScripts}; with
 * {@code spvRequired}, its reports are accepted only with such proofs. A later commitment with a higher
 * {@code version} replaces it; no later commitment can drop {@code spvRequired}.
 *
 * <p>{@code bytes[]} is encoded as EIP-712 says: {@code keccak256} of the concatenated {@code keccak256} of each
 * element. Scripts are copied in and out.
 *
 * @param productId      the product
 * @param payoutScripts  the scriptPubKeys its pool pays to: 1 .. {@value #MAX_SCRIPTS}, distinct, each 1 ..
 *                       {@value #MAX_SCRIPT_SIZE} bytes
 * @param spvRequired    whether its reports need SPV evidence
 * @param version        at least 1, above the product's current commitment's ({@code uint64}, unsigned)
 * @param nonce          consumed once ({@code uint256})
 * @param deadline       last second the contract accepts it ({@code uint64}, unsigned, non-zero)
 * @param committeeEpoch the committee epoch of the signatures ({@code uint64}, unsigned)
 */
public record PayoutCommitment(ProductId productId, List<byte[]> payoutScripts, boolean spvRequired, long version,
                               BigInteger nonce, long deadline, long committeeEpoch) implements CommitteeMessage {

    /** The exact EIP-712 type string shared with {@code BitcoinEvidence}. Do not change. */
    public static final String TYPE_STRING = "PayoutCommitment(uint256 productId,bytes[] payoutScripts,bool spvRequired,"
            + "uint64 version,uint256 nonce,uint64 deadline,uint64 committeeEpoch)";

    /** {@code keccak256(TYPE_STRING)}. */
    public static final Bytes32 TYPE_HASH = Bytes32.keccakUtf8(TYPE_STRING);

    /** Most scripts per commitment. */
    public static final int MAX_SCRIPTS = 8;

    /** Longest script (Core's {@code MAX_SCRIPT_SIZE}). */
    public static final int MAX_SCRIPT_SIZE = 10_000;

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException for a null field, a script list the contract refuses (empty, too long, an
     *         empty, oversized or repeated script), version 0, a nonce outside uint256 or a zero deadline
     */
    public PayoutCommitment {
        if (productId == null || payoutScripts == null || nonce == null) {
            throw new IllegalArgumentException("payout commitment fields must not be null");
        }
        if (payoutScripts.isEmpty() || payoutScripts.size() > MAX_SCRIPTS) {
            throw new IllegalArgumentException("a payout commitment names 1.." + MAX_SCRIPTS + " scripts, got "
                    + payoutScripts.size());
        }
        List<byte[]> copies = new ArrayList<>(payoutScripts.size());
        for (byte[] s : payoutScripts) {
            if (s == null || s.length == 0 || s.length > MAX_SCRIPT_SIZE) {
                throw new IllegalArgumentException("a payout script is 1.." + MAX_SCRIPT_SIZE + " bytes, got "
                        + (s == null ? "null" : s.length));
            }
            for (byte[] earlier : copies) {
                if (Arrays.equals(earlier, s)) {
                    throw new IllegalArgumentException("payout script " + HexFormat.of().formatHex(s) + " is named twice");
                }
            }
            copies.add(s.clone());
        }
        payoutScripts = List.copyOf(copies);
        if (version == 0) {
            throw new IllegalArgumentException("a payout commitment's version starts at 1");
        }
        AbiWords.checkUint256(nonce, "payout commitment field 'nonce'");
        if (deadline == 0) {
            throw new IllegalArgumentException("payout commitment field 'deadline' must be set (a non-zero unix second)");
        }
    }

    /** The scripts, fresh copies. */
    @Override
    public List<byte[]> payoutScripts() {
        return payoutScripts.stream().map(byte[]::clone).toList();
    }

    /** {@code keccak256} of each script, in order (what the contract stores and compares a proof's script with). */
    public List<Bytes32> scriptHashes() {
        return payoutScripts.stream().map(Bytes32::keccak).toList();
    }

    /** Whether {@code script} is one of the committed scripts. */
    public boolean commits(byte[] script) {
        return script != null && payoutScripts.stream().anyMatch(s -> Arrays.equals(s, script));
    }

    /** {@inheritDoc} */
    @Override
    public String typeString() {
        return TYPE_STRING;
    }

    /** {@inheritDoc} */
    @Override
    public Bytes32 typeHash() {
        return TYPE_HASH;
    }

    /**
     * {@code keccak256(abi.encode(TYPE_HASH, productId, keccak256(keccak256(s_0) || ... ), spvRequired, version, nonce,
     * deadline, committeeEpoch))}.
     *
     * @return the struct hash (independent of the domain)
     */
    @Override
    public Bytes32 structHash() {
        ByteArrayOutputStream hashes = new ByteArrayOutputStream(32 * payoutScripts.size());
        for (byte[] s : payoutScripts) {
            hashes.writeBytes(Bytes32.keccak(s).value());
        }
        return AbiWords.of(8)
                .bytes32(TYPE_HASH)
                .uint256(productId.value())
                .bytes32(Bytes32.keccak(hashes.toByteArray()))
                .bool(spvRequired)
                .uint64(version)
                .uint256(nonce)
                .uint64(deadline)
                .uint64(committeeEpoch)
                .keccak();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PayoutCommitment c) || payoutScripts.size() != c.payoutScripts.size()) {
            return false;
        }
        for (int i = 0; i < payoutScripts.size(); i++) {
            if (!Arrays.equals(payoutScripts.get(i), c.payoutScripts.get(i))) {
                return false;
            }
        }
        return productId.equals(c.productId) && spvRequired == c.spvRequired && version == c.version
                && nonce.equals(c.nonce) && deadline == c.deadline && committeeEpoch == c.committeeEpoch;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(productId, spvRequired, version, nonce, deadline, committeeEpoch);
        for (byte[] s : payoutScripts) {
            h = 31 * h + Arrays.hashCode(s);
        }
        return h;
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "PayoutCommitment[productId=" + productId + ", payoutScripts=" + payoutScripts.stream().map(hex::formatHex)
                .toList() + ", spvRequired=" + spvRequired + ", version=" + Long.toUnsignedString(version) + ", nonce="
                + nonce + ", deadline=" + Long.toUnsignedString(deadline) + ", committeeEpoch="
                + Long.toUnsignedString(committeeEpoch) + "]";
    }
}
