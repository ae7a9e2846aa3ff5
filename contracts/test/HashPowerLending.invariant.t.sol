// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {HashPowerLending} from "../src/lending/HashPowerLending.sol";
import {LendingLens} from "../src/lending/LendingLens.sol";
import {LendingOrders} from "../src/lending/LendingOrders.sol";
import {LoanStatus} from "../src/lending/LendingStorage.sol";
import {HardwareRegistry} from "../src/token/HardwareRegistry.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {LendingBase} from "../src/lending/LendingBase.sol";
import {HookToken, MockCreditScore} from "./mocks/LendingMocks.sol";
import {LendingFixtures} from "./utils/LendingFixtures.sol";

/// @dev Drives random loan lifecycles: loans started on four slices of one product paid in a token
/// that can blacklist receivers (so pushes fail and credits build up), fulfillment epochs that pay
/// random revenue, sweeps, repayments, refinances, foreclosures, bids, lender claims, blacklisting
/// and credit withdrawals, with time moving forward; and, once, the product's freeze by a challenge,
/// after which anyone may redeem a slice for its holder at the freeze.
contract LendingHandler is CommonBase, StdCheats, StdUtils {
    LendingInvariantTest internal immutable t;
    HashPowerLending internal immutable lending;
    LendingLens internal immutable lens;
    HashPowerToken internal immutable hpt;
    HookToken internal immutable money;

    uint256[] public tokens;
    uint256[] public loans;
    /// the latest loan of each token
    mapping(uint256 tokenId => uint256) public lastLoanOf;
    /// who won each sold loan's auction
    mapping(uint256 loanId => address) public winnerOf;
    address[] public accounts;
    mapping(bytes4 => uint256) public calls;
    /// the minimum credit score the handler's next loan offers ask for (0: none), and the borrower's score
    uint16 public minScore;
    /// loans started or refinanced on an offer whose minimum the borrower's score was below (must stay 0)
    uint256 public startedBelowMinimum;
    /// offers refused for the borrower's score (the gate is exercised)
    uint256 public refusedForScore;

    constructor(LendingInvariantTest t_, uint256[] memory tokens_, address[] memory accounts_) {
        t = t_;
        lending = t_.lendingContract();
        lens = t_.lensContract();
        hpt = t_.tokenContract();
        money = t_.moneyContract();
        tokens = tokens_;
        accounts = accounts_;
    }

    function tokenCount() external view returns (uint256) {
        return tokens.length;
    }

    function loanCount() external view returns (uint256) {
        return loans.length;
    }

    function accountCount() external view returns (uint256) {
        return accounts.length;
    }

    function borrow(uint256 tokenSeed, uint256 principal, uint256 apr, uint256 duration, bool second) external {
        uint256 id = tokens[tokenSeed % tokens.length];
        address borrower = t.borrowerAccount();
        if (hpt.ownerOf(id) != borrower) return;
        HashPowerToken.TokenData memory d = hpt.tokenData(id);
        duration = bound(duration, 1 days, 28 days);
        if (block.timestamp + duration > d.end) return;
        LendingOrders.LoanOffer memory o = t.offerFor(second ? t.lender2Account() : t.lenderAccount(), id);
        o.principal = bound(principal, 1, 0.2e8);
        o.maxRepayment = o.principal * 2;
        o.aprBps = uint32(bound(apr, 0, 50_000));
        o.duration = uint64(duration);
        o.minCreditScore = minScore;
        bytes memory sig = t.signOffer(o);
        bool eligible = _eligible();
        vm.prank(borrower);
        try lending.borrow(o, sig) returns (uint256 loanId) {
            if (!eligible) startedBelowMinimum++;
            loans.push(loanId);
            lastLoanOf[id] = loanId;
            calls[this.borrow.selector]++;
        } catch (bytes memory err) {
            _refused(eligible, err);
        }
    }

    /// Sets the borrower's credit score and the minimum the next offers ask for (none a third of the time).
    function setCredit(uint256 score, uint256 min) external {
        t.scoresContract().setScore(t.borrowerAccount(), bound(score, 0, 1_000));
        minScore = min % 3 == 0 ? 0 : uint16(bound(min, 1, 1_000));
        calls[this.setCredit.selector]++;
    }

    function sweep(uint256 loanSeed) external {
        if (loans.length == 0) return;
        lending.sweep(loans[loanSeed % loans.length]);
        calls[this.sweep.selector]++;
    }

    function repay(uint256 loanSeed) external {
        if (loans.length == 0) return;
        uint256 loanId = loans[loanSeed % loans.length];
        LoanStatus s = lens.loanOf(loanId).status;
        if (s != LoanStatus.Active && s != LoanStatus.Auction) return;
        vm.prank(t.borrowerAccount());
        lending.repay(loanId);
        calls[this.repay.selector]++;
    }

    function refinance(uint256 loanSeed, uint256 apr) external {
        if (loans.length == 0) return;
        uint256 loanId = loans[loanSeed % loans.length];
        LendingLens.LoanView memory v = lens.loanOf(loanId);
        if (v.status != LoanStatus.Active || block.timestamp >= v.maturity) return;
        if (block.timestamp < v.lenderSince + lending.MIN_REFINANCE_INTERVAL() || v.aprBps == 0) return;
        address newLender = v.lender == t.lenderAccount() ? t.lender2Account() : t.lenderAccount();
        LendingOrders.LoanOffer memory o = t.offerFor(newLender, v.tokenId);
        o.aprBps = uint32(bound(apr, 0, v.aprBps - 1));
        o.principal = 10e8;
        o.maxRepayment = 10e8;
        o.duration = uint64(v.maturity - block.timestamp);
        o.minCreditScore = minScore;
        bytes memory sig = t.signOffer(o);
        bool eligible = _eligible();
        try lending.refinance(loanId, o, sig) {
            if (!eligible && lens.loanOf(loanId).lender == newLender) startedBelowMinimum++;
            calls[this.refinance.selector]++;
        } catch (bytes memory err) {
            _refused(eligible, err);
        }
    }

    function _eligible() internal view returns (bool) {
        return minScore == 0 || t.scoresContract().scoreOf(t.borrowerAccount()) >= minScore;
    }

    /// Counts a refusal for the score; any other failure of an action is an ordinary revert.
    function _refused(bool eligible, bytes memory err) internal {
        if (!eligible && err.length >= 4 && bytes4(err) == LendingBase.BorrowerScoreTooLow.selector) {
            refusedForScore++;
            return;
        }
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            revert(add(err, 0x20), mload(err))
        }
    }

    function foreclose(uint256 loanSeed) external {
        if (loans.length == 0) return;
        uint256 loanId = loans[loanSeed % loans.length];
        if (!lens.isForeclosable(loanId)) return;
        vm.prank(t.keeperAccount());
        lending.startForeclosure(loanId);
        calls[this.foreclose.selector]++;
    }

    function bid(uint256 loanSeed) external {
        if (loans.length == 0) return;
        uint256 loanId = loans[loanSeed % loans.length];
        (bool running,) = lens.currentPrice(loanId);
        if (!running) return;
        address bidder = t.bidderAccount();
        vm.prank(bidder);
        lending.bid(loanId, type(uint256).max);
        if (lens.loanOf(loanId).status == LoanStatus.Sold) winnerOf[loanId] = bidder;
        calls[this.bid.selector]++;
    }

    function claimCollateral(uint256 loanSeed) external {
        if (loans.length == 0) return;
        uint256 loanId = loans[loanSeed % loans.length];
        (, uint64 start, uint64 endsAt,,) = lens.auctionOf(loanId);
        if (start == 0 || block.timestamp < endsAt || lens.loanOf(loanId).status != LoanStatus.Auction) return;
        lending.claimCollateral(loanId);
        calls[this.claimCollateral.selector]++;
    }

    /// Moves time forward by up to two days, reporting every epoch that ends on the way (so none
    /// misses its report window) with random revenue.
    function advance(uint256 dt, uint256 revenue) external {
        dt = bound(dt, 1 hours, 2 days);
        t.advance(dt, bound(revenue, 0, 0.05e8));
        calls[this.advance.selector]++;
    }

    /// Freezes the product (a duplicate-hardware challenge; once, in about a third of the calls).
    function freeze(uint256 seed) external {
        if (t.isFrozen() || seed % 3 != 0) return;
        t.freezeProduct();
        calls[this.freeze.selector]++;
    }

    /// Anyone redeems a frozen slice at the registry for its holder at the freeze (the escrow when a
    /// loan held it then; the borrower, a lender or an auction winner otherwise).
    function redeem(uint256 tokenSeed) external {
        if (!t.isFrozen()) return;
        uint256 id = tokens[tokenSeed % tokens.length];
        (bool done, address holder, uint256 index) = t.holderAtFreeze(id);
        if (done || money.blacklisted(holder)) return;
        uint256[] memory ids = new uint256[](1);
        uint256[] memory idx = new uint256[](1);
        ids[0] = id;
        idx[0] = index;
        t.registryContract().redeemFrozen(ids, idx);
        calls[this.redeem.selector]++;
    }

    function blacklist(uint256 accountSeed, bool on) external {
        money.setBlacklisted(accounts[accountSeed % accounts.length], on);
        calls[this.blacklist.selector]++;
    }

    function withdraw(uint256 accountSeed) external {
        address who = accounts[accountSeed % accounts.length];
        if (lens.credit(who, address(money)) == 0 || money.blacklisted(who)) return;
        vm.prank(who);
        lending.withdraw(address(money), who);
        calls[this.withdraw.selector]++;
    }
}

