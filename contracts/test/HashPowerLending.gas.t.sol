// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {HashPowerLending} from "../src/lending/HashPowerLending.sol";
import {LendingOrders} from "../src/lending/LendingOrders.sol";
import {LoanStatus} from "../src/lending/LendingStorage.sol";
import {GasBench} from "./utils/GasBench.sol";
import {LendingFixtures} from "./utils/LendingFixtures.sol";

/// @notice Gas benchmarks of lending, one test per operation, measured as a real transaction would
/// pay (execution gas and transaction total, in both EDR modes: see GasBench).
///
/// Steady state: the accounts already borrowed and lent once (their loan records exist), the lending
/// contract escrows another token (its token balance is not zero), the borrower holds tWBTC, lenders
/// approved the contract without limit. The Java integration test reports the same operations as
/// receipts of a real node (docs/benchmarks.md).
contract HashPowerLendingGasTest is LendingFixtures, GasBench {
    uint256 internal other;
    uint256 internal otherPid;
    uint256 internal third;
    uint256 internal openLoan;
    uint256 internal sweptLoan;
    uint256 internal dueLoan;
    uint256 internal auctionLoan;
    uint256 internal endedLoan;

    LendingOrders.LoanOffer internal offer;
    bytes internal offerSig;
    LendingOrders.BorrowRequest internal request;
    bytes internal requestSig;
    LendingOrders.CollectionOffer internal collection;
    bytes internal collectionSig;
    LendingOrders.LoanOffer internal refi;
    bytes internal refiSig;

    function setUp() public override {
        super.setUp();
        // history: one loan borrowed and repaid by the same accounts (records exist)
        (, uint256 warm) = _duplicateProduct(borrower, PRODUCT_TERM);
        uint256 warmLoan = _borrowWith(_loanOffer(lender, warm));
        vm.warp(block.timestamp + 1 hours);
        vm.prank(borrower);
        lending.repay(warmLoan);
        // one loan stays open (the contract escrows a token)
        (otherPid, other) = _duplicateProduct(borrower, PRODUCT_TERM);
        openLoan = _borrowWith(_loanOffer(lender, other));

        // the measured orders
        offer = _loanOffer(lender, tokenId);
        offerSig = _sign(lenderKey, offer);
        (, third) = _duplicateProduct(borrower, PRODUCT_TERM);
        request = _request(borrower, third);
        requestSig = _sign(borrowerKey, request);
        collection = _collection(lender);
        collectionSig = _sign(lenderKey, collection);
        vm.warp(block.timestamp + 1 hours);
    }

    function test_gas_start_loanOffer() public {
        bytes memory data = abi.encodeCall(HashPowerLending.borrow, (offer, offerSig));
        _bench("start (borrow on a loan offer)", address(lending), borrower, data, 0, 200_000);
        assertEq(hpt.ownerOf(tokenId), address(lending));
    }

    /// The same start while the currency has a lenders' reward program, the lender already counted
    /// there (another of its loans started under the program): the principal's record and the
    /// program's `setStake` (its accumulator, a pull from the emission controller) on top.
    function test_gas_start_loanOffer_withLendersProgram() public {
        _lenderProgram(address(wbtc));
        (, uint256 counted) = _duplicateProduct(borrower, PRODUCT_TERM);
        _borrowWith(_loanOffer(lender, counted));
        vm.warp(block.timestamp + 1 hours);
        bytes memory data = abi.encodeCall(HashPowerLending.borrow, (offer, offerSig));
        _bench("start (loan offer, lenders' program set)", address(lending), borrower, data, 0, 0);
        assertEq(lendingLens.outstandingPrincipal(lender, address(wbtc)), 2 * PRINCIPAL);
    }

    function test_gas_start_borrowRequest() public {
        bytes memory data = abi.encodeCall(HashPowerLending.lend, (request, requestSig));
        _bench("start (lend on a borrow request)", address(lending), lender, data, 0, 200_000);
        assertEq(hpt.ownerOf(third), address(lending));
    }

    function test_gas_start_collectionOffer() public {
        _bench(
            "start (collection offer, LTV checked)",
            address(lending),
            borrower,
            abi.encodeCall(HashPowerLending.borrowFromCollectionOffer, (collection, collectionSig, tokenId, PRINCIPAL)),
            0,
            200_000
        );
        assertEq(hpt.ownerOf(tokenId), address(lending));
    }

    function test_gas_sweep_partial() public {
        _payEpoch(otherPid, 0, 0.02e8);
        vm.roll(block.number + 1);
        _bench("sweep (revenue pays part of the debt)", address(lending), keeper, abi.encodeCall(HashPowerLending.sweep, (openLoan)), 0, 0);
        assertEq(uint8(_status(openLoan)), uint8(LoanStatus.Active));
    }

    function test_gas_sweep_nothingNew() public {
        _bench("sweep (nothing claimable)", address(lending), keeper, abi.encodeCall(HashPowerLending.sweep, (openLoan)), 0, 0);
    }

    function test_gas_sweep_repaysAndReturnsTheToken() public {
        _payEpoch(otherPid, 0, 0.2e8);
        bytes memory data = abi.encodeCall(HashPowerLending.sweep, (openLoan));
        _bench("sweep (revenue repays the loan, token returned)", address(lending), keeper, data, 0, 0);
        assertEq(hpt.ownerOf(other), borrower);
    }

    function test_gas_repay_tokenReturned() public {
        vm.warp(block.timestamp + 3 days);
        _bench("repay (token returned)", address(lending), borrower, abi.encodeCall(HashPowerLending.repay, (openLoan)), 0, 130_000);
        assertEq(hpt.ownerOf(other), borrower);
    }

    function test_gas_refinance() public {
        vm.warp(block.timestamp + 1 days);
        refi = _loanOffer(lender2, other);
        refi.aprBps = APR / 2;
        refi.principal = 1e8;
        refi.maxRepayment = 1e8;
        refi.duration = uint64(_loan(openLoan).maturity - block.timestamp);
        refiSig = _sign(lender2Key, refi);
        vm.warp(block.timestamp + 1);
        bytes memory data = abi.encodeCall(HashPowerLending.refinance, (openLoan, refi, refiSig));
        _bench("refinance (loan offer)", address(lending), lender2, data, 0, 160_000);
        assertEq(_loan(openLoan).lender, lender2);
    }

    /// As the Java integration test measures it: the new lender approved a finite allowance.
    function test_gas_refinance_finiteAllowance() public {
        vm.prank(lender2);
        wbtc.approve(address(lending), 1e8);
        vm.warp(block.timestamp + 1 days + 1 minutes);
        refi = _loanOffer(lender2, other);
        refi.aprBps = APR / 2;
        refi.principal = 4 * PRINCIPAL;
        refi.maxRepayment = 4 * PRINCIPAL;
        refi.duration = uint64(_loan(openLoan).maturity - block.timestamp - 1);
        refiSig = _sign(lender2Key, refi);
        vm.warp(block.timestamp + 1);
        bytes memory data = abi.encodeCall(HashPowerLending.refinance, (openLoan, refi, refiSig));
        _bench("refinance (loan offer, finite allowance)", address(lending), lender2, data, 0, 160_000);
        assertEq(_loan(openLoan).lender, lender2);
    }

    function test_gas_startForeclosure() public {
        vm.warp(_loan(openLoan).maturity + lending.GRACE_PERIOD() + 1);
        _bench("startForeclosure", address(lending), keeper, abi.encodeCall(HashPowerLending.startForeclosure, (openLoan)), 0, 0);
        assertEq(uint8(_status(openLoan)), uint8(LoanStatus.Auction));
    }

    function test_gas_bid() public {
        vm.warp(_loan(openLoan).maturity + lending.GRACE_PERIOD() + 1);
        vm.prank(keeper);
        lending.startForeclosure(openLoan);
        vm.warp(block.timestamp + 1 hours);
        bytes memory data = abi.encodeCall(HashPowerLending.bid, (openLoan, type(uint256).max));
        _bench("bid (token sold, debt + bounty + surplus paid)", address(lending), bidder, data, 0, 0);
        assertEq(hpt.ownerOf(other), bidder);
    }

    function test_gas_claimCollateral() public {
        vm.warp(_loan(openLoan).maturity + lending.GRACE_PERIOD() + 1);
        vm.prank(keeper);
        lending.startForeclosure(openLoan);
        vm.warp(block.timestamp + lending.AUCTION_DURATION());
        _bench("claimCollateral (no bid)", address(lending), keeper, abi.encodeCall(HashPowerLending.claimCollateral, (openLoan)), 0, 0);
        assertEq(hpt.ownerOf(other), lender);
    }
}
