package io.hashmix.core.market;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.EvmAddress;

/** {@code CurrencyNotReady(address,uint64)}: the currency's scheduled allowance is not mature yet. */
public final class CurrencyNotReadyException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public CurrencyNotReadyException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The currency. */
    public EvmAddress currency() {
        return (EvmAddress) error().value(0);
    }

    /** When it can be allowed, unix seconds. */
    public long eta() {
        return ((BigInteger) error().value(1)).longValue();
    }
}
