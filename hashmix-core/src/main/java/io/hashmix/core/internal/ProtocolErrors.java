package io.hashmix.core.internal;

import io.hashmix.contracts.abi.AbiErrorCatalog;
import io.hashmix.core.assetclass.AssetClassErrors;
import io.hashmix.core.committee.CommitteeErrors;
import io.hashmix.core.errors.CommonErrors;
import io.hashmix.core.errors.RevertDecoder;
import io.hashmix.core.fulfillment.FulfillmentErrors;
import io.hashmix.core.market.MarketErrors;
import io.hashmix.core.tokenization.TokenizationErrors;

/**
 * The one place that assembles the SDK's revert decoder: every protocol contract's errors, the
 * shared ones ({@link CommonErrors}) and each domain's typed exceptions. Internal to the SDK.
 */
public final class ProtocolErrors {

    private ProtocolErrors() {
    }

    /** A builder with every protocol error mapped (callers may add mappings before building). */
    public static RevertDecoder.Builder builder() {
        RevertDecoder.Builder decoder = RevertDecoder.builder(AbiErrorCatalog.ofProtocol());
        CommonErrors.register(decoder);
        AssetClassErrors.register(decoder);
        CommitteeErrors.register(decoder);
        TokenizationErrors.register(decoder);
        FulfillmentErrors.register(decoder);
        MarketErrors.register(decoder);
        return decoder;
    }

    /** The decoder every {@code HashMix} instance uses. */
    public static RevertDecoder decoder() {
        return builder().build();
    }
}
