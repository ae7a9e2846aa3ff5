// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {HashMixMarket} from "../src/market/HashMixMarket.sol";
import {ZeroUnits} from "../src/common/Errors.sol";
import {MarketFixtures} from "./utils/MarketFixtures.sol";

/// @notice Fuzz tests (default profile: 10,000 runs) on prices, units, fee rates and fill sizes,
/// compared with a reference model written from the spec; typed-data hashes against abi.encode.
contract HashMixMarketFuzzTest is MarketFixtures {
    /// reference: what a fill of `x` must cost and pay
    function _ref(uint256 price, uint256 x, uint16 bps) internal pure returns (uint256 payment, uint256 fee) {
        payment = price * x;
        fee = (payment * bps) / 10_000;
    }

    function _setBps(uint16 bps) internal {
        vm.prank(owner);
        market.setFee(feeSink, bps);
    }

    // =====================================================================================
    // item 17 / 18: exact payment, fee floors, seller gets the rest (native)
    // =====================================================================================

    function testFuzz_item18_nativeFillPaysExactly(uint256 price, uint256 units, uint16 bps, uint256 excess) public {
        price = bound(price, 0, 1e36);
        units = bound(units, 1, CAPACITY);
        bps = uint16(bound(bps, 0, 1_000));
        excess = bound(excess, 0, 1e30);
        _setBps(bps);
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 0, NATIVE, price);
        bytes memory sig = _signListing(sellerKey, lst);
        (uint256 payment, uint256 fee) = _ref(price, units, bps);
        uint256 sellerBefore = seller.balance;

        _buy(taker, lst, sig, units, payment + excess);

        assertEq(taker.balance, excess, "exact refund: the taker paid price x units");
        assertEq(seller.balance - sellerBefore, payment - fee, "seller gets the rest");
        assertEq(market.accruedFees(NATIVE), fee, "fee floors");
        assertLe(fee * 10_000, payment * bps, "never more than the rate");
        assertEq(_liveSum(productId), CAPACITY);
        if (units == CAPACITY) assertEq(hpt.ownerOf(tokenId), taker);
        else assertEq(hpt.tokenData(tokenId).units, CAPACITY - units);
    }

    function testFuzz_item17_erc20OfferPaysExactly(uint256 price, uint256 units, uint16 bps) public {
        price = bound(price, 0, 1e40);
        units = bound(units, 1, CAPACITY);
        bps = uint16(bound(bps, 0, 1_000));
        _setBps(bps);
        (uint256 payment, uint256 fee) = _ref(price, units, bps);
        _fundUsd(buyer, payment);
        HashMixMarket.Offer memory o = _offer(buyer, tokenId, CAPACITY, 0, price);
        bytes memory sig = _signOffer(buyerKey, o);
        vm.prank(seller);
        market.fillOffer(o, sig, units);
        assertEq(usd.balanceOf(buyer), 0, "the buyer paid exactly price x units");
        assertEq(usd.balanceOf(seller), payment - fee);
        assertEq(market.accruedFees(address(usd)), fee);
        (uint256 filled,) = market.orderStatus(market.hashOffer(o));
        assertEq(filled, units);
    }

    // =====================================================================================
    // item 18: random partial fills never over-fill (reference model of the remainder)
    // =====================================================================================

    // model state of the random partial-fill test
    uint256 internal mListUnits;
    uint256 internal mMinFill;
    uint256 internal mFilled; // units really sold through the listing
    uint256 internal mTokenUnits;
    bool internal mGone; // the whole token was sold

    function _step(HashMixMarket.Listing memory lst, bytes memory sig, uint256 x) internal {
        uint256 cap = mListUnits - mFilled;
        uint256 remaining = cap < mTokenUnits ? cap : mTokenUnits;
        uint256 takerBefore = usd.balanceOf(taker);
        vm.prank(taker);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = address(market).call(abi.encodeCall(HashMixMarket.fillListing, (lst, sig, x)));
        if (!ok) assertEq(usd.balanceOf(taker), takerBefore, "a failed fill costs nothing");
        if (mGone) {
            assertFalse(ok, "sold token");
        } else if (x == 0) {
            assertEq(ret, abi.encodeWithSelector(ZeroUnits.selector));
        } else if (x > remaining) {
            assertEq(ret, abi.encodeWithSelector(HashMixMarket.Overfill.selector, remaining, x));
        } else if (x < mMinFill && x != remaining) {
            assertEq(ret, abi.encodeWithSelector(HashMixMarket.FillTooSmall.selector, mMinFill, x));
        } else {
            assertTrue(ok, "valid fill refused");
            assertEq(takerBefore - usd.balanceOf(taker), 3 * x, "never rounds in the taker's favour");
            mFilled += x;
            if (x == mTokenUnits) mGone = true;
            else mTokenUnits -= x;
        }
    }

    function testFuzz_item18_randomPartialFillsNeverOverfill(uint256 listUnits, uint256 minFill, uint256[6] memory xs)
        public
    {
        mListUnits = bound(listUnits, 1, 2 * CAPACITY);
        mMinFill = bound(minFill, 0, mListUnits);
        mTokenUnits = CAPACITY;
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, mListUnits, mMinFill, address(usd), 3);
        bytes memory sig = _signListing(sellerKey, lst);
        _fundUsd(taker, type(uint128).max);
        for (uint256 i; i < xs.length; i++) {
            // mostly small fills, sometimes the exact remainder or beyond it
            uint256 x = xs[i] % 4 == 0 ? bound(xs[i], 0, CAPACITY + 1) : bound(xs[i], 0, CAPACITY / 4);
            _step(lst, sig, x);
        }
        assertLe(mFilled, mListUnits, "over-fill");
        assertEq(_liveSum(productId), CAPACITY, "units conserved");
        assertEq(usd.balanceOf(seller) + usd.balanceOf(address(market)), 3 * mFilled);
    }

    function testFuzz_item18_criteriaFillsNeverExceedOrder(uint256 orderUnits, uint256[4] memory xs) public {
        orderUnits = bound(orderUnits, 1, CAPACITY);
        _fundUsd(buyer, type(uint128).max);
        HashMixMarket.CriteriaOffer memory o = _criteria(buyer, orderUnits, 0, 5);
        bytes memory sig = _signCriteria(buyerKey, o);
        uint256 sold;
        for (uint256 i; i < xs.length; i++) {
            uint256 x = bound(xs[i], 1, CAPACITY - 1);
            uint256 tokenUnits = hpt.tokenData(tokenId).units;
            vm.prank(seller);
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok,) = address(market).call(abi.encodeCall(HashMixMarket.fillCriteriaOffer, (o, sig, tokenId, x)));
            bool expectOk = x <= orderUnits - sold && x < tokenUnits;
            assertEq(ok, expectOk);
            if (ok) sold += x;
        }
        (uint256 filled,) = market.orderStatus(market.hashCriteriaOffer(o));
        assertEq(filled, sold);
        assertLe(sold, orderUnits);
        assertEq(usd.balanceOf(seller) + usd.balanceOf(address(market)), 5 * sold);
    }

    // =====================================================================================
    // item 6: the calldata struct hashes equal EIP-712 over abi.encode
    // =====================================================================================

    function _digest(bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", market.domainSeparator(), structHash));
    }

    function testFuzz_item6_hashListing(HashMixMarket.Listing memory lst) public view {
        bytes32 s = keccak256(
            abi.encode(
                market.LISTING_TYPEHASH(),
                lst.seller,
                lst.tokenId,
                lst.tokenNonce,
                lst.units,
                lst.minFill,
                lst.currency,
                lst.pricePerUnit,
                lst.counter,
                lst.salt,
                lst.expiry
            )
        );
        assertEq(market.hashListing(lst), _digest(s));
    }

    function testFuzz_item6_hashOffer(HashMixMarket.Offer memory o) public view {
        bytes32 s = keccak256(
            abi.encode(
                market.OFFER_TYPEHASH(),
                o.buyer,
                o.tokenId,
                o.units,
                o.minFill,
                o.currency,
                o.pricePerUnit,
                o.counter,
                o.salt,
                o.expiry
            )
        );
        assertEq(market.hashOffer(o), _digest(s));
    }

    function testFuzz_item6_hashCriteriaOffer(HashMixMarket.CriteriaOffer memory o) public view {
        bytes32 s = keccak256(
            abi.encode(
                market.CRITERIA_OFFER_TYPEHASH(),
                o.buyer,
                o.assetClass,
                o.issuer,
                o.units,
                o.minFill,
                o.minRemainingTerm,
                o.currency,
                o.pricePerUnit,
                o.counter,
                o.salt,
                o.expiry
            )
        );
        assertEq(market.hashCriteriaOffer(o), _digest(s));
    }

    function testFuzz_item6_hashSwapOrder(HashMixMarket.SwapOrder memory o) public view {
        bytes32 s = keccak256(
            abi.encode(
                market.SWAP_ORDER_TYPEHASH(),
                o.maker,
                o.giveTokenId,
                o.giveTokenNonce,
                o.giveUnits,
                o.wantTokenId,
                o.wantUnits,
                o.counter,
                o.salt,
                o.expiry
            )
        );
        assertEq(market.hashSwapOrder(o), _digest(s));
    }

    /// Inside a batch the listings sit at dynamic offsets; their hashes (and so their signatures)
    /// must be the same as for a single fill.
    function testFuzz_item6_batchHashesMatch(uint256 a, uint256 b) public {
        a = bound(a, 1, CAPACITY / 2);
        b = bound(b, 1, CAPACITY / 2 - 1);
        HashMixMarket.ListingFill[] memory fills = new HashMixMarket.ListingFill[](2);
        HashMixMarket.Listing memory l1 = _listing(seller, tokenId, CAPACITY, 0, NATIVE, 1);
        HashMixMarket.Listing memory l2 = _listing(seller, tokenId, CAPACITY, 0, NATIVE, 2);
        fills[0] = HashMixMarket.ListingFill(l1, _signListing(sellerKey, l1), a);
        fills[1] = HashMixMarket.ListingFill(l2, _signListing(sellerKey, l2), b);
        vm.deal(taker, a + 2 * b);
        vm.prank(taker);
        market.fillListings{value: a + 2 * b}(fills);
        assertEq(hpt.tokenData(tokenId).units, CAPACITY - a - b);
        assertEq(taker.balance, 0);
    }

    // =====================================================================================
    // fee rate changes: capped, and every fill uses the current rate
    // =====================================================================================

    function testFuzz_item17_setFeeCapped(uint16 bps) public {
        vm.prank(owner);
        if (bps > 1_000) {
            vm.expectRevert(abi.encodeWithSelector(HashMixMarket.FeeTooHigh.selector, bps));
            market.setFee(feeSink, bps);
        } else {
            market.setFee(feeSink, bps);
            (, uint16 got) = market.feeConfig();
            assertEq(got, bps);
        }
    }
}
