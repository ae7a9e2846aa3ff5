// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {HashMixMarket} from "../src/market/HashMixMarket.sol";
import {MarketFixtures} from "./utils/MarketFixtures.sol";
import {
    ERC1271Wallet,
    ERC1271Reverting,
    ERC1271WrongMagic,
    ERC1271DirtyMagic,
    ERC1271ShortData,
    ERC1271NoData,
    ERC1271GasBurner,
    ERC1271Toggle,
    ERC1271ReturnBomb,
    ERC1271GasHungry
} from "./mocks/ERC1271Mocks.sol";
import {ReentrantReceiver} from "./mocks/ReentrantReceiver.sol";
import {FeeOnTransferToken, ReentrantToken, LyingToken} from "./mocks/TokenMocks.sol";
import {ReentrantWallet, MarketNativeRejecter, ERC1271Burner} from "./mocks/MarketMocks.sol";
import {NativeTransferFailed} from "../src/common/Errors.sol";
import {SignaturePolicy} from "../src/common/SignaturePolicy.sol";

/// @notice Attack tests of HashMixMarket, named by SECURITY-CHECKLIST item (1-6, 14-18).
contract HashMixMarketAttacksTest is MarketFixtures {
    uint256 internal constant SECP256K1_N =
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    bytes internal REENTRANT = abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
    bytes internal INVALID_SIG = abi.encodeWithSelector(HashMixMarket.InvalidSignature.selector);

    function _expectBuyRevert(HashMixMarket.Listing memory lst, bytes memory sig, uint256 units, bytes memory err)
        internal
    {
        uint256 value = lst.currency == NATIVE ? lst.pricePerUnit * units : 0;
        vm.deal(taker, taker.balance + value);
        vm.expectRevert(err);
        vm.prank(taker);
        market.fillListing{value: value}(lst, sig, units);
    }

    function _split(bytes memory sig) internal pure returns (bytes32 r, bytes32 s, uint8 v) {
        // solhint-disable-next-line no-inline-assembly
        assembly {
            r := mload(add(sig, 32))
            s := mload(add(sig, 64))
            v := byte(0, mload(add(sig, 96)))
        }
    }

    // =====================================================================================
    // item 1: one signer per order, the maker
    // =====================================================================================

    function test_item1_onlyTheMakersSignatureCounts() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        // another EOA's signature
        _expectBuyRevert(lst, _signListing(buyerKey, lst), CAPACITY, INVALID_SIG);
        // the maker's key signing for a wallet the listing does not name
        (address key, uint256 pk) = makeAddrAndKey("wallet key");
        ERC1271Wallet wallet = new ERC1271Wallet(key);
        lst.seller = address(wallet);
        _expectBuyRevert(lst, _signListing(sellerKey, lst), CAPACITY, INVALID_SIG);
        // the wallet's key signs, the wallet is the maker: the signature is good (the token is not the wallet's)
        _expectBuyRevert(
            lst,
            _signListing(pk, lst),
            CAPACITY,
            abi.encodeWithSelector(HashMixMarket.NotTokenOwner.selector, tokenId, address(wallet), seller)
        );
        // the wallet key's own EOA signature does not stand for the seller either
        lst.seller = seller;
        _expectBuyRevert(lst, _signListing(pk, lst), CAPACITY, INVALID_SIG);
    }

    // =====================================================================================
    // item 2: signature malleability and format
    // =====================================================================================

    function test_item2_highSCopyRejected() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        (bytes32 r, bytes32 s, uint8 v) = _split(_signListing(sellerKey, lst));
        bytes memory highS = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        _expectBuyRevert(lst, highS, CAPACITY, INVALID_SIG);
    }

    function test_item2_vOutsideRangeRejected() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        (bytes32 r, bytes32 s, uint8 v) = _split(_signListing(sellerKey, lst));
        _expectBuyRevert(lst, abi.encodePacked(r, s, v - 27), CAPACITY, INVALID_SIG); // 0 / 1
        _expectBuyRevert(lst, abi.encodePacked(r, s, uint8(29)), CAPACITY, INVALID_SIG);
    }

    function test_item2_eip2098ShortSignatureRejectedForEoas() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        (bytes32 r, bytes32 s, uint8 v) = _split(_signListing(sellerKey, lst));
        bytes32 vs = bytes32(uint256(s) | (uint256(v - 27) << 255));
        _expectBuyRevert(lst, abi.encodePacked(r, vs), CAPACITY, INVALID_SIG);
        _expectBuyRevert(lst, "", CAPACITY, INVALID_SIG);
    }

    // =====================================================================================
    // item 3: replay, other chain, other deployment
    // =====================================================================================

    function test_item3_replayOfFilledListingFails() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        _buy(taker, lst, sig, CAPACITY, PRICE * CAPACITY);
        // even after the token came back to the seller
        vm.prank(taker);
        hpt.transferFrom(taker, seller, tokenId);
        _expectBuyRevert(
            lst, sig, CAPACITY, abi.encodeWithSelector(HashMixMarket.StaleTokenNonce.selector, tokenId, uint32(1), uint32(3))
        );
    }

    function test_item3_replayOfFilledOfferFails() public {
        _fundUsd(buyer, 10e9);
        HashMixMarket.Offer memory o = _offer(buyer, tokenId, 100e6, 0, USD_PRICE);
        bytes memory sig = _signOffer(buyerKey, o);
        vm.prank(seller);
        market.fillOffer(o, sig, 100e6);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.Overfill.selector, 0, 100e6));
        vm.prank(seller);
        market.fillOffer(o, sig, 100e6);
    }

    function test_item3_signatureForAnotherChainFails() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        uint256 here = block.chainid;
        vm.chainId(1);
        bytes memory mainnetSig = _signListing(sellerKey, lst);
        bytes32 mainnetDigest = market.hashListing(lst);
        vm.chainId(here);
        assertTrue(mainnetDigest != market.hashListing(lst), "the domain separator follows the chain id");
        _expectBuyRevert(lst, mainnetSig, CAPACITY, INVALID_SIG);
        // and a signature made here is useless on a fork with another chain id
        bytes memory sig = _signListing(sellerKey, lst);
        vm.chainId(here + 1);
        _expectBuyRevert(lst, sig, CAPACITY, INVALID_SIG);
        vm.chainId(here);
        _buy(taker, lst, sig, CAPACITY, PRICE * CAPACITY);
    }

    function test_item3_signatureForAnotherDeploymentFails() public {
        HashMixMarket other = new HashMixMarket(address(manager), hpt, feeSink, FEE_BPS);
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signDigest(sellerKey, other.hashListing(lst));
        _expectBuyRevert(lst, sig, CAPACITY, INVALID_SIG);
    }

    // =====================================================================================
    // item 4: expiry
    // =====================================================================================

    function test_item4_expiredOrdersFail() public {
        _fundUsd(buyer, 10e9);
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory lsig = _signListing(sellerKey, lst);
        HashMixMarket.Offer memory o = _offer(buyer, tokenId, CAPACITY, 0, USD_PRICE);
        bytes memory osig = _signOffer(buyerKey, o);
        HashMixMarket.CriteriaOffer memory c = _criteria(buyer, CAPACITY, 0, USD_PRICE);
        bytes memory csig = _signCriteria(buyerKey, c);
        vm.warp(block.timestamp + 7 days + 1);
        _expectBuyRevert(lst, lsig, CAPACITY, abi.encodeWithSelector(HashMixMarket.OrderExpired.selector, lst.expiry));
        vm.startPrank(seller);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.OrderExpired.selector, o.expiry));
        market.fillOffer(o, osig, CAPACITY);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.OrderExpired.selector, c.expiry));
        market.fillCriteriaOffer(c, csig, tokenId, CAPACITY);
        vm.stopPrank();
    }

    // =====================================================================================
    // item 5: hostile ERC-1271 makers
    // =====================================================================================

    function _listingBy(address maker) internal returns (HashMixMarket.Listing memory lst) {
        lst = _nativeListing();
        lst.seller = maker;
    }

    function test_item5_reverting1271() public {
        HashMixMarket.Listing memory lst = _listingBy(address(new ERC1271Reverting()));
        _expectBuyRevert(lst, _signListing(sellerKey, lst), CAPACITY, INVALID_SIG);
    }

    function test_item5_wrongMagic1271() public {
        HashMixMarket.Listing memory lst = _listingBy(address(new ERC1271WrongMagic()));
        _expectBuyRevert(lst, _signListing(sellerKey, lst), CAPACITY, INVALID_SIG);
    }

    function test_item5_dirtyMagic1271() public {
        HashMixMarket.Listing memory lst = _listingBy(address(new ERC1271DirtyMagic()));
        _expectBuyRevert(lst, _signListing(sellerKey, lst), CAPACITY, INVALID_SIG);
    }

    function test_item5_shortData1271() public {
        HashMixMarket.Listing memory lst = _listingBy(address(new ERC1271ShortData()));
        _expectBuyRevert(lst, _signListing(sellerKey, lst), CAPACITY, INVALID_SIG);
    }

    function test_item5_noData1271() public {
        HashMixMarket.Listing memory lst = _listingBy(address(new ERC1271NoData()));
        _expectBuyRevert(lst, _signListing(sellerKey, lst), CAPACITY, INVALID_SIG);
    }

    function test_item5_gasBurner1271OnlyHurtsItsOwnOrder() public {
        HashMixMarket.Listing memory lst = _listingBy(address(new ERC1271GasBurner()));
        bytes memory sig = _signListing(sellerKey, lst);
        vm.deal(taker, PRICE * CAPACITY);
        vm.expectRevert(INVALID_SIG); // the wallet gets 100,000 gas (SignaturePolicy cap), not 63/64 of all
        vm.prank(taker);
        uint256 g0 = gasleft();
        market.fillListing{value: PRICE * CAPACITY, gas: 5_000_000}(lst, sig, CAPACITY);
        uint256 used = g0 - gasleft();
        assertEq(taker.balance, PRICE * CAPACITY);
        // the whole failed call cost about the cap, not the 5,000,000 it was given
        assertLt(used, SignaturePolicy.ERC1271_GAS_LIMIT + 60_000);
    }

    // =====================================================================================
    // items 2 and 5: the market applies SignaturePolicy (one rule for every HashMix contract)
    // =====================================================================================

    /// A wallet maker that owns the seller's token and approved the market, burning `burn` gas per check.
    function _burnerListing(uint256 burn) internal returns (ERC1271Burner wallet, HashMixMarket.Listing memory lst) {
        wallet = new ERC1271Burner(burn);
        vm.prank(seller);
        hpt.transferFrom(seller, address(wallet), tokenId);
        wallet.exec(address(hpt), 0, abi.encodeCall(hpt.setApprovalForAll, (address(market), true)));
        lst = _listing(address(wallet), tokenId, CAPACITY, 0, NATIVE, PRICE);
    }

    /// Item 5: a wallet that needs more than SignaturePolicy.ERC1271_GAS_LIMIT (100,000) gas to answer
    /// does not sign: the fill reverts with InvalidSignature, never with an out-of-gas of the whole
    /// call, even when the taker sent little more gas than a normal fill needs.
    function test_item5_walletBurningMoreThanTheCapIsRefusedNotOutOfGas() public {
        (, HashMixMarket.Listing memory lst) = _burnerListing(150_000);
        vm.deal(taker, PRICE * CAPACITY);
        uint256[3] memory gasGiven = [uint256(30_000_000), 1_000_000, 300_000];
        for (uint256 i; i < gasGiven.length; i++) {
            vm.expectRevert(INVALID_SIG);
            vm.prank(taker);
            uint256 g0 = gasleft();
            market.fillListing{value: PRICE * CAPACITY, gas: gasGiven[i]}(lst, hex"01", CAPACITY);
            uint256 used = g0 - gasleft();
            // the wallet got the cap and no more: the failed fill (call overhead included) used the
            // cap plus the market's own few tens of thousands
            assertGt(used, SignaturePolicy.ERC1271_GAS_LIMIT);
            assertLt(used, SignaturePolicy.ERC1271_GAS_LIMIT + 60_000);
        }
        assertEq(hpt.ownerOf(tokenId), lst.seller, "nothing moved");
        assertEq(taker.balance, PRICE * CAPACITY);
    }

    /// Item 5: the cap is the policy's, not the caller's: a wallet answering "valid" only when it has
    /// more than 100,000 gas never signs.
    function test_item5_gasHungryWalletNeverGetsMoreThanTheCap() public {
        ERC1271GasHungry hungry = new ERC1271GasHungry();
        HashMixMarket.Listing memory lst = _listingBy(address(hungry));
        _expectBuyRevert(lst, hex"01", CAPACITY, INVALID_SIG);
    }

    /// Item 5: a wallet that answers within the cap (a 60,000-gas check, more than a 5-owner Safe) signs.
    function test_item5_walletWithinTheCapSigns() public {
        (ERC1271Burner wallet, HashMixMarket.Listing memory lst) = _burnerListing(60_000);
        _buy(taker, lst, hex"01", CAPACITY / 2, PRICE * (CAPACITY / 2));
        assertEq(hpt.balanceOf(taker), 1);
        assertEq(address(wallet).balance, PRICE * (CAPACITY / 2) - _feeOf(PRICE * (CAPACITY / 2)));
    }

    /// Puts code at the seller's address (an EOA that gained code, e.g. by EIP-7702 delegation): the
    /// code is ERC1271Toggle, whose `valid` flag (slot 0) is false at the seller's empty storage, so
    /// the code itself accepts nothing.
    function _sellerGainsCode() internal {
        ERC1271Toggle impl = new ERC1271Toggle();
        vm.etch(seller, address(impl).code);
        assertGt(seller.code.length, 0);
        assertFalse(ERC1271Toggle(payable(seller)).valid());
    }

    /// Item 5 / SignaturePolicy: ECDSA is tried first, so an EOA maker that gained code keeps signing
    /// with its key (its code is not consulted and would have said no).
    function test_item5_eoaMakerWithCodeStillSignsWithItsKey() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        _sellerGainsCode();
        uint256 sellerBefore = seller.balance;
        _buy(taker, lst, sig, CAPACITY, PRICE * CAPACITY);
        assertEq(hpt.ownerOf(tokenId), taker);
        assertEq(seller.balance - sellerBefore, PRICE * CAPACITY - _feeOf(PRICE * CAPACITY));
        // an offer by a buyer that gained code, too
        _fundUsd(buyer, 10e9);
        vm.etch(buyer, seller.code);
        HashMixMarket.Offer memory o = _offer(buyer, tokenId, CAPACITY, 0, USD_PRICE);
        bytes memory osig = _signOffer(buyerKey, o);
        _approveMarket(taker);
        vm.prank(taker);
        market.fillOffer(o, osig, CAPACITY);
        assertEq(hpt.ownerOf(tokenId), buyer);
    }

    /// Items 2 and 5: for an EOA with code the key's signature must still be canonical: a high-s copy
    /// and the 64-byte EIP-2098 form are refused by ECDSA and then by its code.
    function test_item2_eoaMakerWithCodeStillNeedsCanonicalSignatures() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        (bytes32 r, bytes32 s, uint8 v) = _split(_signListing(sellerKey, lst));
        _sellerGainsCode();
        bytes memory highS = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        _expectBuyRevert(lst, highS, CAPACITY, INVALID_SIG);
        bytes32 vs = bytes32(uint256(s) | (uint256(v - 27) << 255));
        _expectBuyRevert(lst, abi.encodePacked(r, vs), CAPACITY, INVALID_SIG);
        // the canonical 65-byte signature works
        _buy(taker, lst, abi.encodePacked(r, s, v), CAPACITY, PRICE * CAPACITY);
        assertEq(hpt.ownerOf(tokenId), taker);
    }

    /// Item 2: the EIP-2098 64-byte form is refused for offers and swaps too (every order kind goes
    /// through the same policy), and so is a high-s copy.
    function test_item2_compactAndHighSRefusedForEveryOrderKind() public {
        _fundUsd(buyer, 10e9);
        HashMixMarket.Offer memory o = _offer(buyer, tokenId, CAPACITY, 0, USD_PRICE);
        (bytes32 r, bytes32 s, uint8 v) = _split(_signOffer(buyerKey, o));
        bytes32 vs = bytes32(uint256(s) | (uint256(v - 27) << 255));
        bytes memory highS = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.startPrank(seller);
        vm.expectRevert(INVALID_SIG);
        market.fillOffer(o, abi.encodePacked(r, vs), CAPACITY);
        vm.expectRevert(INVALID_SIG);
        market.fillOffer(o, highS, CAPACITY);
        vm.stopPrank();

        HashMixMarket.CriteriaOffer memory c = _criteria(buyer, CAPACITY, 0, USD_PRICE);
        (r, s, v) = _split(_signCriteria(buyerKey, c));
        vs = bytes32(uint256(s) | (uint256(v - 27) << 255));
        vm.expectRevert(INVALID_SIG);
        vm.prank(seller);
        market.fillCriteriaOffer(c, abi.encodePacked(r, vs), tokenId, CAPACITY);

        (, uint256 wantId) = _mintTo(alice, "want", 5);
        _approveMarket(alice);
        HashMixMarket.SwapOrder memory sw = _swap(seller, tokenId, wantId);
        (r, s, v) = _split(_signSwap(sellerKey, sw));
        vs = bytes32(uint256(s) | (uint256(v - 27) << 255));
        highS = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.startPrank(alice);
        vm.expectRevert(INVALID_SIG);
        market.fillSwap(sw, abi.encodePacked(r, vs));
        vm.expectRevert(INVALID_SIG);
        market.fillSwap(sw, highS);
        market.fillSwap(sw, abi.encodePacked(r, s, v));
        vm.stopPrank();
        assertEq(hpt.ownerOf(tokenId), alice);
    }

    function test_item5_answerChangingSigner() public {
        ERC1271Toggle toggle = new ERC1271Toggle();
        vm.prank(seller);
        hpt.transferFrom(seller, address(toggle), tokenId);
        toggle.exec(address(hpt), 0, abi.encodeCall(hpt.setApprovalForAll, (address(market), true)));
        HashMixMarket.Listing memory lst = _listing(address(toggle), tokenId, CAPACITY, 0, NATIVE, PRICE);
        bytes memory sig = hex"00";
        toggle.set(false);
        _expectBuyRevert(lst, sig, CAPACITY, INVALID_SIG);
        toggle.set(true);
        _buy(taker, lst, sig, CAPACITY / 2, PRICE * (CAPACITY / 2));
        assertEq(hpt.balanceOf(taker), 1);
    }

    function test_item5_returnBombIsBounded() public {
        ERC1271ReturnBomb bomb = new ERC1271ReturnBomb();
        HashMixMarket.Listing memory lst = _listingBy(address(bomb));
        bytes memory sig = _signListing(sellerKey, lst);
        vm.deal(taker, PRICE * CAPACITY);
        // the magic in its first word is an answer "valid"; only 32 bytes are copied back, so the
        // check stays cheap, and the fill then fails on the token (not the bomb's)
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.NotTokenOwner.selector, tokenId, address(bomb), seller));
        vm.prank(taker);
        market.fillListing{value: PRICE * CAPACITY, gas: 200_000}(lst, sig, CAPACITY);
    }

    // =====================================================================================
    // item 6: typed data (abi.encode, pinned type strings: see also the unit and fuzz tests)
    // =====================================================================================

    function test_item6_hashesAreEip712OfAbiEncode() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes32 structHash = keccak256(
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
        assertEq(market.hashListing(lst), keccak256(abi.encodePacked("\x19\x01", market.domainSeparator(), structHash)));
        HashMixMarket.SwapOrder memory s = _swap(seller, tokenId, 99);
        structHash = keccak256(
            abi.encode(
                market.SWAP_ORDER_TYPEHASH(), s.maker, s.giveTokenId, s.giveTokenNonce, s.giveUnits, s.wantTokenId, s.wantUnits,
                s.counter, s.salt, s.expiry
            )
        );
        assertEq(market.hashSwapOrder(s), keccak256(abi.encodePacked("\x19\x01", market.domainSeparator(), structHash)));
    }

    /// The struct hash is taken over raw calldata; a narrow field with dirty high bits must not
    /// slip through (the ABI decoder rejects it when the fill reads the field).
    function test_item6_dirtyNarrowFieldsRejected() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        bytes memory data = abi.encodeCall(HashMixMarket.fillListing, (lst, sig, CAPACITY));
        // word k of the listing starts at 4 + 32 k; set its top byte
        uint256[4] memory narrow = [uint256(0), 2, 5, 9]; // seller, tokenNonce, currency, expiry
        vm.deal(taker, 10 * PRICE * CAPACITY);
        for (uint256 i; i < 4; i++) {
            bytes memory dirty = bytes.concat(data);
            dirty[4 + 32 * narrow[i]] = 0x01;
            vm.prank(taker);
            (bool ok, bytes memory ret) = address(market).call{value: PRICE * CAPACITY}(dirty);
            assertFalse(ok, "dirty field accepted");
            // the seller and expiry are read (and rejected by the ABI decoder) before the
            // signature check; the nonce and currency change the hash, so the signature fails
            if (i == 1 || i == 2) assertEq(ret, INVALID_SIG);
        }
        vm.prank(taker);
        (bool clean,) = address(market).call{value: PRICE * CAPACITY}(data);
        assertTrue(clean);
    }

    // =====================================================================================
    // item 14: conservation (see the invariant test for the random version)
    // =====================================================================================

    function test_item14_feePlusProceedsEqualsPricePaid() public {
        _fundUsd(taker, 1e18);
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 1, address(usd), 7_777);
        bytes memory sig = _signListing(sellerKey, lst);
        uint256[3] memory fills = [uint256(1), 333_333, 1_234_567];
        for (uint256 i; i < 3; i++) {
            uint256 takerBefore = usd.balanceOf(taker);
            uint256 sellerBefore = usd.balanceOf(seller);
            uint256 marketBefore = usd.balanceOf(address(market));
            vm.prank(taker);
            market.fillListing(lst, sig, fills[i]);
            uint256 paid = takerBefore - usd.balanceOf(taker);
            assertEq(paid, 7_777 * fills[i], "exactly price x units");
            assertEq(
                (usd.balanceOf(seller) - sellerBefore) + (usd.balanceOf(address(market)) - marketBefore), paid
            );
        }
        assertEq(_liveSum(productId), CAPACITY);
    }

    // =====================================================================================
    // item 15: re-entrancy
    // =====================================================================================

    /// A malicious ERC-20 currency re-enters the market from inside the payment.
    function _reentrantCurrencySale(bytes memory reenter) internal returns (ReentrantToken evil) {
        evil = new ReentrantToken();
        _allowCurrency(address(evil)); // an allowed currency that turns out hostile
        evil.mint(taker, 1e18);
        vm.prank(taker);
        evil.approve(address(market), type(uint256).max);
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 1, address(evil), 3);
        bytes memory sig = _signListing(sellerKey, lst);
        evil.arm(address(market), reenter);
        uint256 before = hpt.balanceOf(taker);
        vm.prank(taker);
        market.fillListing(lst, sig, 10e6);
        assertFalse(evil.lastCallSucceeded());
        assertEq(evil.lastError(), REENTRANT);
        assertEq(hpt.balanceOf(taker), before + 1, "the outer fill went through");
    }

    function test_item15_erc20HookCannotReenterFillListing() public {
        HashMixMarket.Listing memory other = _listing(seller, tokenId, CAPACITY, 1, NATIVE, 0);
        bytes memory sig = _signListing(sellerKey, other);
        _reentrantCurrencySale(abi.encodeCall(HashMixMarket.fillListing, (other, sig, 1)));
    }

    function test_item15_erc20HookCannotReenterOtherEntryPoints() public {
        HashMixMarket.Listing[] memory none = new HashMixMarket.Listing[](0);
        _reentrantCurrencySale(abi.encodeCall(HashMixMarket.cancelListings, (none)));
        _reentrantCurrencySale(abi.encodeCall(HashMixMarket.withdrawFees, (NATIVE)));
        _reentrantCurrencySale(abi.encodeCall(HashMixMarket.incrementCounter, ()));
        _reentrantCurrencySale(abi.encodeCall(HashMixMarket.fillListings, (new HashMixMarket.ListingFill[](0))));
        HashMixMarket.Offer memory o = _offer(buyer, tokenId, 1, 0, 1);
        _reentrantCurrencySale(abi.encodeCall(HashMixMarket.fillOffer, (o, "", 1)));
        HashMixMarket.CriteriaOffer memory c = _criteria(buyer, 1, 0, 1);
        _reentrantCurrencySale(abi.encodeCall(HashMixMarket.fillCriteriaOffer, (c, "", tokenId, 1)));
        HashMixMarket.SwapOrder memory s = _swap(seller, tokenId, 1);
        _reentrantCurrencySale(abi.encodeCall(HashMixMarket.fillSwap, (s, "")));
        _reentrantCurrencySale(abi.encodeCall(HashMixMarket.cancelOffers, (new HashMixMarket.Offer[](0))));
        _reentrantCurrencySale(
            abi.encodeCall(HashMixMarket.cancelCriteriaOffers, (new HashMixMarket.CriteriaOffer[](0)))
        );
        _reentrantCurrencySale(abi.encodeCall(HashMixMarket.cancelSwaps, (new HashMixMarket.SwapOrder[](0))));
        _reentrantCurrencySale(abi.encodeCall(HashMixMarket.accruedFees, (NATIVE)));
    }

    function test_item15_erc20HookInOfferPayment() public {
        ReentrantToken evil = new ReentrantToken();
        _allowCurrency(address(evil));
        evil.mint(buyer, 1e18);
        vm.prank(buyer);
        evil.approve(address(market), type(uint256).max);
        HashMixMarket.Offer memory o = _offer(buyer, tokenId, CAPACITY, 0, 3);
        o.currency = address(evil);
        bytes memory sig = _signOffer(buyerKey, o);
        // re-fill the same offer from inside its payment
        evil.arm(address(market), abi.encodeCall(HashMixMarket.fillOffer, (o, sig, 1)));
        vm.prank(seller);
        market.fillOffer(o, sig, 500e6);
        assertEq(evil.lastError(), REENTRANT);
        (uint256 filled,) = market.orderStatus(market.hashOffer(o));
        assertEq(filled, 500e6);
    }

    /// A native-coin seller contract re-enters on receive (to buy again, or to skim the taker's
    /// coins held for a moment through withdrawFees, or to read a half-done fee balance).
    function _reentrantSeller(bytes memory reenter) internal returns (ReentrantWallet wallet) {
        (address key, uint256 pk) = makeAddrAndKey("evil seller");
        wallet = new ReentrantWallet(key);
        vm.prank(seller);
        hpt.transferFrom(seller, address(wallet), tokenId);
        wallet.exec(address(hpt), 0, abi.encodeCall(hpt.setApprovalForAll, (address(market), true)));
        HashMixMarket.Listing memory lst = _listing(address(wallet), tokenId, CAPACITY, 1, NATIVE, PRICE);
        bytes memory sig = _signListing(pk, lst);
        wallet.arm(address(market), reenter);
        _buy(taker, lst, sig, 100e6, PRICE * 100e6 + 1 ether);
        assertFalse(wallet.lastCallSucceeded());
        assertEq(wallet.lastError(), REENTRANT);
        assertEq(taker.balance, 1 ether, "exact refund");
        assertEq(wallet.received(), PRICE * 100e6 - _feeOf(PRICE * 100e6));
        assertEq(market.accruedFees(NATIVE), _feeOf(PRICE * 100e6));
    }

    function test_item15_nativeSellerCannotReenterFill() public {
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 1, NATIVE, 0);
        _reentrantSeller(abi.encodeCall(HashMixMarket.fillListing, (lst, "", 1)));
    }

    function test_item15_nativeSellerCannotWithdrawFeesMidFill() public {
        _reentrantSeller(abi.encodeCall(HashMixMarket.withdrawFees, (NATIVE)));
        assertEq(feeSink.balance, 0);
    }

    function test_item15_nativeSellerCannotReadFeesMidFill() public {
        _reentrantSeller(abi.encodeCall(HashMixMarket.accruedFees, (NATIVE)));
    }

    function test_item15_noErc721ReceiverCallback() public {
        ReentrantReceiver receiver = new ReentrantReceiver();
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 1, NATIVE, PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        receiver.arm(address(market), abi.encodeCall(HashMixMarket.fillListing, (lst, sig, 1)));
        vm.deal(address(receiver), PRICE * 200e6);
        vm.prank(address(receiver));
        market.fillListing{value: PRICE * 100e6}(lst, sig, 100e6); // carve: plain mint
        assertEq(receiver.receivedCount(), 0);
        HashMixMarket.Listing memory w = _listing(seller, tokenId, CAPACITY, 0, NATIVE, PRICE);
        sig = _signListing(sellerKey, w);
        vm.deal(address(receiver), PRICE * CAPACITY);
        vm.prank(address(receiver));
        market.fillListing{value: PRICE * (CAPACITY - 100e6)}(w, sig, CAPACITY - 100e6); // transferFrom
        assertEq(receiver.receivedCount(), 0);
        assertEq(hpt.balanceOf(address(receiver)), 2);
    }

    // =====================================================================================
    // item 16: cancel, counter, token nonce, expiry
    // =====================================================================================

    function test_item16_cancelKillsEveryKind() public {
        _fundUsd(buyer, 10e9);
        HashMixMarket.Listing[] memory ls = new HashMixMarket.Listing[](1);
        ls[0] = _nativeListing();
        bytes memory lsig = _signListing(sellerKey, ls[0]);
        vm.prank(seller);
        market.cancelListings(ls);
        _expectBuyRevert(
            ls[0], lsig, CAPACITY, abi.encodeWithSelector(HashMixMarket.OrderIsCancelled.selector, market.hashListing(ls[0]))
        );

        HashMixMarket.CriteriaOffer[] memory cs = new HashMixMarket.CriteriaOffer[](1);
        cs[0] = _criteria(buyer, CAPACITY, 0, USD_PRICE);
        bytes memory csig = _signCriteria(buyerKey, cs[0]);
        vm.prank(buyer);
        market.cancelCriteriaOffers(cs);
        vm.expectRevert(
            abi.encodeWithSelector(HashMixMarket.OrderIsCancelled.selector, market.hashCriteriaOffer(cs[0]))
        );
        vm.prank(seller);
        market.fillCriteriaOffer(cs[0], csig, tokenId, CAPACITY);
    }

    function test_item16_counterBumpKillsAllOrdersOfTheMaker() public {
        HashMixMarket.Listing memory a = _nativeListing();
        HashMixMarket.Listing memory b = _listing(seller, tokenId, CAPACITY, 1, NATIVE, 2 * PRICE);
        bytes memory asig = _signListing(sellerKey, a);
        bytes memory bsig = _signListing(sellerKey, b);
        vm.prank(seller);
        market.incrementCounter();
        bytes memory err = abi.encodeWithSelector(HashMixMarket.StaleCounter.selector, 0, 1);
        _expectBuyRevert(a, asig, CAPACITY, err);
        _expectBuyRevert(b, bsig, 1, err);
        // a fresh order with the new counter works
        HashMixMarket.Listing memory c = _nativeListing();
        _buy(taker, c, _signListing(sellerKey, c), CAPACITY, PRICE * CAPACITY);
    }

    function test_item16_listingDiesWhenTokenLeavesEvenIfItComesBack() public {
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory sig = _signListing(sellerKey, lst);
        vm.prank(seller);
        hpt.transferFrom(seller, alice, tokenId);
        _expectBuyRevert(lst, sig, CAPACITY, abi.encodeWithSelector(HashMixMarket.NotTokenOwner.selector, tokenId, seller, alice));
        vm.prank(alice);
        hpt.transferFrom(alice, seller, tokenId);
        _expectBuyRevert(
            lst, sig, CAPACITY, abi.encodeWithSelector(HashMixMarket.StaleTokenNonce.selector, tokenId, uint32(1), uint32(3))
        );
    }

    function test_item16_bumpKillsAllListingsOfTheToken() public {
        HashMixMarket.Listing memory a = _nativeListing();
        HashMixMarket.Listing memory b = _listing(seller, tokenId, CAPACITY, 1, address(usd), USD_PRICE);
        bytes memory asig = _signListing(sellerKey, a);
        bytes memory bsig = _signListing(sellerKey, b);
        vm.prank(seller);
        hpt.bumpTokenNonce(tokenId);
        bytes memory err = abi.encodeWithSelector(HashMixMarket.StaleTokenNonce.selector, tokenId, uint32(1), uint32(2));
        _expectBuyRevert(a, asig, CAPACITY, err);
        _expectBuyRevert(b, bsig, 1, err);
    }

    function test_item16_swapDiesWithTheGiveTokensNonce() public {
        (, uint256 wantId) = _mintTo(alice, "want", 5);
        _approveMarket(alice);
        HashMixMarket.SwapOrder memory s = _swap(seller, tokenId, wantId);
        bytes memory sig = _signSwap(sellerKey, s);
        vm.prank(seller);
        hpt.transferFrom(seller, bob(), tokenId);
        vm.prank(bob());
        hpt.transferFrom(bob(), seller, tokenId);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.StaleTokenNonce.selector, tokenId, uint32(1), uint32(3)));
        vm.prank(alice);
        market.fillSwap(s, sig);
    }

    function bob() internal returns (address) {
        return makeAddr("bob");
    }

    // =====================================================================================
    // item 17: fees capped, fee receiver, odd currencies
    // =====================================================================================

    function test_item17_feeCapped() public {
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.FeeTooHigh.selector, uint16(1_001)));
        vm.prank(owner);
        market.setFee(feeSink, 1_001);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.FeeTooHigh.selector, type(uint16).max));
        vm.prank(owner);
        market.setFee(feeSink, type(uint16).max);
    }

    function test_item17_revertingFeeReceiverDoesNotBrickSales() public {
        MarketNativeRejecter rejecter = new MarketNativeRejecter();
        vm.prank(owner);
        market.setFee(address(rejecter), FEE_BPS);
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 1, NATIVE, PRICE);
        bytes memory sig = _signListing(sellerKey, lst);
        _buy(taker, lst, sig, 1, PRICE);
        _buy(taker2, lst, sig, 2, 2 * PRICE);
        assertEq(hpt.balanceOf(taker2), 1);
        vm.expectRevert(
            abi.encodeWithSelector(NativeTransferFailed.selector, address(rejecter), _feeOf(PRICE) + _feeOf(2 * PRICE))
        );
        market.withdrawFees(NATIVE);
    }

    function test_item17_feeOnTransferCurrencyHandledExactly() public {
        FeeOnTransferToken fot = new FeeOnTransferToken();
        _allowCurrency(address(fot)); // the currency admin allowed it, knowingly or not
        fot.mint(taker, 1e18);
        vm.prank(taker);
        fot.approve(address(market), type(uint256).max);
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 1, address(fot), 1_000);
        bytes memory sig = _signListing(sellerKey, lst);
        vm.prank(taker);
        market.fillListing(lst, sig, 1_000);
        uint256 payment = 1_000 * 1_000;
        uint256 fee = _feeOf(payment);
        assertEq(1e18 - fot.balanceOf(taker), payment, "the taker pays exactly price x units");
        assertEq(fot.balanceOf(seller), ((payment - fee) * 99) / 100, "the seller bears its currency's cut");
        // the protocol's fees are what actually arrived, and all of it can be withdrawn
        assertEq(market.accruedFees(address(fot)), fee - fee / 100);
        assertEq(market.accruedFees(address(fot)), fot.balanceOf(address(market)));
        market.withdrawFees(address(fot));
        assertEq(fot.balanceOf(address(market)), 0);
        assertEq(market.accruedFees(address(fot)), 0);
    }

    function test_item17_lyingCurrencyCannotCorruptTheBooks() public {
        LyingToken liar = new LyingToken();
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, CAPACITY, 1, address(liar), 1_000);
        bytes memory sig = _signListing(sellerKey, lst);
        // not an allowed currency: refused outright
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.CurrencyNotAllowed.selector, address(liar)));
        vm.prank(taker);
        market.fillListing(lst, sig, 1_000);
        // and if the currency admin allowed it anyway, it still cannot corrupt the books
        _allowCurrency(address(liar));
        vm.prank(taker);
        market.fillListing(lst, sig, 1_000); // the seller chose a currency that pays nothing
        assertEq(liar.balanceOf(seller), 0);
        assertEq(market.accruedFees(address(liar)), 0);
        market.withdrawFees(address(liar));
        // and nothing else in the market is reachable through it
        assertEq(market.accruedFees(NATIVE), 0);
    }

    // =====================================================================================
    // item 18 (unit version; the fuzz test randomizes it): partial fills never over-fill,
    // never round in the taker's favour
    // =====================================================================================

    function test_item18_dustFillsPayAtLeastNothingLess() public {
        _fundUsd(taker, 1e18);
        HashMixMarket.Listing memory lst = _listing(seller, tokenId, 5, 1, address(usd), 1);
        bytes memory sig = _signListing(sellerKey, lst);
        for (uint256 i; i < 5; i++) {
            vm.prank(taker);
            market.fillListing(lst, sig, 1);
        }
        assertEq(usd.balanceOf(seller) + usd.balanceOf(address(market)), 5);
        assertEq(1e18 - usd.balanceOf(taker), 5);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.Overfill.selector, 0, 1));
        vm.prank(taker);
        market.fillListing(lst, sig, 1);
    }

    // =====================================================================================
    // front-running a criteria offer: two sellers race, the loser reverts and loses nothing
    // =====================================================================================

    function test_frontRun_criteriaOfferLoserRevertsWithOverfill() public {
        _fundUsd(buyer, 10e9);
        (, uint256 aliceToken) = _mintTo(alice, "race", 5);
        _approveMarket(alice);
        HashMixMarket.CriteriaOffer memory o = _criteria(buyer, CAPACITY, CAPACITY, USD_PRICE);
        bytes memory sig = _signCriteria(buyerKey, o);

        vm.prank(alice); // lands first
        market.fillCriteriaOffer(o, sig, aliceToken, CAPACITY);

        uint256 usdBefore = usd.balanceOf(seller);
        uint32 nonceBefore = hpt.tokenNonce(tokenId);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.Overfill.selector, 0, CAPACITY));
        vm.prank(seller);
        market.fillCriteriaOffer(o, sig, tokenId, CAPACITY);
        assertEq(hpt.ownerOf(tokenId), seller);
        assertEq(hpt.tokenData(tokenId).units, CAPACITY);
        assertEq(hpt.tokenNonce(tokenId), nonceBefore);
        assertEq(usd.balanceOf(seller), usdBefore);
        assertEq(hpt.ownerOf(aliceToken), buyer);
    }

    // =====================================================================================
    // frozen and defaulted products are not tradable
    // =====================================================================================

    function test_frozenProductNotTradable() public {
        (, uint256 frozenId) = _frozenToken(seller);
        HashMixMarket.Listing memory lst = _listing(seller, frozenId, CAPACITY, 1, NATIVE, PRICE);
        _expectBuyRevert(
            lst, _signListing(sellerKey, lst), 1, abi.encodeWithSelector(HashMixMarket.NotTradable.selector, frozenId)
        );
    }

    function test_defaultedProductNotTradableButStillTransfers() public {
        _fundUsd(buyer, 10e9);
        HashMixMarket.Listing memory lst = _nativeListing();
        bytes memory lsig = _signListing(sellerKey, lst);
        HashMixMarket.Offer memory o = _offer(buyer, tokenId, CAPACITY, 0, USD_PRICE);
        bytes memory osig = _signOffer(buyerKey, o);
        _markDefaulted(productId);
        bytes memory err = abi.encodeWithSelector(HashMixMarket.NotTradable.selector, tokenId);
        _expectBuyRevert(lst, lsig, CAPACITY, err);
        vm.expectRevert(err);
        vm.prank(seller);
        market.fillOffer(o, osig, CAPACITY);
        // outside the market the token still moves (claims are per holding)
        vm.prank(seller);
        hpt.transferFrom(seller, alice, tokenId);
        assertEq(hpt.ownerOf(tokenId), alice);
    }

    // =====================================================================================
    // swap orders and carves: `carve` keeps a token's id and nonce, so a swap order signs both
    // sides' units (giveUnits, wantUnits) and a shrunk token is refused (UnitsChanged)
    // =====================================================================================

    /// Item 16: a carve keeps a token's id and nonce, so a swap order signs both sides' units: the
    /// taker cannot shrink the wanted token before filling, nor the maker the given one.
    function test_item16_swapRefusesATokenCarvedBeforeTheFill() public {
        (, uint256 wantId) = _mintTo(alice, "want", 5);
        _approveMarket(alice);
        HashMixMarket.SwapOrder memory s = _swap(seller, tokenId, wantId); // the maker wants 1,000e6 units
        bytes memory sig = _signSwap(sellerKey, s);
        vm.startPrank(alice);
        hpt.carve(wantId, CAPACITY - 1, alice); // keeps id and nonce
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.UnitsChanged.selector, wantId, CAPACITY, 1));
        market.fillSwap(s, sig);
        vm.stopPrank();
        assertEq(hpt.ownerOf(wantId), alice, "nothing moved");

        // the maker front-runs by carving its own token: refused too
        HashMixMarket.SwapOrder memory s2 = _swap(seller, tokenId, wantId);
        s2.wantUnits = 1;
        bytes memory sig2 = _signSwap(sellerKey, s2);
        vm.prank(seller);
        hpt.carve(tokenId, 10, seller);
        vm.expectRevert(abi.encodeWithSelector(HashMixMarket.UnitsChanged.selector, tokenId, CAPACITY, CAPACITY - 10));
        vm.prank(alice);
        market.fillSwap(s2, sig2);
    }
}
