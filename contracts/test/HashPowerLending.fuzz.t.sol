// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {LendingBase} from "../src/lending/LendingBase.sol";
import {LendingOrders} from "../src/lending/LendingOrders.sol";
import {LoanStatus} from "../src/lending/LendingStorage.sol";
import {LoanMath} from "../src/lending/LoanMath.sol";
import {LendingFixtures} from "./utils/LendingFixtures.sol";

/// @notice Fuzz tests (10,000 runs in the default profile) of the value-moving math: interest
/// (checklist 22: monotonic, at most one base unit against the borrower per payment, independent of
/// how often it accrues), payments and sweeps (exact, conserved), auction prices and the
/// loan-to-value bound (checklist 19).
contract HashPowerLendingFuzzTest is LendingFixtures {
    uint256 internal constant YEAR_BPS = 365 days * 10_000;

    // ================================================================ interest (LoanMath)

    /// Accrual is exact: accruing in pieces gives exactly what accruing at once gives.
    function testFuzz_item22_accrualDoesNotDependOnHowOftenItRuns(
        uint128 principal,
        uint24 apr,
        uint32 a,
        uint32 b,
        uint32 c
    ) public pure {
        uint256 once = LoanMath.accrued(principal, apr, uint256(a) + b + c);
        uint256 pieces = LoanMath.accrued(principal, apr, a) + LoanMath.accrued(principal, apr, b)
            + LoanMath.accrued(principal, apr, c);
        assertEq(pieces, once);
    }

    /// The interest owed is the exact interest rounded up: at most one base unit against the
    /// borrower, never in its favour; it never falls as time passes.
    function testFuzz_item22_interestRoundsUpByLessThanOneUnitAndIsMonotonic(
        uint128 principal,
        uint24 apr,
        uint32 t1,
        uint32 dt
    ) public pure {
        uint256 scaled = LoanMath.accrued(principal, apr, t1);
        uint256 owed = LoanMath.interestFor(principal, apr, t1);
        assertGe(owed * YEAR_BPS, scaled);
        assertLt(owed * YEAR_BPS - scaled, YEAR_BPS);
        assertGe(LoanMath.interestFor(principal, apr, uint256(t1) + dt), owed);
        assertGe(LoanMath.debt(principal, LoanMath.accrued(principal, apr, uint256(t1) + dt), type(uint256).max),
            LoanMath.debt(principal, scaled, type(uint256).max));
    }

    /// A payment lowers the debt by exactly its amount, splits into interest then principal, and
    /// rounds against the borrower by less than one base unit per payment.
    function testFuzz_item22_paymentLowersTheDebtByExactlyItsAmount(
        uint128 principal,
        uint192 interestScaled,
        uint128 cap,
        uint256 amount
    ) public pure {
        uint256 debt = LoanMath.debt(principal, interestScaled, cap);
        amount = bound(amount, 0, debt);
        (uint256 iS, uint256 p, uint256 c, uint256 toInterest, uint256 toPrincipal) =
            LoanMath.applyPayment(interestScaled, principal, cap, amount);
        assertEq(toInterest + toPrincipal, amount);
        assertLe(toInterest, (uint256(interestScaled) + YEAR_BPS - 1) / YEAR_BPS);
        assertEq(LoanMath.debt(p, iS, c), debt - amount);
        assertLe(p, principal);
        assertLe(iS, interestScaled);
        if (toInterest * YEAR_BPS > interestScaled) {
            // interest paid in full: the rounding given up is below one base unit
            assertLt(toInterest * YEAR_BPS - interestScaled, YEAR_BPS);
            assertEq(iS, 0);
        }
    }

    // ================================================================ auction prices

    /// The price stays within [floor, start] and never rises with time.
    function testFuzz_auctionPriceFallsWithinItsBounds(uint128 startPrice, uint128 floorPrice, uint256 e1, uint256 e2)
        public
        pure
    {
        vm.assume(floorPrice <= startPrice);
        uint256 duration = 3 days;
        e1 = bound(e1, 0, duration - 1);
        e2 = bound(e2, e1, duration - 1);
        uint256 p1 = LoanMath.auctionPrice(startPrice, floorPrice, e1, duration);
        uint256 p2 = LoanMath.auctionPrice(startPrice, floorPrice, e2, duration);
        assertLe(p1, startPrice);
        assertGe(p2, floorPrice);
        assertLe(p2, p1);
        if (e1 == 0) assertEq(p1, startPrice);
    }

    // ================================================================ loans on chain

    /// The debt on chain is the formula's, and it never falls without a payment.
    function testFuzz_item22_onChainDebtMatchesTheFormula(uint256 principal, uint24 apr, uint32 dt1, uint32 dt2) public {
        principal = bound(principal, 1, 50e8);
        apr = uint24(bound(apr, 0, lending.MAX_APR_BPS()));
        dt1 = uint32(bound(dt1, 0, DURATION));
        dt2 = uint32(bound(dt2, 0, DURATION));
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        o.principal = principal;
        o.maxRepayment = type(uint128).max;
        o.aprBps = apr;
        uint256 loanId = _borrowWith(o);
        vm.warp(block.timestamp + dt1);
        uint256 d1 = _debt(loanId);
        assertEq(d1, principal + (principal * apr * dt1 + YEAR_BPS - 1) / YEAR_BPS);
        lending.sweep(loanId); // nothing to claim: changes nothing
        vm.warp(block.timestamp + dt2);
        uint256 d2 = _debt(loanId);
        assertGe(d2, d1);
        assertEq(d2, principal + (principal * apr * (uint256(dt1) + dt2) + YEAR_BPS - 1) / YEAR_BPS);
    }

    /// A sweep of any revenue pays exactly the claimed amount: the debt falls by what the lender got,
    /// the borrower gets the rest, nothing stays here.
    function testFuzz_sweepPaysExactlyWhatItClaims(uint256 revenue, uint256 principal, uint32 startDelay) public {
        revenue = bound(revenue, 0, 5e8);
        principal = bound(principal, 1, 2e8);
        startDelay = uint32(bound(startDelay, 0, 6 days));
        vm.warp(block.timestamp + startDelay);
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        o.principal = principal;
        o.maxRepayment = principal * 2;
        uint256 loanId = _borrowWith(o);
        _payEpoch(pid, 0, revenue);
        uint256 debtBefore = _debt(loanId);
        uint256 lenderBefore = wbtc.balanceOf(lender);
        uint256 borrowerBefore = wbtc.balanceOf(borrower);
        uint256 claimed = lending.sweep(loanId);
        uint256 toLender = wbtc.balanceOf(lender) - lenderBefore;
        uint256 toBorrower = wbtc.balanceOf(borrower) - borrowerBefore;
        assertEq(toLender + toBorrower, claimed);
        assertEq(toLender, claimed < debtBefore ? claimed : debtBefore);
        assertEq(wbtc.balanceOf(address(lending)), 0);
        if (claimed >= debtBefore) {
            assertEq(uint8(_status(loanId)), uint8(LoanStatus.Repaid));
            assertEq(hpt.ownerOf(tokenId), borrower);
        } else {
            assertEq(_debt(loanId), debtBefore - claimed);
            assertEq(hpt.ownerOf(tokenId), address(lending));
        }
    }

    /// Checklist 19: a collection offer lends at most its LTV of the valuation, in every case.
    function testFuzz_item19_collectionOfferNeverLendsBeyondItsLtv(
        uint256 value,
        uint256 price,
        uint16 ltv,
        uint256 principal
    ) public {
        value = bound(value, 0, 1e30);
        price = bound(price, 1, 1e24);
        ltv = uint16(bound(ltv, 0, 10_000));
        principal = bound(principal, 1, 100e8);
        valuation.setValue(tokenId, value);
        valuation.setPrice(btc, price);
        LendingOrders.CollectionOffer memory c = _collection(lender);
        c.maxLtvBps = ltv;
        c.totalPrincipal = 100e8;
        bytes memory sig = _sign(lenderKey, c);
        uint256 allowed = ((value * ltv) / 10_000) / price;
        vm.prank(borrower);
        if (principal > allowed) {
            vm.expectRevert(abi.encodeWithSelector(LendingBase.LtvExceeded.selector, principal, allowed));
            lending.borrowFromCollectionOffer(c, sig, tokenId, principal);
        } else {
            uint256 loanId = lending.borrowFromCollectionOffer(c, sig, tokenId, principal);
            // principal in numeraire is within ltv of the value
            assertLe(principal * price * 10_000, value * ltv);
            assertEq(_loan(loanId).principal, principal);
        }
    }
}
