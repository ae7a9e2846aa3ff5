// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ZeroAddress} from "../common/Errors.sol";
import {IFulfillmentVault} from "../interfaces/IFulfillmentVault.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";
import {IHashPowerValuation} from "../interfaces/IHashPowerValuation.sol";
import {IHashPowerUnitPricing} from "./IHashPowerUnitPricing.sol";
import {IHashPriceOracle} from "./IHashPriceOracle.sol";

/**
 * @title HashPowerValuation
 * @notice The one valuation of hash power tokens (swap pool, lending, credit): see
 * {IHashPowerValuation}. Stateless: it reads the token (product term and status), the fulfillment
 * vault (delivery record) and the {IHashPriceOracle} (committee-observed prices).
 *
 * `value(units of product P) = floor(floor(units * remaining * hashprice / 1 days) * ratio / 1e18)`
 * where `remaining = end - max(now, start)` seconds (0 once ended), `hashprice` the class's median
 * price (numeraire per unit per day) and `ratio` = {deliveryRatio}: delivered / promised units over
 * the product's last {DELIVERY_WINDOW} settled epochs (`Fulfilled` and `Short` epochs count their
 * reported delivered units; `Missed` and `Unreported` epochs count 0 delivered), 1e18 while none
 * has settled. Every step rounds down (against whoever is paid the value). A frozen, defaulted or
 * ended product is worth 0 without reading a price; otherwise an unusable price reverts with
 * `PriceUnusable`, never a 0.
 */
contract HashPowerValuation is IHashPowerValuation, IHashPowerUnitPricing {
    /// @notice Number of most recent settled epochs the delivery ratio looks at.
    uint256 public constant DELIVERY_WINDOW = 4;
    /// @notice Scale of ratios and prices.
    uint256 public constant ONE = 1e18;
    uint256 private constant DAY = 1 days;

    /// @notice The hash power token.
    IHashPowerToken public immutable token;
    /// @notice The fulfillment vault (delivery records).
    IFulfillmentVault public immutable vault;
    /// @notice The price oracle.
    IHashPriceOracle public immutable oracle;

    /**
     * @notice Deploys the valuation.
     * @dev Reverts with `ZeroAddress`.
     * @param token_ The hash power token.
     * @param vault_ The fulfillment vault.
     * @param oracle_ The price oracle.
     */
    constructor(IHashPowerToken token_, IFulfillmentVault vault_, IHashPriceOracle oracle_) {
        if (address(token_) == address(0) || address(vault_) == address(0) || address(oracle_) == address(0)) {
            revert ZeroAddress();
        }
        token = token_;
        vault = vault_;
        oracle = oracle_;
    }

    /// @inheritdoc IHashPowerValuation
    function valueOf(uint256 tokenId) external view returns (uint256 value) {
        IHashPowerToken.TokenData memory t = token.tokenData(tokenId);
        if (t.frozen || t.defaulted) return 0;
        IHashPowerToken.Product memory p = token.product(t.productId);
        return _value(t.productId, p, t.units);
    }

    /// @inheritdoc IHashPowerValuation
    function valueOfUnits(uint256 productId, uint256 units) external view returns (uint256 value) {
        IHashPowerToken.Product memory p = token.product(productId);
        if (p.frozen || p.defaulted) return 0;
        return _value(productId, p, units);
    }

    /// @inheritdoc IHashPowerUnitPricing
    function unitsForValue(uint256 productId, uint256 value) external view returns (uint256 units) {
        IHashPowerToken.Product memory p = token.product(productId);
        if (p.frozen || p.defaulted) return 0;
        uint256 remaining = _remaining(p.start, p.end);
        if (remaining == 0) return 0;
        (uint256 price,) = oracle.prices(p.assetClass);
        uint256 ratio = _deliveryRatio(productId, p.capacity);
        if (ratio == 0) return 0;
        return Math.mulDiv(value, ONE * DAY, remaining * price * ratio);
    }

    /// @inheritdoc IHashPowerValuation
    /// @dev Reverts with `UnknownProduct` (token) for an unknown product.
    function deliveryRatio(uint256 productId) external view returns (uint256 ratio) {
        return _deliveryRatio(productId, token.product(productId).capacity);
    }
    /// @inheritdoc IHashPowerValuation
    function payoutTokenPrice(bytes32 assetClass) external view returns (uint256 price) {
        (, price) = oracle.prices(assetClass);
    }

    /// @notice The hashprice of an asset class (numeraire per capacity base unit per day), as the
    /// valuation uses it. Reverts with `PriceUnusable`.
    /// @param assetClass Asset class id.
    /// @return hashprice The price.
    function hashprice(bytes32 assetClass) external view returns (uint256) {
        (uint256 h,) = oracle.prices(assetClass);
        return h;
    }

    function _value(uint256 productId, IHashPowerToken.Product memory p, uint256 units) private view returns (uint256) {
        uint256 remaining = _remaining(p.start, p.end);
        if (remaining == 0) return 0;
        (uint256 h,) = oracle.prices(p.assetClass);
        uint256 ratio = _deliveryRatio(productId, p.capacity);
        return Math.mulDiv(Math.mulDiv(units * remaining, h, DAY), ratio, ONE);
    }

    /// @dev The settled epoch count comes from the vault's record (its four outcome counters: 5 slots
    /// instead of the 10 of `trackedState`), each epoch's outcome from `epochData`.
    function _deliveryRatio(uint256 productId, uint256 capacity) private view returns (uint256) {
        IFulfillmentVault.Record memory r = vault.record(productId);
        uint256 settled = uint256(r.epochsFulfilled) + r.epochsShort + r.epochsMissed + r.epochsUnreported;
        if (settled == 0) return ONE;
        uint256 n = settled < DELIVERY_WINDOW ? settled : DELIVERY_WINDOW;
        uint256 delivered = 0;
        for (uint256 e = settled - n; e < settled; ++e) {
            IFulfillmentVault.EpochData memory d = vault.epochData(productId, uint32(e));
            if (d.status == IFulfillmentVault.EpochStatus.Fulfilled || d.status == IFulfillmentVault.EpochStatus.Short)
            {
                delivered += d.deliveredUnits;
            }
        }
        return Math.mulDiv(delivered, ONE, n * capacity);
    }

    function _remaining(uint64 start, uint64 end) private view returns (uint256) {
        uint256 from = block.timestamp > start ? block.timestamp : start;
        return end > from ? end - from : 0;
    }
}
