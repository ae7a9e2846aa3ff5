// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {CollateralVault} from "../src/token/CollateralVault.sol";
import {HashMixAccessManager} from "../src/access/HashMixAccessManager.sol";
import {Roles} from "../src/common/Roles.sol";
import {TestPayoutToken} from "../src/dev/TestPayoutToken.sol";
import {ICollateralPolicy} from "../src/interfaces/ICollateralPolicy.sol";

/// @notice Drives a CollateralVault with random locks, takes, releases, forfeits and payouts by the
/// role holders over five products in two ERC-20s, and random calls of every restricted function
/// by accounts without the function's role (strangers, the admin, holders of the other roles).
/// Keeps a ghost model of every position and of what each recipient received.
contract CollateralVaultHandler is Test {
    uint256 internal constant PRODUCTS = 5;

    CollateralVault public immutable vault;
    TestPayoutToken[2] internal tokens;
    address public immutable locker;
    address public immutable keeper;
    address public immutable forfeiter;
    address public immutable admin;
    address public immutable issuer;
    address public immutable stranger;
    address[3] internal recipients;

    // ghost model
    mapping(uint256 productId => bool) public isLocked;
    mapping(uint256 productId => uint256) public tokenIndex;
    mapping(uint256 productId => uint256) public lockedIn;
    mapping(uint256 productId => uint256) public paidOut; // taken + released + bounties + payouts
    mapping(uint256 productId => uint256) public amountModel;
    mapping(uint256 productId => uint256) public forfeitedModel;
    mapping(uint256 tokenIdx => mapping(address who => uint256)) public received;
    uint256 public unexpectedSuccesses;
    uint256 public unexpectedReverts;
    mapping(bytes4 => uint256) public successes;

    constructor(
        CollateralVault vault_,
        TestPayoutToken[2] memory tokens_,
        address[6] memory accounts // locker, keeper, forfeiter, admin, issuer, stranger
    ) {
        vault = vault_;
        tokens = tokens_;
        (locker, keeper, forfeiter, admin, issuer, stranger) =
            (accounts[0], accounts[1], accounts[2], accounts[3], accounts[4], accounts[5]);
        recipients = [makeAddr("recipient0"), makeAddr("recipient1"), makeAddr("recipient2")];
    }

    function token(uint256 i) external view returns (TestPayoutToken) {
        return tokens[i];
    }

    function recipient(uint256 i) external view returns (address) {
        return recipients[i];
    }

    function _p(uint256 seed) internal pure returns (uint256) {
        return 1 + seed % PRODUCTS;
    }

    function _credit(uint256 p, address to, uint256 amount) internal {
        received[tokenIndex[p]][to] += amount;
        paidOut[p] += amount;
    }

    // ---------------------------------------------------------------- role holders

    function lock(uint256 pSeed, uint256 tokenSeed, uint256 amountSeed) external {
        uint256 p = _p(pSeed);
        uint256 idx = tokenSeed % 2;
        uint256 amount = amountSeed % 1e30;
        vm.prank(locker);
        try vault.lock(p, address(tokens[idx]), issuer, amount) {
            successes[this.lock.selector]++;
            if (amount == 0) return; // a zero amount books nothing (and never reverts AlreadyLocked)
            if (isLocked[p]) unexpectedSuccesses++;
            isLocked[p] = true;
            tokenIndex[p] = idx;
            lockedIn[p] = amount;
            amountModel[p] = amount;
        } catch {
            if (!isLocked[p]) unexpectedReverts++;
        }
    }

    function take(uint256 pSeed, uint256 want) external {
        uint256 p = _p(pSeed);
        uint256 left = amountModel[p];
        want = want % (left + 3);
        vm.prank(keeper);
        try vault.take(p, want) returns (uint256 taken) {
            successes[this.take.selector]++;
            if (taken != (want < left ? want : left)) unexpectedSuccesses++;
            amountModel[p] -= taken;
            _credit(p, keeper, taken);
        } catch {
            unexpectedReverts++;
        }
    }

    function release(uint256 pSeed, uint256 toSeed) external {
        uint256 p = _p(pSeed);
        address to = recipients[toSeed % 3];
        vm.prank(keeper);
        try vault.release(p, to) returns (uint256 amount) {
            successes[this.release.selector]++;
            if (amount != amountModel[p]) unexpectedSuccesses++;
            amountModel[p] = 0;
            _credit(p, to, amount);
        } catch {
            unexpectedReverts++;
        }
    }

    function forfeit(uint256 pSeed, uint256 bpsSeed, uint256 toSeed) external {
        uint256 p = _p(pSeed);
        uint256 bps = bpsSeed % 11_000; // sometimes above 100%
        address to = recipients[toSeed % 3];
        uint256 left = amountModel[p];
        vm.prank(forfeiter);
        try vault.forfeit(p, to, bps) returns (uint256 bounty, uint256 forfeited) {
            successes[this.forfeit.selector]++;
            if (bps > 10_000 || bounty != left * bps / 10_000 || bounty + forfeited != left) unexpectedSuccesses++;
            amountModel[p] = 0;
            forfeitedModel[p] += forfeited;
            _credit(p, to, bounty);
        } catch {
            if (bps <= 10_000) unexpectedReverts++;
        }
    }

    function payForfeited(uint256 pSeed, uint256 askSeed, uint256 toSeed) external {
        uint256 p = _p(pSeed);
        uint256 available = forfeitedModel[p];
        uint256 ask = askSeed % (available + 3); // sometimes more than available
        address to = recipients[toSeed % 3];
        vm.prank(forfeiter);
        try vault.payForfeited(p, to, ask) {
            successes[this.payForfeited.selector]++;
            if (ask > available) unexpectedSuccesses++;
            forfeitedModel[p] -= ask;
            _credit(p, to, ask);
        } catch {
            if (ask <= available) unexpectedReverts++;
        }
    }

    // ---------------------------------------------------------------- everybody else

    /// A restricted function called by an account without its role: must revert.
    function unauthorized(uint256 callerSeed, uint256 fnSeed, uint256 pSeed) external {
        uint256 p = _p(pSeed);
        uint256 fn = fnSeed % 5;
        // accounts without the role of `fn`: strangers, the admin, the issuer, holders of other roles
        address[6] memory pool = [stranger, admin, issuer, locker, keeper, forfeiter];
        address caller = pool[callerSeed % 6];
        if ((fn == 0 && caller == locker) || ((fn == 1 || fn == 2) && caller == keeper)) caller = stranger;
        if ((fn == 3 || fn == 4) && caller == forfeiter) caller = stranger;
        vm.prank(caller);
        bool ok;
        // solhint-disable avoid-low-level-calls
        if (fn == 0) {
            (ok,) = address(vault).call(abi.encodeCall(vault.lock, (p + PRODUCTS, address(tokens[0]), issuer, 1)));
        } else if (fn == 1) {
            (ok,) = address(vault).call(abi.encodeCall(vault.take, (p, type(uint256).max)));
        } else if (fn == 2) {
            (ok,) = address(vault).call(abi.encodeCall(vault.release, (p, caller)));
        } else if (fn == 3) {
            (ok,) = address(vault).call(abi.encodeCall(vault.forfeit, (p, caller, 10_000)));
        } else {
            (ok,) = address(vault).call(abi.encodeCall(vault.payForfeited, (p, caller, 0)));
        }
        // solhint-enable avoid-low-level-calls
        if (ok) unexpectedSuccesses++;
        successes[this.unauthorized.selector]++;
    }
}

