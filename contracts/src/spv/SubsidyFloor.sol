// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/**
 * @title SubsidyFloor
 * @notice What the block subsidy alone pays a given hash rate over a given time, from one proven
 * Bitcoin header: its target fixes the odds of a hash winning a block, its height fixes the subsidy.
 * The Java `io.hashmix.proofs.spv.SubsidyFloor` computes the same integers
 * (`test-vectors/btc-floor.json`).
 *
 * @dev The floor of a unit revenue, in payout-token base units per unit, scaled by 1e18:
 *
 *     floor = floor( E * 10^12 * subsidy(h) * k * 10^18 * (T + 1) / (2^256 * 10^d) )
 *
 * with `E` the epoch's seconds, `10^12 / 10^d` the hashes per second of one unit (the unit is TH/s
 * with `d` decimals), `subsidy(h) = (50 * 10^8) >> (h / 210,000)` satoshis (0 from the 64th halving
 * on: Bitcoin's schedule, {HALVING_INTERVAL}), `k` payout base units per satoshi, and `T` the target:
 * a hash meets it with probability `(T + 1) / 2^256` (Bitcoin Core's `GetBlockProof` is the inverse).
 * Transaction fees are not part of it. Rounding is down, once, at the end: the floor is never above
 * the exact value. The popular `86,400 * 10^12 * subsidy / (difficulty * 2^32)` per TH/s and day
 * approximates the hashes per block by `difficulty * 2^32` where the exact count is
 * `difficulty * 2^48 / 0xffff`, so it is 2^16 / 0xffff (0.0015%) above this floor.
 */
library SubsidyFloor {
    /// @notice Blocks between halvings.
    uint256 internal constant HALVING_INTERVAL = 210_000;
    /// @notice The first subsidy: 50 BTC in satoshis.
    uint256 internal constant INITIAL_SUBSIDY = 50 * 100_000_000;
    /// @notice Hashes per second in one TH/s.
    uint256 internal constant HASHES_PER_TERAHASH = 1e12;
    /// @notice Scale of unit revenues (the fulfillment vault's `PRECISION`).
    uint256 internal constant PRECISION = 1e18;

    /// @notice The block subsidy at `height`, in satoshis (0 from the 64th halving on).
    /// @param height Block height.
    /// @return The subsidy.
    function blockSubsidy(uint256 height) internal pure returns (uint256) {
        uint256 halvings = height / HALVING_INTERVAL;
        return halvings >= 64 ? 0 : INITIAL_SUBSIDY >> halvings;
    }

    /**
     * @notice The subsidy-only revenue of one unit over `epochSeconds`, in base units x 1e18, rounded down.
     * @dev Callers bound the inputs: `epochSeconds < 2^32`, `unitDecimals <= 77`,
     * `baseUnitsPerSatoshi <= 2^64`; then `a` below stays under 2^237 and nothing overflows.
     * @param target The header's target (decoded `nBits`).
     * @param height The header's height.
     * @param epochSeconds Length of the epoch.
     * @param unitDecimals Decimals of the unit (TH/s).
     * @param baseUnitsPerSatoshi Payout-token base units per satoshi.
     * @return The floor.
     */
    function floorOf(
        uint256 target,
        uint256 height,
        uint256 epochSeconds,
        uint256 unitDecimals,
        uint256 baseUnitsPerSatoshi
    ) internal pure returns (uint256) {
        uint256 a = epochSeconds * HASHES_PER_TERAHASH * blockSubsidy(height) * baseUnitsPerSatoshi * PRECISION;
        // floor(a * (target + 1) / 2^256) is the high word of the 512-bit a * target + a
        (uint256 high, uint256 low) = Math.mul512(a, target);
        unchecked {
            if (low + a < low) ++high;
        }
        // floor(floor(x / 2^256) / 10^d) == floor(x / (2^256 * 10^d))
        return high / 10 ** unitDecimals;
    }
}
