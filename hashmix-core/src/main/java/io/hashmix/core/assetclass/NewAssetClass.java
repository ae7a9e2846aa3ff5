package io.hashmix.core.assetclass;

import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;

/**
 * What to register. Checked against the registry's rules here, so bad input fails before a
 * transaction is built; the contract checks again (and whether the payout token is a contract).
 *
 * @param symbol       1-32 characters of {@code A-Z 0-9 -}, not starting or ending with {@code -}
 * @param unitName     1-16 printable ASCII characters without spaces, e.g. {@code TH/s}
 * @param unitDecimals 0 to 18
 * @param payoutToken  the ERC-20 revenue is paid in
 */
public record NewAssetClass(String symbol, String unitName, int unitDecimals, EvmAddress payoutToken) {

    /** Largest unit name length in bytes. */
    public static final int MAX_UNIT_NAME_LENGTH = 16;

    /** Largest number of unit decimals. */
    public static final int MAX_UNIT_DECIMALS = 18;

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException naming the broken rule
     */
    public NewAssetClass {
        AssetClassId.validateSymbol(symbol);
        Objects.requireNonNull(unitName, "unitName");
        if (unitName.isEmpty() || unitName.length() > MAX_UNIT_NAME_LENGTH) {
            throw new IllegalArgumentException("unit name must be 1 to " + MAX_UNIT_NAME_LENGTH + " characters: '" + unitName + "'");
        }
        for (int i = 0; i < unitName.length(); i++) {
            char c = unitName.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("unit name may hold only printable ASCII without spaces: '" + unitName + "'");
            }
        }
        if (unitDecimals < 0 || unitDecimals > MAX_UNIT_DECIMALS) {
            throw new IllegalArgumentException("unit decimals must be 0 to " + MAX_UNIT_DECIMALS + ", got " + unitDecimals);
        }
        Objects.requireNonNull(payoutToken, "payoutToken");
        if (payoutToken.isZero()) {
            throw new IllegalArgumentException("payout token must not be the zero address");
        }
    }

    /** The id the registry will assign. */
    public AssetClassId id() {
        return AssetClassId.ofSymbol(symbol);
    }
}
