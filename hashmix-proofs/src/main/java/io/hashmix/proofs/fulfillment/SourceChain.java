package io.hashmix.proofs.fulfillment;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * The {@code sourceChain} values of fulfillment reports: {@code keccak256(bytes(caip2))} of the CAIP-2 chain id
 * of the chain the hash power worked on ({@code bip122:<genesis hash prefix>} for Bitcoin networks,
 * {@code fil:f} / {@code fil:t} for Filecoin).
 */
public final class SourceChain {

    /** CAIP-2 id of Bitcoin main net (its genesis block hash, first 16 bytes in display order). */
    public static final String BITCOIN_MAINNET_CAIP2 = "bip122:000000000019d6689c085ae165831e93";
    /** CAIP-2 id of Bitcoin regtest. */
    public static final String BITCOIN_REGTEST_CAIP2 = "bip122:0f9188f13cb7b2c71f2a335e3a4fc328";
    /** CAIP-2 id of Filecoin main net. */
    public static final String FILECOIN_MAINNET_CAIP2 = "fil:f";
    /** CAIP-2 id of Filecoin's calibration test net. */
    public static final String FILECOIN_CALIBRATION_CAIP2 = "fil:t";

    /** {@code keccak256("bip122:000000000019d6689c085ae165831e93")}: Bitcoin main net. */
    public static final Bytes32 BITCOIN_MAINNET = Bytes32.keccakUtf8(BITCOIN_MAINNET_CAIP2);
    /** {@code keccak256("bip122:0f9188f13cb7b2c71f2a335e3a4fc328")}: Bitcoin regtest. */
    public static final Bytes32 BITCOIN_REGTEST = Bytes32.keccakUtf8(BITCOIN_REGTEST_CAIP2);
    /** {@code keccak256("fil:f")}: Filecoin main net. */
    public static final Bytes32 FILECOIN_MAINNET = Bytes32.keccakUtf8(FILECOIN_MAINNET_CAIP2);
    /** {@code keccak256("fil:t")}: Filecoin calibration net. */
    public static final Bytes32 FILECOIN_CALIBRATION = Bytes32.keccakUtf8(FILECOIN_CALIBRATION_CAIP2);

    /** CAIP-2 syntax: {@code namespace:reference}. */
    private static final Pattern CAIP2 = Pattern.compile("[-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32}");

    private static final Map<Bytes32, String> KNOWN = Map.of(
            BITCOIN_MAINNET, BITCOIN_MAINNET_CAIP2,
            BITCOIN_REGTEST, BITCOIN_REGTEST_CAIP2,
            FILECOIN_MAINNET, FILECOIN_MAINNET_CAIP2,
            FILECOIN_CALIBRATION, FILECOIN_CALIBRATION_CAIP2);

    private SourceChain() {
    }

    /**
     * The {@code sourceChain} value of a CAIP-2 chain id.
     *
     * @param caip2 e.g. {@code bip122:000000000019d6689c085ae165831e93}
     * @return {@code keccak256(bytes(caip2))}
     * @throws IllegalArgumentException if the text is not CAIP-2 ({@code namespace:reference})
     */
    public static Bytes32 of(String caip2) {
        if (caip2 == null || !CAIP2.matcher(caip2).matches()) {
            throw new IllegalArgumentException("not a CAIP-2 chain id (namespace:reference, e.g. 'fil:f'): '" + caip2 + "'");
        }
        return Bytes32.keccakUtf8(caip2);
    }

    /**
     * The CAIP-2 id of one of the known source chains (the constants of this class).
     *
     * @param sourceChain a {@code sourceChain} value
     * @return its CAIP-2 id, or empty if it is not one of the constants
     */
    public static Optional<String> caip2Of(Bytes32 sourceChain) {
        return Optional.ofNullable(sourceChain == null ? null : KNOWN.get(sourceChain));
    }
}
