// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {HookStakeProgram} from "../src/incentives/HookStakeProgram.sol";
import {LendingBase} from "../src/lending/LendingBase.sol";
import {LendingOrders} from "../src/lending/LendingOrders.sol";
import {LoanStatus} from "../src/lending/LendingStorage.sol";
import {LendingFixtures} from "./utils/LendingFixtures.sol";

/// @dev A lenders' program that always reverts.
contract RevertingStakeHook {
    function setStake(address, uint256) external pure {
        revert("no");
    }
}

/// @notice The lenders' reward program connected to lending: the lending contract tells the program of
/// a loan's currency each lender's outstanding principal (start, payments of principal, refinance,
/// repayment, foreclosure), so lenders earn HMX by principal x time; a program that fails never stops
/// a loan, and no caller can make it miss a change by giving too little gas.
contract HashPowerLendingRewardsTest is LendingFixtures {
    HookStakeProgram internal program;

    function setUp() public override {
        super.setUp();
        program = _lenderProgram(address(wbtc));
    }

    function test_setLenderProgram_isAdminOnly_andShownByTheLens() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        lending.setLenderProgram(address(wbtc), stranger);
        assertEq(lendingLens.lenderProgram(address(wbtc)), address(program));
        vm.expectEmit(address(lending));
        emit LendingBase.LenderProgramSet(address(wbtc), address(0));
        vm.prank(owner);
        lending.setLenderProgram(address(wbtc), address(0));
        assertEq(lendingLens.lenderProgram(address(wbtc)), address(0));
    }

    /// Start, principal paid by revenue, repayment: the stake is the outstanding principal throughout.
    function test_stake_followsTheOutstandingPrincipal() public {
        vm.expectEmit(address(lending));
        emit LendingBase.LentChanged(lender, address(wbtc), PRINCIPAL);
        uint256 loanId = _borrow();
        assertEq(program.stakeOf(lender), PRINCIPAL);
        assertEq(lendingLens.outstandingPrincipal(lender, address(wbtc)), PRINCIPAL);

        // revenue larger than the interest pays principal: the stake falls with it
        _payEpoch(pid, 0, 0.05e8);
        lending.sweep(loanId);
        uint256 principalLeft = _loan(loanId).principal;
        assertLt(principalLeft, PRINCIPAL);
        assertEq(program.stakeOf(lender), principalLeft);
        assertEq(lendingLens.outstandingPrincipal(lender, address(wbtc)), principalLeft);

        vm.prank(borrower);
        lending.repay(loanId);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Repaid));
        assertEq(program.stakeOf(lender), 0);
        assertEq(lendingLens.outstandingPrincipal(lender, address(wbtc)), 0);
    }

    /// Regression (found by `invariant_lentIsTheOpenLoansPrincipal`): a payment that reaches the cap
    /// forgives the principal left, so the stake must fall by what the principal fell, not by the part
    /// of the payment that went to principal.
    function test_stake_loanPaidAtItsCap_endsAtZero() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        o.maxRepayment = PRINCIPAL; // interest accrues, but the borrower never owes more than the principal
        uint256 loanId = _borrowWith(o);
        vm.warp(block.timestamp + 10 days);
        vm.prank(borrower);
        lending.repay(loanId);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Repaid));
        assertEq(lendingLens.outstandingPrincipal(lender, address(wbtc)), 0);
        assertEq(program.stakeOf(lender), 0);
    }

    /// A refinance moves the principal's stake from the old lender to the new one.
    function test_stake_movesWithARefinance() public {
        uint256 loanId = _borrow();
        vm.warp(block.timestamp + 2 days);
        LendingOrders.LoanOffer memory o = _loanOffer(lender2, tokenId);
        o.aprBps = APR / 2;
        o.principal = 1e8;
        o.maxRepayment = 1e8;
        o.duration = uint64(_loan(loanId).maturity - block.timestamp);
        lending.refinance(loanId, o, _sign(lender2Key, o));
        assertEq(program.stakeOf(lender), 0);
        assertEq(program.stakeOf(lender2), PRINCIPAL, "the principal, not the payoff: interest is not lent");
    }

    /// A foreclosure with no bid: the lender takes the token and its stake ends.
    function test_stake_endsWithAForeclosure() public {
        uint256 loanId = _borrow();
        vm.warp(_loan(loanId).maturity + lending.GRACE_PERIOD() + 1);
        lending.startForeclosure(loanId);
        vm.warp(block.timestamp + lending.AUCTION_DURATION() + 1);
        vm.prank(lender);
        lending.claimCollateral(loanId);
        assertEq(program.stakeOf(lender), 0);
        assertEq(lendingLens.outstandingPrincipal(lender, address(wbtc)), 0);
    }

    /// Lenders earn HMX by principal x time: 1:3 of the principal, 1:3 of the reward.
    function test_lenders_earnByPrincipalTimesTime() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        o.principal = 0.1e8;
        _borrowWith(o);
        (, uint256 other) = _product(L_UNITS, PRODUCT_TERM, COLLATERAL);
        _give(borrower, other);
        LendingOrders.LoanOffer memory o2 = _loanOffer(lender2, other);
        o2.principal = 0.3e8;
        o2.maxRepayment = 0.4e8;
        _borrowWith(o2);
        vm.warp(block.timestamp + 10 days);
        vm.prank(lender);
        uint256 a = program.claim();
        vm.prank(lender2);
        uint256 b = program.claim();
        assertGt(a, 0);
        assertApproxEqRel(b, 3 * a, 1e12);
    }

    /// A reverting program never stops a loan; the stake is pushed again once a working program is set.
    function test_aFailingProgram_doesNotStopLoans_andSyncCatchesUp() public {
        RevertingStakeHook bad = new RevertingStakeHook();
        vm.prank(owner);
        lending.setLenderProgram(address(wbtc), address(bad));
        vm.expectEmit(address(lending));
        emit LendingBase.LenderProgramFailed(lender, address(wbtc));
        uint256 loanId = _borrow();
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Active));
        assertEq(program.stakeOf(lender), 0, "the real program was not told");

        vm.prank(owner);
        lending.setLenderProgram(address(wbtc), address(program));
        vm.prank(stranger);
        lending.syncLenderStake(lender, address(wbtc));
        assertEq(program.stakeOf(lender), PRINCIPAL);
    }

    /// Too little gas for the program: the whole call reverts, so nobody can make the program miss a
    /// change of a lender's stake (and keep a stale, larger one) by tuning the gas.
    function test_tooLittleGasForTheProgram_reverts() public {
        _borrow();
        vm.expectRevert(LendingBase.StakeHookGasTooLow.selector);
        lending.syncLenderStake{gas: 120_000}(lender, address(wbtc));
        lending.syncLenderStake{gas: 400_000}(lender, address(wbtc));
        assertEq(program.stakeOf(lender), PRINCIPAL);
    }

    /// A loan started while the currency had no program does not count, even once a program is set
    /// (it never inflates anyone's stake); a loan that counts keeps counting if the program is removed
    /// and the next program learns the stake by a sync.
    function test_whichLoansCount() public {
        vm.prank(owner);
        lending.setLenderProgram(address(wbtc), address(0));
        uint256 uncounted = _borrow();
        assertEq(lendingLens.outstandingPrincipal(lender, address(wbtc)), 0);
        lending.syncLenderStake(lender, address(wbtc)); // no program: nothing to tell
        vm.prank(owner);
        lending.setLenderProgram(address(wbtc), address(program));
        vm.prank(borrower);
        lending.repay(uncounted);
        assertEq(lendingLens.outstandingPrincipal(lender, address(wbtc)), 0, "never counted, never subtracted");

        (, uint256 other) = _product(L_UNITS, PRODUCT_TERM, COLLATERAL);
        _give(borrower, other);
        uint256 counted = _borrowWith(_loanOffer(lender, other));
        assertEq(program.stakeOf(lender), PRINCIPAL);
        vm.prank(owner);
        lending.setLenderProgram(address(wbtc), address(0));
        vm.prank(borrower);
        lending.repay(counted);
        assertEq(lendingLens.outstandingPrincipal(lender, address(wbtc)), 0, "still tracked without a program");
        assertEq(program.stakeOf(lender), PRINCIPAL, "the removed program was not told");
        vm.prank(owner);
        lending.setLenderProgram(address(wbtc), address(program));
        lending.syncLenderStake(lender, address(wbtc));
        assertEq(program.stakeOf(lender), 0);
    }

    /// Whatever the revenue and the time, the stake is the principal left while the loan is open and 0
    /// once it is repaid.
    function testFuzz_stake_isThePrincipalLeft(uint256 revenue, uint256 dt) public {
        uint256 loanId = _borrow();
        _payEpoch(pid, 0, bound(revenue, 0, 0.2e8));
        vm.warp(block.timestamp + bound(dt, 0, 10 days));
        lending.sweep(loanId);
        if (_status(loanId) == LoanStatus.Active) {
            assertEq(program.stakeOf(lender), _loan(loanId).principal);
            vm.prank(borrower);
            lending.repay(loanId);
        }
        assertEq(program.stakeOf(lender), 0);
        assertEq(lendingLens.outstandingPrincipal(lender, address(wbtc)), 0);
    }
}
