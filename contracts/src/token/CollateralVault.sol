// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ZeroAddress} from "../common/Errors.sol";
import {Transfers} from "../common/Transfers.sol";
import {ICollateralPolicy} from "../interfaces/ICollateralPolicy.sol";
import {ICollateralVault} from "../interfaces/ICollateralVault.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";

/**
 * @title CollateralVault
 * @notice Holds each product's issuer collateral and lets only the protocol contracts holding the
 * right AccessManager role move it:
 * - the hash power token locks it at mint ({lock}, role `COLLATERAL_LOCKER`);
 * - the fulfillment vault takes shortfall compensation out of it and releases the rest to the
 *   issuer after settlement ({take}, {release}, role `COLLATERAL_MANAGER`);
 * - the hardware registry forfeits a frozen (fraudulent) product's collateral: a bounty to the
 *   challenger, the rest set aside for the holders of its tokens and paid out as they redeem
 *   ({forfeit}, {payForfeited}, role `COLLATERAL_FORFEITER`).
 * @dev Every product has one position: its ERC-20 and two balances, `amount` (collateral that can
 * still compensate holders or return to the issuer) and `forfeited` (set aside for holders of a
 * frozen product; never returns to the issuer and is never taken by the fulfillment vault). The
 * vault's balance of a token is always at least the sum of its positions' balances in that token, and
 * equal to it unless someone sends tokens to the vault directly (the
 * invariant tests check it): every pull is exact ({Transfers-pullExact}: fee-on-transfer tokens
 * are refused) and every payout is booked before it is sent.
 *
 * Credit-adjusted collateral: with a {collateralPolicy} set, {lock} reads the product the token has
 * just stored (`IHashPowerToken(msg.sender).product`) and refuses collateral below what the policy
 * requires of its issuer ({CollateralBelowRequired}). The policy changes only after
 * {POLICY_DELAY} ({schedulePolicy}, then {applyPolicy} by anyone). Without a policy, nothing is required.
 */
