// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ZeroAddress} from "../common/Errors.sol";
import {ICollateralVault} from "../interfaces/ICollateralVault.sol";
import {IFulfillmentVault} from "../interfaces/IFulfillmentVault.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";

/**
 * @title FulfillmentLens
 * @notice Read-only views of the fulfillment vault derived from its raw state: a product's
 * tracking state (or what it would be once tracked), one epoch with its bounds, deadlines and
 * shortfall, and the epoch containing a timestamp. Kept out of the vault so the vault's code stays
 * under the size limit with room to grow; it holds no state and moves nothing.
 */
contract FulfillmentLens {
    /// @notice Scale of unit revenue and of the accumulator (the vault's `PRECISION`).
    uint256 public constant PRECISION = 1e18;

    /// @notice The vault read.
    IFulfillmentVault public immutable vault;
    /// @notice The hash power token (for products the vault has not tracked yet).
    IHashPowerToken public immutable token;
    /// @notice The collateral vault (for what tracking an untracked product would snapshot).
    ICollateralVault public immutable collateralVault;

    /// @notice The product's asset class has no epoch configuration yet (untracked product).
    error EpochConfigNotSet(bytes32 assetClass);
    /// @notice The epoch is not one of the product's epochs.
    error EpochOutOfRange(uint256 productId, uint32 epoch, uint32 epochCount);
    /// @notice The timestamp is outside the product's term.
    error OutsideTerm(uint256 productId, uint64 timestamp);

    /// @param vault_ The fulfillment vault.
    /// @param token_ The hash power token.
    /// @param collateral The collateral vault.
    constructor(IFulfillmentVault vault_, IHashPowerToken token_, ICollateralVault collateral) {
        if (address(vault_) == address(0) || address(token_) == address(0) || address(collateral) == address(0)) {
            revert ZeroAddress();
        }
        vault = vault_;
        token = token_;
        collateralVault = collateral;
    }

    /**
     * @notice A product's tracking state. For a product the vault has not touched yet (`tracked ==
     * false`), the epoch fields are those the current asset class configuration would give.
     * @dev Reverts with the token's `UnknownProduct`.
     * @param productId Product.
     * @return v The state.
     */
    function productState(uint256 productId) external view returns (IFulfillmentVault.ProductView memory v) {
        (IFulfillmentVault.ProductState memory st, bool tracked) = _state(productId);
        v.tracked = tracked;
        v.defaulted = st.defaulted;
        v.issuer = st.issuer;
        v.payoutToken = st.payoutToken;
        v.assetClass = st.assetClass;
        v.start = st.start;
        v.end = st.end;
        v.capacity = st.capacity;
        v.epochLength = st.epochLength;
        v.reportWindow = st.reportWindow;
        v.depositWindow = st.depositWindow;
        v.epochCount = st.epochCount;
        v.settledEpochs = st.settledEpochs;
        v.settledUntil = st.epochLength == 0
            ? st.start
            : uint64(Math.min(uint256(st.start) + uint256(st.settledEpochs) * st.epochLength, st.end));
        v.lastUnitRevenue = st.lastUnitRevenue;
        v.unreportedFloor = st.unreportedFloor;
        v.accumulator = st.settledEpochs == 0 ? 0 : vault.epochData(productId, st.settledEpochs - 1).accEnd;
    }

    /**
     * @notice One epoch of a product.
     * @dev Reverts with the token's `UnknownProduct`, {EpochConfigNotSet} (untracked product whose
     * asset class has no configuration) or {EpochOutOfRange}.
     * @param productId Product.
     * @param epoch Epoch.
     * @return info The epoch.
     */
    function epochInfo(uint256 productId, uint32 epoch)
        external
        view
        returns (IFulfillmentVault.EpochInfo memory info)
    {
        (IFulfillmentVault.ProductState memory st,) = _state(productId);
        if (st.epochLength == 0) revert EpochConfigNotSet(st.assetClass);
        if (epoch >= st.epochCount) revert EpochOutOfRange(productId, epoch, st.epochCount);
        IFulfillmentVault.EpochData memory ep = vault.epochData(productId, epoch);
        uint256 s = uint256(st.start) + uint256(epoch) * st.epochLength;
        uint256 e = Math.min(s + st.epochLength, st.end);
        IFulfillmentVault.EpochStatus status = ep.status;
        info.status = status;
        info.start = uint64(s);
        info.end = uint64(e);
        info.reportDeadline = uint64(e + st.reportWindow);
        info.depositDeadline = ep.depositDeadline;
        info.deliveredUnits = ep.deliveredUnits;
        info.revenue = ep.revenue;
        info.unitRevenue = ep.unitRevenue;
        info.sourceChain = ep.sourceChain;
        info.evidence = ep.evidence;
        if (status != IFulfillmentVault.EpochStatus.Pending && status != IFulfillmentVault.EpochStatus.Unreported) {
            info.shortfallDue = Math.mulDiv(uint256(st.capacity) - ep.deliveredUnits, ep.unitRevenue, PRECISION);
        }
        if (
            status == IFulfillmentVault.EpochStatus.Deposited || status == IFulfillmentVault.EpochStatus.Fulfilled
                || status == IFulfillmentVault.EpochStatus.Short
        ) {
            info.deposited = ep.revenue;
        }
        info.compensation = ep.compensation;
        info.accumulator = ep.accEnd;
    }

    /**
     * @notice The epoch of a product that contains `timestamp`.
     * @dev Reverts with the token's `UnknownProduct`, {EpochConfigNotSet} or {OutsideTerm}.
     * @param productId Product.
     * @param timestamp Time in `[start, end)`.
     * @return The epoch.
     */
    function epochOf(uint256 productId, uint64 timestamp) external view returns (uint32) {
        (IFulfillmentVault.ProductState memory st,) = _state(productId);
        if (st.epochLength == 0) revert EpochConfigNotSet(st.assetClass);
        if (timestamp < st.start || timestamp >= st.end) revert OutsideTerm(productId, timestamp);
        return uint32((timestamp - st.start) / st.epochLength);
    }

    /// @dev The tracked state, or for an untracked product what tracking it now would store.
    function _state(uint256 productId)
        private
        view
        returns (IFulfillmentVault.ProductState memory st, bool tracked)
    {
        st = vault.trackedState(productId);
        if (st.epochLength != 0) return (st, true);
        IHashPowerToken.Product memory p = token.product(productId);
        IFulfillmentVault.EpochConfig memory cfg = vault.epochConfig(p.assetClass);
        st.issuer = p.issuer;
        st.start = p.start;
        st.end = p.end;
        st.payoutToken = p.collateralToken;
        st.capacity = uint64(p.capacity);
        st.assetClass = p.assetClass;
        st.epochLength = cfg.epochLength;
        st.reportWindow = cfg.reportWindow;
        st.depositWindow = cfg.depositWindow;
        if (cfg.epochLength != 0) {
            st.epochCount = uint32(Math.ceilDiv(p.end - p.start, cfg.epochLength));
            (, uint256 collateral) = collateralVault.collateralOf(productId);
            st.unreportedFloor = collateral / st.epochCount;
        }
    }
}
