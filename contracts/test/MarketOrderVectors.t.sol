// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {stdJson} from "forge-std/StdJson.sol";
import {HashMixMarket} from "../src/market/HashMixMarket.sol";
import {VectorFixtures} from "./utils/VectorFixtures.sol";

/// @notice SECURITY-CHECKLIST item 6 for the market: ../test-vectors/market-orders.json is generated and
/// signed by the Java SDK (hashmix-proofs MarketVectors, checked by TestVectorsTest). For every order of
/// the four kinds this test recomputes the struct hash from the fields (type strings pinned here, field
/// order of SPEC section C), recomputes the digest from the JSON domain, checks that the market's
/// hashListing/hashOffer/hashCriteriaOffer/hashSwapOrder return that digest, and that the signature is
/// the maker's (ecrecover, and vm.sign with the vector key gives the same bytes).
contract MarketOrderVectorsTest is VectorFixtures {
    using stdJson for string;

    string internal constant VECTORS = "../test-vectors/market-orders.json";

    bytes32 internal constant LISTING_TYPEHASH = keccak256(
        "Listing(address seller,uint256 tokenId,uint32 tokenNonce,uint256 units,uint256 minFill,address currency,"
        "uint256 pricePerUnit,uint256 counter,uint256 salt,uint64 expiry)"
    );
    bytes32 internal constant OFFER_TYPEHASH = keccak256(
        "Offer(address buyer,uint256 tokenId,uint256 units,uint256 minFill,address currency,uint256 pricePerUnit,"
        "uint256 counter,uint256 salt,uint64 expiry)"
    );
    bytes32 internal constant CRITERIA_OFFER_TYPEHASH = keccak256(
        "CriteriaOffer(address buyer,bytes32 assetClass,address issuer,uint256 units,uint256 minFill,"
        "uint64 minRemainingTerm,address currency,uint256 pricePerUnit,uint256 counter,uint256 salt,uint64 expiry)"
    );
    bytes32 internal constant SWAP_ORDER_TYPEHASH = keccak256(
        "SwapOrder(address maker,uint256 giveTokenId,uint32 giveTokenNonce,uint256 giveUnits,uint256 wantTokenId,"
        "uint256 wantUnits,uint256 counter,uint256 salt,uint64 expiry)"
    );

    /// The market's runtime code at the vector address.
    HashMixMarket internal market;

    function setUp() public override {
        super.setUp();
        HashMixMarket deployed = new HashMixMarket(owner, hpt, makeAddr("feeRecipient"), 0);
        _loadVectors(VECTORS, address(deployed));
        market = HashMixMarket(vectorContract);
    }

    // ---------------------------------------------------------------- JSON helpers

    function _uint64(string memory path) internal view returns (uint64) {
        uint256 v = _uint(path);
        assertLe(v, type(uint64).max, path);
        return uint64(v);
    }

    function _uint32(string memory path) internal view returns (uint32) {
        uint256 v = _uint(path);
        assertLe(v, type(uint32).max, path);
        return uint32(v);
    }

    // ---------------------------------------------------------------- orders from JSON

    function _listing(string memory c) internal view returns (HashMixMarket.Listing memory lst) {
        string memory o = string.concat(c, ".order");
        lst.seller = json.readAddress(string.concat(o, ".seller"));
        lst.tokenId = _uint(string.concat(o, ".tokenId"));
        lst.tokenNonce = _uint32(string.concat(o, ".tokenNonce"));
        lst.units = _uint(string.concat(o, ".units"));
        lst.minFill = _uint(string.concat(o, ".minFill"));
        lst.currency = json.readAddress(string.concat(o, ".currency"));
        lst.pricePerUnit = _uint(string.concat(o, ".pricePerUnit"));
        lst.counter = _uint(string.concat(o, ".counter"));
        lst.salt = _uint(string.concat(o, ".salt"));
        lst.expiry = _uint64(string.concat(o, ".expiry"));
    }

    function _offer(string memory c) internal view returns (HashMixMarket.Offer memory f) {
        string memory o = string.concat(c, ".order");
        f.buyer = json.readAddress(string.concat(o, ".buyer"));
        f.tokenId = _uint(string.concat(o, ".tokenId"));
        f.units = _uint(string.concat(o, ".units"));
        f.minFill = _uint(string.concat(o, ".minFill"));
        f.currency = json.readAddress(string.concat(o, ".currency"));
        f.pricePerUnit = _uint(string.concat(o, ".pricePerUnit"));
        f.counter = _uint(string.concat(o, ".counter"));
        f.salt = _uint(string.concat(o, ".salt"));
        f.expiry = _uint64(string.concat(o, ".expiry"));
    }

    function _criteriaOffer(string memory c) internal view returns (HashMixMarket.CriteriaOffer memory f) {
        string memory o = string.concat(c, ".order");
        f.buyer = json.readAddress(string.concat(o, ".buyer"));
        f.assetClass = json.readBytes32(string.concat(o, ".assetClass"));
        f.issuer = json.readAddress(string.concat(o, ".issuer"));
        f.units = _uint(string.concat(o, ".units"));
        f.minFill = _uint(string.concat(o, ".minFill"));
        f.minRemainingTerm = _uint64(string.concat(o, ".minRemainingTerm"));
        f.currency = json.readAddress(string.concat(o, ".currency"));
        f.pricePerUnit = _uint(string.concat(o, ".pricePerUnit"));
        f.counter = _uint(string.concat(o, ".counter"));
        f.salt = _uint(string.concat(o, ".salt"));
        f.expiry = _uint64(string.concat(o, ".expiry"));
    }

    function _swapOrder(string memory c) internal view returns (HashMixMarket.SwapOrder memory s) {
        string memory o = string.concat(c, ".order");
        s.maker = json.readAddress(string.concat(o, ".maker"));
        s.giveTokenId = _uint(string.concat(o, ".giveTokenId"));
        s.giveTokenNonce = _uint32(string.concat(o, ".giveTokenNonce"));
        s.giveUnits = _uint(string.concat(o, ".giveUnits"));
        s.wantTokenId = _uint(string.concat(o, ".wantTokenId"));
        s.wantUnits = _uint(string.concat(o, ".wantUnits"));
        s.counter = _uint(string.concat(o, ".counter"));
        s.salt = _uint(string.concat(o, ".salt"));
        s.expiry = _uint64(string.concat(o, ".expiry"));
    }

    // ---------------------------------------------------------------- independent struct hashes

    function _hash(HashMixMarket.Listing memory lst) internal pure returns (bytes32) {
        return keccak256(
            bytes.concat(
                abi.encode(LISTING_TYPEHASH, lst.seller, lst.tokenId, lst.tokenNonce, lst.units, lst.minFill),
                abi.encode(lst.currency, lst.pricePerUnit, lst.counter, lst.salt, lst.expiry)
            )
        );
    }

    function _hash(HashMixMarket.Offer memory f) internal pure returns (bytes32) {
        return keccak256(
            bytes.concat(
                abi.encode(OFFER_TYPEHASH, f.buyer, f.tokenId, f.units, f.minFill),
                abi.encode(f.currency, f.pricePerUnit, f.counter, f.salt, f.expiry)
            )
        );
    }

    function _hash(HashMixMarket.CriteriaOffer memory f) internal pure returns (bytes32) {
        return keccak256(
            bytes.concat(
                abi.encode(CRITERIA_OFFER_TYPEHASH, f.buyer, f.assetClass, f.issuer, f.units, f.minFill),
                abi.encode(f.minRemainingTerm, f.currency, f.pricePerUnit, f.counter, f.salt, f.expiry)
            )
        );
    }

    function _hash(HashMixMarket.SwapOrder memory s) internal pure returns (bytes32) {
        return keccak256(
            bytes.concat(
                abi.encode(SWAP_ORDER_TYPEHASH, s.maker, s.giveTokenId, s.giveTokenNonce, s.giveUnits, s.wantTokenId),
                abi.encode(s.wantUnits, s.counter, s.salt, s.expiry)
            )
        );
    }

    // ---------------------------------------------------------------- shared checks

    /// The case's struct hash equals ours, its digest is ours under the JSON domain, and returns the digest.
    function _checkHashes(string memory c, bytes32 structHash, bytes32 typeHash) internal view returns (bytes32 digest) {
        string memory name = json.readString(string.concat(c, ".name"));
        assertEq(json.readBytes32(string.concat(c, ".typeHash")), typeHash, string.concat(name, ": typeHash"));
        assertEq(json.readBytes32(string.concat(c, ".structHash")), structHash, string.concat(name, ": structHash"));
        digest = _digest(structHash);
        assertEq(json.readBytes32(string.concat(c, ".digest")), digest, string.concat(name, ": digest"));
    }

    /// The case's signer is the maker, and its signature is the signer's (see {_checkEcdsa}).
    function _checkSignature(string memory c, bytes32 digest, address maker) internal view {
        string memory name = json.readString(string.concat(c, ".name"));
        address signer = json.readAddress(string.concat(c, ".signer.address"));
        assertEq(signer, maker, string.concat(name, ": the maker signs"));
        _checkEcdsa(
            digest,
            json.readBytes(string.concat(c, ".signature")),
            signer,
            json.readUint(string.concat(c, ".signer.privateKey")),
            name
        );
    }

    // ---------------------------------------------------------------- tests

    function test_vectors_typeStringsAndHashes() public view {
        string[4] memory kinds = [string("listing"), "offer", "criteriaOffer", "swap"];
        bytes32[4] memory hashes = [LISTING_TYPEHASH, OFFER_TYPEHASH, CRITERIA_OFFER_TYPEHASH, SWAP_ORDER_TYPEHASH];
        for (uint256 k; k < 4; k++) {
            string memory t = string.concat(".types.", kinds[k]);
            assertEq(keccak256(bytes(json.readString(string.concat(t, ".typeString")))), hashes[k], kinds[k]);
            assertEq(json.readBytes32(string.concat(t, ".typeHash")), hashes[k], kinds[k]);
            // OrderFilled.kind codes: 0 listing, 1 offer, 2 criteria offer, 3 swap
            assertEq(_uint(string.concat(t, ".code")), k, kinds[k]);
        }
        assertEq(market.LISTING_TYPEHASH(), LISTING_TYPEHASH);
        assertEq(market.OFFER_TYPEHASH(), OFFER_TYPEHASH);
        assertEq(market.CRITERIA_OFFER_TYPEHASH(), CRITERIA_OFFER_TYPEHASH);
        assertEq(market.SWAP_ORDER_TYPEHASH(), SWAP_ORDER_TYPEHASH);
    }

    function test_vectors_domainSeparator() public view {
        _checkJsonDomain();
        assertEq(market.domainSeparator(), domainSeparator, "market separator");
    }

    function test_vectors_listings() public view {
        uint256 n = _count(".listings");
        assertGe(n, 3);
        bool sawNative;
        for (uint256 i; i < n; i++) {
            string memory c = _at(".listings", i);
            HashMixMarket.Listing memory lst = _listing(c);
            bytes32 digest = _checkHashes(c, _hash(lst), LISTING_TYPEHASH);
            assertEq(market.hashListing(lst), digest, string.concat(c, ": hashListing"));
            _checkSignature(c, digest, lst.seller);
            sawNative = sawNative || lst.currency == address(0);
        }
        assertTrue(sawNative, "a listing in the native coin");
    }

    function test_vectors_offers() public view {
        uint256 n = _count(".offers");
        assertGe(n, 3);
        for (uint256 i; i < n; i++) {
            string memory c = _at(".offers", i);
            HashMixMarket.Offer memory f = _offer(c);
            bytes32 digest = _checkHashes(c, _hash(f), OFFER_TYPEHASH);
            assertEq(market.hashOffer(f), digest, string.concat(c, ": hashOffer"));
            _checkSignature(c, digest, f.buyer);
        }
    }

    function test_vectors_criteriaOffers() public view {
        uint256 n = _count(".criteriaOffers");
        assertGe(n, 3);
        bool sawAnyIssuer;
        for (uint256 i; i < n; i++) {
            string memory c = _at(".criteriaOffers", i);
            HashMixMarket.CriteriaOffer memory f = _criteriaOffer(c);
            bytes32 digest = _checkHashes(c, _hash(f), CRITERIA_OFFER_TYPEHASH);
            assertEq(market.hashCriteriaOffer(f), digest, string.concat(c, ": hashCriteriaOffer"));
            _checkSignature(c, digest, f.buyer);
            sawAnyIssuer = sawAnyIssuer || f.issuer == address(0);
        }
        assertTrue(sawAnyIssuer, "a criteria offer for any issuer");
    }

    function test_vectors_swapOrders() public view {
        uint256 n = _count(".swaps");
        assertGe(n, 3);
        for (uint256 i; i < n; i++) {
            string memory c = _at(".swaps", i);
            HashMixMarket.SwapOrder memory s = _swapOrder(c);
            bytes32 digest = _checkHashes(c, _hash(s), SWAP_ORDER_TYPEHASH);
            assertEq(market.hashSwapOrder(s), digest, string.concat(c, ": hashSwapOrder"));
            _checkSignature(c, digest, s.maker);
        }
    }

    /// The max-values cases exercise every field at its type's maximum.
    function test_vectors_maxValues() public view {
        HashMixMarket.Listing memory lst = _listing(_at(".listings", _count(".listings") - 1));
        assertEq(lst.tokenNonce, type(uint32).max);
        assertEq(lst.units, type(uint256).max);
        assertEq(lst.expiry, type(uint64).max);
        HashMixMarket.CriteriaOffer memory f = _criteriaOffer(_at(".criteriaOffers", _count(".criteriaOffers") - 1));
        assertEq(f.assetClass, bytes32(type(uint256).max));
        assertEq(f.minRemainingTerm, type(uint64).max);
        HashMixMarket.SwapOrder memory s = _swapOrder(_at(".swaps", _count(".swaps") - 1));
        assertEq(s.giveTokenId, type(uint256).max);
        assertEq(s.giveTokenNonce, type(uint32).max);
    }
}
