// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CreditRegistry} from "../src/credit/CreditRegistry.sol";
import {ICreditScore} from "../src/interfaces/ICreditScore.sol";
import {IFrozenRedemption} from "../src/interfaces/IFrozenRedemption.sol";
import {IRevenueClaims} from "../src/interfaces/IRevenueClaims.sol";
import {HashPowerLending} from "../src/lending/HashPowerLending.sol";
import {LendingBase} from "../src/lending/LendingBase.sol";
import {LendingLens} from "../src/lending/LendingLens.sol";
import {LendingModule} from "../src/lending/LendingModule.sol";
import {LendingOrders} from "../src/lending/LendingOrders.sol";
import {LoanStatus} from "../src/lending/LendingStorage.sol";
import {MockCreditScore} from "./mocks/LendingMocks.sol";
import {LendingFixtures} from "./utils/LendingFixtures.sol";

/// @notice A lender's optional minimum credit score in loan offers and collection offers: checked
/// against the borrower's score when a loan starts or is refinanced on the offer (`minCreditScore`
/// 0: no check and no call), inclusive; a registry's revert is bubbled up; without a registry every
/// score reads as 0. Borrow requests carry no minimum (the lender fills them and may check itself).
contract HashPowerLendingCreditTest is LendingFixtures {
    uint16 internal constant MIN = 400;

    // ---------------------------------------------------------------- helpers

    function _offerWithMin(uint16 min) internal returns (LendingOrders.LoanOffer memory o) {
        o = _loanOffer(lender, tokenId);
        o.minCreditScore = min;
    }

    function _collectionWithMin(address maker, uint16 min) internal returns (LendingOrders.CollectionOffer memory c) {
        c = _collection(maker);
        c.minCreditScore = min;
    }

    function _borrowCollection(LendingOrders.CollectionOffer memory c) internal returns (uint256) {
        bytes memory sig = _sign(lenderKeyOf(c.lender), c);
        vm.prank(borrower);
        return lending.borrowFromCollectionOffer(c, sig, tokenId, 0.1e8);
    }

    /// A refinance offer from lender2 at half the APR to the loan's maturity, with `min`.
    function _betterWithMin(uint256 loanId, uint16 min) internal returns (LendingOrders.LoanOffer memory o) {
        o = _loanOffer(lender2, tokenId);
        o.aprBps = APR / 2;
        o.principal = 1e8;
        o.maxRepayment = 1e8;
        o.duration = uint64(_loan(loanId).maturity - block.timestamp);
        o.minCreditScore = min;
    }

    function _tooLow(uint256 score, uint256 min) internal view returns (bytes memory) {
        return abi.encodeWithSelector(LendingBase.BorrowerScoreTooLow.selector, borrower, score, min);
    }

    // ---------------------------------------------------------------- loan offers

    function test_creditScores_isTheConstructorsSource_andTheModulesToo() public view {
        assertEq(address(lending.creditScores()), address(creditScores));
        assertEq(address(module.creditScores()), address(creditScores));
    }

    function test_borrow_withoutMinimum_neverReadsAScore() public {
        creditScores.setReverting(true); // a call would revert: none is made
        uint256 loanId = _borrowWith(_offerWithMin(0));
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Active));
    }

    function test_borrow_belowTheMinimum_revertsAndMovesNothing() public {
        creditScores.setScore(borrower, MIN - 1);
        LendingOrders.LoanOffer memory o = _offerWithMin(MIN);
        bytes memory sig = _sign(lenderKey, o);
        uint256 lenderBefore = wbtc.balanceOf(lender);
        vm.expectRevert(_tooLow(MIN - 1, MIN));
        vm.prank(borrower);
        lending.borrow(o, sig);
        assertEq(hpt.ownerOf(tokenId), borrower, "the token stays with the borrower");
        assertEq(wbtc.balanceOf(lender), lenderBefore, "the lender paid nothing");
    }

    function test_borrow_atTheMinimum_starts() public {
        creditScores.setScore(borrower, MIN);
        uint256 loanId = _borrowWith(_offerWithMin(MIN));
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Active));
        assertEq(hpt.ownerOf(tokenId), address(lending));
    }

    /// The score that counts is the borrower's (the caller's), not the lender's or anyone else's.
    function test_borrow_checksTheBorrowersScore() public {
        creditScores.setScore(lender, 1_000);
        creditScores.setScore(stranger, 1_000);
        LendingOrders.LoanOffer memory o = _offerWithMin(MIN);
        bytes memory sig = _sign(lenderKey, o);
        vm.expectRevert(_tooLow(0, MIN));
        vm.prank(borrower);
        lending.borrow(o, sig);
    }

    /// The minimum is part of the signed offer: raising or lowering it breaks the lender's signature.
    function test_borrow_minimumIsSigned() public {
        creditScores.setScore(borrower, 300);
        LendingOrders.LoanOffer memory o = _offerWithMin(MIN);
        bytes memory sig = _sign(lenderKey, o);
        o.minCreditScore = 0;
        vm.expectRevert(LendingBase.InvalidLoanSignature.selector);
        vm.prank(borrower);
        lending.borrow(o, sig);
    }

    function test_borrow_registryRevert_isBubbledUp() public {
        creditScores.setScore(borrower, 1_000);
        creditScores.setReverting(true);
        LendingOrders.LoanOffer memory o = _offerWithMin(MIN);
        bytes memory sig = _sign(lenderKey, o);
        vm.expectRevert(MockCreditScore.ScoreUnavailable.selector);
        vm.prank(borrower);
        lending.borrow(o, sig);
    }

    /// A malformed answer (under a word) reads as 0: refused, never accepted by stale memory.
    function test_borrow_malformedAnswer_readsAsZero() public {
        creditScores.setScore(borrower, 1_000);
        creditScores.setGarbage(true);
        LendingOrders.LoanOffer memory o = _offerWithMin(1);
        bytes memory sig = _sign(lenderKey, o);
        vm.expectRevert(_tooLow(0, 1));
        vm.prank(borrower);
        lending.borrow(o, sig);
    }

    /// A lending contract deployed without a credit registry reads every score as 0: an offer with a
    /// minimum is refused, one without works as before.
    function test_withoutRegistry_offersWithAMinimumAreRefused() public {
        (HashPowerLending l2,) = _lendingWith(ICreditScore(address(0)));
        vm.prank(borrower);
        hpt.setApprovalForAll(address(l2), true);
        vm.prank(lender);
        wbtc.approve(address(l2), type(uint256).max);
        LendingOrders.LoanOffer memory o = _offerWithMin(1);
        o.counter = 0;
        bytes memory sig = _signDigest(lenderKey, l2.hashLoanOffer(o));
        vm.expectRevert(_tooLow(0, 1));
        vm.prank(borrower);
        l2.borrow(o, sig);
        o.minCreditScore = 0;
        sig = _signDigest(lenderKey, l2.hashLoanOffer(o));
        vm.prank(borrower);
        l2.borrow(o, sig);
        assertEq(hpt.ownerOf(tokenId), address(l2));
    }

    function test_constructor_revertsOnAModuleWithAnotherScoreSource() public {
        LendingModule m2 = new LendingModule(
            hpt,
            IRevenueClaims(address(fv)),
            IFrozenRedemption(address(hardwareRegistry)),
            valuation,
            ICreditScore(address(new MockCreditScore()))
        );
        vm.expectRevert(LendingBase.ModuleMismatch.selector);
        new HashPowerLending(
            address(manager),
            hpt,
            IRevenueClaims(address(fv)),
            IFrozenRedemption(address(hardwareRegistry)),
            valuation,
            ICreditScore(address(creditScores)),
            m2,
            collateralVault
        );
    }

    // ---------------------------------------------------------------- collection offers

    function test_borrowFromCollectionOffer_gatesOnTheMinimum() public {
        creditScores.setScore(borrower, MIN - 1);
        LendingOrders.CollectionOffer memory c = _collectionWithMin(lender, MIN);
        bytes memory sig = _sign(lenderKey, c);
        vm.expectRevert(_tooLow(MIN - 1, MIN));
        vm.prank(borrower);
        lending.borrowFromCollectionOffer(c, sig, tokenId, 0.1e8);
        (,, uint256 lent) = lendingLens.orderState(lender, lending.hashCollectionOffer(c));
        assertEq(lent, 0, "nothing booked against the offer");

        creditScores.setScore(borrower, MIN);
        uint256 loanId = _borrowCollection(c);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Active));
    }

    // ---------------------------------------------------------------- refinances

    /// A refinance moves the loan to the offer's lender only if the loan's borrower meets the offer's
    /// minimum, whoever submits it.
    function test_refinance_gatesOnTheBorrowersScore() public {
        uint256 loanId = _borrow();
        vm.warp(block.timestamp + 1 days);
        creditScores.setScore(borrower, MIN - 1);
        creditScores.setScore(keeper, 1_000);
        LendingOrders.LoanOffer memory o = _betterWithMin(loanId, MIN);
        bytes memory sig = _sign(lender2Key, o);
        vm.expectRevert(_tooLow(MIN - 1, MIN));
        vm.prank(keeper);
        lending.refinance(loanId, o, sig);
        assertEq(_loan(loanId).lender, lender);

        creditScores.setScore(borrower, MIN);
        vm.prank(keeper);
        lending.refinance(loanId, o, sig);
        assertEq(_loan(loanId).lender, lender2);
    }

    function test_refinanceFromCollectionOffer_gatesOnTheBorrowersScore() public {
        uint256 loanId = _borrow();
        vm.warp(block.timestamp + 1 days);
        creditScores.setScore(borrower, MIN - 1);
        LendingOrders.CollectionOffer memory c = _collectionWithMin(lender2, MIN);
        c.aprBps = APR / 2;
        c.duration = uint64(_loan(loanId).maturity - block.timestamp);
        bytes memory sig = _sign(lender2Key, c);
        vm.expectRevert(_tooLow(MIN - 1, MIN));
        lending.refinanceFromCollectionOffer(loanId, c, sig);

        creditScores.setScore(borrower, MIN);
        lending.refinanceFromCollectionOffer(loanId, c, sig);
        assertEq(_loan(loanId).lender, lender2);
    }

    // ---------------------------------------------------------------- the real registry

    /// Against the protocol's `CreditRegistry`: a newcomer scores 300, so an offer asking 301 is refused
    /// and one asking 300 is filled. Lending to oneself can add at most the registry's capped loan
    /// bonus (+50 by default, docs/credit.md), so a minimum above 350 is out of a newcomer's reach by
    /// wash lending alone.
    function test_realRegistry_newcomerScores300() public {
        CreditRegistry registry = new CreditRegistry(address(manager));
        (HashPowerLending l2,) = _lendingWith(ICreditScore(address(registry)));
        assertEq(registry.scoreOf(borrower), 300);
        vm.prank(borrower);
        hpt.setApprovalForAll(address(l2), true);
        vm.prank(lender);
        wbtc.approve(address(l2), type(uint256).max);
        LendingOrders.LoanOffer memory o = _offerWithMin(301);
        o.counter = 0;
        bytes memory sig = _signDigest(lenderKey, l2.hashLoanOffer(o));
        vm.expectRevert(_tooLow(300, 301));
        vm.prank(borrower);
        l2.borrow(o, sig);
        o.minCreditScore = 300;
        sig = _signDigest(lenderKey, l2.hashLoanOffer(o));
        vm.prank(borrower);
        l2.borrow(o, sig);
        assertEq(hpt.ownerOf(tokenId), address(l2));
    }

    // ---------------------------------------------------------------- fuzz

    /// A loan starts on an offer with minimum `min` exactly when the borrower's score is at least it (or
    /// `min` is 0); a refused borrow moves nothing.
    function testFuzz_borrow_startsIffScoreMeetsTheMinimum(uint16 min, uint256 score) public {
        score = bound(score, 0, 1_000);
        creditScores.setScore(borrower, score);
        LendingOrders.LoanOffer memory o = _offerWithMin(min);
        bytes memory sig = _sign(lenderKey, o);
        uint256 lenderBefore = wbtc.balanceOf(lender);
        if (min != 0 && score < min) {
            vm.expectRevert(_tooLow(score, min));
            vm.prank(borrower);
            lending.borrow(o, sig);
            assertEq(hpt.ownerOf(tokenId), borrower);
            assertEq(wbtc.balanceOf(lender), lenderBefore);
        } else {
            vm.prank(borrower);
            uint256 loanId = lending.borrow(o, sig);
            assertEq(uint8(_status(loanId)), uint8(LoanStatus.Active));
            assertEq(wbtc.balanceOf(lender), lenderBefore - PRINCIPAL);
        }
    }

    // ---------------------------------------------------------------- deployment helper

    /// Another lending contract (with its module and lens) reading scores from `scores`.
    function _lendingWith(ICreditScore scores) internal returns (HashPowerLending l2, LendingLens lens2) {
        LendingModule m2 = new LendingModule(
            hpt, IRevenueClaims(address(fv)), IFrozenRedemption(address(hardwareRegistry)), valuation, scores
        );
        l2 = new HashPowerLending(
            address(manager),
            hpt,
            IRevenueClaims(address(fv)),
            IFrozenRedemption(address(hardwareRegistry)),
            valuation,
            scores,
            m2,
            collateralVault
        );
        lens2 = new LendingLens(address(l2));
    }
}
