package io.hashmix.core.fulfillment;

import java.time.Duration;
import java.util.Objects;

/**
 * The epoch configuration of an asset class (the vault owner sets it; a product snapshots it on its
 * first report or settle). All zero when not set.
 *
 * @param epochLength   length of an epoch
 * @param reportWindow  how long after an epoch's end a report is accepted
 * @param depositWindow how long after a report the issuer may deposit
 */
public record EpochConfig(Duration epochLength, Duration reportWindow, Duration depositWindow) {

    /** Checks the parts. */
    public EpochConfig {
        Objects.requireNonNull(epochLength, "epochLength");
        Objects.requireNonNull(reportWindow, "reportWindow");
        Objects.requireNonNull(depositWindow, "depositWindow");
    }

    /** Whether the configuration is set (the vault keeps zeros for an asset class never configured). */
    public boolean isSet() {
        return !epochLength.isZero();
    }
}
