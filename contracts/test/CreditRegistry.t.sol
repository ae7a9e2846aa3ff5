// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {TooManyItems, ZeroAddress} from "../src/common/Errors.sol";
import {CreditMath} from "../src/credit/CreditMath.sol";
import {CreditRegistry} from "../src/credit/CreditRegistry.sol";
import {IFulfillmentObserver} from "../src/interfaces/IFulfillmentObserver.sol";
import {ILoanHistory} from "../src/interfaces/ILoanHistory.sol";
import {MockLoanHistory} from "./mocks/CreditMocks.sol";
import {CreditFixtures} from "./utils/CreditFixtures.sol";

/// @notice CreditRegistry unit suite: records only through the roles (checklist item 29), the
/// score formula as records arrive and decay, bounded and delayed parameter and loan-source changes
/// (items 29, 31), views.
contract CreditRegistryTest is CreditFixtures {
    address internal farm = makeAddr("farm");
    address internal usdc = makeAddr("usdc");
    MockLoanHistory internal loans;

    uint32 internal constant DAY = 1 days;

    function setUp() public override {
        super.setUp();
        loans = new MockLoanHistory();
    }

    // ------------------------------------------------------------------ helpers

    function _pass(address who, uint64 cap, uint64 from, uint64 to, uint256 delivered)
        internal
        view
        returns (IFulfillmentObserver.SettledPass memory p)
    {
        p.productId = 7;
        p.issuer = who;
        p.assetClass = btc;
        p.capacity = cap;
        p.from = from;
        p.to = to;
        p.deliveredUnitSeconds = delivered;
    }

    function _record(IFulfillmentObserver.SettledPass memory p) internal {
        vm.prank(address(router));
        credit.recordFulfillment(p);
    }

    function _slash(address who) internal {
        vm.prank(address(hardwareRegistry));
        credit.recordSlash(who, 1 ether);
    }

    function _setLoans(address[] memory currencies) internal {
        vm.prank(owner);
        credit.scheduleLoanSource(loans, currencies);
        vm.warp(block.timestamp + credit.PARAMS_DELAY());
        credit.applyLoanSource();
    }

    function _oneCurrency() internal view returns (address[] memory c) {
        c = new address[](1);
        c[0] = usdc;
    }

    // ------------------------------------------------------------------ newcomers, views

    function test_newcomerHasTheFloorScore() public view {
        assertEq(credit.scoreOf(farm), CreditMath.NEWCOMER_SCORE);
        CreditMath.Breakdown memory b = credit.creditOf(farm);
        assertEq(b.score, 300);
        assertEq(b.collateralScore, 300);
        assertEq(b.reliability, 0);
        assertEq(b.confidence, 0);
        assertEq(b.performancePoints, 0);
        assertEq(b.penaltyPoints, 0);
        (uint256 s, uint256 classCredit) = credit.collateralTerms(farm, btc);
        assertEq(s, 300);
        assertEq(classCredit, 0);
        assertEq(credit.formulaVersion(), 1);
        assertEq(credit.accountOf(farm).lastUpdate, 0);
    }

    function test_defaultParamsAreInForceAndWithinBounds() public view {
        CreditRegistry.Params memory p = credit.params();
        CreditRegistry.Params memory d = credit.defaultParams();
        assertEq(abi.encode(p), abi.encode(d));
        assertEq(p.halfLife, 180 days);
        assertEq(p.confidenceHalf, 90 days);
        assertTrue(credit.checkParams(d));
    }

    // ------------------------------------------------------------------ item 29: only records change scores

    function test_item29_nobodyButTheRolesCanRecord() public {
        IFulfillmentObserver.SettledPass memory p = _pass(farm, 1000, uint64(T0), uint64(T0 + DAY), 1000 * DAY);
        address[3] memory callers = [stranger, farm, owner];
        for (uint256 i; i < callers.length; i++) {
            vm.startPrank(callers[i]);
            vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, callers[i]));
            credit.recordFulfillment(p);
            vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, callers[i]));
            credit.recordSlash(farm, 1);
            vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, callers[i]));
            credit.recordFrozen(farm, 1);
            vm.stopPrank();
        }
        // the hardware registry may report frauds but not fulfillment; the router the reverse
        vm.prank(address(hardwareRegistry));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(hardwareRegistry))
        );
        credit.recordFulfillment(p);
        vm.prank(address(router));
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(router)));
        credit.recordSlash(farm, 1);
        assertEq(credit.scoreOf(farm), 300, "nothing changed");
    }

    function test_item29_theRouterTakesPassesOnlyFromTheVault() public {
        IFulfillmentObserver.SettledPass memory p = _pass(farm, 1000, uint64(T0), uint64(T0 + DAY), 1000 * DAY);
        vm.prank(farm);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, farm));
        router.onSettled(p);
        vm.prank(farm);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, farm));
        router.onReported(1, 0, btc, new address[](0));
        vm.prank(address(fv));
        router.onSettled(p);
        assertGt(credit.scoreOf(farm), 300);
    }

    // ------------------------------------------------------------------ fulfillment records

    function test_recordFulfillment_storesDecayedTotalsCountersAndClassCredit() public {
        IFulfillmentObserver.SettledPass memory p = _pass(farm, 1000, uint64(T0), uint64(T0 + 7 * DAY), 900 * 7 * DAY);
        p.fulfilled = 1;
        p.short_ = 1;
        p.firstEpoch = 3;
        vm.expectEmit(address(credit));
        emit CreditRegistry.FulfillmentRecorded(
            farm, 7, btc, 1000, uint64(T0), uint64(T0 + 7 * DAY), 900 * 7 * DAY, 1, 1, 0, 0, false, uint64(T0)
        );
        _record(p);
        CreditRegistry.Account memory a = credit.accountOf(farm);
        assertEq(a.lastUpdate, T0);
        assertEq(a.promised, 1000 * 7 * DAY);
        assertEq(a.delivered, 900 * 7 * DAY);
        assertEq(a.experience, 7 * DAY);
        assertEq(a.penalty, 0);
        assertEq(a.fulfilled, 1);
        assertEq(a.short_, 1);
        assertEq(credit.classCreditOf(farm, btc), 900 * 7 * DAY);
        assertEq(credit.classCreditOf(farm, keccak256("other")), 0);

        CreditMath.Breakdown memory b = credit.creditOf(farm);
        assertEq(b.reliability, 0.9e18);
        // confidence 7 / (7 + 90), perf 0.81
        uint256 conf = uint256(7 * DAY) * 1e18 / (7 * DAY + 90 days);
        assertEq(b.confidence, conf);
        assertEq(b.performancePoints, (conf * 0.81e18 / 1e18) * 700 / 1e18);
        assertEq(b.score, 300 + b.performancePoints);
    }

    function test_recordFulfillment_refusesPassesThatAreNotSettledEpochs() public {
        vm.startPrank(address(router));
        vm.expectRevert(CreditRegistry.InvalidPass.selector);
        credit.recordFulfillment(_pass(farm, 1000, uint64(T0), uint64(T0), 0));
        vm.expectRevert(CreditRegistry.InvalidPass.selector);
        credit.recordFulfillment(_pass(farm, 1000, uint64(T0 + 1), uint64(T0), 0));
        vm.expectRevert(CreditRegistry.InvalidPass.selector);
        credit.recordFulfillment(_pass(farm, 1000, uint64(T0), uint64(T0 + DAY), 1000 * DAY + 1));
        vm.stopPrank();
    }

    function test_penalties_missedUnreportedAndDefault() public {
        IFulfillmentObserver.SettledPass memory p = _pass(farm, 1000, uint64(T0), uint64(T0 + 3 * DAY), 0);
        p.missed = 2;
        p.unreported = 1;
        p.defaulted = true;
        _record(p);
        CreditRegistry.Account memory a = credit.accountOf(farm);
        assertEq(a.penalty, (2 * 40 + 60 + 300) * CreditMath.PENALTY_UNIT);
        assertEq(a.missed, 2);
        assertEq(a.unreported, 1);
        assertEq(a.defaults, 1);
        CreditMath.Breakdown memory b = credit.creditOf(farm);
        assertEq(b.penaltyPoints, 440);
        assertEq(b.score, 0, "below the floor, clamped at 0");
        assertEq(credit.classCreditOf(farm, btc), 0, "nothing delivered, no class credit");
    }

    function test_slashAndFrozen_penaliseTheAccount() public {
        vm.expectEmit(address(credit));
        emit CreditRegistry.SlashRecorded(farm, 1 ether, uint64(T0));
        _slash(farm);
        assertEq(credit.scoreOf(farm), 0);
        assertEq(credit.accountOf(farm).slashes, 1);
        address other = makeAddr("other");
        vm.expectEmit(address(credit));
        emit CreditRegistry.FrozenRecorded(other, 9, uint64(T0));
        vm.prank(address(hardwareRegistry));
        credit.recordFrozen(other, 9);
        assertEq(credit.accountOf(other).frozen, 1);
        assertEq(credit.creditOf(other).penaltyPoints, 500);
    }

    function test_anOldFailureFades() public {
        _slash(farm); // 300 points
        vm.warp(T0 + 180 days);
        assertEq(credit.creditOf(farm).penaltyPoints, 150);
        assertEq(credit.scoreOf(farm), 150);
        vm.warp(T0 + 360 days);
        assertEq(credit.scoreOf(farm), 225);
        vm.warp(T0 + 270 days); // halfway between 1 and 2 half-lives: linear interpolation
        assertEq(credit.creditOf(farm).penaltyPoints, 113, "150 - 37.5, rounded up");
        vm.warp(T0 + 180 days * 40);
        assertEq(credit.scoreOf(farm), 300, "back to a newcomer's score");
        // the stored value decays only when the next record arrives
        assertEq(credit.accountOf(farm).penalty, 300 * CreditMath.PENALTY_UNIT);
    }

    function test_creditAt_decaysToAChosenTime() public {
        _slash(farm);
        assertEq(abi.encode(credit.creditAt(farm, uint64(T0))), abi.encode(credit.creditOf(farm)));
        assertEq(credit.creditAt(farm, uint64(T0 + 180 days)).penaltyPoints, 150);
        assertEq(credit.creditAt(stranger, 0).score, 300, "no record: any time");
        vm.warp(T0 + 10);
        _slash(farm);
        vm.expectRevert(abi.encodeWithSelector(CreditRegistry.TimeBeforeRecord.selector, uint64(T0), uint64(T0 + 10)));
        credit.creditAt(farm, uint64(T0));
    }

    function test_recordsDecayBeforeNewOnesAdd() public {
        _record(_pass(farm, 1000, uint64(T0), uint64(T0 + DAY), 1000 * DAY));
        vm.warp(T0 + 180 days);
        _record(_pass(farm, 1000, uint64(T0 + DAY), uint64(T0 + 2 * DAY), 0));
        CreditRegistry.Account memory a = credit.accountOf(farm);
        assertEq(a.promised, 500 * DAY + 1000 * DAY);
        assertEq(a.delivered, 500 * DAY);
        assertEq(a.experience, DAY / 2 + DAY);
        assertEq(a.lastUpdate, T0 + 180 days);
        assertEq(credit.classCreditOf(farm, btc), 500 * DAY);
    }

    function test_classCreditDecaysWithTheHalfLife() public {
        _record(_pass(farm, 1000, uint64(T0), uint64(T0 + DAY), 1000 * DAY));
        vm.warp(T0 + 360 days);
        assertEq(credit.classCreditOf(farm, btc), 250 * DAY);
        (, uint256 cc) = credit.collateralTerms(farm, btc);
        assertEq(cc, 250 * DAY);
    }

    function test_hugeRecordsSaturateInsteadOfOverflowing() public {
        uint256 span = uint256(type(uint64).max) - 1;
        IFulfillmentObserver.SettledPass memory p =
            _pass(farm, type(uint64).max, 1, type(uint64).max, uint256(type(uint64).max) * span);
        p.missed = type(uint32).max / 2;
        _record(p);
        _record(p);
        CreditRegistry.Account memory a = credit.accountOf(farm);
        assertEq(a.promised, type(uint128).max);
        assertEq(a.delivered, type(uint128).max);
        assertEq(a.experience, type(uint64).max);
        assertEq(credit.classCreditOf(farm, btc), type(uint128).max);
        assertEq(credit.creditOf(farm).reliability, 1e18);
        assertEq(credit.scoreOf(farm), 0);
    }

    // ------------------------------------------------------------------ parameters: bounded and delayed (items 29, 31)

    function _params() internal view returns (CreditRegistry.Params memory p) {
        p = credit.defaultParams();
        p.halfLife = 90 days;
        p.slashPenalty = 100;
    }

    function test_item31_paramsChangeOnlyAfterTheDelay() public {
        CreditRegistry.Params memory p = _params();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        credit.scheduleParams(p);

        vm.expectRevert(CreditRegistry.NoPendingCreditChange.selector);
        credit.applyParams();

        uint64 eta = uint64(block.timestamp) + 7 days;
        vm.expectEmit(address(credit));
        emit CreditRegistry.ParamsScheduled(p, eta);
        vm.prank(owner);
        credit.scheduleParams(p);
        (CreditRegistry.Params memory pending, uint64 pendingEta) = credit.pendingParams();
        assertEq(abi.encode(pending), abi.encode(p));
        assertEq(pendingEta, eta);

        vm.warp(eta - 1);
        vm.expectRevert(abi.encodeWithSelector(CreditRegistry.CreditChangeNotReady.selector, eta));
        credit.applyParams();
        vm.warp(eta);
        vm.expectEmit(address(credit));
        emit CreditRegistry.ParamsApplied(p, eta);
        vm.prank(stranger); // anyone applies
        credit.applyParams();
        assertEq(abi.encode(credit.params()), abi.encode(p));
        (, pendingEta) = credit.pendingParams();
        assertEq(pendingEta, 0);
        vm.expectRevert(CreditRegistry.NoPendingCreditChange.selector);
        credit.applyParams();

        _slash(farm);
        assertEq(credit.scoreOf(farm), 200, "new penalty in force");
    }

    function test_item29_paramsAreBounded() public {
        CreditRegistry.Params memory d = credit.defaultParams();
        CreditRegistry.Params[] memory bad = new CreditRegistry.Params[](13);
        for (uint256 i; i < bad.length; i++) {
            bad[i] = credit.defaultParams(); // a fresh copy each (memory structs are references)
        }
        bad[0].halfLife = 7 days - 1;
        bad[1].halfLife = 1460 days + 1;
        bad[2].confidenceHalf = 1 days - 1;
        bad[3].confidenceHalf = 730 days + 1;
        bad[4].missedPenalty = 1001;
        bad[5].unreportedPenalty = 1001;
        bad[6].defaultPenalty = 1001;
        bad[7].frozenPenalty = 1001;
        bad[8].slashPenalty = 1001;
        bad[9].latePenalty = 1001;
        bad[10].loanDefaultPenalty = 1001;
        bad[11].loanBonusCap = 101;
        bad[12].loanBonusPerRepaid = d.loanBonusCap + 1;
        vm.startPrank(owner);
        for (uint256 i; i < bad.length; i++) {
            assertFalse(credit.checkParams(bad[i]));
            vm.expectRevert(CreditRegistry.InvalidCreditParams.selector);
            credit.scheduleParams(bad[i]);
        }
        // the bounds themselves are accepted
        CreditRegistry.Params memory edge = credit.defaultParams();
        edge.halfLife = 7 days;
        edge.confidenceHalf = 730 days;
        edge.missedPenalty = 1000;
        edge.loanBonusCap = 100;
        edge.loanBonusPerRepaid = 100;
        assertTrue(credit.checkParams(edge));
        credit.scheduleParams(edge);
        edge.halfLife = 1460 days;
        edge.confidenceHalf = 1 days;
        assertTrue(credit.checkParams(edge));
        vm.stopPrank();
    }

    function test_schedulingAgainRestartsTheDelay() public {
        CreditRegistry.Params memory p = _params();
        vm.prank(owner);
        credit.scheduleParams(p);
        vm.warp(T0 + 6 days);
        CreditRegistry.Params memory d = credit.defaultParams();
        vm.prank(owner);
        credit.scheduleParams(d);
        vm.warp(T0 + 7 days);
        vm.expectRevert(abi.encodeWithSelector(CreditRegistry.CreditChangeNotReady.selector, uint64(T0 + 13 days)));
        credit.applyParams();
    }

    // ------------------------------------------------------------------ borrower part (lending, pulled)

    // solhint-disable-next-line function-max-lines
    function test_loanSource_delayedBoundedAndSummedOverCurrencies() public {
        address[] memory cs = new address[](2);
        cs[0] = usdc;
        cs[1] = address(wbtc);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        credit.scheduleLoanSource(loans, cs);
        vm.expectRevert(CreditRegistry.NoPendingCreditChange.selector);
        credit.applyLoanSource();

        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(TooManyItems.selector, 5, 4));
        credit.scheduleLoanSource(loans, new address[](5));
        vm.expectRevert(ZeroAddress.selector);
        credit.scheduleLoanSource(loans, new address[](1));
        uint64 eta = uint64(block.timestamp) + 7 days;
        vm.expectEmit(address(credit));
        emit CreditRegistry.LoanSourceScheduled(address(loans), cs, eta);
        credit.scheduleLoanSource(loans, cs);
        vm.stopPrank();
        (address src, address[] memory pc, uint64 pEta) = credit.pendingLoanSource();
        assertEq(src, address(loans));
        assertEq(pc.length, 2);
        assertEq(pEta, eta);

        loans.set(farm, usdc, 3, 1, 0);
        loans.set(farm, address(wbtc), 2, 0, 1);
        assertEq(credit.scoreOf(farm), 300, "not in force yet");
        vm.warp(eta - 1);
        vm.expectRevert(abi.encodeWithSelector(CreditRegistry.CreditChangeNotReady.selector, eta));
        credit.applyLoanSource();
        vm.warp(eta);
        vm.expectEmit(address(credit));
        emit CreditRegistry.LoanSourceApplied(address(loans), cs);
        credit.applyLoanSource();
        (src, pc) = credit.loanSource();
        assertEq(src, address(loans));
        assertEq(pc[1], address(wbtc));

        (uint256 repaid, uint256 late, uint256 defaulted) = credit.loanCountsOf(farm);
        assertEq(repaid, 5);
        assertEq(late, 1);
        assertEq(defaulted, 1);
        CreditMath.Breakdown memory b = credit.creditOf(farm);
        assertEq(b.loanBonus, 25);
        assertEq(b.loanPenaltyPoints, 20 + 200);
        assertEq(b.score, 300 + 25 - 220);
        assertEq(b.collateralScore, 300, "collateral terms follow the issuer's own record, not the borrower part");
        (uint256 collScore,) = credit.collateralTerms(farm, btc);
        assertEq(collScore, 300);

        // removing the source
        vm.prank(owner);
        credit.scheduleLoanSource(ILoanHistory(address(0)), new address[](0));
        vm.warp(block.timestamp + 7 days);
        credit.applyLoanSource();
        assertEq(credit.scoreOf(farm), 300);
    }

    function test_loanBonusIsCapped() public {
        _setLoans(_oneCurrency());
        loans.set(farm, usdc, 1_000, 0, 0);
        CreditMath.Breakdown memory b = credit.creditOf(farm);
        assertEq(b.loanBonus, 50);
        assertEq(b.score, 350);
        assertEq(b.collateralScore, 300);
    }
}