/// @notice Invariants of lending (256 runs x depth 100 in the default profile): the contract's
/// balance always equals what it owes (the credits of lenders, borrowers and bounty takers: it keeps
/// nothing else), a token is always with its borrower, in escrow, with its lender or with an auction
/// winner, escrowed tokens are exactly the open loans' ones, and no debt exceeds its cap (checklist
/// 14, 19, 24, 32).
contract LendingInvariantTest is LendingFixtures {
    LendingHandler internal handler;
    HookToken internal money;
    bytes32 internal mclass;
    uint256 internal mpid;
    uint32 internal nextEpoch;
    bool internal frozen;

    function setUp() public override {
        super.setUp();
        money = new HookToken();
        mclass = _newClass("MBTC-SHA256", address(money), true);
        money.mint(issuer, 1_000e8);
        valuation.setPrice(mclass, BTC_PRICE);
        uint256 whole;
        vm.warp(T0);
        (mpid, whole) = _productIn(mclass, address(money), 1_000, 140 days, COLLATERAL);
        vm.warp(LOAN_START);
        uint256[] memory parts = new uint256[](4);
        for (uint256 i; i < 4; i++) {
            parts[i] = 250;
        }
        vm.prank(issuer);
        uint256[] memory ids = hpt.split(whole, parts);
        for (uint256 i; i < 4; i++) {
            _give(borrower, ids[i]);
        }
        address[] memory accounts = new address[](5);
        accounts[0] = lender;
        accounts[1] = lender2;
        accounts[2] = borrower;
        accounts[3] = keeper;
        accounts[4] = bidder;
        for (uint256 i; i < accounts.length; i++) {
            money.mint(accounts[i], 1_000e8);
            vm.prank(accounts[i]);
            money.approve(address(lending), type(uint256).max);
        }
        _lenderProgram(address(money)); // loans count for the lenders' program: `lent` is tracked
        handler = new LendingHandler(this, ids, accounts);
        targetContract(address(handler));
    }

    // ---------------------------------------------------------------- helpers the handler calls

    function lendingContract() external view returns (HashPowerLending) {
        return lending;
    }

    function lensContract() external view returns (LendingLens) {
        return lendingLens;
    }

    function tokenContract() external view returns (HashPowerToken) {
        return hpt;
    }

    function moneyContract() external view returns (HookToken) {
        return money;
    }

    function borrowerAccount() external view returns (address) {
        return borrower;
    }

    function lenderAccount() external view returns (address) {
        return lender;
    }

    function lender2Account() external view returns (address) {
        return lender2;
    }

    function keeperAccount() external view returns (address) {
        return keeper;
    }

    function bidderAccount() external view returns (address) {
        return bidder;
    }

    function offerFor(address maker, uint256 id) external returns (LendingOrders.LoanOffer memory o) {
        o = _loanOffer(maker, id);
        o.currency = address(money);
    }

    function scoresContract() external view returns (MockCreditScore) {
        return creditScores;
    }

    function signOffer(LendingOrders.LoanOffer memory o) external view returns (bytes memory) {
        return _sign(lenderKeyOf(o.lender), o);
    }

    function isFrozen() external view returns (bool) {
        return frozen;
    }

    function registryContract() external view returns (HardwareRegistry) {
        return hardwareRegistry;
    }

    /// Freezes the slices' product: it is the later of two products over the same hardware (the
    /// fixture's first product is the earlier one). The challenge slashes the committee that signed
    /// both, so no report is submitted after it. A second passes after the freeze: a token that moves
    /// in the very second of the freeze has, in its history, its next holder as the holder at the
    /// freeze (the holding that covers `frozenAt` starts then), though the escrow may have been paid
    /// while it still held it; the invariants read the holder at the freeze from the history.
    function freezeProduct() external {
        _freezeLater(pid, mpid);
        frozen = true;
        vm.warp(block.timestamp + 1);
    }

    /// Whether a slice was redeemed, and who held it at the freeze (with that holding's index).
    function holderAtFreeze(uint256 id) public view returns (bool redeemed, address holder, uint256 index) {
        redeemed = hardwareRegistry.isRedeemed(id);
        index = _atFreeze(_one(id))[0];
        holder = hpt.holding(id, index).holder;
    }

    function advance(uint256 dt, uint256 revenue) external {
        uint256 target = block.timestamp + dt;
        while (!frozen && nextEpoch < 20 && T0 + (uint256(nextEpoch) + 1) * EPOCH <= target) {
            uint256 end = T0 + (uint256(nextEpoch) + 1) * EPOCH;
            if (block.timestamp <= end) vm.warp(end + 1);
            _submit(_rScaled(mpid, nextEpoch, 1_000, revenue, (revenue * 1e18) / 1_000));
            _deposit(mpid, nextEpoch);
            nextEpoch++;
        }
        if (block.timestamp < target) vm.warp(target);
    }

    // ---------------------------------------------------------------- invariants

    /// The lending contract keeps nothing but what it owes: its balance is the sum of the credits, plus
    /// the frozen redemptions someone else made for an escrow holding that no loan booked yet.
    function invariant_balanceEqualsWhatIsOwed() public view {
        uint256 owed;
        for (uint256 i; i < handler.accountCount(); i++) {
            owed += lendingLens.credit(handler.accounts(i), address(money));
        }
        assertEq(money.balanceOf(address(lending)), owed + _unbookedEscrowRedemptions());
        assertEq(wbtc.balanceOf(address(lending)), 0);
    }

    /// A slice's frozen redemption is booked to at most one loan, only if the slice is redeemed and only
    /// if the escrow held it at the freeze (the registry paid the escrow).
    function invariant_redemptionBookedOnceAndOnlyForTheEscrow() public view {
        for (uint256 i; i < handler.tokenCount(); i++) {
            uint256 id = handler.tokens(i);
            uint256 booked = _bookedLoans(id);
            assertLe(booked, 1, "booked twice");
            if (booked == 1) {
                (bool redeemed, address holder,) = holderAtFreeze(id);
                assertTrue(redeemed);
                assertEq(holder, address(lending), "booked a redemption paid to someone else");
            }
        }
    }

    function _bookedLoans(uint256 id) internal view returns (uint256 n) {
        for (uint256 j; j < handler.loanCount(); j++) {
            uint256 loanId = handler.loans(j);
            if (loanId >> 32 == id && lendingLens.loanOf(loanId).redemptionBooked) n++;
        }
    }

    function _unbookedEscrowRedemptions() internal view returns (uint256 pending) {
        if (!frozen) return 0;
        (uint256 forfeited, uint256 capacity,,) = hardwareRegistry.frozenPool(mpid);
        for (uint256 i; i < handler.tokenCount(); i++) {
            uint256 id = handler.tokens(i);
            (bool redeemed, address holder,) = holderAtFreeze(id);
            if (redeemed && holder == address(lending) && _bookedLoans(id) == 0) {
                pending += (hpt.tokenData(id).units * forfeited) / capacity;
            }
        }
    }

    /// A token is with its borrower, in escrow, with its lender or with its auction winner.
    function invariant_tokenIsWhereItsLoanSays() public view {
        uint256 open;
        for (uint256 i; i < handler.tokenCount(); i++) {
            uint256 id = handler.tokens(i);
            uint256 loanId = handler.lastLoanOf(id);
            address holder = hpt.ownerOf(id);
            if (loanId == 0) {
                assertEq(holder, borrower);
                continue;
            }
            LendingLens.LoanView memory v = lendingLens.loanOf(loanId);
            if (v.status == LoanStatus.Active || v.status == LoanStatus.Auction) {
                assertEq(holder, address(lending));
                open++;
            } else if (v.status == LoanStatus.Repaid) {
                assertEq(holder, v.borrower);
            } else if (v.status == LoanStatus.Sold) {
                assertEq(holder, handler.winnerOf(loanId));
            } else {
                assertEq(holder, v.lender);
            }
        }
        assertEq(hpt.balanceOf(address(lending)), open, "escrow holds exactly the open loans' tokens");
    }

    /// Each lender's outstanding principal (its stake in the lenders' reward program) is the principal
    /// left of its open loans: starts, payments, refinances, repayments and foreclosures keep it exact.
    function invariant_lentIsTheOpenLoansPrincipal() public view {
        address[5] memory accounts = [lender, lender2, borrower, keeper, bidder];
        for (uint256 a; a < accounts.length; a++) {
            uint256 sum;
            for (uint256 i; i < handler.loanCount(); i++) {
                LendingLens.LoanView memory v = lendingLens.loanOf(handler.loans(i));
                bool open = v.status == LoanStatus.Active || v.status == LoanStatus.Auction;
                if (open && v.lender == accounts[a]) sum += v.principal;
            }
            assertEq(lendingLens.outstandingPrincipal(accounts[a], address(money)), sum);
        }
    }

    /// No loan starts or moves to a new lender on an offer whose minimum credit score its borrower lacks.
    function invariant_noLoanOnAnOfferAboveTheBorrowersScore() public view {
        assertEq(handler.startedBelowMinimum(), 0);
    }

    /// Checklist 19 and 22: no loan's debt exceeds its cap, and open loans' debts are what the lens says.
    function invariant_debtWithinCap() public view {
        for (uint256 i; i < handler.loanCount(); i++) {
            LendingLens.LoanView memory v = lendingLens.loanOf(handler.loans(i));
            assertLe(v.debt, v.capLeft);
            if (v.status == LoanStatus.Repaid) assertEq(v.debt, 0);
        }
    }

    /// The handler's actions work (a campaign of silently reverting calls would prove nothing): a
    /// scripted run through every action, with the invariants checked along the way.
    function test_handlerRunsEveryAction() public {
        handler.borrow(0, 0.1e8, 1_000, 28 days, false);
        handler.setCredit(299, 301); // an offer asking 301 of a 299 borrower is refused
        handler.borrow(1, 0.05e8, 2_000, 20 days, true);
        assertEq(handler.refusedForScore(), 1);
        handler.setCredit(301, 301);
        handler.borrow(1, 0.05e8, 2_000, 20 days, true);
        handler.blacklist(0, true); // the first lender refuses payments: they are credited
        handler.advance(2 days, 0.05e8);
        handler.refinance(1, 0);
        for (uint256 i; i < 9; i++) {
            handler.advance(2 days, 0.05e8);
            handler.sweep(i);
        }
        handler.repay(0);
        handler.repay(1);
        handler.borrow(2, 0.2e8, 50_000, 10 days, false);
        for (uint256 i; i < 9; i++) {
            handler.advance(2 days, 0);
        }
        handler.foreclose(2);
        handler.advance(1 hours, 0);
        handler.bid(2);
        handler.borrow(3, 0.2e8, 50_000, 10 days, true);
        for (uint256 i; i < 11; i++) {
            handler.advance(2 days, 0);
        }
        handler.foreclose(3);
        for (uint256 i; i < 2; i++) {
            handler.advance(2 days, 0);
        }
        handler.claimCollateral(3);
        handler.blacklist(0, false);
        handler.withdraw(0);
        _freezeAndRedeem();
        bytes4[12] memory actions = [
            handler.borrow.selector, handler.sweep.selector, handler.repay.selector, handler.refinance.selector,
            handler.foreclose.selector, handler.bid.selector, handler.claimCollateral.selector,
            handler.advance.selector, handler.withdraw.selector, handler.freeze.selector, handler.redeem.selector,
            handler.setCredit.selector
        ];
        for (uint256 i; i < actions.length; i++) {
            assertGt(handler.calls(actions[i]), 0, vm.toString(i));
        }
        invariant_balanceEqualsWhatIsOwed();
        invariant_tokenIsWhereItsLoanSays();
        invariant_debtWithinCap();
        invariant_redemptionBookedOnceAndOnlyForTheEscrow();
        invariant_noLoanOnAnOfferAboveTheBorrowersScore();
    }

    /// Slices 0 and 1 escrowed again, then the freeze: slice 1 is redeemed directly (the escrow is
    /// paid; unbooked until its loan's sweep), slice 0 by its loan's sweep; slices 2 and 3 (with the
    /// auction winner and the lender at the freeze) pay them, never the lending contract.
    function _freezeAndRedeem() internal {
        handler.borrow(0, 0.1e8, 1_000, 5 days, false);
        handler.borrow(1, 0.1e8, 1_000, 5 days, false);
        handler.advance(1 hours, 0);
        handler.freeze(0);
        assertTrue(frozen);
        handler.redeem(1);
        assertGt(_unbookedEscrowRedemptions(), 0, "the escrow was paid for slice 1");
        invariant_balanceEqualsWhatIsOwed();
        uint256 bidderBefore = money.balanceOf(bidder);
        handler.redeem(2);
        assertGt(money.balanceOf(bidder), bidderBefore, "the winner held slice 2 at the freeze");
        handler.redeem(3);
        for (uint256 i = handler.loanCount() - 2; i < handler.loanCount(); i++) {
            handler.sweep(i);
            assertTrue(lendingLens.loanOf(handler.loans(i)).redemptionBooked);
        }
        assertEq(_unbookedEscrowRedemptions(), 0);
    }
}
