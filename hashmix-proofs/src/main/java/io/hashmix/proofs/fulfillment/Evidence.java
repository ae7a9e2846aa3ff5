package io.hashmix.proofs.fulfillment;

import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.spv.BitcoinHash;

/**
 * The {@code evidence} values of fulfillment reports. For Bitcoin it is the payout transaction's txid in
 * <em>internal</em> byte order (the order {@code BtcSpvVerifier} computes, so
 * {@code submitReportWithPayment} can compare it with a proven payment); block explorers and RPC print txids
 * reversed ("display" order), hence {@link #bitcoinTxid} and {@link #bitcoinTxidDisplayHex}. For Filecoin it
 * is {@code keccak256} of the binary CID of the payout message.
 */
public final class Evidence {

    private Evidence() {
    }

    /**
     * A Bitcoin txid as printed by explorers and {@code bitcoind} (display order) in internal order.
     *
     * @param displayHex 64 hex digits, no {@code 0x}, either case
     * @return the txid in internal order
     * @throws IllegalArgumentException if the text is not 64 hex digits
     */
    public static Bytes32 bitcoinTxid(String displayHex) {
        return BitcoinHash.fromDisplayHex(displayHex);
    }

    /**
     * A Bitcoin txid evidence value printed as explorers show it.
     *
     * @param evidence the txid in internal order
     * @return 64 lowercase hex digits in display order, no prefix
     */
    public static String bitcoinTxidDisplayHex(Bytes32 evidence) {
        if (evidence == null) {
            throw new IllegalArgumentException("evidence must not be null");
        }
        return BitcoinHash.toDisplayHex(evidence);
    }

    /**
     * The evidence of a Filecoin payout message: {@code keccak256} of its CID in binary form (the multibase-decoded
     * bytes: version, codec, multihash).
     *
     * @param cidBytes the CID's bytes
     * @return {@code keccak256(cidBytes)}
     * @throws IllegalArgumentException if the bytes are null or empty
     */
    public static Bytes32 filecoinMessage(byte[] cidBytes) {
        if (cidBytes == null || cidBytes.length == 0) {
            throw new IllegalArgumentException("a Filecoin CID must not be empty");
        }
        return Bytes32.keccak(cidBytes);
    }
}
