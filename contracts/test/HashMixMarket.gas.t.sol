// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {console} from "forge-std/console.sol";
import {HashMixMarket} from "../src/market/HashMixMarket.sol";
import {MarketFixtures} from "./utils/MarketFixtures.sol";
import {GasBench, GasProbe} from "./utils/GasBench.sol";

/// @notice Gas benchmarks, one test per scenario, measured as a fresh taker's transaction would
/// pay (execution gas and transaction total, in both EDR modes: see GasBench). Steady state: the
/// market already accrued fees in the currency, the seller already holds some of the ERC-20 and has
/// a nonzero native balance (a seller who sent transactions); the taker never held a token
/// ("fresh") and approved the ERC-20 with an unlimited allowance. Native fills pay the exact price
/// (no refund).
///
/// {test_gas_accounting_whatLastCallGasCounts} asserts what `vm.lastCallGas` counts in each mode,
/// the basis of GasBench's accounting: plain, an empty call shows ~141 (no 21,000 base), 10,000
/// more calldata bytes add ~230 (not 160,000), and clearing a slot shows the full SSTORE cost with
/// gasRefunded 4,800; isolated, an empty call reports 21,205 and a 10,000-byte call the floor
/// 422,050.
///
/// {test_gas_breakdown_nativeVsErc20} splits the execution gas of four fills into the phases that can
/// be replayed from outside (tradeState, transferFrom or carve, ERC-20 transferFrom, native send),
/// in the market's order and from the same cold state; "market logic" is the remainder (calldata
/// decoding, EIP-712 hash, signature, checks, fee, event, re-entrancy guard). It needs the plain
/// mode (isolation would turn each replayed call into its own transaction) and says so otherwise.
contract HashMixMarketGasTest is MarketFixtures, GasBench {
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
        GAS_PROBE.set(7); // the accounting test clears it: a cold SSTORE with a refund
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

    function test_gas_fillListing_wholeNative() public {
        bytes memory data = abi.encodeCall(HashMixMarket.fillListing, (nativeWhole, nativeWholeSig, CAPACITY));
        _bench("whole token, native coin", address(market), fresh, data, PRICE * CAPACITY, 100_000);
        assertEq(hpt.ownerOf(tokenId), fresh);
    }

    function test_gas_fillListing_wholeErc20() public {
        bytes memory data = abi.encodeCall(HashMixMarket.fillListing, (usdWhole, usdWholeSig, CAPACITY));
        _bench("whole token, ERC-20", address(market), fresh, data, 0, 112_000);
        assertEq(hpt.ownerOf(usdToken), fresh);
    }

    function test_gas_fillListing_partialNative() public {
        bytes memory data = abi.encodeCall(HashMixMarket.fillListing, (nativePartial, nativePartialSig, CAPACITY / 3));
        _bench("partial fill with carve, native coin", address(market), fresh, data, PRICE * (CAPACITY / 3), 160_000);
        assertEq(hpt.balanceOf(fresh), 1);
    }

    function test_gas_fillListing_partialOfPartListingNative() public {
        bytes memory data =
            abi.encodeCall(HashMixMarket.fillListing, (nativePartListing, nativePartListingSig, CAPACITY / 3));
        _bench(
            "partial fill with carve, listing of half the token (status written), native",
            address(market),
            fresh,
            data,
            PRICE * (CAPACITY / 3),
            0
        );
        assertEq(hpt.balanceOf(fresh), 1);
    }

    function test_gas_fillListing_partialErc20() public {
        bytes memory data = abi.encodeCall(HashMixMarket.fillListing, (usdPartial, usdPartialSig, CAPACITY / 3));
        _bench("partial fill with carve, ERC-20", address(market), fresh, data, 0, 0);
        assertEq(hpt.balanceOf(fresh), 1);
    }

    function test_gas_fillCriteriaOffer_whole() public {
        bytes memory data =
            abi.encodeCall(HashMixMarket.fillCriteriaOffer, (criteria, criteriaSig, usdToken, CAPACITY));
        _bench("criteria offer, whole token, ERC-20 (seller takes)", address(market), seller, data, 0, 0);
        assertEq(hpt.ownerOf(usdToken), buyer);
    }

    function test_gas_fillOffer_whole() public {
        bytes memory data = abi.encodeCall(HashMixMarket.fillOffer, (offer, offerSig, CAPACITY));
        _bench("offer, whole token, ERC-20 (seller takes)", address(market), seller, data, 0, 0);
        assertEq(hpt.ownerOf(usdToken), buyer);
    }

    function test_gas_fillSwap() public {
        bytes memory data = abi.encodeCall(HashMixMarket.fillSwap, (swapOrder, swapSig));
        _bench("swap, whole tokens", address(market), swapper, data, 0, 120_000);
        assertEq(hpt.ownerOf(swapGive), swapper);
        assertEq(hpt.ownerOf(swapWant), seller);
    }

    function test_gas_fillListings_batchOf10() public {
        bytes memory data = abi.encodeCall(HashMixMarket.fillListings, (batch));
        Measured memory m = _bench("batch of 10 whole native listings", address(market), fresh, data, batchValue, 0);
        console.log("  execution per listing       ", m.execution / 10);
        console.log("  transaction total per listing", m.txTotal / 10);
        assertEq(hpt.balanceOf(fresh), 10);
    }

    // =====================================================================================
    // what vm.lastCallGas counts (the basis of the transaction totals above)
    // =====================================================================================

    function test_gas_accounting_whatLastCallGasCounts() public {
        bool isolated = _isolated();
        // an empty call
        uint256 g0 = gasleft();
        GAS_PROBE.ping();
        uint256 pingDelta = g0 - gasleft();
        Vm.Gas memory ping = vm.lastCallGas();
        (uint256 cdPing,) = _calldataCost(abi.encodeCall(GasProbe.ping, ()));
        // the same with 10,000 more (nonzero) calldata bytes: 160,000 calldata gas in a transaction
        bytes memory big = new bytes(10_000);
        for (uint256 i; i < big.length; i++) {
            big[i] = 0x11;
        }
        GAS_PROBE.pingData(big);
        Vm.Gas memory bigCall = vm.lastCallGas();
        (uint256 cdBig, uint256 tokensBig) = _calldataCost(abi.encodeCall(GasProbe.pingData, (big)));
        // clearing a slot set in setUp: a cold SSTORE (2,100 + 2,900) and a 4,800 refund
        GAS_PROBE.set(0);
        Vm.Gas memory clear = vm.lastCallGas();
        (uint256 cdClear,) = _calldataCost(abi.encodeCall(GasProbe.set, (0)));
        assertEq(clear.gasRefunded, int64(4_800));

        console.log("mode", isolated ? "isolated (--gas-stats)" : "plain");
        console.log("  empty call: gasTotalUsed / gasleft delta", ping.gasTotalUsed, pingDelta);
        console.log("  10,000-byte call: gasTotalUsed / calldata gas", bigCall.gasTotalUsed, cdBig);
        console.log("  slot clear: gasTotalUsed / refund", clear.gasTotalUsed, uint256(uint64(clear.gasRefunded)));
        if (!isolated) {
            assertLt(ping.gasTotalUsed, 1_000, "the 21,000 base is not counted");
            assertLt(bigCall.gasTotalUsed - ping.gasTotalUsed, 1_000, "calldata gas is not counted");
            assertGe(clear.gasTotalUsed, 5_000, "the refund is not subtracted");
            assertLt(clear.gasTotalUsed, 6_000);
            // the test's own call overhead (cold-or-warm account access, code-size check, ABI) is not
            // in the callee's figure either
            assertGt(pingDelta, ping.gasTotalUsed);
        } else {
            assertGe(ping.gasTotalUsed, 21_000 + cdPing, "base and calldata counted");
            assertLt(ping.gasTotalUsed, 21_000 + cdPing + 1_000);
            assertEq(bigCall.gasTotalUsed, 21_000 + 10 * tokensBig, "the EIP-7623 floor is applied");
            // 21,000 + calldata + ~5,250 execution - 4,800 refund
            assertGe(clear.gasTotalUsed + 4_800, 21_000 + cdClear + 5_000, "refund subtracted");
            assertLt(clear.gasTotalUsed + 4_800, 21_000 + cdClear + 6_000);
        }
    }

    // =====================================================================================
    // per-fill breakdown: native coin vs ERC-20, whole vs partial
    // =====================================================================================

    struct Phases {
        uint256 execution;
        uint256 tradeState;
        uint256 deliver;
        uint256 pay; // native send, or ERC-20 proceeds transferFrom
        uint256 payFee; // ERC-20 fee transferFrom (native fees stay in the market: no call)
        uint256 digest;
        uint256 ecrecoverGas;
    }

    function test_gas_breakdown_nativeVsErc20() public {
        if (_isolated()) {
            console.log("breakdown: run without --gas-stats (isolation turns each replayed call into a transaction)");
            return;
        }
        uint256 third = CAPACITY / 3;
        // (the listed tokens hold CAPACITY units: a fill of CAPACITY is whole, of a third a carve)
        Phases memory a = _breakdown("whole token, native coin", nativeWhole, nativeWholeSig, CAPACITY, true);
        Phases memory b = _breakdown("whole token, ERC-20", usdWhole, usdWholeSig, CAPACITY, true);
        Phases memory c = _breakdown("partial fill (carve), native coin", nativePartial, nativePartialSig, third, false);
        Phases memory d = _breakdown("partial fill (carve), ERC-20", usdPartial, usdPartialSig, third, false);
        console.log("ERC-20 minus native, whole / partial", b.execution - a.execution, d.execution - c.execution);
        console.log("carve minus transferFrom, native / ERC-20", c.deliver - a.deliver, d.deliver - b.deliver);
        // the replayed phases never exceed the fill they come from
        assertLt(a.tradeState + a.deliver + a.pay, a.execution);
        assertLt(d.tradeState + d.deliver + d.pay + d.payFee, d.execution);
    }

    /// Fills `lst` once (its execution gas), then goes back to the same state and replays, from
    /// outside and in the market's order, the calls the fill makes; each is measured by a gasleft
    /// delta around the call (the call site's own cost included, as the market pays it). Nothing
    /// of the token, the ERC-20 or the seller is touched before the snapshot: reverting to it makes
    /// them cold again.
    function _breakdown(
        string memory name,
        HashMixMarket.Listing memory lst,
        bytes memory sig,
        uint256 units,
        bool whole
    ) internal returns (Phases memory p) {
        uint256 payment = lst.pricePerUnit * units;
        uint256 snap = vm.snapshotState();

        vm.prank(fresh, fresh);
        market.fillListing{value: lst.currency == NATIVE ? payment : 0}(lst, sig, units);
        p.execution = vm.lastCallGas().gasTotalUsed;
        assertEq(hpt.ownerOf(lst.tokenId) == fresh, whole);
        vm.revertToState(snap);
        _replay(p, lst, sig, units, whole);
        vm.revertToState(snap);
        _logPhases(name, p, whole, lst.currency == NATIVE);
    }

    /// The calls of one fill, replayed from the snapshot state (see {_breakdown}).
    function _replay(Phases memory p, HashMixMarket.Listing memory lst, bytes memory sig, uint256 units, bool whole)
        internal
    {
        uint256 payment = lst.pricePerUnit * units;
        uint256 fee = _feeOf(payment);
        uint256 g0 = gasleft();
        hpt.tradeState(lst.tokenId);
        p.tradeState = g0 - gasleft();
        vm.prank(address(market));
        g0 = gasleft();
        if (whole) hpt.transferFrom(lst.seller, fresh, lst.tokenId);
        else hpt.carve(lst.tokenId, units, fresh);
        p.deliver = g0 - gasleft();
        if (lst.currency == NATIVE) {
            vm.deal(address(this), payment);
            g0 = gasleft();
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok,) = lst.seller.call{value: payment - fee}("");
            p.pay = g0 - gasleft();
            assertTrue(ok);
        } else {
            vm.prank(address(market));
            g0 = gasleft();
            usd.transferFrom(fresh, lst.seller, payment - fee);
            p.pay = g0 - gasleft();
            vm.prank(address(market));
            g0 = gasleft();
            usd.transferFrom(fresh, address(market), fee);
            p.payFee = g0 - gasleft();
        }
        // parts of the market's own logic, measured alone
        bytes32 digest = market.hashListing(lst);
        p.digest = vm.lastCallGas().gasTotalUsed;
        (uint8 v, bytes32 r, bytes32 s) = _vrs(sig);
        g0 = gasleft();
        ecrecover(digest, v, r, s);
        p.ecrecoverGas = g0 - gasleft();
    }

    function _logPhases(string memory name, Phases memory p, bool whole, bool native) internal pure {
        console.log(string.concat("breakdown: ", name));
        console.log("  execution gas of the fill   ", p.execution);
        console.log("  tradeState (token, cold)    ", p.tradeState);
        console.log(whole ? "  transferFrom (token)        " : "  carve (token)               ", p.deliver);
        if (native) {
            console.log("  native send to the seller   ", p.pay);
        } else {
            console.log("  ERC-20 transferFrom proceeds", p.pay);
            console.log("  ERC-20 transferFrom fee     ", p.payFee);
        }
        console.log("  market logic (the rest)     ", p.execution - p.tradeState - p.deliver - p.pay - p.payFee);
        console.log("    of which: EIP-712 digest as a view call / ecrecover", p.digest, p.ecrecoverGas);
    }

    function _vrs(bytes memory sig) internal pure returns (uint8 v, bytes32 r, bytes32 s) {
        // solhint-disable-next-line no-inline-assembly
        assembly {
            r := mload(add(sig, 32))
            s := mload(add(sig, 64))
            v := byte(0, mload(add(sig, 96)))
        }
    }
}

