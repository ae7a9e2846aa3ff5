// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title IHashPriceOracle
 * @notice Committee-observed prices per asset class: the hashprice (expected revenue of one capacity
 * base unit per day, in the protocol's 18-decimal numeraire) and the price of one base unit of the
 * class's payout token (numeraire scaled by 1e18). What the valuation reads.
 */
interface IHashPriceOracle {
    /// @notice One observer's signed observation inside a {PriceReport}.
    /// @param observer The attestor who observed and signed.
    /// @param hashprice Numeraire (18 decimals) per capacity base unit per day.
    /// @param payoutPrice Numeraire per base unit of the payout token, scaled by 1e18.
    /// @param signature The observer's signature over its `PriceObservation` typed data.
    struct Observation {
        address observer;
        uint256 hashprice;
        uint256 payoutPrice;
        bytes signature;
    }

    /// @notice A price report: observations of one asset class at one time, relayed by anyone.
    /// @param assetClass Asset class id.
    /// @param observedAt When the observations were made (strictly increasing per asset class).
    /// @param deadline Last second the report may be submitted.
    /// @param committeeEpoch The attestor committee epoch the observers signed for (must be current).
    /// @param observations At least the class's threshold of observations, observers strictly ascending.
    struct PriceReport {
        bytes32 assetClass;
        uint64 observedAt;
        uint64 deadline;
        uint64 committeeEpoch;
        Observation[] observations;
    }

    /// @notice The stored state of one asset class's price feed (two slots).
    /// @param hashprice Last recorded median hashprice.
    /// @param payoutPrice Last recorded median payout token price.
    /// @param observedAt Observation time of the last recorded report (0: none yet).
    /// @param maxAge Heartbeat: the price is stale `maxAge` seconds after `observedAt` (0: no bounds set).
    /// @param maxMoveBps Largest move of either price per report, in basis points of the previous one.
    /// @param paused Circuit breaker set by the price guardian.
    /// @param tripped The last report moved a price by more than `maxMoveBps`: unusable until a
    /// following report confirms the new level (lies within the bound of it).
    struct Feed {
        uint128 hashprice;
        uint128 payoutPrice;
        uint64 observedAt;
        uint32 maxAge;
        uint16 maxMoveBps;
        bool paused;
        bool tripped;
    }

    /// @notice The usable prices of an asset class.
    /// @dev Reverts with `IHashPowerValuation.PriceUnusable(assetClass)` when no price was reported,
    /// no bounds are set, the price is older than the heartbeat, the feed is tripped or paused.
    /// @param assetClass Asset class id.
    /// @return hashprice Numeraire per capacity base unit per day (18 decimals), never 0.
    /// @return payoutPrice Numeraire per payout token base unit, scaled by 1e18, never 0.
    function prices(bytes32 assetClass) external view returns (uint256 hashprice, uint256 payoutPrice);
}
