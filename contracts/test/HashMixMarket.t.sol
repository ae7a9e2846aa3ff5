// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IERC721Errors, IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {HashMixMarket} from "../src/market/HashMixMarket.sol";
import {IHashPowerToken} from "../src/interfaces/IHashPowerToken.sol";
import {ZeroAddress, ZeroUnits, NativeTransferFailed} from "../src/common/Errors.sol";
import {Roles} from "../src/common/Roles.sol";
import {MarketFixtures} from "./utils/MarketFixtures.sol";
import {RejectingWallet, MarketNativeRejecter} from "./mocks/MarketMocks.sol";
import {ERC1271Wallet} from "./mocks/ERC1271Mocks.sol";

/// @notice Unit tests of HashMixMarket: every fill path, every custom error, cancels, counters,
/// fees, views and admin (AccessManager roles). Payment currencies: HashMixMarket.currency.t.sol.
contract HashMixMarketTest is MarketFixtures {
    // ------------------------------------------------------------------ helpers

    function _expectBuyRevert(
        address who,
        HashMixMarket.Listing memory lst,
        bytes memory sig,
        uint256 units,
        uint256 value,
        bytes memory err
    ) internal {
        vm.deal(who, who.balance + value);
        vm.expectRevert(err);
        vm.prank(who);
        market.fillListing{value: value}(lst, sig, units);
    }

    function _sellTo(HashMixMarket.Offer memory o, bytes memory sig, uint256 units) internal {
        vm.prank(seller);
        market.fillOffer(o, sig, units);
    }

    function _listingsOf(HashMixMarket.Listing memory lst) internal pure returns (HashMixMarket.Listing[] memory a) {
        a = new HashMixMarket.Listing[](1);
        a[0] = lst;
    }

    // =====================================================================================
    // deployment and admin
    // =====================================================================================

    function test_constructor_setsEverything() public view {
        assertEq(address(market.token()), address(hpt));
        assertEq(market.authority(), address(manager));
        (address recipient, uint16 bps) = market.feeConfig();
        assertEq(recipient, feeSink);
        assertEq(bps, FEE_BPS);
        assertEq(market.MAX_FEE_BPS(), 1_000);
    }

    function test_constructor_emitsFeeSet() public {
        vm.expectEmit();
        emit HashMixMarket.FeeSet(feeSink, 7);
        new HashMixMarket(address(manager), hpt, feeSink, 7);
    }

    function test_constructor_rejectsZeroToken() public {
        vm.expectRevert(ZeroAddress.selector);
        new HashMixMarket(address(manager), IHashPowerToken(address(0)), feeSink, FEE_BPS);
    }

    function test_constructor_rejectsZeroRecipient() public {
        vm.expectRevert(ZeroAddress.selector);
        new HashMixMarket(address(manager), hpt, address(0), FEE_BPS);
    }

    function test_constructor_rejectsFeeAboveCap() public {
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.FeeTooHigh.selector, uint16(1_001)));
        new HashMixMarket(address(manager), hpt, feeSink, 1_001);
    }

    /// Replaces the Ownable test "rejects a zero owner": OpenZeppelin's AccessManaged accepts a zero
    /// authority (no ZeroAddress check in the market's constructor). Such a market deploys, but every
    /// restricted function is unreachable (the authority answers nothing), so a misdeployment shows
    /// at the first admin call. Pinned here so that adding a check shows up.
    function test_constructor_zeroAuthorityLeavesAdminUnreachable() public {
        HashMixMarket orphan = new HashMixMarket(address(0), hpt, feeSink, FEE_BPS);
        assertEq(orphan.authority(), address(0));
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner);
        orphan.setFee(feeSink, 0);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner);
        orphan.scheduleCurrency(address(usd));
    }

    /// Item 31: setFee is an admin function (role ADMIN of the AccessManager).
    function test_item31_setFee_adminOnly() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        market.setFee(stranger, 0);
        // the currency admin role does not include fees
        vm.prank(owner);
        manager.grantRole(Roles.CURRENCY_ADMIN, alice, 0);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, alice));
        vm.prank(alice);
        market.setFee(alice, 0);
    }

    function test_setFee_updatesAndEmits() public {
        vm.expectEmit(address(market));
        emit HashMixMarket.FeeSet(alice, 1_000);
        vm.prank(owner);
        market.setFee(alice, 1_000);
        (address recipient, uint16 bps) = market.feeConfig();
        assertEq(recipient, alice);
        assertEq(bps, 1_000);
    }

    function test_setFee_rejectsAboveCapAndZeroRecipient() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.FeeTooHigh.selector, uint16(1_001)));
        market.setFee(alice, 1_001);
        vm.expectRevert(ZeroAddress.selector);
        market.setFee(address(0), 10);
        vm.stopPrank();
    }

    /// Replaces the Ownable2Step test: admin rights move through the AccessManager (grant the ADMIN
    /// role to the new admin, who then renounces nothing the old one had until it is revoked).
    function test_admin_handOverThroughTheManager() public {
        vm.prank(owner);
        manager.grantRole(Roles.ADMIN, alice, 0);
        vm.prank(alice);
        market.setFee(alice, 1);
        vm.prank(alice);
        manager.revokeRole(Roles.ADMIN, owner);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner);
        market.setFee(owner, 2);
        (address recipient, uint16 bps) = market.feeConfig();
        assertEq(recipient, alice);
        assertEq(bps, 1);
    }

    // =====================================================================================
    // views: type hashes, domain, order hashes
    // =====================================================================================

    function test_typeHashes_pinned() public view {
        assertEq(
            market.LISTING_TYPEHASH(),
            keccak256(
                "Listing(address seller,uint256 tokenId,uint32 tokenNonce,uint256 units,uint256 minFill,address currency,"
                "uint256 pricePerUnit,uint256 counter,uint256 salt,uint64 expiry)"
            )
        );
        assertEq(
            market.OFFER_TYPEHASH(),
            keccak256(
                "Offer(address buyer,uint256 tokenId,uint256 units,uint256 minFill,address currency,uint256 pricePerUnit,"
                "uint256 counter,uint256 salt,uint64 expiry)"
            )
        );
        assertEq(
            market.CRITERIA_OFFER_TYPEHASH(),
            keccak256(
                "CriteriaOffer(address buyer,bytes32 assetClass,address issuer,uint256 units,uint256 minFill,"
                "uint64 minRemainingTerm,address currency,uint256 pricePerUnit,uint256 counter,uint256 salt,uint64 expiry)"
            )
        );
        assertEq(
            market.SWAP_ORDER_TYPEHASH(),
            keccak256(
                "SwapOrder(address maker,uint256 giveTokenId,uint32 giveTokenNonce,uint256 giveUnits,uint256 wantTokenId,"
                "uint256 wantUnits,uint256 counter,uint256 salt,uint64 expiry)"
            )
        );
    }

    function test_domainSeparator_matchesEip712() public view {
        bytes32 expected = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("HashMix"),
                keccak256("1"),
                block.chainid,
                address(market)
            )
        );
        assertEq(market.domainSeparator(), expected);
    }

    function test_kindConstants() public view {
        assertEq(market.KIND_LISTING(), 0);
        assertEq(market.KIND_OFFER(), 1);
        assertEq(market.KIND_CRITERIA_OFFER(), 2);
        assertEq(market.KIND_SWAP(), 3);
    }

    // =====================================================================================
    // fillListing: whole token
    // =====================================================================================

    function test_fillListing_wholeNative() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        uint256 payment = PRICE * CAPACITY;
        uint256 fee = _feeOf(payment);
        uint256 sellerBefore = seller.balance;
        bytes32 h = market.hashListing(lst);

        vm.expectEmit(address(market));
        emit HashMixMarket.OrderFilled(h, 0, seller, taker, tokenId, CAPACITY, NATIVE, payment, fee);
        _buy(taker, lst, sig, CAPACITY, payment);

        assertEq(hpt.ownerOf(tokenId), taker);
        assertEq(seller.balance - sellerBefore, payment - fee);
        assertEq(address(market).balance, fee);
        assertEq(market.accruedFees(NATIVE), fee);
        assertEq(taker.balance, 0);
        (uint256 filled, bool cancelled) = market.orderStatus(h);
        assertEq(filled, 0, "a whole-token fill writes no status");
        assertFalse(cancelled);
        assertEq(hpt.tokenNonce(tokenId), 2);
    }

    function test_fillListing_wholeErc20() public {
        _fundUsd(taker, 10e9);
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 0, address(usd), USD_PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        uint256 payment = USD_PRICE * CAPACITY;
        uint256 fee = _feeOf(payment);

        vm.expectEmit(address(market));
        emit HashMixMarket.OrderFilled(market.hashListing(lst), 0, seller, taker, tokenId, CAPACITY, address(usd), payment, fee);
        vm.prank(taker);
        market.fillListing(lst, sig, CAPACITY);

        assertEq(hpt.ownerOf(tokenId), taker);
        assertEq(usd.balanceOf(taker), 10e9 - payment);
        assertEq(usd.balanceOf(seller), payment - fee);
        assertEq(usd.balanceOf(address(market)), fee);
        assertEq(market.accruedFees(address(usd)), fee);
    }

    function test_fillListing_wholeTokenListingIsDeadAfterwards() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        _buy(taker, lst, sig, CAPACITY, PRICE * CAPACITY);
        _expectBuyRevert(
            taker2,
            lst,
            sig,
            CAPACITY,
            PRICE * CAPACITY,
            abi.encodeWithSelector(HashMixMarket.NotTokenOwner.selector, tokenId, seller, taker)
        );
    }

    function test_fillListing_refundsExactExcess() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        uint256 payment = PRICE * CAPACITY;
        _buy(taker, lst, sig, CAPACITY, payment + 1 ether + 7);
        assertEq(taker.balance, 1 ether + 7);
        assertEq(address(market).balance, _feeOf(payment));
    }

    function test_fillListing_erc20RefundsAllValue() public {
        _fundUsd(taker, 10e9);
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 0, address(usd), USD_PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        _buy(taker, lst, sig, CAPACITY, 3 ether);
        assertEq(taker.balance, 3 ether);
        assertEq(address(market).balance, 0);
    }

    function test_fillListing_insufficientValue() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        uint256 payment = PRICE * CAPACITY;
        _expectBuyRevert(
            taker,
            lst,
            sig,
            CAPACITY,
            payment - 1,
            abi.encodeWithSelector(HashMixMarket.InsufficientValue.selector, payment, payment - 1)
        );
    }

    function test_fillListing_zeroFeeSkipsFee() public {
        vm.prank(owner);
        market.setFee(feeSink, 0);
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        uint256 sellerBefore = seller.balance;
        _buy(taker, lst, sig, CAPACITY, PRICE * CAPACITY);
        assertEq(seller.balance - sellerBefore, PRICE * CAPACITY);
        assertEq(market.accruedFees(NATIVE), 0);
    }

    function test_fillListing_freeListingMovesNoMoney() public {
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 0, address(usd), 0);
        bytes memory sig = _signListing(sellerKey, lst);
        vm.prank(taker); // no tUSD, no approval: nothing is pulled
        market.fillListing(lst, sig, CAPACITY);
        assertEq(hpt.ownerOf(tokenId), taker);
        HashMixMarket.Listing memory l2 = _listing(taker, tokenId, CAPACITY, 0, NATIVE, 0);
        _approveMarket(taker);
        (address takerAddr, uint256 takerKey) = makeAddrAndKey("taker");
        assertEq(takerAddr, taker);
        bytes memory sig2 = _signListing(takerKey, l2);
        _buy(taker2, l2, sig2, CAPACITY, 0);
        assertEq(hpt.ownerOf(tokenId), taker2);
    }

    function test_fillListing_sellerMustHaveApprovedMarket() public {
        vm.prank(seller);
        hpt.setApprovalForAll(address(market), false);
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        _expectBuyRevert(
            taker,
            lst,
            sig,
            CAPACITY,
            PRICE * CAPACITY,
            abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, address(market), tokenId)
        );
    }

    function test_fillListing_erc20NeedsAllowance() public {
        vm.prank(owner);
        usd.mint(taker, 10e9);
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 0, address(usd), USD_PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        uint256 payment = USD_PRICE * CAPACITY;
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, payment - _feeOf(payment)
            )
        );
        vm.prank(taker);
        market.fillListing(lst, sig, CAPACITY);
    }

    // =====================================================================================
    // fillListing: partial fills
    // =====================================================================================

    function test_fillListing_partialByThreeBuyers() public {
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 100e6, NATIVE, PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        bytes32 h = market.hashListing(lst);
        uint256 sellerBefore = seller.balance;

        vm.expectEmit(address(market));
        emit HashMixMarket.OrderFilled(h, 0, seller, taker, 2, 300e6, NATIVE, PRICE * 300e6, _feeOf(PRICE * 300e6));
        _buy(taker, lst, sig, 300e6, PRICE * 300e6);
        _buy(taker2, lst, sig, 500e6, PRICE * 500e6);
        // the last 200e6 are below no minimum, but a remainder may always be taken
        _buy(taker3, lst, sig, 200e6, PRICE * 200e6);

        assertEq(hpt.balanceOf(taker), 1);
        assertEq(hpt.tokenData(2).units, 300e6);
        assertEq(hpt.ownerOf(3), taker2);
        assertEq(hpt.tokenData(3).units, 500e6);
        // the third fill takes the whole (remaining) token itself
        assertEq(hpt.ownerOf(tokenId), taker3);
        assertEq(hpt.tokenData(tokenId).units, 200e6);
        assertEq(_liveSum(productId), CAPACITY);
        uint256 total = PRICE * CAPACITY;
        uint256 fees = _feeOf(PRICE * 300e6) + _feeOf(PRICE * 500e6) + _feeOf(PRICE * 200e6);
        assertEq(seller.balance - sellerBefore, total - fees);
        assertEq(market.accruedFees(NATIVE), fees);
        // a listing covering its token never needs a status write
        (uint256 filled,) = market.orderStatus(h);
        assertEq(filled, 0);
    }

    function test_fillListing_partialKeepsTokenNonce() public {
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 1, NATIVE, PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        _buy(taker, lst, sig, 1, PRICE);
        assertEq(hpt.tokenNonce(tokenId), lst.tokenNonce);
        assertEq(hpt.ownerOf(tokenId), seller);
        assertEq(hpt.tokenData(tokenId).units, CAPACITY - 1);
    }

    function test_fillListing_partialOfPartListingWritesStatus() public {
        // sell at most 300e6 of the 1,000e6 units
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, 300e6, 0, NATIVE, PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        bytes32 h = market.hashListing(lst);
        _buy(taker, lst, sig, 100e6, PRICE * 100e6);
        (uint256 filled,) = market.orderStatus(h);
        assertEq(filled, 100e6);
        _buy(taker2, lst, sig, 200e6, PRICE * 200e6);
        (filled,) = market.orderStatus(h);
        assertEq(filled, 300e6);
        assertEq(hpt.tokenData(tokenId).units, 700e6);
        _expectBuyRevert(taker3, lst, sig, 1, PRICE, abi.encodeWithSelector(HashMixMarket.Overfill.selector, 0, 1));
    }

    function test_fillListing_mixedCapThenTokenBound() public {
        // listing of 600e6 of 1,000e6: the first fill is capped by the listing (status written),
        // after it the token (600e6 left ... ) still exceeds the cap, later fills keep writing
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, 600e6, 0, NATIVE, PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        bytes32 h = market.hashListing(lst);
        _buy(taker, lst, sig, 500e6, PRICE * 500e6);
        (uint256 filled,) = market.orderStatus(h);
        assertEq(filled, 500e6);
        // the seller sells 450e6 elsewhere (carving directly): the token (50e6) is now below the cap (100e6)
        vm.prank(seller);
        hpt.carve(tokenId, 450e6, alice);
        assertEq(hpt.tokenData(tokenId).units, 50e6);
        _buy(taker2, lst, sig, 50e6, PRICE * 50e6);
        assertEq(hpt.ownerOf(tokenId), taker2, "whole remaining token");
    }

    function test_fillListing_overfillBeyondToken() public {
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, 2 * CAPACITY, 0, NATIVE, PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        _expectBuyRevert(
            taker,
            lst,
            sig,
            CAPACITY + 1,
            PRICE * (CAPACITY + 1),
            abi.encodeWithSelector(HashMixMarket.Overfill.selector, CAPACITY, CAPACITY + 1)
        );
        _buy(taker, lst, sig, CAPACITY, PRICE * CAPACITY);
        assertEq(hpt.ownerOf(tokenId), taker);
    }

    function test_fillListing_fillTooSmall() public {
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 100e6, NATIVE, PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        _expectBuyRevert(
            taker,
            lst,
            sig,
            100e6 - 1,
            PRICE * (100e6 - 1),
            abi.encodeWithSelector(HashMixMarket.FillTooSmall.selector, 100e6, 100e6 - 1)
        );
        _buy(taker, lst, sig, 100e6, PRICE * 100e6);
    }

    function test_fillListing_remainderBelowMinFillAllowed() public {
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, 300e6, 200e6, NATIVE, PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        _buy(taker, lst, sig, 250e6, PRICE * 250e6);
        _expectBuyRevert(
            taker2, lst, sig, 49e6, PRICE * 49e6, abi.encodeWithSelector(HashMixMarket.FillTooSmall.selector, 200e6, 49e6)
        );
        _buy(taker2, lst, sig, 50e6, PRICE * 50e6);
        assertEq(hpt.tokenData(tokenId).units, 700e6);
    }

    function test_fillListing_zeroUnits() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        _expectBuyRevert(taker, lst, sig, 0, 0, abi.encodeWithSelector(ZeroUnits.selector));
    }

    // =====================================================================================
    // fillListing: liveness, signature, token state
    // =====================================================================================

    function test_fillListing_expiryInclusive() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        vm.warp(lst.expiry + 1);
        _expectBuyRevert(
            taker, lst, sig, CAPACITY, PRICE * CAPACITY, abi.encodeWithSelector(HashMixMarket.OrderExpired.selector, lst.expiry)
        );
        vm.warp(lst.expiry);
        _buy(taker, lst, sig, CAPACITY, PRICE * CAPACITY);
    }

    function test_fillListing_staleCounter() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        vm.expectEmit(address(market));
        emit HashMixMarket.CounterIncremented(seller, 1);
        vm.prank(seller);
        market.incrementCounter();
        assertEq(market.counter(seller), 1);
        _expectBuyRevert(
            taker, lst, sig, CAPACITY, PRICE * CAPACITY, abi.encodeWithSelector(HashMixMarket.StaleCounter.selector, 0, 1)
        );
    }

    function test_fillListing_cancelled() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        bytes32 h = market.hashListing(lst);
        vm.expectEmit(address(market));
        emit HashMixMarket.OrderCancelled(h, seller);
        vm.prank(seller);
        market.cancelListings(_listingsOf(lst));
        (, bool cancelled) = market.orderStatus(h);
        assertTrue(cancelled);
        _expectBuyRevert(
            taker, lst, sig, CAPACITY, PRICE * CAPACITY, abi.encodeWithSelector(HashMixMarket.OrderIsCancelled.selector, h)
        );
    }

    function test_fillListing_invalidSignature() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(buyerKey, lst); // not the seller
        _expectBuyRevert(
            taker, lst, sig, CAPACITY, PRICE * CAPACITY, abi.encodeWithSelector(HashMixMarket.InvalidSignature.selector)
        );
        sig = _signListing(sellerKey, lst);
        lst.pricePerUnit -= 1; // tampered
        _expectBuyRevert(
            taker, lst, sig, CAPACITY, PRICE * CAPACITY, abi.encodeWithSelector(HashMixMarket.InvalidSignature.selector)
        );
    }

    function test_fillListing_notTokenOwner() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        vm.prank(seller);
        hpt.transferFrom(seller, alice, tokenId);
        _expectBuyRevert(
            taker,
            lst,
            sig,
            CAPACITY,
            PRICE * CAPACITY,
            abi.encodeWithSelector(HashMixMarket.NotTokenOwner.selector, tokenId, seller, alice)
        );
    }

    function test_fillListing_staleTokenNonceAfterBump() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        vm.prank(seller);
        hpt.bumpTokenNonce(tokenId);
        _expectBuyRevert(
            taker,
            lst,
            sig,
            CAPACITY,
            PRICE * CAPACITY,
            abi.encodeWithSelector(HashMixMarket.StaleTokenNonce.selector, tokenId, uint32(1), uint32(2))
        );
    }

    function test_fillListing_burntToken() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        vm.prank(seller);
        hpt.split(tokenId, _units(CAPACITY / 2, CAPACITY / 2));
        _expectBuyRevert(
            taker,
            lst,
            sig,
            CAPACITY,
            PRICE * CAPACITY,
            abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, tokenId)
        );
    }

    function test_fillListing_notTradableWhenDefaulted() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        _markDefaulted(productId);
        _expectBuyRevert(
            taker, lst, sig, CAPACITY, PRICE * CAPACITY, abi.encodeWithSelector(HashMixMarket.NotTradable.selector, tokenId)
        );
    }

    function test_fillListing_notTradableWhenFrozen() public {
        (, uint256 frozenId) = _frozenToken(seller);
        HashMixMarket.Listing memory lst = _listing(seller, frozenId, CAPACITY, 0, NATIVE, PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        _expectBuyRevert(
            taker, lst, sig, CAPACITY, PRICE * CAPACITY, abi.encodeWithSelector(HashMixMarket.NotTradable.selector, frozenId)
        );
    }

    function test_fillListing_sellerRefusingNative() public {
        (address key, uint256 pk) = makeAddrAndKey("wallet key");
        RejectingWallet wallet = new RejectingWallet(key);
        vm.prank(seller);
        hpt.transferFrom(seller, address(wallet), tokenId);
        wallet.exec(address(hpt), 0, abi.encodeCall(hpt.setApprovalForAll, (address(market), true)));
        HashMixMarket.Listing memory lst = _listing(address(wallet), tokenId, CAPACITY, 0, NATIVE, PRICE);
        bytes memory sig = _signListing(pk, lst);
        uint256 payment = PRICE * CAPACITY;
        _expectBuyRevert(
            taker,
            lst,
            sig,
            CAPACITY,
            payment,
            abi.encodeWithSelector(NativeTransferFailed.selector, address(wallet), payment - _feeOf(payment))
        );
    }

    function test_fillListing_refundRefused() public {
        MarketNativeRejecter rejecter = new MarketNativeRejecter();
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        uint256 payment = PRICE * CAPACITY;
        vm.deal(address(this), payment + 1);
        vm.expectRevert(abi.encodeWithSelector(NativeTransferFailed.selector, address(rejecter), 1));
        rejecter.exec{value: payment + 1}(
            address(market), payment + 1, abi.encodeCall(HashMixMarket.fillListing, (lst, sig, CAPACITY))
        );
        // exact payment needs no refund
        vm.deal(address(this), payment);
        rejecter.exec{value: payment}(address(market), payment, abi.encodeCall(HashMixMarket.fillListing, (lst, sig, CAPACITY)));
        assertEq(hpt.ownerOf(tokenId), address(rejecter));
    }

    function test_fillListing_erc1271Seller() public {
        (address key, uint256 pk) = makeAddrAndKey("wallet key");
        ERC1271Wallet wallet = new ERC1271Wallet(key);
        vm.prank(seller);
        hpt.transferFrom(seller, address(wallet), tokenId);
        wallet.exec(address(hpt), 0, abi.encodeCall(hpt.setApprovalForAll, (address(market), true)));
        HashMixMarket.Listing memory lst = _listing(address(wallet), tokenId, CAPACITY, 0, NATIVE, PRICE);
        bytes memory sig = _signListing(pk, lst);
        _buy(taker, lst, sig, CAPACITY / 4, PRICE * (CAPACITY / 4));
        assertEq(address(wallet).balance, PRICE * (CAPACITY / 4) - _feeOf(PRICE * (CAPACITY / 4)));
        // a signature by someone else is refused by the wallet
        bytes memory bad = _signListing(sellerKey, lst);
        _expectBuyRevert(taker, lst, bad, 1, PRICE, abi.encodeWithSelector(HashMixMarket.InvalidSignature.selector));
    }

    // =====================================================================================
    // fillListings (batch)
    // =====================================================================================

    function _tenListings() internal returns (HashMixMarket.ListingFill[] memory fills, uint256 value) {
        uint256[] memory parts = new uint256[](10);
        for (uint256 i; i < 10; i++) {
            parts[i] = CAPACITY / 10;
        }
        vm.prank(seller);
        uint256[] memory ids = hpt.split(tokenId, parts);
        fills = new HashMixMarket.ListingFill[](10);
        for (uint256 i; i < 10; i++) {
            HashMixMarket.Listing memory lst = _listing(seller, ids[i], CAPACITY / 10, 0, NATIVE, PRICE + i);
            fills[i] = HashMixMarket.ListingFill(lst, _signListing(sellerKey, lst), CAPACITY / 10);
            value += (PRICE + i) * (CAPACITY / 10);
        }
    }

    function test_fillListings_batchOfTen() public {
        (HashMixMarket.ListingFill[] memory fills, uint256 value) = _tenListings();
        uint256 sellerBefore = seller.balance;
        uint256 fees;
        for (uint256 i; i < 10; i++) {
            fees += _feeOf((PRICE + i) * (CAPACITY / 10));
        }
        vm.deal(taker, value + 5);
        vm.prank(taker);
        market.fillListings{value: value + 5}(fills);
        assertEq(hpt.balanceOf(taker), 10);
        assertEq(taker.balance, 5, "exact refund");
        assertEq(seller.balance - sellerBefore, value - fees);
        assertEq(market.accruedFees(NATIVE), fees);
    }

    function test_fillListings_mixedCurrencies() public {
        _fundUsd(taker, 10e9);
        vm.prank(seller);
        uint256[] memory ids = hpt.split(tokenId, _units(CAPACITY / 2, CAPACITY / 2));
        HashMixMarket.ListingFill[] memory fills = new HashMixMarket.ListingFill[](2);
        HashMixMarket.Listing memory a = _listing(seller, ids[0], CAPACITY / 2, 0, NATIVE, PRICE);
        HashMixMarket.Listing memory b = _listing(seller, ids[1], CAPACITY / 2, 0, address(usd), USD_PRICE);
        fills[0] = HashMixMarket.ListingFill(a, _signListing(sellerKey, a), CAPACITY / 2);
        fills[1] = HashMixMarket.ListingFill(b, _signListing(sellerKey, b), 100e6);
        uint256 value = PRICE * (CAPACITY / 2);
        vm.deal(taker, value);
        vm.prank(taker);
        market.fillListings{value: value}(fills);
        assertEq(hpt.ownerOf(ids[0]), taker);
        assertEq(hpt.tokenData(ids[1]).units, CAPACITY / 2 - 100e6);
        assertEq(usd.balanceOf(seller), USD_PRICE * 100e6 - _feeOf(USD_PRICE * 100e6));
    }

    function test_fillListings_samePartialListingTwice() public {
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, 300e6, 0, NATIVE, PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        HashMixMarket.ListingFill[] memory fills = new HashMixMarket.ListingFill[](2);
        fills[0] = HashMixMarket.ListingFill(lst, sig, 200e6);
        fills[1] = HashMixMarket.ListingFill(lst, sig, 200e6);
        vm.deal(taker, PRICE * 400e6);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.Overfill.selector, 100e6, 200e6));
        vm.prank(taker);
        market.fillListings{value: PRICE * 400e6}(fills);
        fills[1].units = 100e6;
        vm.prank(taker);
        market.fillListings{value: PRICE * 300e6}(fills);
        assertEq(hpt.balanceOf(taker), 2);
        assertEq(taker.balance, PRICE * 100e6);
    }

    function test_fillListings_valueRunsOutMidBatch() public {
        (HashMixMarket.ListingFill[] memory fills, uint256 value) = _tenListings();
        uint256 last = (PRICE + 9) * (CAPACITY / 10);
        vm.deal(taker, value - 1);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.InsufficientValue.selector, last, last - 1));
        vm.prank(taker);
        market.fillListings{value: value - 1}(fills);
    }

    function test_fillListings_atomic() public {
        (HashMixMarket.ListingFill[] memory fills, uint256 value) = _tenListings();
        fills[7].listing.salt += 1; // breaks its signature
        vm.deal(taker, value);
        vm.expectRevert(HashMixMarket.InvalidSignature.selector);
        vm.prank(taker);
        market.fillListings{value: value}(fills);
        assertEq(hpt.balanceOf(taker), 0);
    }

    function test_fillListings_emptyBatchRefunds() public {
        vm.deal(taker, 1 ether);
        vm.prank(taker);
        market.fillListings{value: 1 ether}(new HashMixMarket.ListingFill[](0));
        assertEq(taker.balance, 1 ether);
    }

    // =====================================================================================
    // fillOffer
    // =====================================================================================

    function test_fillOffer_whole() public {
        _fundUsd(buyer, 10e9);
        HashMixMarket.Offer memory o = _offer(buyer, tokenId, CAPACITY, 0, USD_PRICE);
        bytes memory sig = _signOffer(buyerKey, o);
        bytes32 h = market.hashOffer(o);
        uint256 payment = USD_PRICE * CAPACITY;
        vm.expectEmit(address(market));
        emit HashMixMarket.OrderFilled(h, 1, buyer, seller, tokenId, CAPACITY, address(usd), payment, _feeOf(payment));
        _sellTo(o, sig, CAPACITY);
        assertEq(hpt.ownerOf(tokenId), buyer);
        assertEq(usd.balanceOf(seller), payment - _feeOf(payment));
        assertEq(usd.balanceOf(buyer), 10e9 - payment);
        assertEq(market.accruedFees(address(usd)), _feeOf(payment));
        (uint256 filled,) = market.orderStatus(h);
        assertEq(filled, CAPACITY, "offers always record fills");
    }

    function test_fillOffer_partialThenNewOwnerFillsRest() public {
        _fundUsd(buyer, 10e9);
        HashMixMarket.Offer memory o = _offer(buyer, tokenId, 600e6, 100e6, USD_PRICE);
        bytes memory sig = _signOffer(buyerKey, o);
        bytes32 h = market.hashOffer(o);
        _sellTo(o, sig, 400e6);
        assertEq(hpt.ownerOf(2), buyer);
        assertEq(hpt.tokenData(2).units, 400e6);
        // the token changes hands; the offer is on the token, not on its owner
        vm.prank(seller);
        hpt.transferFrom(seller, alice, tokenId);
        _approveMarket(alice);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.Overfill.selector, 200e6, 200e6 + 1));
        vm.prank(alice);
        market.fillOffer(o, sig, 200e6 + 1);
        vm.prank(alice);
        market.fillOffer(o, sig, 200e6);
        (uint256 filled,) = market.orderStatus(h);
        assertEq(filled, 600e6);
        assertEq(usd.balanceOf(alice), USD_PRICE * 200e6 - _feeOf(USD_PRICE * 200e6));
    }

    function test_fillOffer_wholeFillIsRecordedSoTheTokenCannotBeResold() public {
        _fundUsd(buyer, 10e9);
        HashMixMarket.Offer memory o = _offer(buyer, tokenId, CAPACITY, 0, USD_PRICE);
        bytes memory sig = _signOffer(buyerKey, o);
        _sellTo(o, sig, CAPACITY);
        vm.prank(buyer);
        hpt.transferFrom(buyer, alice, tokenId);
        _approveMarket(alice);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.Overfill.selector, 0, CAPACITY));
        vm.prank(alice);
        market.fillOffer(o, sig, CAPACITY);
    }

    function test_fillOffer_errors() public {
        _fundUsd(buyer, 10e9);
        HashMixMarket.Offer memory o = _offer(buyer, tokenId, CAPACITY, 100e6, USD_PRICE);
        bytes memory sig = _signOffer(buyerKey, o);

        vm.expectRevert(ZeroUnits.selector);
        _sellTo(o, sig, 0);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.FillTooSmall.selector, 100e6, 1));
        _sellTo(o, sig, 1);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.Overfill.selector, CAPACITY, CAPACITY + 1));
        _sellTo(o, sig, CAPACITY + 1);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.NotTokenOwner.selector, tokenId, alice, seller));
        vm.prank(alice);
        market.fillOffer(o, sig, CAPACITY);

        bytes memory bad = _signOffer(sellerKey, o);
        vm.expectRevert(HashMixMarket.InvalidSignature.selector);
        _sellTo(o, bad, CAPACITY);

        HashMixMarket.Offer memory native = _offer(buyer, tokenId, CAPACITY, 0, USD_PRICE);
        native.currency = NATIVE;
        bytes memory nativeSig = _signOffer(buyerKey, native);
        vm.expectRevert(HashMixMarket.NativeNotAllowed.selector);
        _sellTo(native, nativeSig, CAPACITY);

        vm.warp(o.expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.OrderExpired.selector, o.expiry));
        _sellTo(o, sig, CAPACITY);
    }

    function test_fillOffer_cancelAndCounter() public {
        _fundUsd(buyer, 10e9);
        HashMixMarket.Offer memory o = _offer(buyer, tokenId, CAPACITY, 0, USD_PRICE);
        bytes memory sig = _signOffer(buyerKey, o);
        HashMixMarket.Offer[] memory list = new HashMixMarket.Offer[](1);
        list[0] = o;
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.NotTheMaker.selector, seller, buyer));
        vm.prank(seller);
        market.cancelOffers(list);
        vm.prank(buyer);
        market.cancelOffers(list);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.OrderIsCancelled.selector, market.hashOffer(o)));
        _sellTo(o, sig, CAPACITY);

        HashMixMarket.Offer memory o2 = _offer(buyer, tokenId, CAPACITY, 0, USD_PRICE);
        bytes memory sig2 = _signOffer(buyerKey, o2);
        vm.prank(buyer);
        market.incrementCounter();
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.StaleCounter.selector, 0, 1));
        _sellTo(o2, sig2, CAPACITY);
    }

    function test_fillOffer_notTradable() public {
        _fundUsd(buyer, 10e9);
        HashMixMarket.Offer memory o = _offer(buyer, tokenId, CAPACITY, 0, USD_PRICE);
        bytes memory sig = _signOffer(buyerKey, o);
        _markDefaulted(productId);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.NotTradable.selector, tokenId));
        _sellTo(o, sig, CAPACITY);
    }

    function test_fillOffer_erc1271Buyer() public {
        (address key, uint256 pk) = makeAddrAndKey("wallet key");
        ERC1271Wallet wallet = new ERC1271Wallet(key);
        vm.prank(owner);
        usd.mint(address(wallet), 10e9);
        wallet.exec(address(usd), 0, abi.encodeCall(usd.approve, (address(market), type(uint256).max)));
        HashMixMarket.Offer memory o = _offer(address(wallet), tokenId, CAPACITY, 0, USD_PRICE);
        bytes memory sig = _signOffer(pk, o);
        _sellTo(o, sig, 10e6);
        assertEq(hpt.balanceOf(address(wallet)), 1);
    }

    // =====================================================================================
    // fillCriteriaOffer
    // =====================================================================================

    function _sellCriteria(address who, HashMixMarket.CriteriaOffer memory o, bytes memory sig, uint256 id, uint256 units)
        internal
    {
        vm.prank(who);
        market.fillCriteriaOffer(o, sig, id, units);
    }

    function test_fillCriteriaOffer_partialAndWhole() public {
        _fundUsd(buyer, 10e9);
        HashMixMarket.CriteriaOffer memory o = _criteria(buyer, 1_500e6, 0, USD_PRICE);
        bytes memory sig = _signCriteria(buyerKey, o);
        bytes32 h = market.hashCriteriaOffer(o);
        (, uint256 other) = _mintTo(alice, "crit", 5);
        _approveMarket(alice);

        vm.expectEmit(address(market));
        emit HashMixMarket.OrderFilled(h, 2, buyer, seller, 3, 500e6, address(usd), USD_PRICE * 500e6, _feeOf(USD_PRICE * 500e6));
        _sellCriteria(seller, o, sig, tokenId, 500e6);
        _sellCriteria(alice, o, sig, other, CAPACITY);
        assertEq(hpt.ownerOf(other), buyer);
        assertEq(hpt.ownerOf(3), buyer);
        (uint256 filled,) = market.orderStatus(h);
        assertEq(filled, 1_500e6);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.Overfill.selector, 0, 1));
        _sellCriteria(seller, o, sig, tokenId, 1);
    }

    function test_fillCriteriaOffer_anyIssuer() public {
        _fundUsd(buyer, 10e9);
        HashMixMarket.CriteriaOffer memory o = _criteria(buyer, CAPACITY, 0, USD_PRICE);
        o.issuer = address(0);
        bytes memory sig = _signCriteria(buyerKey, o);
        _sellCriteria(seller, o, sig, tokenId, CAPACITY);
        assertEq(hpt.ownerOf(tokenId), buyer);
    }

    function test_fillCriteriaOffer_mismatches() public {
        _fundUsd(buyer, 10e9);
        bytes memory err = abi.encodeWithSelector(HashMixMarket.CriteriaMismatch.selector, tokenId);

        HashMixMarket.CriteriaOffer memory o = _criteria(buyer, CAPACITY, 0, USD_PRICE);
        o.assetClass = keccak256("FIL-STORAGE");
        bytes memory sig = _signCriteria(buyerKey, o);
        vm.expectRevert(err);
        _sellCriteria(seller, o, sig, tokenId, CAPACITY);

        o = _criteria(buyer, CAPACITY, 0, USD_PRICE);
        o.issuer = alice;
        sig = _signCriteria(buyerKey, o);
        vm.expectRevert(err);
        _sellCriteria(seller, o, sig, tokenId, CAPACITY);

        // the default product ends at T0 + 365 days; 30 days are wanted
        o = _criteria(buyer, CAPACITY, 0, USD_PRICE);
        o.expiry = uint64(T0 + 400 days);
        sig = _signCriteria(buyerKey, o);
        vm.warp(T0 + 335 days + 1);
        vm.expectRevert(err);
        _sellCriteria(seller, o, sig, tokenId, CAPACITY);
        vm.warp(T0 + 335 days);
        _sellCriteria(seller, o, sig, tokenId, 1);

        // a product whose term is over never matches, even with minRemainingTerm 0
        o.minRemainingTerm = 0;
        o.salt += 1;
        sig = _signCriteria(buyerKey, o);
        vm.warp(T0 + 365 days);
        vm.expectRevert(err);
        _sellCriteria(seller, o, sig, tokenId, 1);
    }

    function test_fillCriteriaOffer_errors() public {
        _fundUsd(buyer, 10e9);
        HashMixMarket.CriteriaOffer memory o = _criteria(buyer, CAPACITY, 0, USD_PRICE);
        bytes memory sig = _signCriteria(buyerKey, o);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.NotTokenOwner.selector, tokenId, alice, seller));
        _sellCriteria(alice, o, sig, tokenId, CAPACITY);

        _markDefaulted(productId);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.NotTradable.selector, tokenId));
        _sellCriteria(seller, o, sig, tokenId, CAPACITY);

        HashMixMarket.CriteriaOffer memory native = _criteria(buyer, CAPACITY, 0, USD_PRICE);
        native.currency = NATIVE;
        bytes memory nsig = _signCriteria(buyerKey, native);
        vm.expectRevert(HashMixMarket.NativeNotAllowed.selector);
        _sellCriteria(seller, native, nsig, tokenId, CAPACITY);

        vm.expectRevert(HashMixMarket.InvalidSignature.selector);
        _sellCriteria(seller, o, nsig, tokenId, CAPACITY);
    }

    function test_cancelCriteriaOffers() public {
        HashMixMarket.CriteriaOffer memory o = _criteria(buyer, CAPACITY, 0, USD_PRICE);
        bytes memory sig = _signCriteria(buyerKey, o);
        HashMixMarket.CriteriaOffer[] memory list = new HashMixMarket.CriteriaOffer[](1);
        list[0] = o;
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.NotTheMaker.selector, alice, buyer));
        vm.prank(alice);
        market.cancelCriteriaOffers(list);
        bytes32 h = market.hashCriteriaOffer(o);
        vm.expectEmit(address(market));
        emit HashMixMarket.OrderCancelled(h, buyer);
        vm.prank(buyer);
        market.cancelCriteriaOffers(list);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.OrderIsCancelled.selector, h));
        _sellCriteria(seller, o, sig, tokenId, CAPACITY);
    }

    // =====================================================================================
    // fillSwap
    // =====================================================================================

    function _swapSetup() internal returns (uint256 wantId, HashMixMarket.SwapOrder memory s, bytes memory sig) {
        (, wantId) = _mintTo(alice, "want", 5);
        _approveMarket(alice);
        s = _swap(seller, tokenId, wantId);
        sig = _signSwap(sellerKey, s);
    }

    function test_fillSwap_swapsBothTokens() public {
        (uint256 wantId, HashMixMarket.SwapOrder memory s, bytes memory sig) = _swapSetup();
        vm.expectEmit(address(market));
        emit HashMixMarket.OrderFilled(market.hashSwapOrder(s), 3, seller, alice, tokenId, CAPACITY, NATIVE, 0, 0);
        vm.prank(alice);
        market.fillSwap(s, sig);
        assertEq(hpt.ownerOf(tokenId), alice);
        assertEq(hpt.ownerOf(wantId), seller);
        // dead: the give token's nonce moved
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.NotTokenOwner.selector, tokenId, seller, alice));
        vm.prank(alice);
        market.fillSwap(s, sig);
    }

    function test_fillSwap_errors() public {
        (uint256 wantId, HashMixMarket.SwapOrder memory s, bytes memory sig) = _swapSetup();
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.NotTokenOwner.selector, wantId, stranger, alice));
        vm.prank(stranger);
        market.fillSwap(s, sig);

        bytes memory bad = _signSwap(buyerKey, s);
        vm.expectRevert(HashMixMarket.InvalidSignature.selector);
        vm.prank(alice);
        market.fillSwap(s, bad);

        vm.prank(seller);
        hpt.bumpTokenNonce(tokenId);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.StaleTokenNonce.selector, tokenId, uint32(1), uint32(2)));
        vm.prank(alice);
        market.fillSwap(s, sig);

        s = _swap(seller, tokenId, wantId);
        sig = _signSwap(sellerKey, s);
        vm.warp(s.expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.OrderExpired.selector, s.expiry));
        vm.prank(alice);
        market.fillSwap(s, sig);
    }

    function test_fillSwap_notTradable() public {
        (uint256 wantId, HashMixMarket.SwapOrder memory s, bytes memory sig) = _swapSetup();
        uint256 wantProduct = hpt.tokenData(wantId).productId;
        _markDefaulted(wantProduct);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.NotTradable.selector, wantId));
        vm.prank(alice);
        market.fillSwap(s, sig);
        _markDefaulted(productId);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.NotTradable.selector, tokenId));
        vm.prank(alice);
        market.fillSwap(s, sig);
    }

    function test_fillSwap_cancelAndCounter() public {
        (, HashMixMarket.SwapOrder memory s, bytes memory sig) = _swapSetup();
        HashMixMarket.SwapOrder[] memory list = new HashMixMarket.SwapOrder[](1);
        list[0] = s;
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.NotTheMaker.selector, alice, seller));
        vm.prank(alice);
        market.cancelSwaps(list);
        vm.prank(seller);
        market.cancelSwaps(list);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.OrderIsCancelled.selector, market.hashSwapOrder(s)));
        vm.prank(alice);
        market.fillSwap(s, sig);

        s.salt += 1;
        sig = _signSwap(sellerKey, s);
        vm.prank(seller);
        market.incrementCounter();
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.StaleCounter.selector, 0, 1));
        vm.prank(alice);
        market.fillSwap(s, sig);
    }

    // =====================================================================================
    // cancels and counters
    // =====================================================================================

    function test_cancelListings_onlyMakerAndKeepsFilledUnits() public {
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, 300e6, 0, NATIVE, PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        _buy(taker, lst, sig, 100e6, PRICE * 100e6);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.NotTheMaker.selector, taker, seller));
        vm.prank(taker);
        market.cancelListings(_listingsOf(lst));
        vm.prank(seller);
        market.cancelListings(_listingsOf(lst));
        (uint256 filled, bool cancelled) = market.orderStatus(market.hashListing(lst));
        assertEq(filled, 100e6);
        assertTrue(cancelled);
    }

    function test_cancelListings_several() public {
        HashMixMarket.Listing[] memory list = new HashMixMarket.Listing[](3);
        for (uint256 i; i < 3; i++) {
            list[i] = _nativeListing();
        }
        vm.prank(seller);
        market.cancelListings(list);
        for (uint256 i; i < 3; i++) {
            (, bool cancelled) = market.orderStatus(market.hashListing(list[i]));
            assertTrue(cancelled);
        }
    }

    function test_incrementCounter_countsUp() public {
        vm.startPrank(seller);
        market.incrementCounter();
        market.incrementCounter();
        vm.stopPrank();
        assertEq(market.counter(seller), 2);
        assertEq(market.counter(buyer), 0);
    }

    // =====================================================================================
    // fees
    // =====================================================================================

    function test_withdrawFees_native() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        _buy(taker, lst, sig, CAPACITY, PRICE * CAPACITY);
        uint256 fee = _feeOf(PRICE * CAPACITY);
        vm.expectEmit(address(market));
        emit HashMixMarket.FeesWithdrawn(NATIVE, feeSink, fee);
        vm.prank(stranger); // anyone may trigger it; the recipient is fixed
        market.withdrawFees(NATIVE);
        assertEq(feeSink.balance, fee);
        assertEq(market.accruedFees(NATIVE), 0);
        assertEq(address(market).balance, 0);
    }

    function test_withdrawFees_erc20() public {
        _fundUsd(taker, 10e9);
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 0, address(usd), USD_PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        vm.prank(taker);
        market.fillListing(lst, sig, CAPACITY);
        uint256 fee = _feeOf(USD_PRICE * CAPACITY);
        vm.expectEmit(address(market));
        emit HashMixMarket.FeesWithdrawn(address(usd), feeSink, fee);
        market.withdrawFees(address(usd));
        assertEq(usd.balanceOf(feeSink), fee);
        assertEq(market.accruedFees(address(usd)), 0);
    }

    function test_withdrawFees_nothingToWithdrawIsANoop() public {
        vm.recordLogs();
        market.withdrawFees(NATIVE);
        market.withdrawFees(address(usd));
        assertEq(vm.getRecordedLogs().length, 0);
    }

    function test_withdrawFees_recipientRefusingNativeDoesNotBrickSales() public {
        MarketNativeRejecter rejecter = new MarketNativeRejecter();
        vm.prank(owner);
        market.setFee(address(rejecter), FEE_BPS);
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        _buy(taker, lst, sig, CAPACITY, PRICE * CAPACITY); // the sale goes through
        uint256 fee = _feeOf(PRICE * CAPACITY);
        vm.expectRevert(abi.encodeWithSelector(NativeTransferFailed.selector, address(rejecter), fee));
        market.withdrawFees(NATIVE);
        vm.prank(owner);
        market.setFee(feeSink, FEE_BPS);
        market.withdrawFees(NATIVE);
        assertEq(feeSink.balance, fee);
    }

    function test_fee_maxRate() public {
        vm.prank(owner);
        market.setFee(feeSink, 1_000);
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        uint256 sellerBefore = seller.balance;
        _buy(taker, lst, sig, CAPACITY, PRICE * CAPACITY);
        assertEq(seller.balance - sellerBefore, (PRICE * CAPACITY * 9) / 10);
    }

    function test_fee_roundsDownForTheProtocol() public {
        // payment 39 base units at 2.5%: fee floor(0.975) = 0, the seller gets all 39
        _fundUsd(taker, 200);
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 1, address(usd), 13);
        bytes memory sig = _signListing(sellerKey, lst);
        vm.prank(taker);
        market.fillListing(lst, sig, 3);
        assertEq(usd.balanceOf(seller), 39);
        assertEq(usd.balanceOf(taker), 161);
        assertEq(market.accruedFees(address(usd)), 0);
        // 40 base units: fee exactly 1
        vm.prank(taker);
        market.fillListing(lst, sig, 3); // 39 again
        HashMixMarket.Listing memory l2 = _listing(seller, tokenId, CAPACITY, 1, address(usd), 20);
        bytes memory sig2 = _signListing(sellerKey, l2);
        vm.prank(taker);
        market.fillListing(l2, sig2, 2);
        assertEq(market.accruedFees(address(usd)), 1);
        assertEq(usd.balanceOf(seller), 39 + 39 + 39);
    }
}
