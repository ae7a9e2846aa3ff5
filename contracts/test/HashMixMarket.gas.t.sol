// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {console} from "forge-std/console.sol";
import {HashMixMarket} from "../src/market/HashMixMarket.sol";
import {MarketFixtures} from "./utils/MarketFixtures.sol";

/// @notice Gas benchmarks, one test per scenario, measured as a fresh taker's transaction would
/// pay: every order, signature and balance is prepared in setUp (a separate transaction), so the
/// measured call starts with cold storage like a real one. Each test logs the fill call's gas
/// (gasleft delta and the callee's own `lastCallGas`) and the transaction total
/// = 21,000 + calldata (4 per zero byte, 16 per other byte) + the callee's execution gas - the
/// storage refund (capped at a fifth). `npm run gas` reports the same totals per function.
/// Steady state: the market already accrued fees in the currency, the seller already holds some of
/// the ERC-20 and has a nonzero native balance (a seller who sent transactions); the taker never
/// held a token ("fresh") and approved the ERC-20 with an unlimited allowance.
contract HashMixMarketGasTest is MarketFixtures {
    address internal fresh = makeAddr("freshTaker");
    /// owns the token the swap maker wants (so not "fresh" in the sense of holding no token)
    address internal swapper = makeAddr("swapper");

    HashMixMarket.Listing internal nativeWhole;
    bytes internal nativeWholeSig;
    HashMixMarket.Listing internal usdWhole;
    bytes internal usdWholeSig;
    HashMixMarket.Listing internal nativePartial;
    bytes internal nativePartialSig;
    HashMixMarket.Listing internal nativePartListing;
    bytes internal nativePartListingSig;
    HashMixMarket.Listing internal usdPartial;
    bytes internal usdPartialSig;
    HashMixMarket.CriteriaOffer internal criteria;
    bytes internal criteriaSig;
    HashMixMarket.Offer internal offer;
    bytes internal offerSig;
    HashMixMarket.SwapOrder internal swapOrder;
    bytes internal swapSig;
    HashMixMarket.ListingFill[] internal batch;
    uint256 internal batchValue;

    uint256 internal usdToken;
    uint256 internal swapGive;
    uint256 internal swapWant;
    uint256[] internal batchIds;

    function setUp() public override {
        super.setUp();
        // Steady state: a first sale in each currency accrued fees, the seller holds tUSD.
        _warmUp();
        _fundUsd(seller, 1e6);
        _fundUsd(fresh, 1e18);
        _fundUsd(buyer, 1e18);
        vm.deal(fresh, 1_000 ether);

        // the seller's token: whole native listing, and a partial native listing of the same token
        nativeWhole = _nativeListing();
        nativeWholeSig = _signListing(sellerKey, nativeWhole);
        nativePartial = _listing(seller, tokenId, CAPACITY, 1, NATIVE, PRICE);
        nativePartialSig = _signListing(sellerKey, nativePartial);
        // a listing of only half the token: its fills are recorded (status slot)
        nativePartListing = _listing(seller, tokenId, CAPACITY / 2, 1, NATIVE, PRICE);
        nativePartListingSig = _signListing(sellerKey, nativePartListing);

        // a second seller token for tUSD listings
        (, usdToken) = _mintTo(seller, "usd", 11);
        usdWhole = _listing(seller, usdToken, CAPACITY, 0, address(usd), USD_PRICE);
        usdWholeSig = _signListing(sellerKey, usdWhole);
        usdPartial = _listing(seller, usdToken, CAPACITY, 1, address(usd), USD_PRICE);
        usdPartialSig = _signListing(sellerKey, usdPartial);

        // a criteria offer and an offer by the buyer, filled by the seller with its token
        criteria = _criteria(buyer, CAPACITY, 0, USD_PRICE);
        criteriaSig = _signCriteria(buyerKey, criteria);
        offer = _offer(buyer, usdToken, CAPACITY, 0, USD_PRICE);
        offerSig = _signOffer(buyerKey, offer);

        // swap: the seller gives its token for the fresh taker's token
        swapGive = tokenId;
        (, swapWant) = _mintTo(swapper, "swap", 12);
        _approveMarket(swapper);
        _approveMarket(fresh);
        swapOrder = _swap(seller, swapGive, swapWant);
        swapSig = _signSwap(sellerKey, swapOrder);

        _prepareBatch();
        vm.warp(block.timestamp + 1 hours); // holdings opened in setUp are closed (not zero-length) by the fills
    }

    /// batch: 10 whole native listings of 10 tokens of the seller
    function _prepareBatch() internal {
        (, uint256 batchToken) = _mintTo(seller, "batch", 13);
        uint256[] memory parts = new uint256[](10);
        for (uint256 i; i < 10; i++) {
            parts[i] = CAPACITY / 10;
        }
        vm.prank(seller);
        uint256[] memory ids = hpt.split(batchToken, parts);
        for (uint256 i; i < 10; i++) {
            batchIds.push(ids[i]);
            HashMixMarket.Listing memory lst = _listing(seller, ids[i], CAPACITY / 10, 0, NATIVE, PRICE);
            batch.push(HashMixMarket.ListingFill({listing: lst, signature: _signListing(sellerKey, lst), units: CAPACITY / 10}));
            batchValue += PRICE * (CAPACITY / 10);
        }
    }

    /// One earlier sale per currency so the fee slots are in use (steady state).
    function _warmUp() internal {
        (, uint256 id) = _mintTo(seller, "warm", 10);
        HashMixMarket.Listing memory lst = _listing(seller, id, CAPACITY, 1, NATIVE, 1);
        _buy(taker, lst, _signListing(sellerKey, lst), 1_000, 1_000);
        lst = _listing(seller, id, CAPACITY, 1, address(usd), 1);
        _fundUsd(taker, 1e18);
        bytes memory sig = _signListing(sellerKey, lst);
        vm.prank(taker);
        market.fillListing(lst, sig, 1_000);
        assertGt(market.accruedFees(NATIVE), 0);
        assertGt(market.accruedFees(address(usd)), 0);
    }

    function _calldataGas(bytes memory data) internal pure returns (uint256 g) {
        for (uint256 i; i < data.length; i++) {
            g += data[i] == 0 ? 4 : 16;
        }
    }

    function _bench(string memory name, address from, bytes memory data, uint256 value, uint256 goal)
        internal
        returns (uint256 total)
    {
        vm.prank(from, from);
        uint256 g0 = gasleft();
        (bool ok, bytes memory ret) = address(market).call{value: value}(data);
        uint256 delta = g0 - gasleft();
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        Vm.Gas memory g = vm.lastCallGas();
        uint256 cd = _calldataGas(data);
        uint256 gross = 21_000 + cd + g.gasTotalUsed;
        uint256 refund = g.gasRefunded > 0 ? uint256(uint64(g.gasRefunded)) : 0;
        if (refund > gross / 5) refund = gross / 5; // EIP-3529 cap
        total = gross - refund;
        console.log(name);
        console.log("  gasleft delta of the call   ", delta);
        console.log("  callee execution gas        ", g.gasTotalUsed);
        console.log("  calldata gas (bytes)        ", cd, data.length);
        console.log("  refund                      ", refund);
        console.log("  transaction total           ", total);
        if (goal != 0) console.log("  goal                        ", goal);
    }

    function test_gas_fillListing_wholeNative() public {
        bytes memory data = abi.encodeCall(HashMixMarket.fillListing, (nativeWhole, nativeWholeSig, CAPACITY));
        _bench("whole token, native coin", fresh, data, PRICE * CAPACITY, 90_000);
        assertEq(hpt.ownerOf(tokenId), fresh);
    }

    function test_gas_fillListing_wholeErc20() public {
        bytes memory data = abi.encodeCall(HashMixMarket.fillListing, (usdWhole, usdWholeSig, CAPACITY));
        _bench("whole token, ERC-20", fresh, data, 0, 100_000);
        assertEq(hpt.ownerOf(usdToken), fresh);
    }

    function test_gas_fillListing_partialNative() public {
        bytes memory data = abi.encodeCall(HashMixMarket.fillListing, (nativePartial, nativePartialSig, CAPACITY / 3));
        _bench("partial fill with carve, native coin", fresh, data, PRICE * (CAPACITY / 3), 150_000);
        assertEq(hpt.balanceOf(fresh), 1);
    }

    function test_gas_fillListing_partialOfPartListingNative() public {
        bytes memory data =
            abi.encodeCall(HashMixMarket.fillListing, (nativePartListing, nativePartListingSig, CAPACITY / 3));
        _bench("partial fill with carve, listing of half the token (status written), native", fresh, data, PRICE * (CAPACITY / 3), 150_000);
        assertEq(hpt.balanceOf(fresh), 1);
    }

    function test_gas_fillListing_partialErc20() public {
        bytes memory data = abi.encodeCall(HashMixMarket.fillListing, (usdPartial, usdPartialSig, CAPACITY / 3));
        _bench("partial fill with carve, ERC-20", fresh, data, 0, 150_000);
        assertEq(hpt.balanceOf(fresh), 1);
    }

    function test_gas_fillCriteriaOffer_whole() public {
        bytes memory data =
            abi.encodeCall(HashMixMarket.fillCriteriaOffer, (criteria, criteriaSig, usdToken, CAPACITY));
        _bench("criteria offer, whole token, ERC-20 (seller takes)", seller, data, 0, 0);
        assertEq(hpt.ownerOf(usdToken), buyer);
    }

    function test_gas_fillOffer_whole() public {
        bytes memory data = abi.encodeCall(HashMixMarket.fillOffer, (offer, offerSig, CAPACITY));
        _bench("offer, whole token, ERC-20 (seller takes)", seller, data, 0, 0);
        assertEq(hpt.ownerOf(usdToken), buyer);
    }

    function test_gas_fillSwap() public {
        bytes memory data = abi.encodeCall(HashMixMarket.fillSwap, (swapOrder, swapSig));
        _bench("swap, whole tokens", swapper, data, 0, 110_000);
        assertEq(hpt.ownerOf(swapGive), swapper);
        assertEq(hpt.ownerOf(swapWant), seller);
    }

    function test_gas_fillListings_batchOf10() public {
        bytes memory data = abi.encodeCall(HashMixMarket.fillListings, (batch));
        uint256 total = _bench("batch of 10 whole native listings", fresh, data, batchValue, 0);
        console.log("  per listing                 ", total / 10);
        assertEq(hpt.balanceOf(fresh), 10);
    }
}
