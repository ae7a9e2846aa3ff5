// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAssetClassRegistry} from "../interfaces/IAssetClassRegistry.sol";

/**
 * @title AssetClassRegistry
 * @notice Registry of the kinds of hash power HashMix can tokenize ("asset classes"), such as
 * `BTC-SHA256` measured in `TH/s` or `FIL-STORAGE` measured in `TiB`. Each asset class names the
 * ERC-20 token its fulfillment revenue is paid in.
 * @dev The id of an asset class is `keccak256(bytes(symbol))`, so any client can derive it offline
 * (see {assetClassId}). Asset classes are never deleted: they can only be deactivated.
 *
 * Rules enforced on registration:
 *  - symbol: 1..32 bytes of `A-Z`, `0-9` and `-`, neither starting nor ending with `-`;
 *  - unitName: 1..16 bytes of printable ASCII without spaces (0x21..0x7E);
 *  - unitDecimals: at most 18;
 *  - payoutToken: an address holding contract code (never `address(0)` or an EOA).
 *
 * Changing the payout token of a live asset class changes what holders are paid in, so it is
 * time-locked (SECURITY-CHECKLIST item 31): the admin schedules it, anyone applies it once
 * {PAYOUT_TOKEN_CHANGE_DELAY} has passed, and the admin can cancel it before that.
 */
