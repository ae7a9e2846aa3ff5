// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {ZeroAddress} from "../src/common/Errors.sol";
import {CollateralPolicy} from "../src/credit/CollateralPolicy.sol";
import {CreditMath} from "../src/credit/CreditMath.sol";
import {CollateralVault} from "../src/token/CollateralVault.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {ICollateralPolicy} from "../src/interfaces/ICollateralPolicy.sol";
import {ICreditScore} from "../src/interfaces/ICreditScore.sol";
import {MockLoanHistory} from "./mocks/CreditMocks.sol";
import {CreditFixtures} from "./utils/CreditFixtures.sol";

/// @notice Credit-adjusted collateral at mint: the policy's requirement (newcomers post the most, a
/// clean record less, never below the best bound, a discount only on proven exposure), the
/// collateral vault's check, the delayed policy and base-rate changes (item 31), and how scores
/// resist wash activity between one's own accounts.
contract CollateralPolicyTest is CreditFixtures {
    /// 1 payout base unit per unit-day (x 1e18)
    uint256 internal constant RATE = 1e18;
    /// a fixture product: 1,000 units for 30 days = 30,000 unit-days
    uint256 internal constant NEWCOMER_REQUIRED = 90_000;
    uint256 internal constant BEST_REQUIRED = 30_000;

    address internal twin = makeAddr("issuerTwin");

    function setUp() public override {
        super.setUp();
        _enableBaseRate(btc, RATE); // now T0 + 7 days
        _fund(twin, 1_000e8);
    }

    function _attest(address who, uint256 units, uint256 collateral) internal returns (HashPowerToken.ProductAttestation memory a) {
        a = _attestationFor(who, hw, attestationNonce++);
        a.capacity = units;
        a.start = uint64(T0);
        a.end = uint64(T0 + TERM);
        a.collateral = collateral;
        a.deadline = uint64(block.timestamp + 1 days);
    }

    function _required(address who, uint256 units) internal view returns (uint256) {
        return policy.requiredCollateral(who, btc, units, uint64(T0), uint64(T0 + TERM));
    }

    function _expectShort(HashPowerToken.ProductAttestation memory a, uint256 required) internal {
        bytes32 digest = hpt.hashProductAttestation(a);
        vm.prank(a.issuer);
        vm.expectRevert(abi.encodeWithSelector(CollateralVault.CollateralBelowRequired.selector, required, a.collateral));
        hpt.mintProduct(a, _sigsOver(digest, 0, THRESHOLD));
    }

    /// Builds a clean record: a product of `units`, epochs 0-3 fulfilled (now T0 + 28 days).
    function _cleanRecord(uint256 units) internal returns (uint256 pid) {
        (pid,) = _mint(_attest(issuer, units, _required(issuer, units)));
        for (uint32 e; e < 4; e++) {
            uint256 end = _epochEnd(e, TERM);
            if (block.timestamp < end) vm.warp(end);
            _report(pid, e, units, 100, 1);
            _deposit(pid, e);
        }
    }

    // ------------------------------------------------------------------ newcomers post the most

    function test_newcomerPostsTheMost() public {
        assertEq(_required(issuer, UNITS), NEWCOMER_REQUIRED);
        _expectShort(_attest(issuer, UNITS, NEWCOMER_REQUIRED - 1), NEWCOMER_REQUIRED);
        (uint256 pid,) = _mint(_attest(issuer, UNITS, NEWCOMER_REQUIRED));
        (, uint256 locked) = collateralVault.collateralOf(pid);
        assertEq(locked, NEWCOMER_REQUIRED);
    }

    function test_zeroCollateralIsCheckedToo() public {
        _expectShort(_attest(issuer, UNITS, 0), NEWCOMER_REQUIRED);
    }

    function test_noRateNoRequirement() public {
        bytes32 etc = _newClass("ETC-ETCHASH", address(wbtc), true);
        assertEq(policy.requiredCollateral(issuer, etc, UNITS, uint64(T0), uint64(T0 + TERM)), 0);
        HashPowerToken.ProductAttestation memory a = _attest(issuer, UNITS, 0);
        a.assetClass = etc;
        (uint256 pid,) = _mint(a);
        (address token, uint256 locked) = collateralVault.collateralOf(pid);
        assertEq(token, address(0), "a zero lock books nothing");
        assertEq(locked, 0);
    }

    // ------------------------------------------------------------------ a clean record posts less

    function test_aCleanRecordPostsLessWithinBounds() public {
        _cleanRecord(UNITS);
        (uint256 s, uint256 classCredit) = credit.collateralTerms(issuer, btc);
        assertGt(s, 300);
        assertGt(classCredit, 0);
        uint256 required = _required(issuer, UNITS);
        assertLt(required, NEWCOMER_REQUIRED);
        assertGt(required, BEST_REQUIRED);
        // exactly the documented formula
        uint256 mult = CreditMath.multiplierBps(s, BEST_BPS, NEWCOMER_BPS);
        uint256 promised = UNITS * TERM;
        uint256 covered = classCredit < promised ? classCredit : promised;
        uint256 expected = _ceilDiv(RATE * (covered * mult + (promised - covered) * NEWCOMER_BPS), 1 days * 10_000 * 1e18);
        assertEq(required, expected);
        CollateralPolicy.Quote memory q = policy.quote(issuer, btc, UNITS, uint64(T0), uint64(T0 + TERM));
        assertEq(q.required, required);
        assertEq(q.baseRate, RATE);
        assertEq(q.collateralScore, s);
        assertEq(q.multiplierBps, mult);
        assertEq(q.promised, promised);
        assertEq(q.covered, covered);

        _expectShort(_attest(issuer, UNITS, required - 1), required);
        _mint(_attest(issuer, UNITS, required));
    }

    function _ceilDiv(uint256 a, uint256 b) internal pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }

    /// A record built on a tiny product buys a discount on tiny exposure only.
    function test_theDiscountNeverCoversMoreThanTheRecordProved() public {
        _cleanRecord(10); // 1% of the fixture's product size
        assertGt(credit.scoreOf(issuer), 400, "the score itself is as good as with a large product");
        uint256 required = _required(issuer, UNITS);
        assertGe(required, NEWCOMER_REQUIRED * 99 / 100 - 1, "at most the proven 1% is discounted");
        assertLt(required, NEWCOMER_REQUIRED);
    }

    function test_aRecordInOneAssetClassBuysNothingInAnother() public {
        _cleanRecord(UNITS);
        bytes32 etc = _newClass("ETC-ETCHASH", address(wbtc), true);
        _enableBaseRate(etc, RATE);
        assertEq(
            policy.requiredCollateral(issuer, etc, UNITS, uint64(T0), uint64(T0 + TERM)), NEWCOMER_REQUIRED
        );
    }

    function test_aBadRecordNeedsNoMoreThanANewcomer() public {
        vm.prank(address(hardwareRegistry));
        credit.recordSlash(issuer, 1);
        assertEq(credit.scoreOf(issuer), 0);
        assertEq(_required(issuer, UNITS), NEWCOMER_REQUIRED, "same as a fresh account: nothing to gain by switching");
    }

    // ------------------------------------------------------------------ anti-gaming

    /// Trading with oneself creates no record: tokens moving between one's own accounts change
    /// neither the score nor the collateral terms.
    function test_washTradingBetweenOwnAccountsChangesNothing() public {
        (, uint256 tokenId) = _mint(_attest(issuer, UNITS, NEWCOMER_REQUIRED));
        uint256 scoreBefore = credit.scoreOf(issuer);
        uint256 twinBefore = credit.scoreOf(twin);
        uint256 requiredBefore = _required(issuer, UNITS);
        vm.prank(issuer);
        uint256[] memory parts = hpt.split(tokenId, _units(400, 600));
        for (uint256 i; i < 10; i++) {
            vm.prank(issuer);
            hpt.transferFrom(issuer, twin, parts[0]);
            vm.prank(twin);
            hpt.transferFrom(twin, issuer, parts[0]);
            vm.warp(block.timestamp + 1 hours);
        }
        vm.prank(issuer);
        hpt.merge(_ids(parts[0], parts[1]));
        assertEq(credit.scoreOf(issuer), scoreBefore);
        assertEq(credit.scoreOf(twin), twinBefore);
        assertEq(_required(issuer, UNITS), requiredBefore);
        assertEq(credit.accountOf(issuer).lastUpdate, 0, "no record at all");
    }

    /// Lending to oneself adds at most the capped borrower bonus to the score, and nothing to
    /// collateral terms.
    function test_washLendingToOneselfIsCappedAndNeverLowersCollateral() public {
        _cleanRecord(UNITS);
        MockLoanHistory loans = new MockLoanHistory();
        address[] memory cs = new address[](1);
        cs[0] = address(wbtc);
        vm.prank(owner);
        credit.scheduleLoanSource(loans, cs);
        vm.warp(block.timestamp + credit.PARAMS_DELAY());
        credit.applyLoanSource();
        uint256 scoreBefore = credit.scoreOf(issuer);
        uint256 requiredBefore = _required(issuer, UNITS);
        (uint256 collateralScoreBefore,) = credit.collateralTerms(issuer, btc);

        loans.set(issuer, address(wbtc), 10_000, 0, 0); // ten thousand loans to its twin, all repaid
        assertEq(credit.scoreOf(issuer), scoreBefore + 50, "the borrower bonus is capped");
        (uint256 collateralScore,) = credit.collateralTerms(issuer, btc);
        assertEq(collateralScore, collateralScoreBefore);
        assertEq(_required(issuer, UNITS), requiredBefore, "collateral never counts the bonus");
    }

    /// A fresh account (a sybil) gets the newcomer terms: the most collateral.
    function test_sybilFreshAccountGetsTheNewcomerTerms() public {
        _cleanRecord(UNITS);
        assertLt(_required(issuer, UNITS), NEWCOMER_REQUIRED);
        assertEq(_required(twin, UNITS), NEWCOMER_REQUIRED);
        assertEq(credit.scoreOf(twin), 300);
    }

    // ------------------------------------------------------------------ the vault's policy: delayed (item 31)

    function test_item31_vaultPolicyChangesOnlyAfterTheDelay() public {
        assertEq(collateralVault.collateralPolicy(), address(policy));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        collateralVault.schedulePolicy(ICollateralPolicy(address(0)));
        vm.expectRevert(CollateralVault.NoPendingPolicy.selector);
        collateralVault.applyPolicy();

        uint64 eta = uint64(block.timestamp) + 7 days;
        vm.expectEmit(address(collateralVault));
        emit CollateralVault.PolicyScheduled(address(0), eta);
        vm.prank(owner);
        collateralVault.schedulePolicy(ICollateralPolicy(address(0)));
        (address pending, uint64 pendingEta) = collateralVault.pendingPolicy();
        assertEq(pending, address(0));
        assertEq(pendingEta, eta);
        vm.warp(eta - 1);
        vm.expectRevert(abi.encodeWithSelector(CollateralVault.PolicyNotReady.selector, eta));
        collateralVault.applyPolicy();
        vm.warp(eta);
        vm.expectEmit(address(collateralVault));
        emit CollateralVault.PolicyChanged(address(0));
        vm.prank(stranger);
        collateralVault.applyPolicy();
        assertEq(collateralVault.collateralPolicy(), address(0));
        // without a policy nothing is required
        _mint(_attest(issuer, UNITS, 0));
    }

    function test_constructorPolicyIsInForceAtOnce() public {
        vm.expectEmit();
        emit CollateralVault.PolicyChanged(address(policy));
        CollateralVault v = new CollateralVault(address(manager), policy);
        assertEq(v.collateralPolicy(), address(policy));
        CollateralVault none = new CollateralVault(address(manager), ICollateralPolicy(address(0)));
        assertEq(none.collateralPolicy(), address(0));
    }

    // ------------------------------------------------------------------ the policy's base rates: delayed (item 31)

    function test_item31_baseRatesChangeOnlyAfterTheDelay() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        policy.scheduleBaseRate(btc, 2e18);
        vm.expectRevert(abi.encodeWithSelector(CollateralPolicy.NoPendingRate.selector, btc));
        policy.applyBaseRate(btc);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(CollateralPolicy.BaseRateTooLarge.selector, uint256(type(uint128).max) + 1));
        policy.scheduleBaseRate(btc, uint256(type(uint128).max) + 1);

        uint64 eta = uint64(block.timestamp) + 7 days;
        vm.expectEmit(address(policy));
        emit CollateralPolicy.BaseRateScheduled(btc, 2e18, eta);
        vm.prank(owner);
        policy.scheduleBaseRate(btc, 2e18);
        (uint256 rate, uint64 pendingEta) = policy.pendingBaseRate(btc);
        assertEq(rate, 2e18);
        assertEq(pendingEta, eta);
        assertEq(policy.baseRate(btc), RATE, "old rate until applied");
        vm.warp(eta - 1);
        vm.expectRevert(abi.encodeWithSelector(CollateralPolicy.RateNotReady.selector, btc, eta));
        policy.applyBaseRate(btc);
        vm.warp(eta);
        vm.expectEmit(address(policy));
        emit CollateralPolicy.BaseRateApplied(btc, 2e18);
        vm.prank(stranger);
        policy.applyBaseRate(btc);
        assertEq(policy.baseRate(btc), 2e18);
        assertEq(_required(issuer, UNITS), 2 * NEWCOMER_REQUIRED);
        (, pendingEta) = policy.pendingBaseRate(btc);
        assertEq(pendingEta, 0);
    }

    function test_constructorBounds() public {
        vm.expectRevert(ZeroAddress.selector);
        new CollateralPolicy(address(manager), ICreditScore(address(0)), 10_000, 30_000);
        vm.expectRevert(abi.encodeWithSelector(CollateralPolicy.InvalidMultipliers.selector, 9_999, 30_000));
        new CollateralPolicy(address(manager), credit, 9_999, 30_000);
        vm.expectRevert(abi.encodeWithSelector(CollateralPolicy.InvalidMultipliers.selector, 30_001, 30_000));
        new CollateralPolicy(address(manager), credit, 30_001, 30_000);
        vm.expectRevert(abi.encodeWithSelector(CollateralPolicy.InvalidMultipliers.selector, 10_000, 100_001));
        new CollateralPolicy(address(manager), credit, 10_000, 100_001);
        CollateralPolicy p = new CollateralPolicy(address(manager), credit, 10_000, 100_000);
        assertEq(p.bestBps(), 10_000);
        assertEq(p.newcomerBps(), 100_000);
        assertEq(address(p.credit()), address(credit));
        // a term that is not one (never minted: the token refuses it) requires nothing
        assertEq(policy.requiredCollateral(issuer, btc, UNITS, uint64(T0 + 1), uint64(T0)), 0);
    }
}
