package io.hashmix.proofs.spv;

import java.math.BigInteger;

/**
 * The proof-of-work rules of a Bitcoin network that {@link SpvVerifier} enforces on a header chain.
 *
 * <p>With {@code retargeting} on (main network), a header at a height that is not a multiple of
 * {@code retargetInterval} must carry exactly the {@code nBits} of its parent; a header at a retarget boundary may
 * change the target, but to at most 4 times the parent's target (the main network's clamp of the timespan to
 * 4x). The exact retarget value needs the timestamp of the first block of the ending period, which a proof
 * anchored at a checkpoint does not have, so a boundary target that is lower than Core would compute (more work)
 * is accepted. With {@code retargeting} off (regtest), every header carries the checkpoint's {@code nBits}.
 * In both cases every target must be at most {@code powLimit} and canonically encoded.
 *
 * <p>Testnet's 20-minute minimum-difficulty rule is not supported: such headers fail as
 * {@link SpvVerificationException.Reason#BAD_TARGET}.
 *
 * @param name a label (appears in messages and test vectors)
 * @param powLimit the easiest target allowed
 * @param retargetInterval blocks per difficulty period (2016 on Bitcoin)
 * @param retargeting whether targets may change at period boundaries
 */
public record NetworkParams(String name, BigInteger powLimit, int retargetInterval, boolean retargeting) {

    /** Bitcoin main network: pow limit {@code 0x00000000ffff...ff} (nBits {@code 0x1d00ffff}), 2016-block periods. */
    public static final NetworkParams MAINNET = new NetworkParams("mainnet",
            BigInteger.ONE.shiftLeft(224).subtract(BigInteger.ONE), 2016, true);

    /** Bitcoin regtest: pow limit {@code 0x7fff...ff} (nBits {@code 0x207fffff}), no retargeting. */
    public static final NetworkParams REGTEST = new NetworkParams("regtest",
            BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE), 2016, false);

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the name is null or blank, the pow limit is not 1 .. 2^256-1 or the
     *         interval is not positive
     */
    public NetworkParams {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("network name must not be blank");
        }
        if (powLimit == null || powLimit.signum() <= 0 || powLimit.bitLength() > 256) {
            throw new IllegalArgumentException("pow limit must be 1 .. 2^256-1, got " + powLimit);
        }
        if (retargetInterval <= 0) {
            throw new IllegalArgumentException("retarget interval must be positive, got " + retargetInterval);
        }
    }
}