/// @notice A listing's later partial fill: an earlier buyer carved the same token an hour before, so
/// this carve first moves the holding that the token's slice kept from the earlier carve to a slot
/// of its own (HoldingERC721), which the first carve of a token does not pay. Same steady state as
/// {HashMixMarketGasTest}: the earlier fill accrued the market's native fees and paid the seller.
contract HashMixMarketLaterPartialGasTest is MarketFixtures, GasBench {
    address internal fresh = makeAddr("freshTaker");
    HashMixMarket.Listing internal listing;
    bytes internal listingSig;

    function setUp() public override {
        super.setUp();
        vm.deal(fresh, 1_000 ether);
        listing = _listing(seller, tokenId, CAPACITY, 1, NATIVE, PRICE);
        listingSig = _signListing(sellerKey, listing);
        vm.warp(block.timestamp + 1 hours);
        _buy(taker, listing, listingSig, CAPACITY / 4, PRICE * (CAPACITY / 4));
        vm.warp(block.timestamp + 1 hours);
    }

    function test_gas_fillListing_laterPartialNative() public {
        bytes memory data = abi.encodeCall(HashMixMarket.fillListing, (listing, listingSig, CAPACITY / 3));
        _bench(
            "later partial fill with carve (token carved before), native", address(market), fresh, data, PRICE * (CAPACITY / 3), 0
        );
        assertEq(hpt.balanceOf(fresh), 1);
        assertEq(hpt.holdingCount(tokenId), 3, "the seller's holdings before each carve, and the open one");
    }
}
