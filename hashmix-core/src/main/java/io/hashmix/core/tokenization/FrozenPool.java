package io.hashmix.core.tokenization;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;

/**
 * A product frozen by a duplicate-hardware challenge, as the {@code HardwareRegistry} recorded it:
 * what was forfeited for its holders and whom redemption pays.
 *
 * @param productId the frozen product
 * @param forfeited collateral set aside for holders at the freeze (shares are {@code units * forfeited / capacity})
 * @param capacity  the product's capacity
 * @param frozenAt  when it was frozen: each token's share goes to whoever held it at that moment
 * @param issuer    the product's issuer, whose own holdings at the freeze are not paid
 */
public record FrozenPool(ProductId productId, BigInteger forfeited, BigInteger capacity, Instant frozenAt, EvmAddress issuer) {

    /** Checks the parts. */
    public FrozenPool {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(forfeited, "forfeited");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(frozenAt, "frozenAt");
        Objects.requireNonNull(issuer, "issuer");
    }

    /**
     * The share of a slice of {@code units} units, rounded down as the contract does; what its holder at
     * the freeze is paid unless that holder is the issuer.
     */
    public BigInteger shareOf(BigInteger units) {
        return units.multiply(forfeited).divide(capacity);
    }
}