contract AssetClassRegistry is IAssetClassRegistry, AccessManaged {
    /// @dev A scheduled payout token change; `eta == 0` means none is pending.
    struct PendingPayoutTokenChange {
        address token;
        uint64 eta;
    }

    /// @notice Minimum time between scheduling and applying a payout token change.
    uint64 public constant PAYOUT_TOKEN_CHANGE_DELAY = 2 days;

    /// @notice Maximum length of a symbol, in bytes.
    uint256 public constant MAX_SYMBOL_LENGTH = 32;

    /// @notice Maximum length of a unit name, in bytes.
    uint256 public constant MAX_UNIT_NAME_LENGTH = 16;

    /// @notice Maximum value of `unitDecimals`.
    uint8 public constant MAX_UNIT_DECIMALS = 18;

    /// @notice Maximum number of ids returned by one {assetClassIds} call.
    uint256 public constant MAX_PAGE_SIZE = 100;

    mapping(bytes32 id => AssetClass) private _assetClasses;
    mapping(bytes32 id => PendingPayoutTokenChange) private _pendingPayoutTokenChanges;
    bytes32[] private _ids;

    /// @notice The symbol breaks the symbol rules.
    error InvalidSymbol(string symbol);
    /// @notice The unit name breaks the unit name rules.
    error InvalidUnitName(string unitName);
    /// @notice `unitDecimals` is above {MAX_UNIT_DECIMALS}.
    error InvalidUnitDecimals(uint8 unitDecimals);
    /// @notice The token is `address(0)`, has no code, or equals the current payout token.
    error InvalidPayoutToken(address token);
    /// @notice An asset class with this id (the same symbol) already exists.
    error AssetClassAlreadyRegistered(bytes32 id);
    /// @notice No asset class has this id.
    error UnknownAssetClass(bytes32 id);
    /// @notice {setActive} was called with the status the asset class already has.
    error AssetClassStatusUnchanged(bytes32 id, bool active);
    /// @notice There is no scheduled payout token change for this asset class.
    error NoPendingPayoutTokenChange(bytes32 id);
    /// @notice The scheduled payout token change cannot be applied before `eta`.
    error PayoutTokenChangeNotReady(bytes32 id, uint64 eta);

    /// @notice A new asset class was registered (and is active).
    event AssetClassRegistered(
        bytes32 indexed id, string symbol, string unitName, uint8 unitDecimals, address indexed payoutToken
    );
    /// @notice The active flag of an asset class changed.
    event AssetClassStatusChanged(bytes32 indexed id, bool active);
    /// @notice A payout token change was scheduled; it can be applied from `eta` on.
    event PayoutTokenChangeScheduled(bytes32 indexed id, address indexed newToken, uint64 eta);
    /// @notice A scheduled payout token change was applied.
    event PayoutTokenChanged(bytes32 indexed id, address indexed oldToken, address indexed newToken);
    /// @notice A scheduled payout token change was cancelled.
    event PayoutTokenChangeCancelled(bytes32 indexed id, address indexed newToken);

    /// @notice Creates an empty registry.
    /// @param authority The protocol's AccessManager (its admin registers and manages asset classes).
    constructor(address authority) AccessManaged(authority) {}

    // ---------------------------------------------------------------------------------------
    // Admin
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Registers a new, active asset class.
     * @param symbol Canonical symbol (1..32 bytes of `A-Z0-9-`, no leading or trailing `-`).
     * @param unitName Capacity unit (1..16 bytes of printable ASCII, no spaces).
     * @param unitDecimals Decimals of capacity amounts (<= 18).
     * @param payoutToken ERC-20 contract revenue is paid in.
     * @return id keccak256(bytes(symbol)).
     */
    function registerAssetClass(
        string calldata symbol,
        string calldata unitName,
        uint8 unitDecimals,
        address payoutToken
    ) external restricted returns (bytes32 id) {
        if (!_isValidSymbol(bytes(symbol))) revert InvalidSymbol(symbol);
        if (!_isValidUnitName(bytes(unitName))) revert InvalidUnitName(unitName);
        if (unitDecimals > MAX_UNIT_DECIMALS) revert InvalidUnitDecimals(unitDecimals);
        if (payoutToken.code.length == 0) revert InvalidPayoutToken(payoutToken);

        id = keccak256(bytes(symbol));
        AssetClass storage ac = _assetClasses[id];
        if (ac.id != bytes32(0)) revert AssetClassAlreadyRegistered(id);

        ac.id = id;
        ac.symbol = symbol;
        ac.unitName = unitName;
        ac.unitDecimals = unitDecimals;
        ac.payoutToken = payoutToken;
        ac.active = true;
        ac.registeredAt = uint64(block.timestamp);
        _ids.push(id);

        emit AssetClassRegistered(id, symbol, unitName, unitDecimals, payoutToken);
    }

    /**
     * @notice Activates or deactivates an asset class.
     * @dev Reverts with {AssetClassStatusUnchanged} if the status would not change.
     * @param id Asset class id.
     * @param active New status.
     */
    function setActive(bytes32 id, bool active) external restricted {
        AssetClass storage ac = _registered(id);
        if (ac.active == active) revert AssetClassStatusUnchanged(id, active);
        ac.active = active;
        emit AssetClassStatusChanged(id, active);
    }

    /**
     * @notice Schedules a change of the payout token, applicable after {PAYOUT_TOKEN_CHANGE_DELAY}.
     * @dev Scheduling again replaces the pending change and restarts the delay.
     * @param id Asset class id.
     * @param newToken New payout token (a contract, different from the current one).
     */
    function schedulePayoutTokenChange(bytes32 id, address newToken) external restricted {
        AssetClass storage ac = _registered(id);
        if (newToken.code.length == 0 || newToken == ac.payoutToken) revert InvalidPayoutToken(newToken);
        uint64 eta = uint64(block.timestamp) + PAYOUT_TOKEN_CHANGE_DELAY;
        _pendingPayoutTokenChanges[id] = PendingPayoutTokenChange({token: newToken, eta: eta});
        emit PayoutTokenChangeScheduled(id, newToken, eta);
    }

    /**
     * @notice Cancels the pending payout token change of an asset class.
     * @param id Asset class id.
     */
    function cancelPayoutTokenChange(bytes32 id) external restricted {
        PendingPayoutTokenChange memory pending = _pendingPayoutTokenChanges[id];
        if (pending.eta == 0) revert NoPendingPayoutTokenChange(id);
        delete _pendingPayoutTokenChanges[id];
        emit PayoutTokenChangeCancelled(id, pending.token);
    }

    // ---------------------------------------------------------------------------------------
    // Permissionless
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Applies a scheduled payout token change once its eta has been reached.
     * @dev Callable by anyone. Reverts with {PayoutTokenChangeNotReady} before the eta and with
     * {InvalidPayoutToken} if the new token no longer holds code.
     * @param id Asset class id.
     */
    function applyPayoutTokenChange(bytes32 id) external {
        PendingPayoutTokenChange memory pending = _pendingPayoutTokenChanges[id];
        if (pending.eta == 0) revert NoPendingPayoutTokenChange(id);
        if (block.timestamp < pending.eta) revert PayoutTokenChangeNotReady(id, pending.eta);
        if (pending.token.code.length == 0) revert InvalidPayoutToken(pending.token);

        AssetClass storage ac = _assetClasses[id];
        address oldToken = ac.payoutToken;
        ac.payoutToken = pending.token;
        delete _pendingPayoutTokenChanges[id];
        emit PayoutTokenChanged(id, oldToken, pending.token);
    }

    // ---------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------

    /**
     * @notice The id of a symbol: keccak256(bytes(symbol)). Does not validate the symbol.
     * @param symbol Asset class symbol.
     * @return The asset class id.
     */
    function assetClassId(string calldata symbol) external pure returns (bytes32) {
        return keccak256(bytes(symbol));
    }

    /**
     * @notice Whether `symbol` satisfies the symbol rules.
     * @param symbol Candidate symbol.
     * @return True if {registerAssetClass} would accept it as a symbol.
     */
    function isValidSymbol(string calldata symbol) external pure returns (bool) {
        return _isValidSymbol(bytes(symbol));
    }

    /**
     * @notice Whether `unitName` satisfies the unit name rules.
     * @param unitName Candidate unit name.
     * @return True if {registerAssetClass} would accept it as a unit name.
     */
    function isValidUnitName(string calldata unitName) external pure returns (bool) {
        return _isValidUnitName(bytes(unitName));
    }

    /**
     * @notice A registered asset class.
     * @dev Reverts with {UnknownAssetClass} if `id` is not registered.
     * @param id Asset class id.
     * @return The asset class.
     */
    function assetClass(bytes32 id) external view returns (AssetClass memory) {
        return _registered(id);
    }

    /// @inheritdoc IAssetClassRegistry
    /// @dev Reverts with {UnknownAssetClass} if `id` is not registered.
    function payoutTokenOf(bytes32 id) external view returns (address) {
        return _registered(id).payoutToken;
    }

    /**
     * @notice Whether an asset class with this id is registered.
     * @param id Asset class id.
     * @return True if registered (active or not).
     */
    function isRegistered(bytes32 id) external view returns (bool) {
        return _assetClasses[id].id != bytes32(0);
    }

    /**
     * @notice Whether an asset class is registered and active.
     * @param id Asset class id.
     * @return True if registered and active; false otherwise (including unknown ids).
     */
    function isActive(bytes32 id) external view returns (bool) {
        return _assetClasses[id].active;
    }

    /**
     * @notice Number of registered asset classes (active or not).
     * @return The count.
     */
    function assetClassCount() external view returns (uint256) {
        return _ids.length;
    }

    /**
     * @notice A page of asset class ids, in registration order.
     * @dev Returns `min(limit, MAX_PAGE_SIZE, count - offset)` ids, or none if `offset >= count`.
     * A page shorter than `limit` does not by itself mean the end: page with
     * `offset += result.length` until `offset >= assetClassCount()`.
     * @param offset Index of the first id.
     * @param limit Maximum number of ids wanted.
     * @return ids The ids.
     */
    function assetClassIds(uint256 offset, uint256 limit) external view returns (bytes32[] memory ids) {
        uint256 count = _ids.length;
        if (offset >= count) return new bytes32[](0);
        uint256 n = count - offset;
        if (n > limit) n = limit;
        if (n > MAX_PAGE_SIZE) n = MAX_PAGE_SIZE;
        ids = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            ids[i] = _ids[offset + i];
        }
    }

    /**
     * @notice The pending payout token change of an asset class.
     * @param id Asset class id.
     * @return token The scheduled new token (address(0) if none).
     * @return eta Earliest timestamp it can be applied at (0 if none).
     */
    function pendingPayoutTokenChange(bytes32 id) external view returns (address token, uint64 eta) {
        PendingPayoutTokenChange memory pending = _pendingPayoutTokenChanges[id];
        return (pending.token, pending.eta);
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    function _registered(bytes32 id) private view returns (AssetClass storage ac) {
        ac = _assetClasses[id];
        if (ac.id == bytes32(0)) revert UnknownAssetClass(id);
    }

    /// @dev 1..32 bytes, only A-Z 0-9 '-', not starting or ending with '-'. Loop bounded by 32.
    function _isValidSymbol(bytes calldata s) private pure returns (bool) {
        uint256 len = s.length;
        if (len == 0 || len > MAX_SYMBOL_LENGTH) return false;
        if (s[0] == "-" || s[len - 1] == "-") return false;
        for (uint256 i = 0; i < len; ++i) {
            bytes1 c = s[i];
            bool ok = (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-";
            if (!ok) return false;
        }
        return true;
    }

    /// @dev 1..16 bytes, each in 0x21..0x7E. Loop bounded by 16.
    function _isValidUnitName(bytes calldata s) private pure returns (bool) {
        uint256 len = s.length;
        if (len == 0 || len > MAX_UNIT_NAME_LENGTH) return false;
        for (uint256 i = 0; i < len; ++i) {
            bytes1 c = s[i];
            if (c < 0x21 || c > 0x7E) return false;
        }
        return true;
    }
}
