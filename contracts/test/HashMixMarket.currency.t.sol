// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {HashMixMarket} from "../src/market/HashMixMarket.sol";
import {Roles} from "../src/common/Roles.sol";
import {TestPayoutToken} from "../src/dev/TestPayoutToken.sol";
import {MarketFixtures} from "./utils/MarketFixtures.sol";
import {
    MoneyLikeERC721,
    MoneyLikeERC1155,
    NoDecimalsToken,
    WideAnswers,
    OneWordAnswers,
    MarketNativeRejecter
} from "./mocks/MarketMocks.sol";
import {FeeOnTransferToken} from "./mocks/TokenMocks.sol";

/// @notice The market's payment-currency allowlist (issue #10 hole 1) and its regression test.
///
/// ISSUE #10 HOLE 1: "The market lets a listing or offer name any address as its payment currency.
/// A currency that is not a plain ERC-20 can move something other than money from a buyer who has
/// approved the market: the buyer loses far more than the price shown, and part of it can be stuck
/// in the market for good."
///
/// An ERC-721's `transferFrom(address,address,uint256)` has the ERC-20 selector, and every trader
/// has `setApprovalForAll(market)` on the HashPowerToken (sellers must, and filling offers needs it
/// too). A listing whose currency is the HashPowerToken makes the market run
/// `safeTransferFrom(taker, seller, proceeds)` and `safeTransferFrom(taker, market, fee)` on it:
/// the taker's NFTs with ids `proceeds` and `fee` move, the first to the seller, the second into
/// the market, which has no way to send an NFT on (`withdrawFees` calls ERC-20 `transfer`).
///
/// The fix: ERC-20 currencies must be scheduled by `CURRENCY_ADMIN` (`scheduleCurrency` refuses
/// anything that is not money-like: the traded token, the market, ERC-721s, ERC-1155s, EOAs and
/// contracts without one-word ERC-20 answers: InvalidCurrency) and allowed by anyone after
/// `CURRENCY_DELAY` (`allowCurrency`); `disallowCurrency` is immediate; every fill in a currency
/// that is not allowed reverts `CurrencyNotAllowed`. The native coin is always allowed.
contract HashMixMarketCurrencyTest is MarketFixtures {
    uint64 internal constant DELAY = 2 days;

    // ------------------------------------------------------------------ helpers

    function _schedule(address currency) internal {
        vm.prank(owner);
        market.scheduleCurrency(currency);
    }

    function _disallow(address currency) internal {
        vm.prank(owner);
        market.disallowCurrency(currency);
    }

    function _expectInvalid(address currency) internal {
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.InvalidCurrency.selector, currency));
        vm.prank(owner);
        market.scheduleCurrency(currency);
        assertEq(market.currencyEta(currency), 0);
        // (the native coin, address(0), is allowed without being an ERC-20)
        if (currency != NATIVE) assertFalse(market.isCurrencyAllowed(currency));
    }

    function _notAllowed(address currency) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(HashMixMarket.CurrencyNotAllowed.selector, currency);
    }

    /// Storage slot of `_currencies[currency]` in the market, found by recording the write of a
    /// scheduling (so the test does not hard-code the market's storage layout).
    function _currencySlot(address currency) internal returns (bytes32) {
        FeeOnTransferToken probe = new FeeOnTransferToken();
        vm.record();
        _schedule(address(probe));
        (, bytes32[] memory writes) = vm.accesses(address(market));
        for (uint256 base; base < 64; base++) {
            if (keccak256(abi.encode(address(probe), base)) == writes[0]) {
                return keccak256(abi.encode(currency, base));
            }
        }
        revert("currency mapping slot not found");
    }

    /// What the market did before the fix: any address was a currency. Simulated by writing
    /// `allowed = true` for `currency` straight into the market's storage.
    function _forceAllow(address currency) internal {
        vm.store(address(market), _currencySlot(currency), bytes32(uint256(1)));
        assertTrue(market.isCurrencyAllowed(currency));
    }

    /// The taker (the victim) owns the NFTs with ids 2 .. 19: a product of its own (id 2) carved
    /// into 17 more slices. Every trader approves the market on the token (fixture: _approveMarket).
    function _victimWithTokens() internal returns (uint256 firstId, uint256 lastId) {
        (, firstId) = _mintTo(taker, "victim", 31);
        assertEq(firstId, 2);
        vm.startPrank(taker);
        for (uint256 i; i < 17; i++) {
            lastId = hpt.carve(firstId, 1e6, taker);
        }
        vm.stopPrank();
        assertEq(lastId, 19);
        _approveMarket(taker);
    }

    // =====================================================================================
    // issue #10 hole 1: regression
    // =====================================================================================

    /// Issue #10 hole 1, proof of concept. The seller lists 1 unit at "20" with the HashPowerToken as
    /// currency; at the highest fee the admin may set (10%) the payment 20 splits into proceeds 18
    /// and fee 2. The buyer approved the market on the token (as every trader does).
    /// Before the fix, `safeTransferFrom(buyer, seller, 18)` and `safeTransferFrom(buyer, market, 2)`
    /// moved the buyer's NFTs #18 (to the seller) and #2 (into the market, stuck for good): the
    /// buyer paid two whole slices (hundreds of TH/s) for one unit. Now the fill reverts
    /// CurrencyNotAllowed and the token can never be scheduled (InvalidCurrency).
    function test_issue10_hole1_nftAsCurrencyCannotTakeTheBuyersTokens() public {
        (uint256 victimA,) = _victimWithTokens();
        uint256 victimB = 18;
        vm.prank(owner);
        market.setFee(feeSink, 1_000);
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 1, address(hpt), 20);
        bytes memory sig = _signListing(sellerKey, lst);
        uint256 a = hpt.tokenData(victimA).units;
        uint256 b = hpt.tokenData(victimB).units;
        assertEq(hpt.ownerOf(victimA), taker);
        assertEq(hpt.ownerOf(victimB), taker);

        // now: refused at fill time, and the token can never become a currency
        vm.expectRevert(_notAllowed(address(hpt)));
        vm.prank(taker);
        market.fillListing(lst, sig, 1);
        _expectInvalid(address(hpt));
        assertEq(hpt.ownerOf(victimA), taker);
        assertEq(hpt.ownerOf(victimB), taker);
        assertEq(hpt.tokenData(tokenId).units, CAPACITY);

        // before the fix (allowlist forced open): the same fill takes the buyer's NFTs
        _forceAllow(address(hpt));
        vm.prank(taker);
        market.fillListing(lst, sig, 1);
        assertEq(hpt.ownerOf(victimB), seller, "the buyer's NFT #18 went to the seller as 'proceeds'");
        assertEq(hpt.ownerOf(victimA), address(market), "the buyer's NFT #2 went into the market as 'fee'");
        assertEq(hpt.ownerOf(20), taker);
        assertEq(hpt.tokenData(20).units, 1, "what the buyer bought: one unit");
        assertEq(a + b, CAPACITY - 16e6, "what the buyer paid: two whole slices, 984e6 units");
        // the 'fee' is stuck: withdrawFees can only call ERC-20 transfer, which the token lacks
        vm.expectRevert();
        market.withdrawFees(address(hpt));
        assertEq(hpt.ownerOf(victimA), address(market));
    }

    /// Issue #10 hole 1 for offers and criteria offers: the maker names the currency, the payer is the
    /// maker and the payee the seller (who would be paid in someone's NFT ids): refused too.
    function test_issue10_hole1_offersInAnNftCurrencyRefused() public {
        HashMixMarket.Offer memory o = _offer(buyer, tokenId, CAPACITY, 0, 2);
        o.currency = address(hpt);
        bytes memory osig = _signOffer(buyerKey, o);
        vm.expectRevert(_notAllowed(address(hpt)));
        vm.prank(seller);
        market.fillOffer(o, osig, CAPACITY);

        HashMixMarket.CriteriaOffer memory c = _criteria(buyer, CAPACITY, 0, 2);
        c.currency = address(hpt);
        bytes memory csig = _signCriteria(buyerKey, c);
        vm.expectRevert(_notAllowed(address(hpt)));
        vm.prank(seller);
        market.fillCriteriaOffer(c, csig, tokenId, CAPACITY);
        assertEq(hpt.ownerOf(tokenId), seller);
    }

    /// Issue #10 hole 1 with another ERC-721 the buyer approved to the market (by mistake, or for a
    /// future market feature): refused at fill time; it cannot be scheduled even though it answers
    /// every ERC-20 probe (its ERC-165 declaration gives it away).
    function test_issue10_hole1_otherApprovedErc721Refused() public {
        MoneyLikeERC721 nft = new MoneyLikeERC721();
        nft.mint(taker, 777);
        vm.prank(taker);
        nft.setApprovalForAll(address(market), true);
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 1, address(nft), 777);
        bytes memory sig = _signListing(sellerKey, lst);
        vm.expectRevert(_notAllowed(address(nft)));
        vm.prank(taker);
        market.fillListing(lst, sig, 1);
        _expectInvalid(address(nft));
        assertEq(nft.ownerOf(777), taker);
        // before the fix: with no fee the whole payment, 777, is the id of the NFT that moves
        vm.prank(owner);
        market.setFee(feeSink, 0);
        _forceAllow(address(nft));
        vm.prank(taker);
        market.fillListing(lst, sig, 1);
        assertEq(nft.ownerOf(777), seller, "the buyer's NFT #777 paid for one unit");
    }

    // =====================================================================================
    // scheduleCurrency: what can be money
    // =====================================================================================

    function test_scheduleCurrency_refusesTheTokenTheMarketAndNothing() public {
        _expectInvalid(address(hpt));
        _expectInvalid(address(market));
        _expectInvalid(address(0));
    }

    function test_scheduleCurrency_refusesAnEoa() public {
        _expectInvalid(alice);
        _expectInvalid(makeAddr("never used"));
    }

    function test_scheduleCurrency_refusesErc721AndErc1155() public {
        _expectInvalid(address(new MoneyLikeERC721()));
        _expectInvalid(address(new MoneyLikeERC1155()));
    }

    function test_scheduleCurrency_refusesContractsWithoutErc20Answers() public {
        _expectInvalid(address(new MarketNativeRejecter())); // no such functions at all
        _expectInvalid(address(new NoDecimalsToken())); // two of three
        _expectInvalid(address(new WideAnswers())); // answers, but not one word each
        _expectInvalid(address(collateralVault)); // a protocol contract
    }

    /// The probe is a filter, not a proof: a contract answering one word to everything passes it.
    /// The delay is what gives everyone time to look at a scheduled currency (and the admin can
    /// cancel it with disallowCurrency).
    function test_scheduleCurrency_probeIsAFilterTheDelayDoesTheRest() public {
        OneWordAnswers odd = new OneWordAnswers();
        _schedule(address(odd));
        assertEq(market.currencyEta(address(odd)), block.timestamp + DELAY);
        _disallow(address(odd));
        assertEq(market.currencyEta(address(odd)), 0);
        vm.warp(block.timestamp + DELAY);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.CurrencyNotScheduled.selector, address(odd)));
        market.allowCurrency(address(odd));
    }

    function test_scheduleCurrency_acceptsErc20sAndEmits() public {
        TestPayoutToken eur = new TestPayoutToken("Euro (test)", "tEUR", 2, owner);
        uint64 eta = uint64(block.timestamp) + DELAY;
        vm.expectEmit(address(market));
        emit HashMixMarket.CurrencyScheduled(address(eur), eta);
        _schedule(address(eur));
        assertEq(market.currencyEta(address(eur)), eta);
        assertFalse(market.isCurrencyAllowed(address(eur)), "scheduled is not allowed");
        _schedule(address(new FeeOnTransferToken())); // any ERC-20, odd or not: the admin's call
        assertEq(market.CURRENCY_DELAY(), DELAY);
    }

    // =====================================================================================
    // allowCurrency: the delay
    // =====================================================================================

    function test_allowCurrency_notBeforeTheDelay() public {
        TestPayoutToken eur = new TestPayoutToken("Euro (test)", "tEUR", 2, owner);
        _schedule(address(eur));
        uint64 eta = uint64(block.timestamp) + DELAY;
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.CurrencyNotReady.selector, address(eur), eta));
        market.allowCurrency(address(eur));
        vm.warp(eta - 1);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.CurrencyNotReady.selector, address(eur), eta));
        market.allowCurrency(address(eur));
        vm.warp(eta);
        vm.expectEmit(address(market));
        emit HashMixMarket.CurrencyAllowed(address(eur));
        vm.prank(stranger); // anyone
        market.allowCurrency(address(eur));
        assertTrue(market.isCurrencyAllowed(address(eur)));
        assertEq(market.currencyEta(address(eur)), 0);
        // allowing again: nothing is scheduled any more
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.CurrencyNotScheduled.selector, address(eur)));
        market.allowCurrency(address(eur));
    }

    function test_allowCurrency_notScheduled() public {
        TestPayoutToken eur = new TestPayoutToken("Euro (test)", "tEUR", 2, owner);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.CurrencyNotScheduled.selector, address(eur)));
        market.allowCurrency(address(eur));
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.CurrencyNotScheduled.selector, address(hpt)));
        market.allowCurrency(address(hpt));
    }

    function test_scheduleCurrency_againRestartsTheDelay() public {
        TestPayoutToken eur = new TestPayoutToken("Euro (test)", "tEUR", 2, owner);
        uint256 t0 = block.timestamp;
        _schedule(address(eur));
        vm.warp(t0 + 1 days);
        _schedule(address(eur));
        uint64 eta = uint64(t0 + 1 days + DELAY);
        assertEq(market.currencyEta(address(eur)), eta);
        vm.warp(t0 + DELAY); // the first schedule would have matured now
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.CurrencyNotReady.selector, address(eur), eta));
        market.allowCurrency(address(eur));
        vm.warp(eta);
        market.allowCurrency(address(eur));
        assertTrue(market.isCurrencyAllowed(address(eur)));
    }

    /// Scheduling an allowed currency again does not stop it (only disallowCurrency does).
    function test_scheduleCurrency_ofAnAllowedCurrencyKeepsItAllowed() public {
        _schedule(address(usd));
        assertTrue(market.isCurrencyAllowed(address(usd)));
        assertEq(market.currencyEta(address(usd)), block.timestamp + DELAY);
    }

    // =====================================================================================
    // disallowCurrency: immediate, kills open orders in that currency
    // =====================================================================================

    /// The seller's token split in two halves; a tUSD listing of the first, filled once (fees accrue).
    function _usdListingFilledOnce()
        internal
        returns (uint256[] memory ids, HashMixMarket.Listing memory lst, bytes memory lsig, uint256 fees)
    {
        _fundUsd(taker, 10e9);
        _fundUsd(buyer, 10e9);
        vm.prank(seller);
        ids = hpt.split(tokenId, _units(CAPACITY / 2, CAPACITY / 2));
        lst = _listing(seller, ids[0], CAPACITY / 2, 0, address(usd), USD_PRICE);
        lsig = _signListing(sellerKey, lst);
        vm.prank(taker);
        market.fillListing(lst, lsig, 1e6);
        fees = market.accruedFees(address(usd));
        assertGt(fees, 0);
    }

    function test_disallowCurrency_killsFillsOfOpenOrdersAtOnce() public {
        (uint256[] memory ids, HashMixMarket.Listing memory lst, bytes memory lsig, uint256 fees) =
            _usdListingFilledOnce();
        HashMixMarket.Offer memory o = _offer(buyer, ids[1], CAPACITY / 2, 0, USD_PRICE);
        bytes memory osig = _signOffer(buyerKey, o);
        HashMixMarket.CriteriaOffer memory c = _criteria(buyer, CAPACITY, 0, USD_PRICE);
        bytes memory csig = _signCriteria(buyerKey, c);

        vm.expectEmit(address(market));
        emit HashMixMarket.CurrencyDisallowed(address(usd));
        _disallow(address(usd));
        assertFalse(market.isCurrencyAllowed(address(usd)));

        vm.expectRevert(_notAllowed(address(usd)));
        vm.prank(taker);
        market.fillListing(lst, lsig, 1e6);
        vm.startPrank(seller);
        vm.expectRevert(_notAllowed(address(usd)));
        market.fillOffer(o, osig, 1e6);
        vm.expectRevert(_notAllowed(address(usd)));
        market.fillCriteriaOffer(c, csig, ids[1], 1e6);
        vm.stopPrank();
        // a batch with one such listing reverts as a whole
        _batchRevertsThenFeesWithdrawnThenReallowed(ids[1], lst, lsig, fees);
    }

    function _batchRevertsThenFeesWithdrawnThenReallowed(
        uint256 otherId,
        HashMixMarket.Listing memory lst,
        bytes memory lsig,
        uint256 fees
    ) internal {
        HashMixMarket.Listing memory nat = _listing(seller, otherId, CAPACITY / 2, 0, NATIVE, PRICE);
        HashMixMarket.ListingFill[] memory batch = new HashMixMarket.ListingFill[](2);
        batch[0] = HashMixMarket.ListingFill(nat, _signListing(sellerKey, nat), 1e6);
        batch[1] = HashMixMarket.ListingFill(lst, lsig, 1e6);
        vm.deal(taker, PRICE * 1e6);
        vm.expectRevert(_notAllowed(address(usd)));
        vm.prank(taker);
        market.fillListings{value: PRICE * 1e6}(batch);

        // fees accrued before can still be withdrawn
        market.withdrawFees(address(usd));
        assertEq(usd.balanceOf(feeSink), fees);

        // allowed again only through a new schedule and its full delay
        _schedule(address(usd));
        vm.warp(block.timestamp + DELAY);
        market.allowCurrency(address(usd));
        vm.prank(taker);
        market.fillListing(lst, lsig, 1e6);
        assertEq(hpt.balanceOf(taker), 2);
    }

    function test_disallowCurrency_cancelsASchedule() public {
        TestPayoutToken eur = new TestPayoutToken("Euro (test)", "tEUR", 2, owner);
        _schedule(address(eur));
        _disallow(address(eur));
        vm.warp(block.timestamp + DELAY);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.CurrencyNotScheduled.selector, address(eur)));
        market.allowCurrency(address(eur));
    }

    function test_disallowCurrency_ofAnythingEmits() public {
        vm.expectEmit(address(market));
        emit HashMixMarket.CurrencyDisallowed(alice);
        _disallow(alice);
    }

    // =====================================================================================
    // the native coin is always allowed
    // =====================================================================================

    function test_nativeCoinIsAlwaysAllowed() public {
        assertTrue(market.isCurrencyAllowed(NATIVE));
        _disallow(NATIVE);
        assertTrue(market.isCurrencyAllowed(NATIVE));
        _expectInvalid(NATIVE);
        HashMixMarket.Listing memory lst = _nativeListing();
        _buy(taker, lst, _signListing(sellerKey, lst), CAPACITY, PRICE * CAPACITY);
        assertEq(hpt.ownerOf(tokenId), taker);
    }

    function test_isCurrencyAllowed_views() public {
        assertTrue(market.isCurrencyAllowed(address(usd)), "the fixture allowed tUSD");
        assertFalse(market.isCurrencyAllowed(address(wbtc)), "never scheduled");
        assertFalse(market.isCurrencyAllowed(address(hpt)));
        assertEq(market.currencyEta(address(usd)), 0);
        assertEq(market.currencyEta(address(wbtc)), 0);
    }

    /// Every ERC-20 path checks the currency: a listing in a real, approved, funded ERC-20 that was
    /// never allowed reverts (after the order checks, before anything moves).
    function test_fillListing_inANeverAllowedErc20Reverts() public {
        vm.prank(owner);
        wbtc.mint(taker, 1e8);
        vm.prank(taker);
        wbtc.approve(address(market), type(uint256).max);
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 0, address(wbtc), 1);
        bytes memory sig = _signListing(sellerKey, lst);
        vm.expectRevert(_notAllowed(address(wbtc)));
        vm.prank(taker);
        market.fillListing(lst, sig, CAPACITY);
        assertEq(wbtc.balanceOf(taker), 1e8);
        assertEq(hpt.ownerOf(tokenId), seller);
    }

    // =====================================================================================
    // item 31: access
    // =====================================================================================

    function test_item31_currencyAdminOnly() public {
        TestPayoutToken eur = new TestPayoutToken("Euro (test)", "tEUR", 2, owner);
        bytes memory err = abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger);
        vm.startPrank(stranger);
        vm.expectRevert(err);
        market.scheduleCurrency(address(eur));
        vm.expectRevert(err);
        market.disallowCurrency(address(usd));
        vm.expectRevert(err);
        market.setFee(stranger, 0);
        vm.stopPrank();
        assertTrue(market.isCurrencyAllowed(address(usd)));
    }

    function test_item31_currencyAdminRoleHolderManagesCurrencies() public {
        TestPayoutToken eur = new TestPayoutToken("Euro (test)", "tEUR", 2, owner);
        vm.prank(owner);
        manager.grantRole(Roles.CURRENCY_ADMIN, alice, 0);
        vm.startPrank(alice);
        market.scheduleCurrency(address(eur));
        market.disallowCurrency(address(usd));
        vm.stopPrank();
        assertEq(market.currencyEta(address(eur)), block.timestamp + DELAY);
        assertFalse(market.isCurrencyAllowed(address(usd)));
        // the role is the currency admin's only: fees stay with ADMIN
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, alice));
        vm.prank(alice);
        market.setFee(alice, 0);
        // revoked: gone at once
        vm.prank(owner);
        manager.revokeRole(Roles.CURRENCY_ADMIN, alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, alice));
        vm.prank(alice);
        market.scheduleCurrency(address(eur));
    }

    /// The wiring table (deploy/access-wiring.json) maps both functions to CURRENCY_ADMIN and grants
    /// it to the deployment's admin; allowCurrency stays open to anyone.
    function test_item31_wiringGrantsCurrencyAdminToTheAdmin() public view {
        assertEq(_roleId("CURRENCY_ADMIN"), Roles.CURRENCY_ADMIN);
        assertEq(
            manager.getTargetFunctionRole(address(market), HashMixMarket.scheduleCurrency.selector), Roles.CURRENCY_ADMIN
        );
        assertEq(
            manager.getTargetFunctionRole(address(market), HashMixMarket.disallowCurrency.selector), Roles.CURRENCY_ADMIN
        );
        assertEq(manager.getTargetFunctionRole(address(market), HashMixMarket.setFee.selector), Roles.ADMIN);
        (bool isMember, uint32 delay) = manager.hasRole(Roles.CURRENCY_ADMIN, owner);
        assertTrue(isMember);
        assertEq(delay, 0);
        (isMember,) = manager.hasRole(Roles.CURRENCY_ADMIN, stranger);
        assertFalse(isMember);
    }

    // =====================================================================================
    // fuzz
    // =====================================================================================

    /// The delay holds for every wait: allowCurrency succeeds iff at least CURRENCY_DELAY passed.
    function testFuzz_item31_allowOnlyAfterTheDelay(uint256 wait) public {
        wait = bound(wait, 0, 2 * DELAY);
        TestPayoutToken eur = new TestPayoutToken("Euro (test)", "tEUR", 2, owner);
        uint64 eta = uint64(block.timestamp) + DELAY;
        _schedule(address(eur));
        vm.warp(block.timestamp + wait);
        if (wait < DELAY) {
            vm.expectRevert(abi.encodeWithSelector(HashMixMarket.CurrencyNotReady.selector, address(eur), eta));
            market.allowCurrency(address(eur));
            assertFalse(market.isCurrencyAllowed(address(eur)));
        } else {
            market.allowCurrency(address(eur));
            assertTrue(market.isCurrencyAllowed(address(eur)));
        }
    }

    /// Issue #10 hole 1: whatever address a listing names as currency, only the native coin and
    /// allowed currencies fill; anything else reverts CurrencyNotAllowed and moves nothing.
    function testFuzz_issue10_hole1_anyOtherCurrencyRefused(address currency, uint256 price) public {
        vm.assume(currency != NATIVE && currency != address(usd));
        price = bound(price, 0, 1e30);
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 1, currency, price);
        bytes memory sig = _signListing(sellerKey, lst);
        vm.expectRevert(_notAllowed(currency));
        vm.prank(taker);
        market.fillListing(lst, sig, 1);
        assertEq(hpt.tokenData(tokenId).units, CAPACITY);
        assertEq(hpt.balanceOf(taker), 0);
    }

    /// Checks that the recorded slot helper really finds `_currencies` (the regression test depends
    /// on it to show the pre-fix behaviour): forcing tUSD off through it disallows tUSD.
    function test_helper_currencySlotIsTheAllowlist() public {
        bytes32 slot = _currencySlot(address(usd));
        assertEq(uint256(vm.load(address(market), slot)) & 0xff, 1);
        vm.store(address(market), slot, bytes32(0));
        assertFalse(market.isCurrencyAllowed(address(usd)));
    }
}
