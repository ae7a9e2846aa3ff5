// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";
import {IHashPowerValuation} from "../interfaces/IHashPowerValuation.sol";

/**
 * @title FixedPriceValuation
 * @notice FOR LOCAL CHAINS AND TESTS ONLY. An {IHashPowerValuation} with one fixed hashprice for
 * every asset class and one fixed price for every payout token, set at deployment: what the Java
 * SDK's local deployment uses for lending until the protocol's oracle valuation
 * (`HashPowerValuation`) is part of the deployment. It follows the interface's formula without an
 * oracle: value = units x remaining seconds of the product's term x hashprice / 1 day, with a delivery
 * ratio of 1 (no settled-epoch history is read); tokens of ended, frozen or defaulted products are
 * worth 0. Its prices are never stale, so it must never back a public deployment.
 */
contract FixedPriceValuation is IHashPowerValuation {
    /// @notice The token valued.
    IHashPowerToken public immutable token;
    /// @notice Numeraire (18 decimals) per unit per day, for every asset class.
    uint256 public immutable hashprice;
    /// @notice Numeraire (scaled by 1e18) per base unit of every payout token.
    uint256 public immutable payoutPrice;

    /**
     * @param token_ The hash power token.
     * @param hashprice_ Numeraire per unit per day.
     * @param payoutPrice_ Numeraire per payout token base unit.
     */
    constructor(IHashPowerToken token_, uint256 hashprice_, uint256 payoutPrice_) {
        token = token_;
        hashprice = hashprice_;
        payoutPrice = payoutPrice_;
    }

    /// @inheritdoc IHashPowerValuation
    function valueOf(uint256 tokenId) external view returns (uint256) {
        IHashPowerToken.TokenData memory t = token.tokenData(tokenId);
        if (t.frozen || t.defaulted) return 0;
        return _value(t.units, t.start, t.end);
    }

    /// @inheritdoc IHashPowerValuation
    function valueOfUnits(uint256 productId, uint256 units) external view returns (uint256) {
        IHashPowerToken.Product memory p = token.product(productId);
        if (p.frozen || p.defaulted) return 0;
        return _value(units, p.start, p.end);
    }

    /// @inheritdoc IHashPowerValuation
    function deliveryRatio(uint256) external pure returns (uint256) {
        return 1e18;
    }

    /// @inheritdoc IHashPowerValuation
    function payoutTokenPrice(bytes32) external view returns (uint256) {
        return payoutPrice;
    }

    function _value(uint256 units, uint64 start, uint64 end) private view returns (uint256) {
        uint256 from = block.timestamp > start ? block.timestamp : start;
        if (end <= from) return 0;
        return (units * (end - from) * hashprice) / 1 days;
    }
}
