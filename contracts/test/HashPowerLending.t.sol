// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ZeroAddress, ZeroAmount} from "../src/common/Errors.sol";
import {HashPowerLending} from "../src/lending/HashPowerLending.sol";
import {LendingBase} from "../src/lending/LendingBase.sol";
import {LendingLens} from "../src/lending/LendingLens.sol";
import {LendingModule} from "../src/lending/LendingModule.sol";
import {LendingOrders} from "../src/lending/LendingOrders.sol";
import {LendingStorage, LoanStatus} from "../src/lending/LendingStorage.sol";
import {IFrozenRedemption} from "../src/interfaces/IFrozenRedemption.sol";
import {IHashPowerValuation} from "../src/interfaces/IHashPowerValuation.sol";
import {ILoanRecord} from "../src/interfaces/ILoanRecord.sol";
import {IRevenueClaims} from "../src/interfaces/IRevenueClaims.sol";
import {CollateralVault} from "../src/token/CollateralVault.sol";
import {HardwareRegistry} from "../src/token/HardwareRegistry.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {MockValuation, ScriptedRedemption} from "./mocks/LendingMocks.sol";
import {LendingFixtures} from "./utils/LendingFixtures.sol";

/// @notice Unit tests of HashPowerLending, its module and lens: every function, every custom error,
/// the admin functions' access (item 31), and the lending items of the SECURITY-CHECKLIST (19-24)
/// that a single scenario shows. Attacks are in HashPowerLending.attacks.t.sol, fuzz and invariants
/// in their own files.
contract HashPowerLendingTest is LendingFixtures {
    uint256 internal constant YEAR_BPS = 365 days * 10_000;

    function _interest(uint256 principal, uint256 apr, uint256 dt) internal pure returns (uint256) {
        uint256 scaled = principal * apr * dt;
        return (scaled + YEAR_BPS - 1) / YEAR_BPS;
    }

    // ================================================================ deployment and admin

    function test_constructor_setsContractsAndFirstLoanId() public view {
        assertEq(address(lending.token()), address(hpt));
        assertEq(address(lending.revenue()), address(fv));
        assertEq(address(lending.redemption()), address(hardwareRegistry));
        assertEq(address(lending.valuation()), address(valuation));
        assertEq(address(lending.module()), address(module));
        assertEq(lending.authority(), address(manager));
        assertEq(lendingLens.currencies().length, 0);
        assertEq(lendingLens.lending(), address(lending));
        assertEq(address(lendingLens.token()), address(hpt));
        assertEq(address(lendingLens.valuation()), address(valuation));
    }

    function test_constructor_revertsOnZeroAddresses() public {
        IRevenueClaims r = IRevenueClaims(address(fv));
        IFrozenRedemption f = IFrozenRedemption(address(hardwareRegistry));
        vm.expectRevert(ZeroAddress.selector);
        new LendingModule(HashPowerToken(address(0)), r, f, valuation, _scores());
        vm.expectRevert(ZeroAddress.selector);
        new LendingModule(hpt, IRevenueClaims(address(0)), f, valuation, _scores());
        vm.expectRevert(ZeroAddress.selector);
        new LendingModule(hpt, r, IFrozenRedemption(address(0)), valuation, _scores());
        vm.expectRevert(ZeroAddress.selector);
        new LendingModule(hpt, r, f, IHashPowerValuation(address(0)), _scores());
        vm.expectRevert(ZeroAddress.selector);
        new HashPowerLending(address(manager), hpt, r, f, valuation, _scores(), LendingModule(address(0)), collateralVault);
        vm.expectRevert(ZeroAddress.selector);
        new HashPowerLending(address(manager), hpt, r, f, valuation, _scores(), module, CollateralVault(address(0)));
        vm.expectRevert(ZeroAddress.selector);
        new LendingLens(address(0));
    }

    function test_constructor_revertsOnModuleOfOtherContracts() public {
        MockValuation other = new MockValuation(hpt);
        LendingModule wrong =
            new LendingModule(hpt, IRevenueClaims(address(fv)), IFrozenRedemption(address(hardwareRegistry)), other, _scores());
        vm.expectRevert(LendingBase.ModuleMismatch.selector);
        new HashPowerLending(
            address(manager),
            hpt,
            IRevenueClaims(address(fv)),
            IFrozenRedemption(address(hardwareRegistry)),
            valuation,
            _scores(),
            wrong,
            collateralVault
        );
    }

    function test_item31_pauseAndUnpauseAreAdminOnly() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        lending.pause();
        vm.prank(owner);
        lending.pause();
        assertTrue(lending.paused());
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        lending.unpause();
        vm.prank(owner);
        lending.unpause();
        assertFalse(lending.paused());
    }

    /// The circuit breaker stops new loans and refinances at once, never repayment, sweeps or foreclosure.
    function test_pause_stopsNewLoansAndRefinanceOnly() public {
        uint256 loanId = _borrow();
        vm.prank(owner);
        lending.pause();

        (, uint256 other) = _duplicateProduct(borrower, PRODUCT_TERM);
        LendingOrders.LoanOffer memory o = _loanOffer(lender, other);
        bytes memory sig = _sign(lenderKey, o);
        vm.prank(borrower);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        lending.borrow(o, sig);

        LendingOrders.BorrowRequest memory r = _request(borrower, other);
        sig = _sign(borrowerKey, r);
        vm.prank(lender);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        lending.lend(r, sig);

        LendingOrders.CollectionOffer memory c = _collection(lender);
        sig = _sign(lenderKey, c);
        vm.prank(borrower);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        lending.borrowFromCollectionOffer(c, sig, other, PRINCIPAL);

        vm.warp(block.timestamp + 2 days);
        LendingOrders.LoanOffer memory better = _loanOffer(lender2, tokenId);
        better.aprBps = APR - 1;
        sig = _sign(lender2Key, better);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        lending.refinance(loanId, better, sig);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        lending.refinanceFromCollectionOffer(loanId, c, sig);

        // repayment, sweeps and foreclosures keep working
        lending.sweep(loanId);
        vm.prank(borrower);
        lending.repay(loanId);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Repaid));
    }

    function test_storage_namespaceIsErc7201() public pure {
        bytes32 expected =
            keccak256(abi.encode(uint256(keccak256("hashmix.storage.Lending")) - 1)) & ~bytes32(uint256(0xff));
        assertEq(LendingStorage.SLOT, expected);
    }

    function test_module_calledDirectlyHasNoLoans() public {
        uint256 loanId = _borrow();
        vm.expectRevert(abi.encodeWithSelector(LendingBase.UnknownLoan.selector, loanId));
        module.startForeclosure(loanId);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.UnknownLoan.selector, loanId));
        module.bid(loanId, type(uint256).max);
    }

    // ================================================================ starting loans

    function test_borrow_escrowsTokenAndPaysPrincipal() public {
        uint256 before = wbtc.balanceOf(borrower);
        uint256 lenderBefore = wbtc.balanceOf(lender);
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        bytes memory sig = _sign(lenderKey, o);
        bytes32 orderHash = lending.hashLoanOffer(o);
        uint256 expectedIndex = hpt.holdingCount(tokenId); // the borrower's holding closes, ours opens
        uint256 expectedId = (tokenId << 32) | (o.tokenNonce + 1);
        assertEq(lendingLens.loanIdOf(tokenId, o.tokenNonce + 1), expectedId);
        vm.expectEmit(address(lending));
        emit LendingBase.LoanStarted(
            expectedId, tokenId, borrower, lender, address(wbtc), PRINCIPAL, MAX_REPAYMENT, APR,
            uint64(block.timestamp + DURATION), orderHash, lending.KIND_LOAN_OFFER()
        );
        vm.prank(borrower);
        uint256 loanId = lending.borrow(o, sig);

        assertEq(loanId, expectedId);
        assertEq(hpt.ownerOf(tokenId), address(lending));
        assertEq(wbtc.balanceOf(borrower), before + PRINCIPAL);
        assertEq(wbtc.balanceOf(lender), lenderBefore - PRINCIPAL);
        assertEq(wbtc.balanceOf(address(lending)), 0, "nothing stays here");
        LendingLens.LoanView memory v = _loan(loanId);
        assertEq(uint8(v.status), uint8(LoanStatus.Active));
        assertEq(v.borrower, borrower);
        assertEq(v.lender, lender);
        assertEq(v.currency, address(wbtc));
        assertEq(v.tokenId, tokenId);
        assertEq(v.holdingIndex, expectedIndex);
        assertEq(v.principal, PRINCIPAL);
        assertEq(v.interest, 0);
        assertEq(v.debt, PRINCIPAL);
        assertEq(v.capLeft, MAX_REPAYMENT);
        assertEq(v.aprBps, APR);
        assertEq(v.maturity, block.timestamp + DURATION);
        assertEq(v.lenderSince, block.timestamp);
        assertEq(v.lastAccrual, block.timestamp);
        assertFalse(v.redemptionBooked);
        assertEq(hpt.holding(tokenId, expectedIndex).holder, address(lending));
        assertEq(lendingLens.currencies().length, 1);
        assertEq(lendingLens.currencies()[0], address(wbtc));
    }

    function test_borrow_order_revertsWhenExpired() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        bytes memory sig = _sign(lenderKey, o);
        vm.warp(o.expiry + 1);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.LoanOrderExpired.selector, o.expiry));
        lending.borrow(o, sig);
    }

    function test_borrow_order_expirySecondItselfIsValid() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        bytes memory sig = _sign(lenderKey, o);
        vm.warp(o.expiry);
        vm.prank(borrower);
        lending.borrow(o, sig);
    }

    function test_item16_incrementCounterKillsEveryOrder() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        bytes memory sig = _sign(lenderKey, o);
        vm.expectEmit(address(lending));
        emit LendingBase.CounterIncremented(lender, 1);
        vm.prank(lender);
        assertEq(lending.incrementCounter(), 1);
        assertEq(lendingLens.counter(lender), 1);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.StaleLoanCounter.selector, 0, 1));
        lending.borrow(o, sig);
    }

    function test_item16_cancelKillsTheOrderOfItsMakerOnly() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        bytes memory sig = _sign(lenderKey, o);
        bytes32 h = lending.hashLoanOffer(o);
        bytes32[] memory hashes = new bytes32[](1);
        hashes[0] = h;
        // a stranger's cancel of the same hash is recorded for the stranger only
        vm.prank(stranger);
        lending.cancel(hashes);
        (bool cancelled,,) = lendingLens.orderState(lender, h);
        assertFalse(cancelled);
        vm.expectEmit(address(lending));
        emit LendingBase.LoanOrderCancelledBy(h, lender);
        vm.prank(lender);
        lending.cancel(hashes);
        (cancelled,,) = lendingLens.orderState(lender, h);
        assertTrue(cancelled);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.LoanOrderCancelled.selector, h));
        lending.borrow(o, sig);
    }

    function test_borrow_revertsOnSignatureOfAnotherAccount() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        bytes memory sig = _sign(lender2Key, o);
        vm.prank(borrower);
        vm.expectRevert(LendingBase.InvalidLoanSignature.selector);
        lending.borrow(o, sig);
    }

    /// A token-bound offer dies once its token moved, even if it came back (the escrow moves it).
    function test_item16_offerDiesWhenTheTokenNonceMoves() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        bytes memory sig = _sign(lenderKey, o);
        vm.prank(borrower);
        uint256 loanId = lending.borrow(o, sig);
        vm.prank(borrower);
        lending.repay(loanId);
        assertEq(hpt.ownerOf(tokenId), borrower);
        vm.prank(borrower);
        vm.expectRevert(
            abi.encodeWithSelector(LendingBase.TokenNonceMismatch.selector, tokenId, o.tokenNonce, o.tokenNonce + 2)
        );
        lending.borrow(o, sig);
    }

    /// Carving keeps a token's id and nonce: the signed units protect the lender.
    function test_borrow_revertsWhenTheTokenWasCarved() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        bytes memory sig = _sign(lenderKey, o);
        vm.prank(borrower);
        hpt.carve(tokenId, 400, borrower);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.TokenUnitsMismatch.selector, tokenId, L_UNITS, 600));
        lending.borrow(o, sig);
    }

    function test_borrow_revertsForFrozenDefaultedOrEndedCollateral() public {
        // minted first: the challenge below slashes the committee that signed both products
        (, uint256 t3) = _product(L_UNITS, 2 days, COLLATERAL);
        _give(borrower, t3);
        (uint256 p2, uint256 t2) = _duplicateProduct(borrower, PRODUCT_TERM);
        _freezeLater(pid, p2);
        LendingOrders.LoanOffer memory o = _loanOffer(lender, t2);
        bytes memory sig = _sign(lenderKey, o);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.CollateralNotAccepted.selector, t2));
        lending.borrow(o, sig);

        _markDefaulted(pid);
        o = _loanOffer(lender, tokenId);
        sig = _sign(lenderKey, o);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.CollateralNotAccepted.selector, tokenId));
        lending.borrow(o, sig);

        vm.warp(T0 + 2 days);
        o = _loanOffer(lender, t3);
        sig = _sign(lenderKey, o);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.CollateralNotAccepted.selector, t3));
        lending.borrow(o, sig);
    }

    function test_borrow_revertsOnInvalidTerms() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        o.principal = 0;
        _expectBorrowRevert(o, abi.encodeWithSelector(LendingBase.InvalidLoanTerms.selector));
        o = _loanOffer(lender, tokenId);
        o.duration = 0;
        _expectBorrowRevert(o, abi.encodeWithSelector(LendingBase.InvalidLoanTerms.selector));
        o = _loanOffer(lender, tokenId);
        o.maxRepayment = o.principal - 1;
        _expectBorrowRevert(o, abi.encodeWithSelector(LendingBase.InvalidLoanTerms.selector));
        o = _loanOffer(lender, tokenId);
        o.aprBps = uint32(lending.MAX_APR_BPS() + 1);
        _expectBorrowRevert(o, abi.encodeWithSelector(LendingBase.InvalidLoanTerms.selector));
        // the highest APR is accepted
        o = _loanOffer(lender, tokenId);
        o.aprBps = uint32(lending.MAX_APR_BPS());
        _borrowWith(o);
    }

    /// The loan term never runs beyond the product's end.
    function test_borrow_revertsWhenTheTermRunsPastTheProduct() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        uint64 end = uint64(T0 + PRODUCT_TERM);
        o.duration = uint64(end - block.timestamp + 1);
        _expectBorrowRevert(
            o, abi.encodeWithSelector(LendingBase.TermBeyondProduct.selector, uint64(end + 1), end)
        );
        o.duration = uint64(end - block.timestamp);
        assertEq(_loan(_borrowWith(o)).maturity, end);
    }

    /// The currency must be what the product pays revenue in (so revenue repays in kind).
    function test_borrow_revertsInAnotherCurrency() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        o.currency = address(usdc);
        _expectBorrowRevert(o, abi.encodeWithSelector(LendingBase.WrongCurrency.selector, address(wbtc), address(usdc)));
        o.currency = address(0);
        _expectBorrowRevert(o, abi.encodeWithSelector(LendingBase.WrongCurrency.selector, address(wbtc), address(0)));
    }

    /// A product that locked no collateral: its currency is read from the product itself.
    function test_borrow_productWithoutCollateralIsPaidInItsCollateralToken() public {
        (, uint256 bare) = _product(L_UNITS, PRODUCT_TERM, 0);
        _give(borrower, bare);
        LendingOrders.LoanOffer memory o = _loanOffer(lender, bare);
        o.currency = address(usdc);
        _expectBorrowRevert(o, abi.encodeWithSelector(LendingBase.WrongCurrency.selector, address(wbtc), address(usdc)));
        o.currency = address(wbtc);
        assertEq(_loan(_borrowWith(o)).currency, address(wbtc));
    }

    function test_borrow_revertsForSomeoneElsesToken() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        bytes memory sig = _sign(lenderKey, o);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, stranger, tokenId, borrower));
        lending.borrow(o, sig);
    }

    function test_borrow_revertsWithoutTheLendersFunds() public {
        address poor = vm.addr(0xbeef);
        LendingOrders.LoanOffer memory o = _loanOffer(poor, tokenId);
        bytes memory sig = _signDigest(0xbeef, lending.hashLoanOffer(o));
        vm.prank(borrower);
        vm.expectRevert();
        lending.borrow(o, sig);
        assertEq(hpt.ownerOf(tokenId), borrower, "nothing moved");
    }

    function _expectBorrowRevert(LendingOrders.LoanOffer memory o, bytes memory err) internal {
        bytes memory sig = _sign(lenderKeyOf(o.lender), o);
        vm.prank(borrower);
        vm.expectRevert(err);
        lending.borrow(o, sig);
    }

    function test_lend_startsALoanFromABorrowRequest() public {
        LendingOrders.BorrowRequest memory r = _request(borrower, tokenId);
        bytes memory sig = _sign(borrowerKey, r);
        uint256 before = wbtc.balanceOf(borrower);
        vm.prank(lender);
        uint256 loanId = lending.lend(r, sig);
        assertEq(hpt.ownerOf(tokenId), address(lending));
        assertEq(wbtc.balanceOf(borrower), before + PRINCIPAL);
        LendingLens.LoanView memory v = _loan(loanId);
        assertEq(v.lender, lender);
        assertEq(v.borrower, borrower);
    }

    function test_lend_revertsOnBadRequests() public {
        LendingOrders.BorrowRequest memory r = _request(borrower, tokenId);
        bytes memory sig = _sign(lenderKey, r);
        vm.prank(lender);
        vm.expectRevert(LendingBase.InvalidLoanSignature.selector);
        lending.lend(r, sig);
        r.tokenNonce += 1;
        sig = _sign(borrowerKey, r);
        vm.prank(lender);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.TokenNonceMismatch.selector, tokenId, r.tokenNonce, r.tokenNonce - 1));
        lending.lend(r, sig);
    }

    // ================================================================ collection offers

    function test_collection_lendsUpToTheLtvOfTheValuation() public {
        LendingOrders.CollectionOffer memory c = _collection(lender);
        bytes memory sig = _sign(lenderKey, c);
        // the token is worth 1e23 numeraire = 1 BTC; 50% LTV allows 0.5 BTC
        assertEq(lendingLens.maxPrincipal(tokenId, 5_000), 0.5e8);
        vm.prank(borrower);
        uint256 loanId = lending.borrowFromCollectionOffer(c, sig, tokenId, 0.5e8);
        LendingLens.LoanView memory v = _loan(loanId);
        assertEq(v.principal, 0.5e8);
        // cap: principal + interest over the duration and the grace period
        assertEq(v.capLeft, 0.5e8 + _interest(0.5e8, APR, DURATION + lending.GRACE_PERIOD()));
        (,, uint256 lent) = lendingLens.orderState(lender, lending.hashCollectionOffer(c));
        assertEq(lent, 0.5e8);
    }

    /// Checklist 19: never lends beyond the allowed value.
    function test_item19_collectionOfferNeverLendsBeyondItsLtv() public {
        LendingOrders.CollectionOffer memory c = _collection(lender);
        bytes memory sig = _sign(lenderKey, c);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.LtvExceeded.selector, 0.5e8 + 1, 0.5e8));
        lending.borrowFromCollectionOffer(c, sig, tokenId, 0.5e8 + 1);
        // a token of an ended, frozen or defaulted product is worth 0 to the valuation
        valuation.setValue(tokenId, 0);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.LtvExceeded.selector, 1, 0));
        lending.borrowFromCollectionOffer(c, sig, tokenId, 1);
    }

    /// Checklist 20: a stale or missing price stops new borrowing.
    function test_item20_staleValuationStopsNewBorrowing() public {
        LendingOrders.CollectionOffer memory c = _collection(lender);
        bytes memory sig = _sign(lenderKey, c);
        valuation.setStale(true);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(IHashPowerValuation.PriceUnusable.selector, btc));
        lending.borrowFromCollectionOffer(c, sig, tokenId, 1);
        // a zero payout token price is treated as unusable, never as "lend anything"
        valuation.setStale(false);
        valuation.setPrice(btc, 0);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(IHashPowerValuation.PriceUnusable.selector, btc));
        lending.borrowFromCollectionOffer(c, sig, tokenId, 1);
        vm.expectRevert(abi.encodeWithSelector(IHashPowerValuation.PriceUnusable.selector, btc));
        lendingLens.maxPrincipal(tokenId, 5_000);
    }

    function test_collection_isUsableForSeveralLoansUpToItsTotal() public {
        LendingOrders.CollectionOffer memory c = _collection(lender);
        c.totalPrincipal = 0.7e8;
        bytes memory sig = _sign(lenderKey, c);
        vm.prank(borrower);
        lending.borrowFromCollectionOffer(c, sig, tokenId, 0.5e8);
        (, uint256 t2) = _duplicateProduct(borrower, PRODUCT_TERM);
        bytes32 h = lending.hashCollectionOffer(c);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.OfferExhausted.selector, h, 0.2e8, 0.3e8));
        lending.borrowFromCollectionOffer(c, sig, t2, 0.3e8);
        vm.prank(borrower);
        lending.borrowFromCollectionOffer(c, sig, t2, 0.2e8);
        (,, uint256 lent) = lendingLens.orderState(lender, h);
        assertEq(lent, 0.7e8);
    }

    function test_collection_revertsOnCriteriaMismatch() public {
        LendingOrders.CollectionOffer memory c = _collection(lender);
        c.assetClass = keccak256("OTHER");
        _expectCollectionRevert(c, abi.encodeWithSelector(LendingBase.CollectionMismatch.selector, tokenId));
        c = _collection(lender);
        c.issuer = stranger;
        _expectCollectionRevert(c, abi.encodeWithSelector(LendingBase.CollectionMismatch.selector, tokenId));
        c = _collection(lender);
        c.minUnits = L_UNITS + 1;
        _expectCollectionRevert(c, abi.encodeWithSelector(LendingBase.CollectionMismatch.selector, tokenId));
        c = _collection(lender);
        c.minRemainingTerm = uint64(T0 + PRODUCT_TERM - block.timestamp + 1);
        _expectCollectionRevert(c, abi.encodeWithSelector(LendingBase.CollectionMismatch.selector, tokenId));
        // any issuer, exact minima
        c = _collection(lender);
        c.issuer = address(0);
        c.minUnits = L_UNITS;
        c.minRemainingTerm = uint64(T0 + PRODUCT_TERM - block.timestamp);
        bytes memory sig = _sign(lenderKey, c);
        vm.prank(borrower);
        lending.borrowFromCollectionOffer(c, sig, tokenId, 1);
    }

    function test_collection_revertsForFrozenCollateral() public {
        (uint256 p2, uint256 t2) = _duplicateProduct(borrower, PRODUCT_TERM);
        _freezeLater(pid, p2);
        LendingOrders.CollectionOffer memory c = _collection(lender);
        bytes memory sig = _sign(lenderKey, c);
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.CollateralNotAccepted.selector, t2));
        lending.borrowFromCollectionOffer(c, sig, t2, 1);
    }

    function _expectCollectionRevert(LendingOrders.CollectionOffer memory c, bytes memory err) internal {
        bytes memory sig = _sign(lenderKey, c);
        vm.prank(borrower);
        vm.expectRevert(err);
        lending.borrowFromCollectionOffer(c, sig, tokenId, 1);
    }

    // ================================================================ interest and repayment

    function test_repay_earlyRepaymentPaysInterestToDateOnly() public {
        uint256 loanId = _borrow();
        vm.warp(block.timestamp + 10 days);
        uint256 expected = PRINCIPAL + _interest(PRINCIPAL, APR, 10 days);
        assertEq(_debt(loanId), expected);
        uint256 lenderBefore = wbtc.balanceOf(lender);
        uint256 borrowerBefore = wbtc.balanceOf(borrower);
        vm.expectEmit(address(lending));
        emit LendingBase.LoanRepaid(loanId, borrower, lender, false);
        vm.prank(borrower);
        assertEq(lending.repay(loanId), expected);
        assertEq(wbtc.balanceOf(lender), lenderBefore + expected);
        assertEq(wbtc.balanceOf(borrower), borrowerBefore - expected);
        assertEq(hpt.ownerOf(tokenId), borrower);
        LendingLens.LoanView memory v = _loan(loanId);
        assertEq(uint8(v.status), uint8(LoanStatus.Repaid));
        assertEq(v.debt, 0);
        ILoanRecord.BorrowerRecord memory b = lendingLens.borrowerRecord(borrower, address(wbtc));
        assertEq(b.repaid, 1);
        assertEq(b.repaidLate, 0);
        assertEq(b.amountRepaid, expected);
        ILoanRecord.LenderRecord memory lr = lendingLens.lenderRecord(lender, address(wbtc));
        assertEq(lr.paidOff, 1);
        assertEq(lr.amountReceived, expected);
    }

    function test_repay_byAThirdPartyReturnsTheTokenToTheBorrower() public {
        uint256 loanId = _borrow();
        vm.warp(block.timestamp + 1 days);
        vm.prank(bidder);
        uint256 paid = lending.repay(loanId);
        assertEq(paid, PRINCIPAL + _interest(PRINCIPAL, APR, 1 days));
        assertEq(hpt.ownerOf(tokenId), borrower);
    }

    function test_repay_afterMaturityCountsAsLate() public {
        uint256 loanId = _borrow();
        vm.warp(block.timestamp + DURATION + 1);
        vm.expectEmit(address(lending));
        emit LendingBase.LoanRepaid(loanId, borrower, lender, true);
        vm.prank(borrower);
        lending.repay(loanId);
        assertEq(lendingLens.borrowerRecord(borrower, address(wbtc)).repaidLate, 1);
    }

    /// Interest never takes the debt above the offer's max repayment.
    function test_repay_neverAboveTheMaxRepayment() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        o.aprBps = 100_000; // 1,000%
        o.maxRepayment = PRINCIPAL + 1_000;
        uint256 loanId = _borrowWith(o);
        vm.warp(block.timestamp + 20 days);
        assertEq(_debt(loanId), PRINCIPAL + 1_000);
        vm.prank(borrower);
        assertEq(lending.repay(loanId), PRINCIPAL + 1_000);
    }

    function test_repay_revertsForUnknownOrClosedLoans() public {
        vm.expectRevert(abi.encodeWithSelector(LendingBase.UnknownLoan.selector, 7));
        lending.repay(7);
        uint256 loanId = _borrow();
        vm.prank(borrower);
        lending.repay(loanId);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.LoanNotOpen.selector, loanId, LoanStatus.Repaid));
        lending.repay(loanId);
    }

    // ================================================================ self-repayment

    /// The headline: three epochs of the escrowed token's revenue repay the loan; the token goes back
    /// to the borrower with the surplus.
    function test_selfRepayment_threeEpochsOfRevenueRepayTheLoan() public {
        uint256 loanId = _borrow();
        uint256 revenuePerEpoch = 0.04e8;
        uint256 lenderBefore = wbtc.balanceOf(lender);
        uint256 borrowerBefore = wbtc.balanceOf(borrower);
        uint256 debt0 = PRINCIPAL;

        _payEpoch(pid, 0, revenuePerEpoch);
        uint256 claimed0 = lending.sweep(loanId);
        // the lending contract held the token from 1 hour into the 7-day epoch
        assertApproxEqAbs(claimed0, (revenuePerEpoch * (7 days - 1 hours)) / 7 days, 1);
        uint256 debt1 = _debt(loanId);
        assertLt(debt1, debt0);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Active));

        _payEpoch(pid, 1, revenuePerEpoch);
        uint256 claimed1 = lending.sweep(loanId);
        assertEq(claimed1, revenuePerEpoch);
        assertLt(_debt(loanId), debt1);

        _payEpoch(pid, 2, revenuePerEpoch);
        uint256 debtBefore = _debt(loanId);
        vm.expectEmit(address(lending));
        emit LendingBase.LoanRepaid(loanId, borrower, lender, false);
        uint256 claimed2 = lending.sweep(loanId);
        assertEq(claimed2, revenuePerEpoch);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Repaid));
        assertEq(hpt.ownerOf(tokenId), borrower, "the token went back");
        // the lender got principal + interest, the borrower the surplus, nothing stays here
        uint256 total = claimed0 + claimed1 + claimed2;
        uint256 toLender = wbtc.balanceOf(lender) - lenderBefore;
        uint256 surplus = wbtc.balanceOf(borrower) - borrowerBefore;
        assertEq(toLender + surplus, total);
        assertEq(surplus, claimed2 - debtBefore);
        assertGt(toLender, PRINCIPAL);
        assertEq(wbtc.balanceOf(address(lending)), 0);
        assertEq(lendingLens.borrowerRecord(borrower, address(wbtc)).amountRepaid, toLender);
    }

    function test_sweep_appliesRevenueToInterestThenPrincipal() public {
        uint256 loanId = _borrow();
        _payEpoch(pid, 0, 0.01e8);
        uint256 t = block.timestamp;
        uint256 interest = _interest(PRINCIPAL, APR, t - LOAN_START);
        uint256 claimable = fv.claimable(tokenId, _loan(loanId).holdingIndex);
        vm.expectEmit(address(lending));
        emit LendingBase.RevenueSwept(loanId, claimable);
        vm.expectEmit(address(lending));
        emit LendingBase.DebtPaid(loanId, address(lending), interest, claimable - interest, PRINCIPAL - (claimable - interest));
        assertEq(lending.sweep(loanId), claimable);
        LendingLens.LoanView memory v = _loan(loanId);
        assertEq(v.principal, PRINCIPAL - (claimable - interest));
        assertEq(v.interest, 0);
        assertEq(v.capLeft, MAX_REPAYMENT - claimable);
        assertEq(v.lastAccrual, t);
        // a second sweep with nothing new claims nothing and changes nothing
        assertEq(lending.sweep(loanId), 0);
        assertEq(_loan(loanId).principal, v.principal);
    }

    function test_sweep_revenueBelowTheInterestPaysInterestOnly() public {
        uint256 loanId = _borrow();
        _payEpoch(pid, 0, 1_000);
        uint256 interestBefore = _loan(loanId).interest;
        uint256 claimed = lending.sweep(loanId);
        assertLt(claimed, interestBefore);
        LendingLens.LoanView memory v = _loan(loanId);
        assertEq(v.principal, PRINCIPAL);
        assertEq(v.interest, interestBefore - claimed);
    }

    function test_sweep_revertsForUnknownLoans() public {
        vm.expectRevert(abi.encodeWithSelector(LendingBase.UnknownLoan.selector, 1));
        lending.sweep(1);
    }

    /// Revenue earned while escrowed but settled after the repayment is the borrower's.
    function test_sweep_lateRevenueOfARepaidLoanGoesToTheBorrower() public {
        uint256 loanId = _borrow();
        vm.warp(LOAN_START + 3 days);
        vm.prank(borrower);
        lending.repay(loanId);
        _payEpoch(pid, 0, 0.07e8);
        uint256 before = wbtc.balanceOf(borrower);
        uint256 claimed = lending.sweep(loanId);
        // the escrow held the token for 3 of the epoch's 7 days
        assertApproxEqAbs(claimed, (0.07e8 * 3 days) / 7 days, 1);
        assertEq(wbtc.balanceOf(borrower), before + claimed);
        assertEq(lending.sweep(loanId), 0);
    }

    /// A token escrowed and returned in the same second has no holding of the lending contract: a
    /// late sweep claims nothing (the index now belongs to the next holder).
    function test_sweep_closedLoanWithoutAHoldingClaimsNothing() public {
        uint256 loanId = _borrow();
        vm.prank(borrower);
        lending.repay(loanId);
        vm.warp(block.timestamp + 1 days);
        _payEpoch(pid, 0, 0.07e8);
        uint256 idx = _loan(loanId).holdingIndex;
        assertEq(hpt.holding(tokenId, idx).holder, borrower, "the borrower's open holding took the index");
        assertEq(lending.sweep(loanId), 0);
        assertGt(fv.claimable(tokenId, idx), 0, "still the borrower's to claim");
    }

    // ================================================================ refinance

    function _better(uint256 id) internal returns (LendingOrders.LoanOffer memory o) {
        o = _loanOffer(lender2, id);
        o.aprBps = APR / 2;
        o.principal = 1e8;
        o.maxRepayment = 1e8;
        o.duration = uint64(_loan((id << 32) | hpt.tokenNonce(id)).maturity - block.timestamp);
    }

    function test_refinance_lowerAprPaysTheOldLenderOffInFull() public {
        uint256 loanId = _borrow();
        vm.warp(block.timestamp + 2 days);
        uint256 payoff = _debt(loanId);
        LendingOrders.LoanOffer memory o = _better(tokenId);
        bytes memory sig = _sign(lender2Key, o);
        uint256 oldBefore = wbtc.balanceOf(lender);
        uint256 newBefore = wbtc.balanceOf(lender2);
        vm.expectEmit(address(lending));
        emit LendingBase.LoanRefinanced(
            loanId, lender, lender2, payoff, APR / 2, _loan(loanId).maturity, MAX_REPAYMENT,
            lending.hashLoanOffer(o), lending.KIND_LOAN_OFFER()
        );
        vm.prank(stranger);
        lending.refinance(loanId, o, sig);
        assertEq(wbtc.balanceOf(lender), oldBefore + payoff, "old lender paid in full");
        assertEq(wbtc.balanceOf(lender2), newBefore - payoff);
        assertEq(hpt.ownerOf(tokenId), address(lending), "the token never left escrow");
        LendingLens.LoanView memory v = _loan(loanId);
        assertEq(v.lender, lender2);
        assertEq(v.aprBps, APR / 2);
        assertEq(v.debt, payoff, "the borrower owes what it owed");
        assertEq(v.lenderSince, block.timestamp);
        assertEq(lendingLens.lenderRecord(lender, address(wbtc)).paidOff, 1);
        (, bool used,) = lendingLens.orderState(lender2, lending.hashLoanOffer(o));
        assertTrue(used);
        // the new rate applies from now on
        vm.warp(block.timestamp + 10 days);
        uint256 interestSoFar = payoff - PRINCIPAL;
        assertEq(_debt(loanId), PRINCIPAL + interestSoFar + _interest(PRINCIPAL, APR / 2, 10 days));
    }

    function test_refinance_longerTermAtTheSameApr() public {
        uint256 loanId = _borrow();
        vm.warp(block.timestamp + 1 days);
        LendingOrders.LoanOffer memory o = _better(tokenId);
        o.aprBps = APR;
        o.duration += 1 days;
        bytes memory sig = _sign(lender2Key, o);
        lending.refinance(loanId, o, sig);
        assertEq(_loan(loanId).maturity, LOAN_START + DURATION + 1 days);
    }

    /// Checklist 21: a lender (or anyone) cannot worsen agreed terms by refinancing.
    function test_item21_refinanceCannotWorsenTheTerms() public {
        uint256 loanId = _borrow();
        vm.warp(block.timestamp + 1 days);
        LendingOrders.LoanOffer memory o = _better(tokenId);
        o.aprBps = APR + 1;
        _expectRefinanceRevert(loanId, o, abi.encodeWithSelector(LendingBase.TermsNotBetter.selector, loanId));
        o = _better(tokenId);
        o.duration -= 1; // earlier maturity
        _expectRefinanceRevert(loanId, o, abi.encodeWithSelector(LendingBase.TermsNotBetter.selector, loanId));
        o = _better(tokenId);
        o.aprBps = APR; // same terms
        _expectRefinanceRevert(loanId, o, abi.encodeWithSelector(LendingBase.TermsNotBetter.selector, loanId));
        // the cap the borrower may be asked for never rises
        o = _better(tokenId);
        o.maxRepayment = 10e8;
        bytes memory sig = _sign(lender2Key, o);
        lending.refinance(loanId, o, sig);
        assertEq(_loan(loanId).capLeft, MAX_REPAYMENT);
    }

    /// Checklist 21: refinancing never resets a default that has started.
    function test_item21_refinanceCannotResetADefault() public {
        uint256 loanId = _borrow();
        vm.warp(LOAN_START + DURATION + 1);
        LendingOrders.LoanOffer memory o = _loanOffer(lender2, tokenId);
        o.aprBps = 1;
        o.principal = 1e8;
        o.duration = 10 days;
        _expectRefinanceRevert(loanId, o, abi.encodeWithSelector(LendingBase.LoanNotCurrent.selector, loanId));
        // a loan in foreclosure cannot be refinanced either
        vm.warp(LOAN_START + DURATION + lending.GRACE_PERIOD() + 1);
        lending.startForeclosure(loanId);
        _expectRefinanceRevert(
            loanId, o, abi.encodeWithSelector(LendingBase.LoanNotOpen.selector, loanId, LoanStatus.Auction)
        );
    }

    function test_item21_refinanceCannotRescueAFrozenOrDefaultedProduct() public {
        uint256 loanId = _borrow();
        vm.warp(block.timestamp + 1 days);
        _markDefaulted(pid);
        LendingOrders.LoanOffer memory o = _better(tokenId);
        _expectRefinanceRevert(loanId, o, abi.encodeWithSelector(LendingBase.CollateralNotAccepted.selector, tokenId));
    }

    function test_refinance_lenderKeepsTheLoanForTheMinimumInterval() public {
        uint256 loanId = _borrow();
        vm.warp(block.timestamp + lending.MIN_REFINANCE_INTERVAL() - 1);
        LendingOrders.LoanOffer memory o = _better(tokenId);
        _expectRefinanceRevert(
            loanId, o, abi.encodeWithSelector(LendingBase.RefinanceTooSoon.selector, loanId, uint64(LOAN_START + 1 days))
        );
        vm.warp(LOAN_START + 1 days);
        o = _better(tokenId);
        bytes memory sig = _sign(lender2Key, o);
        lending.refinance(loanId, o, sig);
        // the new lender is protected for the same interval
        LendingOrders.LoanOffer memory again = _loanOffer(lender, tokenId);
        again.aprBps = 1;
        again.principal = 1e8;
        again.duration = o.duration;
        bytes memory sig2 = _sign(lenderKey, again);
        vm.expectRevert(
            abi.encodeWithSelector(LendingBase.RefinanceTooSoon.selector, loanId, uint64(block.timestamp + 1 days))
        );
        lending.refinance(loanId, again, sig2);
    }

    function test_refinance_revertsOnUsedWrongOrSmallOffers() public {
        uint256 loanId = _borrow();
        vm.warp(block.timestamp + 1 days);
        LendingOrders.LoanOffer memory o = _better(tokenId);
        bytes memory sig = _sign(lender2Key, o);
        lending.refinance(loanId, o, sig);
        vm.warp(block.timestamp + 1 days);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.LoanOrderUsed.selector, lending.hashLoanOffer(o)));
        lending.refinance(loanId, o, sig);

        (, uint256 t2) = _duplicateProduct(borrower, PRODUCT_TERM);
        LendingOrders.LoanOffer memory w = _loanOffer(lender, t2);
        w.aprBps = 1;
        w.principal = 1e8;
        w.duration = uint64(_loan(loanId).maturity - block.timestamp);
        _expectRefinanceRevert(loanId, w, abi.encodeWithSelector(LendingBase.WrongToken.selector, tokenId, t2));

        uint256 payoff = _debt(loanId);
        LendingOrders.LoanOffer memory s = _loanOffer(lender, tokenId);
        s.aprBps = 1;
        s.duration = uint64(_loan(loanId).maturity - block.timestamp);
        s.principal = payoff - 1;
        s.maxRepayment = 1e8;
        _expectRefinanceRevert(loanId, s, abi.encodeWithSelector(LendingBase.RefinanceTooSmall.selector, payoff, payoff - 1));
        s.principal = 1e8;
        s.maxRepayment = payoff - 1;
        _expectRefinanceRevert(loanId, s, abi.encodeWithSelector(LendingBase.RefinanceTooSmall.selector, payoff, payoff - 1));
        s.maxRepayment = 1e8;
        s.currency = address(usdc);
        _expectRefinanceRevert(loanId, s, abi.encodeWithSelector(LendingBase.WrongCurrency.selector, address(wbtc), address(usdc)));
    }

    /// When the sweep a refinance starts with repays the loan, nothing is refinanced: the loan closes.
    function test_refinance_whenRevenueRepaidTheLoanClosesItInstead() public {
        uint256 loanId = _borrow();
        _payEpoch(pid, 0, 0.2e8);
        LendingOrders.LoanOffer memory o = _better(tokenId);
        bytes memory sig = _sign(lender2Key, o);
        uint256 before = wbtc.balanceOf(lender2);
        lending.refinance(loanId, o, sig);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Repaid));
        assertEq(_loan(loanId).lender, lender, "the lender never changed");
        assertEq(wbtc.balanceOf(lender2), before, "the new lender paid nothing");
        assertEq(hpt.ownerOf(tokenId), borrower);
    }

    function test_refinanceFromCollectionOffer_whenRevenueRepaidTheLoanClosesItInstead() public {
        uint256 loanId = _borrow();
        _payEpoch(pid, 0, 0.2e8);
        LendingOrders.CollectionOffer memory c = _collection(lender2);
        c.aprBps = 1;
        bytes memory sig = _sign(lender2Key, c);
        lending.refinanceFromCollectionOffer(loanId, c, sig);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Repaid));
        (,, uint256 lent) = lendingLens.orderState(lender2, lending.hashCollectionOffer(c));
        assertEq(lent, 0);
    }

    function test_refinance_revertsForUnknownLoans() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender2, tokenId);
        bytes memory sig = _sign(lender2Key, o);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.UnknownLoan.selector, 5));
        lending.refinance(5, o, sig);
    }

    function test_refinanceFromCollectionOffer_paysOffWithinTheLtv() public {
        uint256 loanId = _borrow();
        vm.warp(block.timestamp + 1 days);
        uint256 payoff = _debt(loanId);
        LendingOrders.CollectionOffer memory c = _collection(lender2);
        c.aprBps = APR / 2;
        c.duration = uint64(_loan(loanId).maturity - block.timestamp);
        bytes memory sig = _sign(lender2Key, c);
        uint256 before = wbtc.balanceOf(lender);
        lending.refinanceFromCollectionOffer(loanId, c, sig);
        assertEq(wbtc.balanceOf(lender), before + payoff);
        LendingLens.LoanView memory v = _loan(loanId);
        assertEq(v.lender, lender2);
        uint256 cap = payoff + _interest(payoff, APR / 2, c.duration + lending.GRACE_PERIOD());
        assertEq(v.capLeft, cap, "min of the old cap and payoff + interest");
        (,, uint256 lent) = lendingLens.orderState(lender2, lending.hashCollectionOffer(c));
        assertEq(lent, payoff);

        // its LTV is checked against the payoff
        vm.warp(block.timestamp + 1 days);
        LendingOrders.CollectionOffer memory tight = _collection(lender);
        tight.aprBps = 1;
        tight.duration = uint64(v.maturity - block.timestamp);
        tight.maxLtvBps = 1; // 0.01% of 1 BTC = 10,000 sat
        bytes memory sig2 = _sign(lenderKey, tight);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.LtvExceeded.selector, _debt(loanId), 10_000));
        lending.refinanceFromCollectionOffer(loanId, tight, sig2);
    }

    function _expectRefinanceRevert(uint256 loanId, LendingOrders.LoanOffer memory o, bytes memory err) internal {
        bytes memory sig = _sign(lenderKeyOf(o.lender), o);
        vm.expectRevert(err);
        lending.refinance(loanId, o, sig);
    }

    // ================================================================ foreclosure

    /// Checklist 19: a healthy loan cannot be foreclosed, an unhealthy one always can.
    function test_item19_healthyLoanIsNotForeclosableUntilMaturityPlusGrace() public {
        uint256 loanId = _borrow();
        uint256 deadline = LOAN_START + DURATION + lending.GRACE_PERIOD();
        vm.warp(deadline);
        assertFalse(lendingLens.isForeclosable(loanId));
        vm.expectRevert(abi.encodeWithSelector(LendingBase.LoanNotForeclosable.selector, loanId));
        lending.startForeclosure(loanId);
        vm.warp(deadline + 1);
        assertTrue(lendingLens.isForeclosable(loanId));
        lending.startForeclosure(loanId);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Auction));
        assertFalse(lendingLens.isForeclosable(loanId));
    }

    function test_item19_defaultedProductIsForeclosableAtOnce() public {
        uint256 loanId = _borrow();
        _markDefaulted(pid);
        assertTrue(lendingLens.isForeclosable(loanId));
        vm.prank(keeper);
        lending.startForeclosure(loanId);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Auction));
    }

    /// Checklist 20: a stale valuation never forecloses a loan (nor stops a due foreclosure, which
    /// then starts at twice the debt).
    function test_item20_staleValuationNeverForeclosesAtZero() public {
        uint256 loanId = _borrow();
        valuation.setStale(true);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.LoanNotForeclosable.selector, loanId));
        lending.startForeclosure(loanId);
        valuation.setStale(false);
        valuation.setValue(tokenId, 0);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.LoanNotForeclosable.selector, loanId));
        lending.startForeclosure(loanId);
        valuation.setStale(true);
        vm.warp(LOAN_START + DURATION + lending.GRACE_PERIOD() + 1);
        lending.startForeclosure(loanId);
        (,,, uint256 startPrice,) = lendingLens.auctionOf(loanId);
        assertEq(startPrice, 2 * _debt(loanId));
    }

    function test_startForeclosure_revertsForUnknownOrClosedLoans() public {
        vm.expectRevert(abi.encodeWithSelector(LendingBase.UnknownLoan.selector, 3));
        lending.startForeclosure(3);
        uint256 loanId = _borrow();
        vm.prank(borrower);
        lending.repay(loanId);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.LoanNotOpen.selector, loanId, LoanStatus.Repaid));
        lending.startForeclosure(loanId);
    }

    /// A loan in foreclosure: epochs 0-3 paid nothing, epoch 4 (ended at 35 days) is still reportable
    /// during the auction.
    function _foreclosed() internal returns (uint256 loanId, uint256 debt) {
        loanId = _borrow();
        _zeroEpochs(4);
        vm.warp(LOAN_START + DURATION + lending.GRACE_PERIOD() + 1);
        vm.prank(keeper);
        lending.startForeclosure(loanId);
        debt = _debt(loanId);
    }

    function test_startForeclosure_freezesTheDebtAndPricesTheAuction() public {
        uint256 loanId = _borrow();
        uint256 t = LOAN_START + DURATION + lending.GRACE_PERIOD() + 1;
        vm.warp(t);
        uint256 debt = PRINCIPAL + _interest(PRINCIPAL, APR, t - LOAN_START);
        // the valuation says 1 BTC; 2 x debt is about 0.2 BTC: the start price is the value
        vm.expectEmit(address(lending));
        emit LendingBase.ForeclosureStarted(loanId, keeper, debt, 1e8, debt / 5, uint64(t + lending.AUCTION_DURATION()));
        vm.prank(keeper);
        lending.startForeclosure(loanId);
        vm.warp(t + 1 days);
        assertEq(_debt(loanId), debt, "no interest during the auction");
        (address initiator, uint64 start, uint64 endsAt, uint256 startPrice, uint256 floorPrice) = lendingLens.auctionOf(loanId);
        assertEq(initiator, keeper);
        assertEq(start, t);
        assertEq(endsAt, t + 3 days);
        assertEq(startPrice, 1e8);
        assertEq(floorPrice, debt / 5);
    }

    function test_startForeclosure_valuationRaiseIsCapped() public {
        valuation.setValue(tokenId, 1e30);
        (uint256 loanId, uint256 debt) = _foreclosed();
        (,,, uint256 startPrice,) = lendingLens.auctionOf(loanId);
        assertEq(startPrice, debt * 10);
    }

    function test_startForeclosure_malformedValuationLeavesTwiceTheDebt() public {
        valuation.setGarbage(true);
        (uint256 loanId, uint256 debt) = _foreclosed();
        (,,, uint256 startPrice,) = lendingLens.auctionOf(loanId);
        assertEq(startPrice, debt * 2);
    }

    function test_auction_priceFallsLinearlyToTheFloor() public {
        (uint256 loanId,) = _foreclosed();
        (, uint64 start, uint64 endsAt, uint256 startPrice, uint256 floorPrice) = lendingLens.auctionOf(loanId);
        (bool running, uint256 p) = lendingLens.currentPrice(loanId);
        assertTrue(running);
        assertEq(p, startPrice);
        vm.warp(start + 1.5 days);
        (, p) = lendingLens.currentPrice(loanId);
        assertEq(p, startPrice - (startPrice - floorPrice) / 2);
        vm.warp(endsAt);
        (running, p) = lendingLens.currentPrice(loanId);
        assertFalse(running);
        assertEq(p, 0);
    }

    function test_bid_highBidPaysDebtThenBountyThenBorrower() public {
        (uint256 loanId, uint256 debt) = _foreclosed();
        (, uint256 price) = lendingLens.currentPrice(loanId);
        uint256 lenderBefore = wbtc.balanceOf(lender);
        uint256 borrowerBefore = wbtc.balanceOf(borrower);
        uint256 bounty = debt / 100;
        vm.expectEmit(address(lending));
        emit LendingBase.AuctionSettled(loanId, bidder, price, debt, bounty, price - debt - bounty, 0);
        vm.prank(bidder);
        assertEq(lending.bid(loanId, price), price);
        assertEq(hpt.ownerOf(tokenId), bidder);
        assertEq(wbtc.balanceOf(lender), lenderBefore + debt);
        assertEq(wbtc.balanceOf(keeper), bounty);
        assertEq(wbtc.balanceOf(borrower), borrowerBefore + price - debt - bounty);
        assertEq(wbtc.balanceOf(address(lending)), 0);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Sold));
        ILoanRecord.BorrowerRecord memory b = lendingLens.borrowerRecord(borrower, address(wbtc));
        assertEq(b.defaulted, 1);
        assertEq(b.amountDefaulted, debt);
        ILoanRecord.LenderRecord memory lr = lendingLens.lenderRecord(lender, address(wbtc));
        assertEq(lr.defaulted, 1);
        assertEq(lr.badDebt, 0);
    }

    /// Checklist 23: a low bid (below the debt) settles; the lender's loss is bad debt.
    function test_item23_lowBidLeavesBadDebt() public {
        valuation.setValue(tokenId, 0); // the auction starts at twice the debt
        (uint256 loanId, uint256 debt) = _foreclosed();
        (, uint64 start,,,) = lendingLens.auctionOf(loanId);
        vm.warp(start + 2.5 days);
        (, uint256 price) = lendingLens.currentPrice(loanId);
        assertLt(price, debt);
        uint256 borrowerBefore = wbtc.balanceOf(borrower);
        vm.prank(bidder);
        lending.bid(loanId, price);
        assertEq(hpt.ownerOf(tokenId), bidder);
        assertEq(wbtc.balanceOf(keeper), 0, "no bounty below the debt");
        assertEq(wbtc.balanceOf(borrower), borrowerBefore);
        assertEq(lendingLens.lenderRecord(lender, address(wbtc)).badDebt, debt - price);
        assertEq(_debt(loanId), debt - price, "bad debt tracked on the loan");
    }

    /// Checklist 23: a bid in the auction's last second wins; from its end the lender may claim.
    function test_item23_lastSecondBid() public {
        (uint256 loanId, uint256 debt) = _foreclosed();
        (,, uint64 endsAt, uint256 startPrice, uint256 floorPrice) = lendingLens.auctionOf(loanId);
        assertGt(debt, 0);
        vm.warp(endsAt - 1);
        (, uint256 price) = lendingLens.currentPrice(loanId);
        assertGe(price, floorPrice);
        assertLe(price, floorPrice + (startPrice - floorPrice) / lending.AUCTION_DURATION() + 1);
        vm.prank(bidder);
        lending.bid(loanId, price);
        assertEq(hpt.ownerOf(tokenId), bidder);
    }

    function test_bid_revertsAtTheEndAboveMaxOrWithoutAuction() public {
        uint256 fresh = _borrow();
        vm.expectRevert(abi.encodeWithSelector(LendingBase.LoanNotOpen.selector, fresh, LoanStatus.Active));
        lending.bid(fresh, 1);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.LoanNotOpen.selector, fresh, LoanStatus.Active));
        lending.claimCollateral(fresh);
        vm.warp(LOAN_START + DURATION + lending.GRACE_PERIOD() + 1);
        lending.startForeclosure(fresh);
        (, uint256 price) = lendingLens.currentPrice(fresh);
        vm.prank(bidder);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.PriceAboveMax.selector, price, price - 1));
        lending.bid(fresh, price - 1);
        (,, uint64 endsAt,,) = lendingLens.auctionOf(fresh);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.AuctionRunning.selector, fresh, endsAt));
        lending.claimCollateral(fresh);
        vm.warp(endsAt);
        vm.prank(bidder);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.AuctionEnded.selector, fresh, endsAt));
        lending.bid(fresh, type(uint256).max);
    }

    /// Checklist 23: no bidder: the lender takes the token; the debt left is bad debt.
    function test_item23_noBidderTheLenderTakesTheToken() public {
        (uint256 loanId, uint256 debt) = _foreclosed();
        (,, uint64 endsAt,,) = lendingLens.auctionOf(loanId);
        vm.warp(endsAt);
        vm.expectEmit(address(lending));
        emit LendingBase.CollateralClaimed(loanId, lender, debt);
        vm.prank(stranger);
        lending.claimCollateral(loanId);
        assertEq(hpt.ownerOf(tokenId), lender);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Claimed));
        assertEq(lendingLens.lenderRecord(lender, address(wbtc)).badDebt, debt);
        assertEq(lendingLens.borrowerRecord(borrower, address(wbtc)).defaulted, 1);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.LoanNotOpen.selector, loanId, LoanStatus.Claimed));
        lending.claimCollateral(loanId);
    }

    /// Revenue of the escrow time still pays a foreclosed loan's bad debt, then the borrower.
    function test_sweep_lateRevenuePaysBadDebtThenTheBorrower() public {
        (uint256 loanId, uint256 debt) = _foreclosed();
        (,, uint64 endsAt,,) = lendingLens.auctionOf(loanId);
        vm.warp(endsAt);
        lending.claimCollateral(loanId);
        // epoch 4 missed its report window (the collateral pays it) and epoch 5 pays revenue: both
        // settle now, and the lending contract held the token until the claim
        _payEpoch(pid, 5, 0.03e8);
        uint256 lenderBefore = wbtc.balanceOf(lender);
        uint256 borrowerBefore = wbtc.balanceOf(borrower);
        uint256 claimed = lending.sweep(loanId);
        assertGt(claimed, debt);
        assertEq(wbtc.balanceOf(lender), lenderBefore + debt);
        assertEq(wbtc.balanceOf(borrower), borrowerBefore + claimed - debt);
        assertEq(_debt(loanId), 0);
        assertEq(wbtc.balanceOf(address(lending)), 0);
    }

    /// Repaying during the auction ends it: the token goes back, repaid late.
    function test_repay_duringTheAuctionEndsIt() public {
        (uint256 loanId, uint256 debt) = _foreclosed();
        vm.prank(borrower);
        assertEq(lending.repay(loanId), debt);
        assertEq(hpt.ownerOf(tokenId), borrower);
        assertEq(lendingLens.borrowerRecord(borrower, address(wbtc)).repaidLate, 1);
        vm.expectRevert(abi.encodeWithSelector(LendingBase.LoanNotOpen.selector, loanId, LoanStatus.Repaid));
        lending.bid(loanId, type(uint256).max);
    }

    /// A sweep during the auction that pays the debt ends it; a bid then buys nothing.
    function test_bid_afterRevenueRepaidTheLoanBuysNothing() public {
        (uint256 loanId,) = _foreclosed();
        _payEpoch(pid, 4, 0.2e8);
        (,, uint64 endsAt,,) = lendingLens.auctionOf(loanId);
        assertLt(block.timestamp, endsAt);
        uint256 bidderBefore = wbtc.balanceOf(bidder);
        vm.prank(bidder);
        assertEq(lending.bid(loanId, type(uint256).max), 0);
        assertEq(wbtc.balanceOf(bidder), bidderBefore);
        assertEq(hpt.ownerOf(tokenId), borrower);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Repaid));
    }

    function test_startForeclosure_whenRevenueCoversTheDebtRepaysInstead() public {
        uint256 loanId = _borrow();
        _zeroEpochs(4);
        vm.warp(LOAN_START + DURATION + lending.GRACE_PERIOD() + 1);
        _payEpoch(pid, 4, 0.2e8);
        lending.startForeclosure(loanId);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Repaid));
        assertEq(hpt.ownerOf(tokenId), borrower);
    }

    function test_claimCollateral_revenueBeforeTheClaimRepaysInstead() public {
        (uint256 loanId,) = _foreclosed();
        (,, uint64 endsAt,,) = lendingLens.auctionOf(loanId);
        _payEpoch(pid, 4, 0.2e8);
        vm.warp(endsAt);
        lending.claimCollateral(loanId);
        assertEq(hpt.ownerOf(tokenId), borrower);
    }

    // ================================================================ frozen products

    /// A frozen product's escrowed token: the foreclosure redeems its share of the forfeited
    /// collateral and applies it to the debt like revenue.
    function test_frozen_foreclosureRedeemsTheForfeitedShare() public {
        (uint256 p2, uint256 t2) = _duplicateProduct(borrower, PRODUCT_TERM);
        uint256 loanId = _borrowWith(_loanOffer(lender, t2));
        _freezeLater(pid, p2);
        (uint256 forfeited, uint256 capacity,,) = hardwareRegistry.frozenPool(p2);
        uint256 share = (L_UNITS * forfeited) / capacity;
        uint256 debt = _debt(loanId);
        assertGt(share, debt, "10 tWBTC of collateral, minus the 10% bounty, covers 0.1");
        uint256 borrowerBefore = wbtc.balanceOf(borrower);
        vm.expectEmit(address(lending));
        emit LendingBase.RedemptionBooked(loanId, share);
        lending.startForeclosure(loanId);
        assertTrue(hardwareRegistry.isRedeemed(t2));
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Repaid));
        assertEq(hpt.ownerOf(t2), borrower, "a frozen token can leave escrow");
        assertEq(wbtc.balanceOf(borrower), borrowerBefore + share - debt);
        assertEq(wbtc.balanceOf(address(lending)), 0);
    }

    /// A redemption someone else triggers for the escrow's holding (the holder at the freeze: the
    /// token's open holding) pays this contract and is booked to the loan.
    function test_frozen_redemptionByAnyoneIsBookedToTheLoan() public {
        (uint256 p2, uint256 t2) = _duplicateProduct(borrower, PRODUCT_TERM);
        uint256 loanId = _borrowWith(_loanOffer(lender, t2));
        _freezeLater(pid, p2);
        vm.prank(stranger);
        uint256 paid = hardwareRegistry.redeemFrozen(_one(t2), _one(hpt.holdingCount(t2) - 1));
        assertGt(paid, 0);
        assertEq(wbtc.balanceOf(address(lending)), paid, "paid to the holder at the freeze: this contract");
        uint256 lenderBefore = wbtc.balanceOf(lender);
        uint256 debt = _debt(loanId);
        lending.sweep(loanId);
        assertTrue(_loan(loanId).redemptionBooked);
        assertEq(wbtc.balanceOf(lender), lenderBefore + debt);
        assertEq(wbtc.balanceOf(address(lending)), 0);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Repaid));
    }

    /// A frozen token whose redemption does not cover the debt is auctioned; the repaid part counts.
    function test_frozen_smallRedemptionThenAuction() public {
        (uint256 p2, uint256 t2) = _duplicateProduct(borrower, PRODUCT_TERM);
        LendingOrders.LoanOffer memory o = _loanOffer(lender, t2);
        o.principal = 20e8;
        o.maxRepayment = 40e8;
        uint256 loanId = _borrowWith(o);
        _freezeLater(pid, p2);
        lending.startForeclosure(loanId);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Auction));
        assertTrue(_loan(loanId).redemptionBooked);
        assertLt(_debt(loanId), 20e8);
        // a later repay books no second redemption
        vm.prank(owner);
        wbtc.mint(borrower, 40e8);
        vm.prank(borrower);
        lending.repay(loanId);
        assertEq(hpt.ownerOf(t2), borrower);
    }

    /// A product frozen without a redemption pool (frozen by its role, not by a challenge): the foreclosure's
    /// redemption finds nothing, and the auction starts on the whole debt.
    function test_frozen_withoutARedemptionPoolStillForecloses() public {
        uint256 loanId = _borrow();
        _register("HardwareRegistry", address(this));
        _wire();
        hpt.freeze(pid);
        uint256 debt = _debt(loanId);
        lending.startForeclosure(loanId);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Auction));
        assertFalse(_loan(loanId).redemptionBooked);
        assertEq(_debt(loanId), debt);
        // a frozen token leaves escrow to the winner (frozen tokens are transferable)
        vm.prank(bidder);
        lending.bid(loanId, type(uint256).max);
        assertEq(hpt.ownerOf(tokenId), bidder);
    }

    /// Any touch of a frozen product's loan redeems: a plain sweep books the share before anyone
    /// forecloses.
    function test_frozen_sweepRedeemsTheShare() public {
        (uint256 p2, uint256 t2) = _duplicateProduct(borrower, PRODUCT_TERM);
        LendingOrders.LoanOffer memory o = _loanOffer(lender, t2);
        o.principal = 20e8;
        o.maxRepayment = 40e8;
        uint256 loanId = _borrowWith(o);
        _freezeLater(pid, p2);
        (uint256 forfeited,,,) = hardwareRegistry.frozenPool(p2);
        uint256 debt = _debt(loanId);
        vm.expectEmit(address(lending));
        emit LendingBase.RedemptionBooked(loanId, forfeited);
        vm.prank(keeper);
        assertEq(lending.sweep(loanId), 0, "no revenue claimed");
        assertTrue(hardwareRegistry.isRedeemed(t2));
        assertTrue(_loan(loanId).redemptionBooked);
        assertEq(_debt(loanId), debt - forfeited);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Active));
        assertEq(wbtc.balanceOf(address(lending)), 0);
    }

    /// A repayment of a frozen product's loan redeems first (the share lowers what the borrower
    /// pays), so the token never leaves escrow with its share unbooked: the borrower, its owner
    /// after the freeze, could not redeem it, and the payment to this contract would be stranded.
    function test_frozen_repayRedeemsBeforeTheTokenLeaves() public {
        (uint256 p2, uint256 t2) = _duplicateProduct(borrower, PRODUCT_TERM);
        LendingOrders.LoanOffer memory o = _loanOffer(lender, t2);
        o.principal = 20e8;
        o.maxRepayment = 40e8;
        uint256 loanId = _borrowWith(o);
        uint256 escrowHolding = hpt.holdingCount(t2) - 1;
        _freezeLater(pid, p2);
        (uint256 forfeited,,,) = hardwareRegistry.frozenPool(p2);
        vm.warp(block.timestamp + 1 days);
        uint256 debt = _debt(loanId);
        vm.prank(owner);
        wbtc.mint(borrower, 40e8);
        uint256 borrowerBefore = wbtc.balanceOf(borrower);
        vm.prank(borrower);
        uint256 paid = lending.repay(loanId);
        assertEq(paid, debt - forfeited, "the redemption paid its share of the debt");
        assertEq(wbtc.balanceOf(borrower), borrowerBefore - paid);
        assertEq(hpt.ownerOf(t2), borrower);
        assertTrue(_loan(loanId).redemptionBooked);
        assertEq(_loan(loanId).holdingIndex, escrowHolding);
        assertEq(wbtc.balanceOf(address(lending)), 0, "nothing stranded");
        // the borrower holds the token now, but was not its holder at the freeze
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.AlreadyRedeemed.selector, t2));
        hardwareRegistry.redeemFrozen(_one(t2), _one(escrowHolding));
        // a sweep of the closed loan books nothing twice
        vm.recordLogs();
        lending.sweep(loanId);
        assertEq(_countLogs(LendingBase.RedemptionBooked.selector), 0);
    }

    /// A product frozen after its token left escrow: the redemption is the holder's at the freeze
    /// (the borrower), never the old loan's. The closed loan's sweep books nothing, the escrow's old
    /// holding cannot be redeemed, and this contract is never paid.
    function test_frozen_afterTheTokenLeftEscrowTheRedemptionIsNotTheLoans() public {
        (uint256 p2, uint256 t2) = _duplicateProduct(borrower, PRODUCT_TERM);
        uint256 loanId = _borrowWith(_loanOffer(lender, t2));
        vm.warp(block.timestamp + 1 days);
        vm.prank(borrower);
        lending.repay(loanId);
        uint256 escrowHolding = _loan(loanId).holdingIndex;
        vm.warp(block.timestamp + 1 days);
        _freezeLater(pid, p2);
        (uint256 forfeited,,,) = hardwareRegistry.frozenPool(p2);

        vm.recordLogs();
        lending.sweep(loanId);
        assertEq(_countLogs(LendingBase.RedemptionBooked.selector), 0);
        assertFalse(hardwareRegistry.isRedeemed(t2), "the closed loan does not redeem the borrower's share");
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.NotHolderAtFreeze.selector, t2, escrowHolding));
        hardwareRegistry.redeemFrozen(_one(t2), _one(escrowHolding));

        uint256 borrowerBefore = wbtc.balanceOf(borrower);
        vm.prank(stranger);
        hardwareRegistry.redeemFrozen(_one(t2), _one(hpt.holdingCount(t2) - 1));
        assertEq(wbtc.balanceOf(borrower), borrowerBefore + forfeited, "the holder at the freeze is paid");
        // redeemed now, but not for the loan's holding: still nothing to book
        lending.sweep(loanId);
        assertFalse(_loan(loanId).redemptionBooked);
        assertEq(wbtc.balanceOf(address(lending)), 0);
    }

    /// A token that reached escrow after its product's freeze (a loan cannot start on a frozen
    /// token, {test_borrow_revertsForFrozenDefaultedOrEndedCollateral}; a registry whose pool says
    /// the freeze came before the escrow stands in for it): the redemption pays the holder at the
    /// freeze, the loan books nothing, it never counts on the share, and its foreclosure auctions the
    /// token on the whole debt; with no bid the lender takes it and the whole debt is bad debt.
    function test_frozen_tokenThatReachedEscrowAfterTheFreezeGetsNothing() public {
        (HashPowerLending l2, LendingLens lens2, ScriptedRedemption r) = _scriptedLending();
        uint64 borrowerSince = uint64(block.timestamp);
        vm.warp(block.timestamp + 1 hours);
        uint256 loanId = _borrowOn(l2, _loanOffer(lender, tokenId));
        uint256 escrowHolding = hpt.holdingCount(tokenId) - 1;
        _freezeByRole(pid);
        r.setPool(pid, 9e8, L_UNITS, borrowerSince, issuer); // frozen while the borrower held it
        uint256 debt = lens2.debtOf(loanId);

        vm.recordLogs();
        l2.sweep(loanId);
        assertEq(_countLogs(LendingBase.RedemptionBooked.selector), 0);
        assertFalse(r.isRedeemed(tokenId), "the escrow's holding is not redeemable");
        vm.expectRevert(abi.encodeWithSelector(ScriptedRedemption.NotHolderAtFreeze.selector, tokenId, escrowHolding));
        r.redeemFrozen(_one(tokenId), _one(escrowHolding));
        // the holder at the freeze redeems; the payment is not this contract's and is not booked
        r.redeemFrozen(_one(tokenId), _one(escrowHolding - 1));
        assertEq(wbtc.balanceOf(borrower), 10e8 + PRINCIPAL + 9e8);

        vm.prank(keeper);
        l2.startForeclosure(loanId);
        assertEq(uint8(lens2.loanOf(loanId).status), uint8(LoanStatus.Auction));
        assertFalse(lens2.loanOf(loanId).redemptionBooked);
        assertEq(lens2.debtOf(loanId), debt, "the whole debt is auctioned");
        assertEq(wbtc.balanceOf(address(l2)), 0);
        vm.warp(block.timestamp + l2.AUCTION_DURATION());
        vm.expectEmit(address(l2));
        emit LendingBase.CollateralClaimed(loanId, lender, debt);
        l2.claimCollateral(loanId);
        assertEq(hpt.ownerOf(tokenId), lender);
        assertEq(lens2.lenderRecord(lender, address(wbtc)).badDebt, debt);
        assertEq(wbtc.balanceOf(address(l2)), 0);
    }

    /// A redemption that reverts while the loan is open books nothing (the loan closes on its own
    /// terms); once the registry pays again, a sweep of the closed loan redeems the escrow's holding
    /// and pays the share to the borrower (the debt is paid). Booked once.
    function test_frozen_redemptionFailingAtCloseIsBookedByALaterSweep() public {
        (HashPowerLending l2, LendingLens lens2, ScriptedRedemption r) = _scriptedLending();
        uint256 loanId = _borrowOn(l2, _loanOffer(lender, tokenId));
        uint256 escrowHolding = hpt.holdingCount(tokenId) - 1;
        vm.warp(block.timestamp + 1 hours);
        _freezeByRole(pid);
        r.setPool(pid, 9e8, L_UNITS, uint64(block.timestamp), issuer);
        r.setDown(true);
        vm.warp(block.timestamp + 1 days);
        uint256 debt = lens2.debtOf(loanId);
        vm.prank(borrower);
        assertEq(l2.repay(loanId), debt, "nothing redeemed: the borrower paid it all");
        assertFalse(lens2.loanOf(loanId).redemptionBooked);
        assertEq(lens2.loanOf(loanId).holdingIndex, escrowHolding);

        r.setDown(false);
        uint256 borrowerBefore = wbtc.balanceOf(borrower);
        vm.expectEmit(address(l2));
        emit LendingBase.RedemptionBooked(loanId, 9e8);
        vm.expectEmit(address(l2));
        emit LendingBase.SurplusPaid(loanId, borrower, 9e8);
        l2.sweep(loanId);
        assertTrue(r.isRedeemed(tokenId));
        assertEq(wbtc.balanceOf(borrower), borrowerBefore + 9e8);
        assertEq(wbtc.balanceOf(address(l2)), 0);
        vm.recordLogs();
        l2.sweep(loanId);
        assertEq(_countLogs(LendingBase.RedemptionBooked.selector), 0, "booked once");
    }

    /// Someone else redeems a closed loan's escrow holding (it pays this contract): the closed
    /// loan's sweep books it; it pays the bad debt a foreclosure left before the borrower.
    function test_frozen_redemptionOfAClosedLoanPaysItsBadDebtFirst() public {
        (HashPowerLending l2, LendingLens lens2, ScriptedRedemption r) = _scriptedLending();
        uint256 loanId = _borrowOn(l2, _loanOffer(lender, tokenId));
        uint256 escrowHolding = hpt.holdingCount(tokenId) - 1;
        vm.warp(block.timestamp + 1 hours);
        _freezeByRole(pid);
        r.setPool(pid, 9e8, L_UNITS, uint64(block.timestamp), issuer);
        r.setDown(true);
        vm.prank(keeper);
        l2.startForeclosure(loanId);
        vm.warp(block.timestamp + l2.AUCTION_DURATION());
        l2.claimCollateral(loanId);
        uint256 badDebt = lens2.lenderRecord(lender, address(wbtc)).badDebt;
        assertGt(badDebt, 0);

        r.setDown(false);
        vm.prank(stranger);
        r.redeemFrozen(_one(tokenId), _one(escrowHolding));
        assertEq(wbtc.balanceOf(address(l2)), 9e8, "the escrow held it at the freeze");
        uint256 lenderBefore = wbtc.balanceOf(lender);
        uint256 borrowerBefore = wbtc.balanceOf(borrower);
        l2.sweep(loanId);
        assertTrue(lens2.loanOf(loanId).redemptionBooked);
        assertEq(wbtc.balanceOf(lender), lenderBefore + badDebt);
        assertEq(wbtc.balanceOf(borrower), borrowerBefore + 9e8 - badDebt);
        assertEq(wbtc.balanceOf(address(l2)), 0);
    }

    /// Two loans of one token whose first started and ended in the same second share the escrow
    /// holding index (a zero-length holding is not recorded): the registry pays the token once, and
    /// only one of them books it (no payment booked twice out of other users' money).
    function test_frozen_oneTokenRedemptionIsBookedOnceAcrossLoans() public {
        (HashPowerLending l2, LendingLens lens2, ScriptedRedemption r) = _scriptedLending();
        uint256 first = _borrowOn(l2, _loanOffer(lender, tokenId));
        vm.prank(borrower);
        l2.repay(first);
        uint256 second = _borrowOn(l2, _loanOffer(lender, tokenId));
        assertEq(lens2.loanOf(first).holdingIndex, hpt.holdingCount(tokenId) - 1, "same index");
        vm.warp(block.timestamp + 1 hours);
        _freezeByRole(pid);
        r.setPool(pid, 9e8, L_UNITS, uint64(block.timestamp), issuer);
        r.setDown(true);
        vm.warp(block.timestamp + 1 hours);
        vm.prank(borrower);
        l2.repay(second);
        r.setDown(false);
        l2.sweep(first);
        l2.sweep(second);
        assertTrue(lens2.loanOf(first).redemptionBooked != lens2.loanOf(second).redemptionBooked, "exactly one");
        assertEq(wbtc.balanceOf(address(l2)), 0, "paid out once, as received");
    }

    /// A closed loan whose token was split since (burnt): its sweep neither reverts nor books anything
    /// (a burnt token cannot be redeemed: frozen products' tokens cannot split, merge or carve).
    function test_frozen_sweepOfAClosedLoanWhoseTokenWasBurnt() public {
        uint256 loanId = _borrow();
        vm.warp(block.timestamp + 1 hours);
        vm.prank(borrower);
        lending.repay(loanId);
        uint256[] memory parts = new uint256[](2);
        parts[0] = L_UNITS / 2;
        parts[1] = L_UNITS / 2;
        vm.prank(borrower);
        hpt.split(tokenId, parts);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, tokenId));
        hpt.ownerOf(tokenId);
        vm.recordLogs();
        assertEq(lending.sweep(loanId), 0);
        assertEq(_countLogs(LendingBase.RedemptionBooked.selector), 0);
        assertFalse(_loan(loanId).redemptionBooked);
    }

    /// Checklist 24: under-delivery during a loan leaves no funds stuck: shortfalls paid from the
    /// issuer's collateral reach the loan like revenue, and everything leaves this contract.
    function test_item24_underDeliveryLeavesNoFundsStuck() public {
        uint256 loanId = _borrow();
        // epochs 0 and 1 half delivered: revenue 0.01 each, shortfall 500 units x 3,000 sat = 0.015 each
        // paid from the issuer's collateral
        _payEpochShort(pid, 0, 0.01e8, 500, 3_000e18);
        _payEpochShort(pid, 1, 0.01e8, 500, 3_000e18);
        uint256 claimable = fv.claimable(tokenId, _loan(loanId).holdingIndex);
        assertGt(claimable, 0.045e8, "deposits plus compensation");
        uint256 debtBefore = _debt(loanId);
        uint256 claimed = lending.sweep(loanId);
        assertEq(claimed, claimable);
        assertEq(_debt(loanId), debtBefore - claimed);
        assertEq(wbtc.balanceOf(address(lending)), 0, "nothing stuck");
        vm.prank(borrower);
        lending.repay(loanId);
        assertEq(wbtc.balanceOf(address(lending)), 0);
        assertEq(hpt.ownerOf(tokenId), borrower);
    }

    /// Checklist 24: an epoch never reported is paid from collateral (the unreported floor), which
    /// repays the loan; the surplus reaches the borrower.
    function test_item24_unreportedEpochCompensationRepaysTheLoan() public {
        uint256 loanId = _borrow();
        vm.warp(_epochEnd(0, PRODUCT_TERM) + REPORT_WINDOW + 1);
        _settle(pid);
        uint256 borrowerBefore = wbtc.balanceOf(borrower);
        uint256 debt = _debt(loanId);
        uint256 claimed = lending.sweep(loanId);
        assertGt(claimed, debt);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Repaid));
        assertEq(wbtc.balanceOf(borrower), borrowerBefore + claimed - debt);
        assertEq(wbtc.balanceOf(address(lending)), 0);
    }

    // ================================================================ credits

    function test_withdraw_revertsWithoutCreditOrRecipient() public {
        vm.prank(lender);
        vm.expectRevert(ZeroAmount.selector);
        lending.withdraw(address(wbtc), lender);
        vm.prank(lender);
        vm.expectRevert(ZeroAddress.selector);
        lending.withdraw(address(wbtc), address(0));
    }

    // ================================================================ lens

    function test_lens_unknownLoanAndEmptyViews() public {
        vm.expectRevert(abi.encodeWithSelector(LendingLens.UnknownLoanId.selector, 9));
        lendingLens.loanOf(9);
        vm.expectRevert(abi.encodeWithSelector(LendingLens.UnknownLoanId.selector, 9));
        lendingLens.debtOf(9);
        (address initiator, uint64 start, uint64 endsAt,,) = lendingLens.auctionOf(9);
        assertEq(initiator, address(0));
        assertEq(start, 0);
        assertEq(endsAt, 0);
        (bool running, uint256 price) = lendingLens.currentPrice(9);
        assertFalse(running);
        assertEq(price, 0);
        assertFalse(lendingLens.isForeclosable(9));
        assertEq(lendingLens.credit(lender, address(wbtc)), 0);
        ILoanRecord.BorrowerRecord memory b = lendingLens.borrowerRecord(borrower, address(wbtc));
        assertEq(b.repaid + b.repaidLate + b.defaulted, 0);
        assertEq(lending.extsload(LendingStorage.SLOT, 2).length, 2);
    }

    // ---------------------------------------------------------------- frozen-redemption helpers

    function _countLogs(bytes32 topic) internal returns (uint256 n) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics.length != 0 && logs[i].topics[0] == topic) ++n;
        }
    }

    /// Freezes a product through the PRODUCT_FREEZER role (this test standing in for the registry).
    function _freezeByRole(uint256 p) internal {
        _register("HardwareRegistry", address(this));
        _wire();
        hpt.freeze(p);
    }

    /// A lending contract on a {ScriptedRedemption} (funded with 20 tWBTC), its lens, and the
    /// borrower's and lender's approvals.
    function _scriptedLending() internal returns (HashPowerLending l2, LendingLens lens2, ScriptedRedemption r) {
        r = new ScriptedRedemption(hpt, wbtc);
        vm.prank(owner);
        wbtc.mint(address(r), 20e8);
        LendingModule m2 = new LendingModule(hpt, IRevenueClaims(address(fv)), IFrozenRedemption(address(r)), valuation, _scores());
        l2 = new HashPowerLending(
            address(manager), hpt, IRevenueClaims(address(fv)), IFrozenRedemption(address(r)), valuation, _scores(), m2, collateralVault
        );
        lens2 = new LendingLens(address(l2));
        vm.prank(borrower);
        hpt.setApprovalForAll(address(l2), true);
        vm.prank(borrower);
        wbtc.approve(address(l2), type(uint256).max);
        vm.prank(lender);
        wbtc.approve(address(l2), type(uint256).max);
    }

    function _borrowOn(HashPowerLending on, LendingOrders.LoanOffer memory o) internal returns (uint256) {
        bytes memory sig = _signDigest(lenderKeyOf(o.lender), on.hashLoanOffer(o));
        vm.prank(borrower);
        return on.borrow(o, sig);
    }
}
