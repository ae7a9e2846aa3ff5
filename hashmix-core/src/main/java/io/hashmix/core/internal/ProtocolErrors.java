package io.hashmix.core.internal;

import io.hashmix.contracts.abi.AbiErrorCatalog;
import io.hashmix.core.errors.CommonErrors;
import io.hashmix.core.errors.RevertDecoder;

/**
 * The one place that assembles the SDK's revert decoder: every protocol contract's errors, the
 * shared ones ({@link CommonErrors}) and each domain's typed exceptions ({@link Domains#ALL}).
 * Internal to the SDK.
 */
public final class ProtocolErrors {

    private ProtocolErrors() {
    }

    /** A builder with every protocol error mapped (callers may map the errors still unmapped before building). */
    public static RevertDecoder.Builder builder() {
        RevertDecoder.Builder decoder = RevertDecoder.builder(AbiErrorCatalog.ofProtocol());
        CommonErrors.register(decoder);
        for (Domain<?> domain : Domains.ALL) {
            domain.registerErrors(decoder);
        }
        return decoder;
    }

    /** The decoder every {@code HashMix} instance uses. */
    public static RevertDecoder decoder() {
        return builder().build();
    }
}