/// @notice Invariants of the CollateralVault (256 runs x depth 100 in `npm test`): the vault's
/// balance of each ERC-20 always equals the sum of its positions in that token (amount + forfeited);
/// no position ever pays out more than was locked into it (item 7's spirit: total paid <= what
/// came in); only role holders move value (item 14's spirit: nothing leaks; every recipient's
/// balance is exactly what the model paid it); the model agrees with every call's outcome.
contract CollateralVaultInvariantTest is Test {
    CollateralVault internal vault;
    HashMixAccessManager internal manager;
    CollateralVaultHandler internal handler;
    TestPayoutToken[2] internal tokens;

    address internal admin = makeAddr("admin");
    address internal issuer = makeAddr("issuer");

    function setUp() public {
        manager = new HashMixAccessManager(admin);
        vault = new CollateralVault(address(manager), ICollateralPolicy(address(0)));
        tokens[0] = new TestPayoutToken("A", "A", 8, admin);
        tokens[1] = new TestPayoutToken("B", "B", 18, admin);
        address locker = makeAddr("locker");
        address keeper = makeAddr("collateralManager");
        address forfeiter = makeAddr("forfeiter");
        vm.startPrank(admin);
        bytes4[] memory one = new bytes4[](1);
        one[0] = vault.lock.selector;
        manager.setTargetFunctionRole(address(vault), one, Roles.COLLATERAL_LOCKER);
        bytes4[] memory two = new bytes4[](2);
        two[0] = vault.take.selector;
        two[1] = vault.release.selector;
        manager.setTargetFunctionRole(address(vault), two, Roles.COLLATERAL_MANAGER);
        two[0] = vault.forfeit.selector;
        two[1] = vault.payForfeited.selector;
        manager.setTargetFunctionRole(address(vault), two, Roles.COLLATERAL_FORFEITER);
        manager.grantRole(Roles.COLLATERAL_LOCKER, locker, 0);
        manager.grantRole(Roles.COLLATERAL_MANAGER, keeper, 0);
        manager.grantRole(Roles.COLLATERAL_FORFEITER, forfeiter, 0);
        tokens[0].mint(issuer, 1e36);
        tokens[1].mint(issuer, 1e36);
        vm.stopPrank();
        vm.startPrank(issuer);
        tokens[0].approve(address(vault), type(uint256).max);
        tokens[1].approve(address(vault), type(uint256).max);
        vm.stopPrank();
        handler = new CollateralVaultHandler(
            vault, tokens, [locker, keeper, forfeiter, admin, issuer, makeAddr("stranger")]
        );

        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = CollateralVaultHandler.lock.selector;
        selectors[1] = CollateralVaultHandler.lock.selector;
        selectors[2] = CollateralVaultHandler.take.selector;
        selectors[3] = CollateralVaultHandler.release.selector;
        selectors[4] = CollateralVaultHandler.forfeit.selector;
        selectors[5] = CollateralVaultHandler.payForfeited.selector;
        selectors[6] = CollateralVaultHandler.payForfeited.selector;
        selectors[7] = CollateralVaultHandler.unauthorized.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// The vault's balance of each token equals the sum of its positions in that token, and each
    /// position equals the model.
    function invariant_balanceEqualsSumOfPositions() public view {
        uint256[2] memory sums;
        for (uint256 p = 1; p <= 5; p++) {
            (address t, uint256 amount) = vault.collateralOf(p);
            uint256 forfeited = vault.forfeitedOf(p);
            assertEq(amount, handler.amountModel(p), "amount != model");
            assertEq(forfeited, handler.forfeitedModel(p), "forfeited != model");
            if (t == address(0)) {
                assertEq(amount + forfeited, 0);
                continue;
            }
            assertEq(t, address(handler.token(handler.tokenIndex(p))), "position token");
            sums[handler.tokenIndex(p)] += amount + forfeited;
        }
        assertEq(tokens[0].balanceOf(address(vault)), sums[0], "token A: balance != sum of positions");
        assertEq(tokens[1].balanceOf(address(vault)), sums[1], "token B: balance != sum of positions");
    }

    /// Nothing pays more than was locked: per product, what is left plus what went out equals what
    /// came in.
    function invariant_nothingPaysMoreThanLocked() public view {
        for (uint256 p = 1; p <= 5; p++) {
            (, uint256 amount) = vault.collateralOf(p);
            uint256 out = handler.paidOut(p);
            assertLe(out, handler.lockedIn(p), "paid out more than locked");
            assertEq(amount + vault.forfeitedOf(p) + out, handler.lockedIn(p), "conservation");
        }
    }

    /// Only role holders move value: every recipient (and the collateral manager, which takes)
    /// holds exactly what the model paid it, strangers and the admin hold nothing, and no call by
    /// an account without the function's role ever succeeded.
    function invariant_onlyRoleHoldersMoveValue() public view {
        for (uint256 i; i < 2; i++) {
            for (uint256 r; r < 3; r++) {
                address who = handler.recipient(r);
                assertEq(tokens[i].balanceOf(who), handler.received(i, who), "recipient != model");
            }
            assertEq(tokens[i].balanceOf(handler.keeper()), handler.received(i, handler.keeper()));
            assertEq(tokens[i].balanceOf(handler.stranger()), 0);
            assertEq(tokens[i].balanceOf(handler.admin()), 0);
            assertEq(tokens[i].balanceOf(handler.locker()), 0);
            assertEq(tokens[i].balanceOf(handler.forfeiter()), 0);
        }
        assertEq(handler.unexpectedSuccesses(), 0, "a call that must revert succeeded");
    }

    function invariant_modelAgrees() public view {
        assertEq(handler.unexpectedReverts(), 0, "a call that must succeed reverted");
    }
}
