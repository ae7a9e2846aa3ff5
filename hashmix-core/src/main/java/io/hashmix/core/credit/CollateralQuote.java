package io.hashmix.core.credit;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The collateral a planned product needs at mint, with its parts ({@code CollateralPolicy.quote}).
 *
 * @param required        the least collateral the mint must carry (payout-token base units)
 * @param baseRate        the asset class's base rate (base units per unit-day, x 1e18; 0: no requirement)
 * @param collateralScore the issuer's score for collateral terms
 * @param multiplierBps   the multiplier of that score (basis points)
 * @param promised        the product's promised unit-seconds
 * @param covered         the part of it the issuer's record in the class covers (charged at the multiplier)
 */
public record CollateralQuote(BigInteger required, BigInteger baseRate, long collateralScore, long multiplierBps,
                              BigInteger promised, BigInteger covered) {

    /** Checks the parts. */
    public CollateralQuote {
        Objects.requireNonNull(required, "required");
        Objects.requireNonNull(baseRate, "baseRate");
        Objects.requireNonNull(promised, "promised");
        Objects.requireNonNull(covered, "covered");
    }
}
