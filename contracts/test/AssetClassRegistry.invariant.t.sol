// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AssetClassRegistry} from "../src/registry/AssetClassRegistry.sol";
import {TestPayoutToken} from "../src/dev/TestPayoutToken.sol";
import {HashMixAccessManager} from "../src/access/HashMixAccessManager.sol";

/// @notice Drives the registry with random sequences of admin and permissionless calls while
/// keeping a ghost model of what the state must be. Every call is wrapped in try/catch; the
/// handler records anything the model says must not have happened.
contract RegistryHandler is Test {
    AssetClassRegistry public immutable registry;
    address[] public tokens; // contracts usable as payout tokens
    address public immutable outsider;

    uint256 internal constant SYMBOL_POOL = 24;

    // ---- ghost state ----
    bytes32[] public ghostIds; // registered, in order
    mapping(bytes32 => bool) public ghostRegistered;
    mapping(bytes32 => bool) public ghostActive;
    mapping(bytes32 => address) public ghostPayoutToken;
    mapping(bytes32 => address) public ghostPendingToken;
    mapping(bytes32 => uint64) public ghostPendingEta;
    bytes32[] public touchedIds; // every id any call was attempted on (registered or not)
    mapping(bytes32 => bool) internal _touched;

    uint256 public currentTime = 1_700_000_000;

    // violations the invariants assert are zero
    uint256 public prematureApplies; // an apply that succeeded before its eta
    uint256 public unexpectedSuccesses; // a call the model says must revert went through
    uint256 public unexpectedReverts; // a call the model says must succeed reverted

    // call counters: attempted and succeeded, per action (used to check the campaign reaches
    // every state, see the probe note in docs/coverage.md)
    mapping(bytes4 => uint256) public calls;
    mapping(bytes4 => uint256) public successes;
    uint256 public successfulApplies;

    constructor(AssetClassRegistry registry_, address[] memory tokens_, address outsider_) {
        registry = registry_;
        tokens = tokens_;
        outsider = outsider_;
    }

    modifier tick(uint256 seed) {
        // Time only moves forward: mostly small steps (< 2 h), sometimes up to 3 days, so both
        // sides of the 2-day delay are reached. `warpNearEta` lands exactly on the boundary.
        currentTime += seed % 4 == 0 ? (seed >> 2) % 3 days : (seed >> 2) % 2 hours;
        vm.warp(currentTime);
        _;
    }

    /// Moves time to just before (eta - 1 - k, k < 10 min) or exactly to the eta of a pending
    /// change, if that is not in the past, and tries to apply it there: the delay boundary is
    /// exercised in every run.
    function applyNearEta(uint256 idSeed, uint256 offsetSeed) external {
        calls[this.applyNearEta.selector]++;
        bytes32 id = _pickId(idSeed);
        uint64 eta = ghostPendingEta[id];
        if (eta != 0) {
            uint256 target = offsetSeed % 2 == 0 ? eta : eta - 1 - ((offsetSeed >> 1) % 10 minutes);
            if (target >= currentTime) {
                currentTime = target;
                vm.warp(currentTime);
                successes[this.applyNearEta.selector]++;
            }
        }
        _apply(id);
    }

    function _symbol(uint256 i) internal pure returns (string memory) {
        return string.concat("HC-", vm.toString(i % SYMBOL_POOL));
    }

    function _token(uint256 i) internal view returns (address) {
        return tokens[i % tokens.length];
    }

    /// An id: mostly an already registered one, else one from the symbol pool (registered or
    /// not), sometimes a random (never registrable) one.
    function _pickId(uint256 seed) internal returns (bytes32 id) {
        uint256 kind = seed % 8;
        if (kind == 0) {
            id = keccak256(abi.encode(seed));
        } else if (kind <= 5 && ghostIds.length > 0) {
            id = ghostIds[(seed >> 8) % ghostIds.length];
        } else {
            id = keccak256(bytes(_symbol(seed >> 8)));
        }
        _touch(id);
    }

    function _touch(bytes32 id) internal {
        if (!_touched[id]) {
            _touched[id] = true;
            touchedIds.push(id);
        }
    }

    // ---------------------------------------------------------------- actions

    function register(uint256 symbolSeed, uint256 tokenSeed, uint8 decimals, uint256 timeSeed)
        external
        tick(timeSeed)
    {
        calls[this.register.selector]++;
        string memory symbol = _symbol(symbolSeed);
        bytes32 id = keccak256(bytes(symbol));
        _touch(id);
        decimals = uint8(bound(decimals, 0, 20)); // 19 and 20 must fail
        address token = _token(tokenSeed);
        bool shouldSucceed = !ghostRegistered[id] && decimals <= 18;
        try registry.registerAssetClass(symbol, "H/s", decimals, token) returns (bytes32 got) {
            successes[this.register.selector]++;
            if (!shouldSucceed || got != id) unexpectedSuccesses++;
            ghostRegistered[id] = true;
            ghostActive[id] = true;
            ghostPayoutToken[id] = token;
            ghostIds.push(id);
        } catch {
            if (shouldSucceed) unexpectedReverts++;
        }
    }

    function setActive(uint256 idSeed, bool active, uint256 timeSeed) external tick(timeSeed) {
        calls[this.setActive.selector]++;
        bytes32 id = _pickId(idSeed);
        bool shouldSucceed = ghostRegistered[id] && ghostActive[id] != active;
        try registry.setActive(id, active) {
            successes[this.setActive.selector]++;
            if (!shouldSucceed) unexpectedSuccesses++;
            ghostActive[id] = active;
        } catch {
            if (shouldSucceed) unexpectedReverts++;
        }
    }

    function schedule(uint256 idSeed, uint256 tokenSeed, uint256 timeSeed) external tick(timeSeed) {
        calls[this.schedule.selector]++;
        bytes32 id = _pickId(idSeed);
        address token = _token(tokenSeed);
        bool shouldSucceed = ghostRegistered[id] && token != ghostPayoutToken[id];
        try registry.schedulePayoutTokenChange(id, token) {
            successes[this.schedule.selector]++;
            if (!shouldSucceed) unexpectedSuccesses++;
            ghostPendingToken[id] = token;
            ghostPendingEta[id] = uint64(currentTime) + registry.PAYOUT_TOKEN_CHANGE_DELAY();
        } catch {
            if (shouldSucceed) unexpectedReverts++;
        }
    }

    function cancel(uint256 idSeed, uint256 timeSeed) external tick(timeSeed) {
        calls[this.cancel.selector]++;
        bytes32 id = _pickId(idSeed);
        bool shouldSucceed = ghostPendingEta[id] != 0;
        try registry.cancelPayoutTokenChange(id) {
            successes[this.cancel.selector]++;
            if (!shouldSucceed) unexpectedSuccesses++;
            delete ghostPendingToken[id];
            delete ghostPendingEta[id];
        } catch {
            if (shouldSucceed) unexpectedReverts++;
        }
    }

    /// Permissionless: called from an outsider account.
    function applyChange(uint256 idSeed, uint256 timeSeed) external tick(timeSeed) {
        calls[this.applyChange.selector]++;
        _apply(_pickId(idSeed));
    }

    function _apply(bytes32 id) internal {
        uint64 eta = ghostPendingEta[id];
        bool shouldSucceed = eta != 0 && currentTime >= eta;
        vm.prank(outsider);
        try registry.applyPayoutTokenChange(id) {
            successfulApplies++;
            if (eta == 0 || currentTime < eta) prematureApplies++;
            if (!shouldSucceed) unexpectedSuccesses++;
            ghostPayoutToken[id] = ghostPendingToken[id];
            delete ghostPendingToken[id];
            delete ghostPendingEta[id];
        } catch {
            if (shouldSucceed) unexpectedReverts++;
        }
    }

    /// Any admin call from a non-admin must fail (checklist item 31).
    function outsiderAdmin(uint256 idSeed, uint256 which) external {
        calls[this.outsiderAdmin.selector]++;
        bytes32 id = _pickId(idSeed);
        vm.startPrank(outsider);
        bool ok;
        uint256 w = which % 4;
        if (w == 0) {
            try registry.registerAssetClass(_symbol(idSeed), "H/s", 0, _token(0)) {
                ok = true;
            } catch {}
        } else if (w == 1) {
            try registry.setActive(id, !ghostActive[id]) {
                ok = true;
            } catch {}
        } else if (w == 2) {
            try registry.schedulePayoutTokenChange(id, _token(which)) {
                ok = true;
            } catch {}
        } else {
            try registry.cancelPayoutTokenChange(id) {
                ok = true;
            } catch {}
        }
        vm.stopPrank();
        if (ok) unexpectedSuccesses++;
    }

    // ---------------------------------------------------------------- views for invariants

    function ghostCount() external view returns (uint256) {
        return ghostIds.length;
    }

    function touchedCount() external view returns (uint256) {
        return touchedIds.length;
    }
}

