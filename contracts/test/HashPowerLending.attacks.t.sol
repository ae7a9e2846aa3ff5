// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {HashPowerLending} from "../src/lending/HashPowerLending.sol";
import {LendingBase} from "../src/lending/LendingBase.sol";
import {LendingModule} from "../src/lending/LendingModule.sol";
import {LendingOrders} from "../src/lending/LendingOrders.sol";
import {LoanStatus} from "../src/lending/LendingStorage.sol";
import {IFrozenRedemption} from "../src/interfaces/IFrozenRedemption.sol";
import {IRevenueClaims} from "../src/interfaces/IRevenueClaims.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {HookToken, HostileAccount, NoRedemption, RevertingRevenue} from "./mocks/LendingMocks.sol";
import {LendingFixtures} from "./utils/LendingFixtures.sol";

/// @notice Attacks on HashPowerLending: re-entrancy through ERC-20 receive hooks and ERC-721
/// receivers (item 15), receivers that revert, blacklist or burn gas cannot block repayment, sweeps
/// or auctions (item 32), escrowed tokens cannot move (item 14), orders replayed on another
/// deployment or chain, odd signatures (items 2, 3, 5), a broken revenue source never traps collateral.
contract HashPowerLendingAttacksTest is LendingFixtures {
    HookToken internal hbtc;
    bytes32 internal hclass;
    uint256 internal hpid;
    uint256 internal htoken;

    function setUp() public override {
        super.setUp();
        // an asset class paid in a token with receive hooks (and a blacklist)
        hbtc = new HookToken();
        hclass = _newClass("HBTC-SHA256", address(hbtc), true);
        hbtc.mint(issuer, 1_000e8);
        valuation.setPrice(hclass, BTC_PRICE);
        (hpid, htoken) = _productIn(hclass, address(hbtc), L_UNITS, PRODUCT_TERM, COLLATERAL);
        _give(borrower, htoken);
        _fundHook(lender, 100e8);
        _fundHook(lender2, 100e8);
        _fundHook(borrower, 100e8);
        _fundHook(bidder, 100e8);
    }

    function _fundHook(address who, uint256 amount) internal {
        hbtc.mint(who, amount);
        vm.prank(who);
        hbtc.approve(address(lending), type(uint256).max);
    }

    /// A contract account that signs with `keyOwner`'s key (ERC-1271), holds hBTC and approved the
    /// lending contract on hBTC and on the hash power token.
    function _hostile(address keyOwner) internal returns (HostileAccount a) {
        a = new HostileAccount(keyOwner);
        hbtc.mint(address(a), 100e8);
        a.exec(address(hbtc), abi.encodeCall(IERC20.approve, (address(lending), type(uint256).max)));
        a.exec(address(hpt), abi.encodeCall(IERC721.setApprovalForAll, (address(lending), true)));
        a.exec(address(hbtc), abi.encodeCall(HookToken.registerHook, (true)));
    }

    function _hOffer(address maker) internal returns (LendingOrders.LoanOffer memory o) {
        o = _loanOffer(maker, htoken);
        o.currency = address(hbtc);
    }

    /// A loan of the borrower's hBTC token from `lenderAccount` (signing with `key`).
    function _hLoan(address lenderAccount, uint256 key) internal returns (uint256 loanId) {
        LendingOrders.LoanOffer memory o = _hOffer(lenderAccount);
        bytes memory sig = _signDigest(key, lending.hashLoanOffer(o));
        vm.prank(borrower);
        return lending.borrow(o, sig);
    }

    function _payHEpoch(uint32 e, uint256 revenue) internal {
        _payEpoch(hpid, e, revenue);
    }

    function _reentryError(HostileAccount a) internal view returns (bytes4) {
        bytes memory err = a.lastError();
        return bytes4(err);
    }

    // ================================================================ item 15: ERC-20 hooks

    function test_item15_lenderHookReenteringDuringRepayIsRefused() public {
        HostileAccount hl = _hostile(lender);
        uint256 loanId = _hLoan(address(hl), lenderKey);
        hl.arm(address(lending), abi.encodeCall(HashPowerLending.sweep, (loanId)));
        vm.warp(block.timestamp + 1 days);
        vm.prank(borrower);
        lending.repay(loanId);
        assertEq(hl.hookCalls(), 1);
        assertFalse(hl.lastCallSucceeded());
        assertEq(_reentryError(hl), ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Repaid));
        assertEq(hpt.ownerOf(htoken), borrower);
    }

    function test_item15_lenderHookReenteringDuringASweepIsRefused() public {
        HostileAccount hl = _hostile(lender);
        uint256 loanId = _hLoan(address(hl), lenderKey);
        _payHEpoch(0, 0.01e8);
        hl.arm(address(lending), abi.encodeCall(HashPowerLending.repay, (loanId)));
        lending.sweep(loanId);
        assertFalse(hl.lastCallSucceeded());
        assertEq(_reentryError(hl), ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        assertEq(uint8(_status(loanId)), uint8(LoanStatus.Active));
    }

    /// Re-entry through the module's code (bid pays the lender, the bounty taker, the borrower).
    function test_item15_hooksReenteringDuringABidAreRefused() public {
        HostileAccount hl = _hostile(lender);
        uint256 loanId = _hLoan(address(hl), lenderKey);
        vm.warp(LOAN_START + DURATION + lending.GRACE_PERIOD() + 1);
        HostileAccount starter = _hostile(keeper);
        starter.exec(address(lending), abi.encodeCall(HashPowerLending.startForeclosure, (loanId)));
        hl.arm(address(lending), abi.encodeCall(HashPowerLending.bid, (loanId, type(uint256).max)));
        starter.arm(address(lending), abi.encodeCall(HashPowerLending.claimCollateral, (loanId)));
        vm.prank(bidder);
        lending.bid(loanId, type(uint256).max);
        assertEq(hpt.ownerOf(htoken), bidder);
        assertEq(_reentryError(hl), ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        assertEq(_reentryError(starter), ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
    }

    /// The borrower's hook during the principal payment cannot start a second loan on the way.
    function test_item15_borrowerHookReenteringDuringBorrowIsRefused() public {
        HostileAccount hb = _hostile(borrower);
        _give(address(hb), htoken);
        hb.exec(address(hpt), abi.encodeCall(IERC721.setApprovalForAll, (address(lending), true)));
        (, uint256 other) = _productIn(hclass, address(hbtc), L_UNITS, PRODUCT_TERM, COLLATERAL);
        _give(address(hb), other);
        LendingOrders.LoanOffer memory o1 = _hOffer(lender);
        bytes memory s1 = _signDigest(lenderKey, lending.hashLoanOffer(o1));
        LendingOrders.LoanOffer memory o2 = _loanOffer(lender, other);
        o2.currency = address(hbtc);
        bytes memory s2 = _signDigest(lenderKey, lending.hashLoanOffer(o2));
        hb.arm(address(lending), abi.encodeCall(HashPowerLending.borrow, (o2, s2)));
        hb.exec(address(lending), abi.encodeCall(HashPowerLending.borrow, (o1, s1)));
        assertEq(_reentryError(hb), ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        assertEq(hpt.ownerOf(other), address(hb), "the second loan did not start");
    }

    // ================================================================ item 15: ERC-721 receivers

    /// The token goes back with transferFrom: a receiver's onERC721Received is never called, so it
    /// cannot re-enter (or refuse the token and trap it).
    function test_item15_erc721ReceiversAreNeverCalled() public {
        HostileAccount hb = _hostile(borrower);
        _give(address(hb), tokenId);
        hb.exec(address(wbtc), abi.encodeCall(IERC20.approve, (address(lending), type(uint256).max)));
        vm.prank(owner);
        wbtc.mint(address(hb), 1e8);
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        bytes memory sig = _sign(lenderKey, o);
        bytes memory ret = hb.exec(address(lending), abi.encodeCall(HashPowerLending.borrow, (o, sig)));
        uint256 loanId = abi.decode(ret, (uint256));
        hb.arm(address(lending), abi.encodeCall(HashPowerLending.sweep, (loanId)));
        hb.setRefuse(true);
        hb.exec(address(lending), abi.encodeCall(HashPowerLending.repay, (loanId)));
        assertEq(hpt.ownerOf(tokenId), address(hb));
        assertEq(hb.hookCalls(), 0);

        // an auction winner that is a contract gets the token the same way
        HostileAccount winner = _hostile(bidder);
        vm.prank(owner);
        wbtc.mint(address(winner), 10e8);
        winner.exec(address(wbtc), abi.encodeCall(IERC20.approve, (address(lending), type(uint256).max)));
        winner.setRefuse(true);
        (, uint256 t2) = _duplicateProduct(borrower, PRODUCT_TERM);
        uint256 loan2 = _borrowWith(_loanOffer(lender, t2));
        vm.warp(_loan(loan2).maturity + lending.GRACE_PERIOD() + 1);
        lending.startForeclosure(loan2);
        winner.exec(address(lending), abi.encodeCall(HashPowerLending.bid, (loan2, type(uint256).max)));
        assertEq(hpt.ownerOf(t2), address(winner));
        assertEq(winner.hookCalls(), 0);
    }

    // ================================================================ item 32: no recipient blocks

    /// A lender whose receive hook reverts cannot block repayment: the payment is credited.
    function test_item32_lenderWhoseReceiveRevertsCannotBlockRepayment() public {
        HostileAccount hl = _hostile(lender);
        uint256 loanId = _hLoan(address(hl), lenderKey);
        hl.setRefuse(true);
        vm.warp(block.timestamp + 1 days);
        uint256 debt = _debt(loanId);
        vm.expectEmit(address(lending));
        emit LendingBase.PaymentCredited(address(hl), address(hbtc), debt);
        vm.prank(borrower);
        lending.repay(loanId);
        assertEq(hpt.ownerOf(htoken), borrower);
        assertEq(lendingLens.credit(address(hl), address(hbtc)), debt);
        assertEq(hbtc.balanceOf(address(lending)), debt);
        // the lender withdraws its credit to any address
        bytes memory ret = hl.exec(address(lending), abi.encodeCall(HashPowerLending.withdraw, (address(hbtc), stranger)));
        assertEq(abi.decode(ret, (uint256)), debt);
        assertEq(hbtc.balanceOf(stranger), debt);
        assertEq(lendingLens.credit(address(hl), address(hbtc)), 0);
        assertEq(hbtc.balanceOf(address(lending)), 0);
    }

    function test_item32_blacklistedLenderCannotBlockRepaymentOrSweeps() public {
        uint256 loanId = _hLoan(lender, lenderKey);
        hbtc.setBlacklisted(lender, true);
        _payHEpoch(0, 0.01e8);
        uint256 claimed = lending.sweep(loanId);
        assertEq(lendingLens.credit(lender, address(hbtc)), claimed);
        uint256 debt = _debt(loanId);
        vm.prank(borrower);
        lending.repay(loanId);
        assertEq(lendingLens.credit(lender, address(hbtc)), claimed + debt);
        assertEq(hbtc.balanceOf(address(lending)), claimed + debt, "the contract holds exactly the credits");
        assertEq(hpt.ownerOf(htoken), borrower);
    }

    function test_item32_gasBurningLenderCannotBlockRepayment() public {
        HostileAccount hl = _hostile(lender);
        uint256 loanId = _hLoan(address(hl), lenderKey);
        hl.setBurn(true);
        vm.prank(borrower);
        lending.repay{gas: 1_000_000}(loanId);
        assertEq(hpt.ownerOf(htoken), borrower);
        assertEq(lendingLens.credit(address(hl), address(hbtc)), PRINCIPAL);
    }

    /// The surplus and the bounty are credited when their recipients refuse them.
    function test_item32_refusingBorrowerAndBountyTakerCannotBlockAnAuction() public {
        HostileAccount hb = _hostile(borrower);
        _give(address(hb), htoken);
        hb.exec(address(hpt), abi.encodeCall(IERC721.setApprovalForAll, (address(lending), true)));
        LendingOrders.LoanOffer memory o = _hOffer(lender);
        bytes memory sig = _signDigest(lenderKey, lending.hashLoanOffer(o));
        uint256 loanId = abi.decode(hb.exec(address(lending), abi.encodeCall(HashPowerLending.borrow, (o, sig))), (uint256));
        HostileAccount starter = _hostile(keeper);
        vm.warp(LOAN_START + DURATION + lending.GRACE_PERIOD() + 1);
        starter.exec(address(lending), abi.encodeCall(HashPowerLending.startForeclosure, (loanId)));
        hb.setRefuse(true);
        starter.setRefuse(true);
        uint256 debt = _debt(loanId);
        vm.prank(bidder);
        uint256 price = lending.bid(loanId, type(uint256).max);
        uint256 bounty = debt / 100;
        assertEq(lendingLens.credit(address(starter), address(hbtc)), bounty);
        assertEq(lendingLens.credit(address(hb), address(hbtc)), price - debt - bounty);
        assertEq(hbtc.balanceOf(address(lending)), price - debt);
        assertEq(hpt.ownerOf(htoken), bidder);
    }

    /// A lender whose wallet refuses: the refinance payoff is credited, the refinance goes through.
    function test_item32_refusingOldLenderCannotBlockARefinance() public {
        HostileAccount hl = _hostile(lender);
        uint256 loanId = _hLoan(address(hl), lenderKey);
        hl.setRefuse(true);
        vm.warp(block.timestamp + 1 days);
        uint256 payoff = _debt(loanId);
        LendingOrders.LoanOffer memory o = _loanOffer(lender2, htoken);
        o.currency = address(hbtc);
        o.aprBps = 1;
        o.principal = 1e8;
        o.duration = uint64(_loan(loanId).maturity - block.timestamp);
        bytes memory sig = _sign(lender2Key, o);
        lending.refinance(loanId, o, sig);
        assertEq(_loan(loanId).lender, lender2);
        assertEq(lendingLens.credit(address(hl), address(hbtc)), payoff);
    }

    // ================================================================ item 14: escrow

    function test_item14_anEscrowedTokenCannotMove() public {
        _borrow();
        vm.startPrank(borrower);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, borrower, tokenId));
        hpt.transferFrom(address(lending), borrower, tokenId);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.NotAuthorized.selector, borrower, tokenId));
        hpt.carve(tokenId, 1, borrower);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.NotAuthorized.selector, borrower, tokenId));
        hpt.bumpTokenNonce(tokenId);
        uint256[] memory parts = new uint256[](2);
        parts[0] = 1;
        parts[1] = L_UNITS - 1;
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.NotAuthorized.selector, borrower, tokenId));
        hpt.split(tokenId, parts);
        vm.stopPrank();
        assertEq(hpt.ownerOf(tokenId), address(lending));
        assertEq(hpt.getApproved(tokenId), address(0));
        assertEq(hpt.tokenData(tokenId).units, L_UNITS);
    }

    // ================================================================ replay and signatures

    /// Item 3: an order signed for this deployment is worthless to another one or on another chain.
    function test_item3_orderReplayOnAnotherDeploymentOrChainFails() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        bytes memory sig = _sign(lenderKey, o);
        LendingModule m2 =
            new LendingModule(hpt, IRevenueClaims(address(fv)), IFrozenRedemption(address(hardwareRegistry)), valuation, _scores());
        HashPowerLending other = new HashPowerLending(
            address(manager),
            hpt,
            IRevenueClaims(address(fv)),
            IFrozenRedemption(address(hardwareRegistry)),
            valuation,
            _scores(),
            m2,
            collateralVault
        );
        vm.prank(borrower);
        vm.expectRevert(LendingBase.InvalidLoanSignature.selector);
        other.borrow(o, sig);
        uint256 chain = block.chainid;
        vm.chainId(chain + 1);
        vm.prank(borrower);
        vm.expectRevert(LendingBase.InvalidLoanSignature.selector);
        lending.borrow(o, sig);
        vm.chainId(chain);
        vm.prank(borrower);
        lending.borrow(o, sig);
    }

    /// Item 2: a high-s copy of a valid signature and a 64-byte signature are refused.
    function test_item2_malleableAndShortSignaturesAreRefused() public {
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        bytes32 digest = lending.hashLoanOffer(o);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(lenderKey, digest);
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        bytes memory highS = abi.encodePacked(r, bytes32(n - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.prank(borrower);
        vm.expectRevert(LendingBase.InvalidLoanSignature.selector);
        lending.borrow(o, highS);
        bytes32 vs = bytes32(uint256(s) | (uint256(v - 27) << 255));
        vm.prank(borrower);
        vm.expectRevert(LendingBase.InvalidLoanSignature.selector);
        lending.borrow(o, abi.encodePacked(r, vs));
    }

    /// Item 5: a contract lender signs through ERC-1271; a wallet that does not approve cannot be used.
    function test_item5_contractLenderSignsThroughErc1271() public {
        HostileAccount wallet = new HostileAccount(lender);
        vm.prank(owner);
        wbtc.mint(address(wallet), 1e8);
        wallet.exec(address(wbtc), abi.encodeCall(IERC20.approve, (address(lending), type(uint256).max)));
        LendingOrders.LoanOffer memory o = _loanOffer(address(wallet), tokenId);
        bytes memory good = _sign(lenderKey, o);
        bytes memory bad = _sign(lender2Key, o);
        vm.prank(borrower);
        vm.expectRevert(LendingBase.InvalidLoanSignature.selector);
        lending.borrow(o, bad);
        vm.prank(borrower);
        uint256 loanId = lending.borrow(o, good);
        assertEq(_loan(loanId).lender, address(wallet));
    }

    // ================================================================ broken dependencies

    /// A revenue source whose claims revert never traps collateral: repay and foreclosure go on.
    function test_brokenRevenueSourceNeverTrapsCollateral() public {
        RevertingRevenue broken = new RevertingRevenue();
        NoRedemption none = new NoRedemption();
        LendingModule m2 = new LendingModule(hpt, IRevenueClaims(address(broken)), IFrozenRedemption(address(none)), valuation, _scores());
        HashPowerLending l2 = new HashPowerLending(
            address(manager),
            hpt,
            IRevenueClaims(address(broken)),
            IFrozenRedemption(address(none)),
            valuation,
            _scores(),
            m2,
            collateralVault
        );
        vm.prank(borrower);
        hpt.setApprovalForAll(address(l2), true);
        vm.prank(lender);
        wbtc.approve(address(l2), type(uint256).max);
        vm.prank(borrower);
        wbtc.approve(address(l2), type(uint256).max);
        LendingOrders.LoanOffer memory o = _loanOffer(lender, tokenId);
        bytes memory sig = _signDigest(lenderKey, l2.hashLoanOffer(o));
        vm.prank(borrower);
        uint256 loanId = l2.borrow(o, sig);
        assertEq(l2.sweep(loanId), 0);
        vm.prank(borrower);
        l2.repay(loanId);
        assertEq(hpt.ownerOf(tokenId), borrower);
        assertEq(l2.sweep(loanId), 0, "a late sweep of a closed loan");
    }
}
