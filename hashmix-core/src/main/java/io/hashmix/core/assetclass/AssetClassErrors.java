package io.hashmix.core.assetclass;

import io.hashmix.core.errors.RevertDecoder;

/** Maps the registry's custom errors to their typed exceptions. */
public final class AssetClassErrors {

    private AssetClassErrors() {
    }

    /** Registers every typed exception of this domain with a decoder builder. */
    public static void register(RevertDecoder.Builder decoder) {
        decoder.map("UnknownAssetClass(bytes32)", UnknownAssetClassException::new)
                .map("AssetClassAlreadyRegistered(bytes32)", AssetClassAlreadyRegisteredException::new)
                .map("InvalidSymbol(string)", InvalidAssetClassParameterException::new)
                .map("InvalidUnitName(string)", InvalidAssetClassParameterException::new)
                .map("InvalidUnitDecimals(uint8)", InvalidAssetClassParameterException::new)
                .map("InvalidPayoutToken(address)", InvalidAssetClassParameterException::new)
                .map("AssetClassStatusUnchanged(bytes32,bool)", AssetClassStatusUnchangedException::new)
                .map("NoPendingPayoutTokenChange(bytes32)", NoPendingPayoutTokenChangeException::new)
                .map("PayoutTokenChangeNotReady(bytes32,uint64)", PayoutTokenChangeNotReadyException::new);
    }
}
