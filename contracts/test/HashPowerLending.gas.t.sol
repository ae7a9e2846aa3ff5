// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {console} from "forge-std/console.sol";
import {HashPowerLending} from "../src/lending/HashPowerLending.sol";
import {LendingOrders} from "../src/lending/LendingOrders.sol";
import {LoanStatus} from "../src/lending/LendingStorage.sol";
import {GasProbe} from "./mocks/MarketMocks.sol";
import {LendingFixtures} from "./utils/LendingFixtures.sol";

/// @notice Gas benchmarks of lending, one test per operation, measured as a real transaction would
/// pay (see HashMixMarket.gas.t.sol): everything is prepared in setUp (its own transaction), so the
/// measured call starts with cold storage; the logged transaction total = 21,000 + calldata + the
/// callee's execution gas - the refund (capped at a fifth), at least the EIP-7623 calldata floor;
/// under `--gas-stats` (each call its own transaction) the measured figure already is that total.
///
/// Steady state: the accounts already borrowed and lent once (their loan records exist), the lending
/// contract escrows another token (its token balance is not zero), the borrower holds tWBTC, lenders
/// approved the contract without limit. The Java integration test reports the same operations as
/// receipts of a real node (docs/benchmarks.md).
contract HashPowerLendingGasTest is LendingFixtures {
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
    GasProbe internal probe;

    function setUp() public override {
        super.setUp();
        probe = new GasProbe();
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

    /// Calldata gas (EIP-2028: 4 per zero byte, 16 per other byte) and EIP-7623 tokens
    /// (zero bytes + 4 * other bytes).
    function _calldataCost(bytes memory data) internal pure returns (uint256 gas, uint256 tokens) {
        for (uint256 i; i < data.length; i++) {
            if (data[i] == 0) {
                gas += 4;
                tokens += 1;
            } else {
                gas += 16;
                tokens += 4;
            }
        }
    }

    /// Whether EDR runs each state-changing call of a test as its own transaction (it does under
    /// `--gas-stats`): an empty call then costs at least the 21,000 base.
    function _isolated() internal returns (bool) {
        probe.ping();
        return vm.lastCallGas().gasTotalUsed >= 21_000;
    }

    /// Runs the call and logs its execution gas and transaction total, in both EDR modes (see
    /// HashMixMarket.gas.t.sol, whose accounting test asserts what `vm.lastCallGas` counts in each):
    /// plain, `gasTotalUsed` is the callee's execution and the total is
    /// `max(21,000 + calldata + execution - min(refund, gross / 5), 21,000 + 10 * tokens)` (EIP-3529
    /// refund cap, EIP-7623 floor); isolated (`--gas-stats`), `gasTotalUsed` already is that total.
    function _bench(string memory name, address from, bytes memory data, uint256 goal) internal returns (uint256 total) {
        bool isolated = _isolated();
        vm.prank(from, from);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = address(lending).call(data);
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        Vm.Gas memory g = vm.lastCallGas();
        (uint256 cd, uint256 tokens) = _calldataCost(data);
        uint256 refund = g.gasRefunded > 0 ? uint256(uint64(g.gasRefunded)) : 0;
        uint256 floor = 21_000 + 10 * tokens;
        uint256 execution;
        if (isolated) {
            total = g.gasTotalUsed;
            assertGt(total, floor, "the calldata floor binds: execution cannot be recovered");
            assertLe(refund, (total + refund) / 5, "refund above its cap");
            execution = total + refund - 21_000 - cd;
        } else {
            execution = g.gasTotalUsed;
            uint256 gross = 21_000 + cd + execution;
            if (refund > gross / 5) refund = gross / 5;
            total = gross - refund;
            if (total < floor) total = floor;
        }
        console.log(name);
        console.log("  mode                        ", isolated ? "isolated (--gas-stats)" : "plain");
        console.log("  execution gas               ", execution);
        console.log("  calldata gas (bytes)        ", cd, data.length);
        console.log("  refund                      ", refund);
        console.log("  transaction total           ", total);
        if (goal != 0) console.log("  goal                        ", goal);
    }

    function test_gas_start_loanOffer() public {
        _bench("start (borrow on a loan offer)", borrower, abi.encodeCall(HashPowerLending.borrow, (offer, offerSig)), 200_000);
        assertEq(hpt.ownerOf(tokenId), address(lending));
    }

    function test_gas_start_borrowRequest() public {
        _bench("start (lend on a borrow request)", lender, abi.encodeCall(HashPowerLending.lend, (request, requestSig)), 200_000);
        assertEq(hpt.ownerOf(third), address(lending));
    }

    function test_gas_start_collectionOffer() public {
        _bench(
            "start (collection offer, LTV checked)",
            borrower,
            abi.encodeCall(HashPowerLending.borrowFromCollectionOffer, (collection, collectionSig, tokenId, PRINCIPAL)),
            200_000
        );
        assertEq(hpt.ownerOf(tokenId), address(lending));
    }

    function test_gas_sweep_partial() public {
        _payEpoch(otherPid, 0, 0.02e8);
        vm.roll(block.number + 1);
        _bench("sweep (revenue pays part of the debt)", keeper, abi.encodeCall(HashPowerLending.sweep, (openLoan)), 0);
        assertEq(uint8(_status(openLoan)), uint8(LoanStatus.Active));
    }

    function test_gas_sweep_nothingNew() public {
        _bench("sweep (nothing claimable)", keeper, abi.encodeCall(HashPowerLending.sweep, (openLoan)), 0);
    }

    function test_gas_sweep_repaysAndReturnsTheToken() public {
        _payEpoch(otherPid, 0, 0.2e8);
        _bench("sweep (revenue repays the loan, token returned)", keeper, abi.encodeCall(HashPowerLending.sweep, (openLoan)), 0);
        assertEq(hpt.ownerOf(other), borrower);
    }

    function test_gas_repay_tokenReturned() public {
        vm.warp(block.timestamp + 3 days);
        _bench("repay (token returned)", borrower, abi.encodeCall(HashPowerLending.repay, (openLoan)), 130_000);
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
        _bench("refinance (loan offer)", lender2, abi.encodeCall(HashPowerLending.refinance, (openLoan, refi, refiSig)), 160_000);
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
        _bench("refinance (loan offer, finite allowance)", lender2, data, 160_000);
        assertEq(_loan(openLoan).lender, lender2);
    }

    function test_gas_startForeclosure() public {
        vm.warp(_loan(openLoan).maturity + lending.GRACE_PERIOD() + 1);
        _bench("startForeclosure", keeper, abi.encodeCall(HashPowerLending.startForeclosure, (openLoan)), 0);
        assertEq(uint8(_status(openLoan)), uint8(LoanStatus.Auction));
    }

    function test_gas_bid() public {
        vm.warp(_loan(openLoan).maturity + lending.GRACE_PERIOD() + 1);
        vm.prank(keeper);
        lending.startForeclosure(openLoan);
        vm.warp(block.timestamp + 1 hours);
        bytes memory data = abi.encodeCall(HashPowerLending.bid, (openLoan, type(uint256).max));
        _bench("bid (token sold, debt + bounty + surplus paid)", bidder, data, 0);
        assertEq(hpt.ownerOf(other), bidder);
    }

    function test_gas_claimCollateral() public {
        vm.warp(_loan(openLoan).maturity + lending.GRACE_PERIOD() + 1);
        vm.prank(keeper);
        lending.startForeclosure(openLoan);
        vm.warp(block.timestamp + lending.AUCTION_DURATION());
        _bench("claimCollateral (no bid)", keeper, abi.encodeCall(HashPowerLending.claimCollateral, (openLoan)), 0);
        assertEq(hpt.ownerOf(other), lender);
    }
}