contract CollateralVault is ICollateralVault, AccessManaged, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 private constant _BPS = 10_000;

    /// @dev One product's collateral (2 slots).
    struct Position {
        address token;
        uint128 amount;
        uint128 forfeited;
    }

    /// @dev A scheduled policy change.
    struct PendingPolicy {
        ICollateralPolicy policy;
        uint64 eta;
    }

    /// @notice Delay between scheduling and applying a collateral policy change.
    uint64 public constant POLICY_DELAY = 7 days;

    mapping(uint256 productId => Position) private _positions;
    ICollateralPolicy private _policy;
    PendingPolicy private _pendingPolicy;

    /// @notice The product already has collateral locked.
    error AlreadyLocked(uint256 productId);
    /// @notice The amount does not fit 128 bits.
    error AmountTooLarge(uint256 amount);
    /// @notice The product's forfeited collateral is smaller than the payout asked for.
    error InsufficientForfeited(uint256 productId, uint256 available, uint256 wanted);
    /// @notice A bounty share above 100%.
    error InvalidBountyBps(uint256 bps);
    /// @notice The attested collateral is below what the collateral policy requires of the issuer.
    error CollateralBelowRequired(uint256 required, uint256 given);
    /// @notice No policy change is scheduled.
    error NoPendingPolicy();
    /// @notice The scheduled policy change cannot be applied before `eta`.
    error PolicyNotReady(uint64 eta);

    /// @notice `amount` of `token` was locked for `productId` from `from`.
    event CollateralLocked(uint256 indexed productId, address indexed token, address indexed from, uint256 amount);
    /// @notice `amount` was taken (by the fulfillment vault) for `productId`; `remaining` is left.
    event CollateralTaken(uint256 indexed productId, address indexed to, uint256 amount, uint256 remaining);
    /// @notice A product's remaining collateral was released to `to`.
    event CollateralReleased(uint256 indexed productId, address indexed to, uint256 amount);
    /// @notice A frozen product's collateral was forfeited: `bounty` to `bountyTo`, `forfeited` set
    /// aside for its holders.
    event CollateralForfeited(uint256 indexed productId, address indexed bountyTo, uint256 bounty, uint256 forfeited);
    /// @notice `amount` of a product's forfeited collateral was paid to `to`.
    event ForfeitedPaid(uint256 indexed productId, address indexed to, uint256 amount);
    /// @notice A collateral policy change was scheduled, applicable from `eta`.
    event PolicyScheduled(address indexed policy, uint64 eta);
    /// @notice The collateral policy in force changed (address(0): none).
    event PolicyChanged(address indexed policy);

    /// @param authority The protocol's AccessManager.
    /// @param policy The collateral policy in force from deployment, or address(0) for none.
    constructor(address authority, ICollateralPolicy policy) AccessManaged(authority) {
        if (address(policy) != address(0)) {
            _policy = policy;
            emit PolicyChanged(address(policy));
        }
    }

    /// @inheritdoc ICollateralVault
    /// @dev Role `COLLATERAL_LOCKER` (the token, which calls it at every mint, after storing the
    /// product). With a policy, reads the product from the caller and reverts with
    /// {CollateralBelowRequired} when `amount` is short. Then reverts with {ZeroAddress} (token); a
    /// zero amount locks nothing (no position, no event); then {AlreadyLocked}, {AmountTooLarge} or
    /// `AmountNotReceived`. Emits {CollateralLocked}.
    function lock(uint256 productId, address token, address from, uint256 amount) external restricted nonReentrant {
        ICollateralPolicy policy = _policy;
        if (address(policy) != address(0)) {
            IHashPowerToken.Product memory p = IHashPowerToken(msg.sender).product(productId);
            uint256 required = policy.requiredCollateral(p.issuer, p.assetClass, p.capacity, p.start, p.end);
            if (amount < required) revert CollateralBelowRequired(required, amount);
        }
        if (token == address(0)) revert ZeroAddress();
        if (amount == 0) return;
        Position storage pos = _positions[productId];
        if (pos.token != address(0)) revert AlreadyLocked(productId);
        if (amount > type(uint128).max) revert AmountTooLarge(amount);
        pos.token = token;
        pos.amount = uint128(amount);
        emit CollateralLocked(productId, token, from, amount);
        Transfers.pullExact(IERC20(token), from, amount);
    }

    /// @inheritdoc ICollateralVault
    /// @dev Role `COLLATERAL_MANAGER`. Sends to the caller. Emits {CollateralTaken}.
    function take(uint256 productId, uint256 amount) external restricted nonReentrant returns (uint256 taken) {
        Position storage pos = _positions[productId];
        uint256 left = pos.amount;
        taken = amount < left ? amount : left;
        pos.amount = uint128(left - taken);
        emit CollateralTaken(productId, msg.sender, taken, left - taken);
        if (taken != 0) IERC20(pos.token).safeTransfer(msg.sender, taken);
    }

    /// @inheritdoc ICollateralVault
    /// @dev Role `COLLATERAL_MANAGER`. Emits {CollateralReleased}.
    function release(uint256 productId, address to) external restricted nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert ZeroAddress();
        Position storage pos = _positions[productId];
        amount = pos.amount;
        pos.amount = 0;
        emit CollateralReleased(productId, to, amount);
        if (amount != 0) IERC20(pos.token).safeTransfer(to, amount);
    }

    /// @inheritdoc ICollateralVault
    /// @dev Role `COLLATERAL_FORFEITER`. The bounty is `floor(amount * bountyBps / 10_000)` of what
    /// is left; the rest moves to the forfeited balance. Reverts with {InvalidBountyBps} or
    /// {ZeroAddress}. Emits {CollateralForfeited}.
    function forfeit(uint256 productId, address bountyTo, uint256 bountyBps)
        external
        restricted
        nonReentrant
        returns (uint256 bounty, uint256 forfeited)
    {
        if (bountyBps > _BPS) revert InvalidBountyBps(bountyBps);
        if (bountyTo == address(0)) revert ZeroAddress();
        Position storage pos = _positions[productId];
        uint256 left = pos.amount;
        bounty = (left * bountyBps) / _BPS;
        forfeited = left - bounty;
        pos.amount = 0;
        pos.forfeited += uint128(forfeited);
        emit CollateralForfeited(productId, bountyTo, bounty, forfeited);
        if (bounty != 0) IERC20(pos.token).safeTransfer(bountyTo, bounty);
    }

    /// @inheritdoc ICollateralVault
    /// @dev Role `COLLATERAL_FORFEITER`. Reverts with {InsufficientForfeited} or {ZeroAddress}.
    /// Emits {ForfeitedPaid}.
    function payForfeited(uint256 productId, address to, uint256 amount) external restricted nonReentrant {
        if (to == address(0)) revert ZeroAddress();
        Position storage pos = _positions[productId];
        uint256 available = pos.forfeited;
        if (amount > available) revert InsufficientForfeited(productId, available, amount);
        pos.forfeited = uint128(available - amount);
        emit ForfeitedPaid(productId, to, amount);
        if (amount != 0) IERC20(pos.token).safeTransfer(to, amount);
    }

    /**
     * @notice Schedules a new collateral policy (address(0): none), applicable after
     * {POLICY_DELAY}; replaces any pending change and restarts the delay.
     * @dev Admin (AccessManager). Emits {PolicyScheduled}.
     * @param policy The policy.
     */
    function schedulePolicy(ICollateralPolicy policy) external restricted {
        uint64 eta = uint64(block.timestamp) + POLICY_DELAY;
        _pendingPolicy = PendingPolicy({policy: policy, eta: eta});
        emit PolicyScheduled(address(policy), eta);
    }

    /**
     * @notice Puts the scheduled policy in force once its delay has passed. Anyone may call.
     * @dev Reverts with {NoPendingPolicy} or {PolicyNotReady}. Emits {PolicyChanged}.
     */
    function applyPolicy() external {
        PendingPolicy memory p = _pendingPolicy;
        if (p.eta == 0) revert NoPendingPolicy();
        if (block.timestamp < p.eta) revert PolicyNotReady(p.eta);
        delete _pendingPolicy;
        _policy = p.policy;
        emit PolicyChanged(address(p.policy));
    }

    /// @notice The collateral policy in force (address(0): none).
    /// @return The policy.
    function collateralPolicy() external view returns (address) {
        return address(_policy);
    }

    /// @notice The scheduled policy change (`eta == 0`: none).
    /// @return policy The policy.
    /// @return eta When it can be applied.
    function pendingPolicy() external view returns (address policy, uint64 eta) {
        return (address(_pendingPolicy.policy), _pendingPolicy.eta);
    }

    /// @inheritdoc ICollateralVault
    function collateralOf(uint256 productId) external view returns (address token, uint256 amount) {
        Position storage pos = _positions[productId];
        return (pos.token, pos.amount);
    }

    /// @inheritdoc ICollateralVault
    function forfeitedOf(uint256 productId) external view returns (uint256) {
        return _positions[productId].forfeited;
    }
}
