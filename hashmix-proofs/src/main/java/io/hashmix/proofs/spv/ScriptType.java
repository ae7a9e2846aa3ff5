package io.hashmix.proofs.spv;

/**
 * The standard output script templates, recognised byte for byte (no other encoding of the same
 * template matches).
 */
public enum ScriptType {
    /** Pay to public key: {@code <33 or 65-byte key> OP_CHECKSIG} (early blocks, e.g. the genesis coinbase). */
    P2PK,
    /** Pay to public key hash: {@code OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG} (25 bytes). */
    P2PKH,
    /** Pay to script hash: {@code OP_HASH160 <20> OP_EQUAL} (23 bytes). */
    P2SH,
    /** Segwit v0 key hash: {@code OP_0 <20>} (22 bytes). */
    P2WPKH,
    /** Segwit v0 script hash: {@code OP_0 <32>} (34 bytes). */
    P2WSH,
    /** Taproot, segwit v1: {@code OP_1 <32>} (34 bytes). */
    P2TR,
    /** Anything else (OP_RETURN, bare multisig, future witness versions, non-standard scripts). */
    OTHER;

    /**
     * Classifies an output script.
     *
     * @param script the scriptPubKey (not modified)
     * @return its template, {@link #OTHER} if none matches
     * @throws IllegalArgumentException if {@code script} is null
     */
    public static ScriptType classify(byte[] script) {
        if (script == null) {
            throw new IllegalArgumentException("script must not be null");
        }
        int n = script.length;
        if (n == 25 && b(script, 0) == 0x76 && b(script, 1) == 0xa9 && b(script, 2) == 0x14
                && b(script, 23) == 0x88 && b(script, 24) == 0xac) {
            return P2PKH;
        }
        if (n == 23 && b(script, 0) == 0xa9 && b(script, 1) == 0x14 && b(script, 22) == 0x87) {
            return P2SH;
        }
        if (n == 22 && b(script, 0) == 0x00 && b(script, 1) == 0x14) {
            return P2WPKH;
        }
        if (n == 34 && b(script, 0) == 0x00 && b(script, 1) == 0x20) {
            return P2WSH;
        }
        if (n == 34 && b(script, 0) == 0x51 && b(script, 1) == 0x20) {
            return P2TR;
        }
        if ((n == 35 && b(script, 0) == 0x21 || n == 67 && b(script, 0) == 0x41) && b(script, n - 1) == 0xac) {
            return P2PK;
        }
        return OTHER;
    }

    private static int b(byte[] s, int i) {
        return s[i] & 0xff;
    }
}