/// @notice Invariants of AssetClassRegistry (256 runs x depth 100 by default; `npm run
/// invariant:long` runs 1,000 x 500).
contract AssetClassRegistryInvariantTest is Test {
    AssetClassRegistry internal registry;
    RegistryHandler internal handler;

    function setUp() public {
        address[] memory tokens = new address[](3);
        for (uint256 i; i < tokens.length; i++) {
            tokens[i] = address(new TestPayoutToken("T", "T", 18, address(this)));
        }
        // the handler is the manager's only admin, so admin calls come from it
        HashMixAccessManager manager = new HashMixAccessManager(address(this));
        registry = new AssetClassRegistry(address(manager));
        handler = new RegistryHandler(registry, tokens, makeAddr("outsider"));
        manager.grantRole(manager.ADMIN_ROLE(), address(handler), 0);
        manager.renounceRole(manager.ADMIN_ROLE(), address(this));

        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = RegistryHandler.register.selector;
        selectors[1] = RegistryHandler.setActive.selector;
        selectors[2] = RegistryHandler.schedule.selector;
        selectors[3] = RegistryHandler.cancel.selector;
        selectors[4] = RegistryHandler.applyChange.selector;
        selectors[5] = RegistryHandler.outsiderAdmin.selector;
        selectors[6] = RegistryHandler.applyNearEta.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// The count equals the number of distinct registered ids, and the list has no duplicates.
    function invariant_countMatchesDistinctRegisteredIds() public view {
        uint256 count = registry.assetClassCount();
        assertEq(count, handler.ghostCount(), "count != ghost registrations");
        bytes32[] memory all = _allIds(count);
        for (uint256 i; i < count; i++) {
            for (uint256 j = i + 1; j < count; j++) {
                assertTrue(all[i] != all[j], "duplicate id in list");
            }
        }
    }

    /// Every listed id resolves, hashes from its symbol, and matches the model.
    function invariant_listedIdsResolveAndHashFromSymbol() public view {
        uint256 count = registry.assetClassCount();
        bytes32[] memory all = _allIds(count);
        for (uint256 i; i < count; i++) {
            bytes32 id = all[i];
            assertEq(id, handler.ghostIds(i), "order differs from registration order");
            AssetClassRegistry.AssetClass memory ac = registry.assetClass(id);
            assertEq(ac.id, id);
            assertEq(keccak256(bytes(ac.symbol)), id, "id is not keccak(symbol)");
            assertTrue(registry.isValidSymbol(ac.symbol));
            assertTrue(registry.isRegistered(id));
            assertEq(registry.isActive(id), handler.ghostActive(id), "active flag differs");
            assertEq(ac.active, handler.ghostActive(id));
            assertEq(ac.payoutToken, handler.ghostPayoutToken(id), "payout token changed outside apply");
            assertTrue(ac.payoutToken.code.length > 0);
            assertTrue(ac.unitDecimals <= 18);
        }
    }

    /// No payout token changes before its delay, and nothing the model forbids ever succeeded.
    function invariant_noPrematureOrUnexpectedChanges() public view {
        assertEq(handler.prematureApplies(), 0, "payout token changed before its eta");
        assertEq(handler.unexpectedSuccesses(), 0, "a call that must revert succeeded");
        assertEq(handler.unexpectedReverts(), 0, "a call that must succeed reverted");
    }

    /// Pending changes exist only for registered ids, match the model, and respect the delay.
    function invariant_pendingOnlyForRegisteredIds() public view {
        uint256 n = handler.touchedCount();
        uint64 delay = registry.PAYOUT_TOKEN_CHANGE_DELAY();
        for (uint256 i; i < n; i++) {
            bytes32 id = handler.touchedIds(i);
            (address token, uint64 eta) = registry.pendingPayoutTokenChange(id);
            assertEq(token, handler.ghostPendingToken(id));
            assertEq(eta, handler.ghostPendingEta(id));
            if (eta != 0) {
                assertTrue(registry.isRegistered(id), "pending change for unregistered id");
                assertTrue(eta <= handler.currentTime() + delay, "eta further than the delay");
                assertTrue(token != address(0) && token.code.length > 0, "pending token not a contract");
                assertTrue(token != registry.assetClass(id).payoutToken, "pending token equals current");
            } else {
                assertEq(token, address(0));
            }
            if (!registry.isRegistered(id)) {
                assertFalse(registry.isActive(id));
            }
        }
    }

    function _allIds(uint256 count) internal view returns (bytes32[] memory all) {
        all = new bytes32[](count);
        uint256 page = registry.MAX_PAGE_SIZE();
        for (uint256 offset; offset < count; offset += page) {
            bytes32[] memory ids = registry.assetClassIds(offset, page);
            for (uint256 i; i < ids.length; i++) {
                all[offset + i] = ids[i];
            }
        }
    }
}

