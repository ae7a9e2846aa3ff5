// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {HashMixMarket} from "../../src/market/HashMixMarket.sol";
import {HashPowerToken} from "../../src/token/HashPowerToken.sol";
import {IHashPowerToken} from "../../src/interfaces/IHashPowerToken.sol";
import {TestPayoutToken} from "../../src/dev/TestPayoutToken.sol";
import {HashPowerFixtures} from "./HashPowerFixtures.sol";
import {MerkleHelper} from "./MerkleHelper.sol";

/// @dev Market on top of {HashPowerFixtures}: a market with a 2.5% fee, an ERC-20 currency (tUSD,
/// 6 decimals), a seller and a buyer with private keys (orders are signed with vm.sign over the
/// market's own hash functions), and helpers to build, sign and fill every order kind.
abstract contract MarketFixtures is HashPowerFixtures {
    HashMixMarket internal market;
    TestPayoutToken internal usd;

    address internal feeSink = makeAddr("feeSink");
    address internal seller;
    uint256 internal sellerKey;
    address internal buyer;
    uint256 internal buyerKey;
    address internal taker = makeAddr("taker");
    address internal taker2 = makeAddr("taker2");
    address internal taker3 = makeAddr("taker3");
    address internal vault = makeAddr("vault");

    uint16 internal constant FEE_BPS = 250;
    address internal constant NATIVE = address(0);
    uint256 internal constant PRICE = 3e9; // wei per unit (1e9 units => 3 ether)
    uint256 internal constant USD_PRICE = 2; // tUSD base units per unit

    uint256 internal productId;
    /// the seller's token: all CAPACITY units of the default product
    uint256 internal tokenId;
    uint256 internal salt;

    function setUp() public virtual override {
        super.setUp();
        (seller, sellerKey) = makeAddrAndKey("seller");
        (buyer, buyerKey) = makeAddrAndKey("buyer");
        market = new HashMixMarket(address(manager), hpt, feeSink, FEE_BPS);
        usd = new TestPayoutToken("US Dollar (test)", "tUSD", 6, owner);
        _register("HashMixMarket", address(market));
        _wire();
        _allowCurrency(address(usd));

        (productId, tokenId) = _mintDefault();
        vm.prank(issuer);
        hpt.transferFrom(issuer, seller, tokenId);
        _approveMarket(seller);
        _approveMarket(buyer);
        _approveMarket(issuer);
        vm.deal(seller, 1 ether); // a seller who has sent transactions is not an empty account
    }

    // ------------------------------------------------------------------ accounts & money

    /// Schedules and, after the delay, allows an ERC-20 as payment currency (time moves on and
    /// back, so the fixture's clock is unchanged).
    function _allowCurrency(address currency) internal {
        vm.prank(owner);
        market.scheduleCurrency(currency);
        uint256 t = block.timestamp;
        vm.warp(t + market.CURRENCY_DELAY());
        market.allowCurrency(currency);
        vm.warp(t);
    }

    function _approveMarket(address who) internal {
        vm.prank(who);
        hpt.setApprovalForAll(address(market), true);
        vm.prank(who);
        usd.approve(address(market), type(uint256).max);
    }

    function _fundUsd(address who, uint256 amount) internal {
        vm.prank(owner);
        usd.mint(who, amount);
        vm.prank(who);
        usd.approve(address(market), type(uint256).max);
    }

    function _feeOf(uint256 payment) internal pure returns (uint256) {
        return (payment * FEE_BPS) / 10_000;
    }

    // ------------------------------------------------------------------ order builders

    function _listing(address maker, uint256 id, uint256 units, uint256 minFill, address currency, uint256 price)
        internal
        returns (HashMixMarket.Listing memory lst)
    {
        lst.seller = maker;
        lst.tokenId = id;
        lst.tokenNonce = hpt.tokenNonce(id);
        lst.units = units;
        lst.minFill = minFill;
        lst.currency = currency;
        lst.pricePerUnit = price;
        lst.counter = market.counter(maker);
        lst.salt = ++salt;
        lst.expiry = uint64(block.timestamp + 7 days);
    }

    /// whole-token native listing of the seller's token
    function _nativeListing() internal returns (HashMixMarket.Listing memory) {
        return _listing(seller, tokenId, CAPACITY, 0, NATIVE, PRICE);
    }

    function _offer(address maker, uint256 id, uint256 units, uint256 minFill, uint256 price)
        internal
        returns (HashMixMarket.Offer memory o)
    {
        o.buyer = maker;
        o.tokenId = id;
        o.units = units;
        o.minFill = minFill;
        o.currency = address(usd);
        o.pricePerUnit = price;
        o.counter = market.counter(maker);
        o.salt = ++salt;
        o.expiry = uint64(block.timestamp + 7 days);
    }

    function _criteria(address maker, uint256 units, uint256 minFill, uint256 price)
        internal
        returns (HashMixMarket.CriteriaOffer memory o)
    {
        o.buyer = maker;
        o.assetClass = btc;
        o.issuer = issuer;
        o.units = units;
        o.minFill = minFill;
        o.minRemainingTerm = 30 days;
        o.currency = address(usd);
        o.pricePerUnit = price;
        o.counter = market.counter(maker);
        o.salt = ++salt;
        o.expiry = uint64(block.timestamp + 7 days);
    }

    function _swap(address maker, uint256 giveId, uint256 wantId) internal returns (HashMixMarket.SwapOrder memory s) {
        s.maker = maker;
        s.giveTokenId = giveId;
        s.giveTokenNonce = hpt.tokenNonce(giveId);
        s.giveUnits = hpt.tokenData(giveId).units;
        s.wantTokenId = wantId;
        // an id that does not exist (yet) is wanted with 0 units
        try hpt.tokenData(wantId) returns (IHashPowerToken.TokenData memory d) {
            s.wantUnits = d.units;
        } catch {}
        s.counter = market.counter(maker);
        s.salt = ++salt;
        s.expiry = uint64(block.timestamp + 7 days);
    }

    // ------------------------------------------------------------------ signing

    function _signListing(uint256 key, HashMixMarket.Listing memory lst) internal view returns (bytes memory) {
        return _signDigest(key, market.hashListing(lst));
    }

    function _signOffer(uint256 key, HashMixMarket.Offer memory o) internal view returns (bytes memory) {
        return _signDigest(key, market.hashOffer(o));
    }

    function _signCriteria(uint256 key, HashMixMarket.CriteriaOffer memory o) internal view returns (bytes memory) {
        return _signDigest(key, market.hashCriteriaOffer(o));
    }

    function _signSwap(uint256 key, HashMixMarket.SwapOrder memory s) internal view returns (bytes memory) {
        return _signDigest(key, market.hashSwapOrder(s));
    }

    // ------------------------------------------------------------------ fills

    function _buy(address who, HashMixMarket.Listing memory lst, bytes memory sig, uint256 units, uint256 value) internal {
        vm.deal(who, who.balance + value);
        vm.prank(who);
        market.fillListing{value: value}(lst, sig, units);
    }

    /// Marks a product defaulted through a test fulfillment vault (the `vault` account, wired as
    /// the deployment wires the FulfillmentVault: role PRODUCT_DEFAULTER).
    function _markDefaulted(uint256 pid) internal {
        if (_deployedAt("FulfillmentVault") == address(0)) {
            _register("FulfillmentVault", vault);
            _wire();
        }
        vm.prank(vault);
        hpt.markDefaulted(pid);
    }

    /// Mints a product sharing hardware hw[1] with the default product, gives its token to `to`,
    /// then has it frozen by a duplicate-hardware challenge.
    function _frozenToken(address to) internal returns (uint256 pid, uint256 id) {
        bytes32[] memory hwB = new bytes32[](2);
        hwB[0] = hw[1];
        hwB[1] = keccak256("unrelated-serial");
        (pid, id) = _mint(_attestationFor(issuer, hwB, 77));
        vm.prank(issuer);
        hpt.transferFrom(issuer, to, id);
        vm.prank(challenger);
        hardwareRegistry.challengeDuplicateHardware(hw[1], productId, MerkleHelper.proof(hw, 1), pid, MerkleHelper.proof(hwB, 0));
    }

    /// Mints a second product (hardware `tag`) to `to`; returns its token.
    function _mintTo(address to, string memory tag, uint256 nonce) internal returns (uint256 pid, uint256 id) {
        bytes32[] memory hardware = new bytes32[](2);
        hardware[0] = keccak256(abi.encodePacked(tag, "-0"));
        hardware[1] = keccak256(abi.encodePacked(tag, "-1"));
        HashPowerToken.ProductAttestation memory a = _attestationFor(issuer, hardware, nonce);
        (pid, id) = _mint(a);
        if (to != issuer) {
            vm.prank(issuer);
            hpt.transferFrom(issuer, to, id);
        }
    }
}
