// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {console} from "forge-std/console.sol";
import {HashMixMarket} from "../src/market/HashMixMarket.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {IHashPowerToken} from "../src/interfaces/IHashPowerToken.sol";
import {TestPayoutToken} from "../src/dev/TestPayoutToken.sol";
import {MarketFixtures} from "./utils/MarketFixtures.sol";

/// @dev Drives the market with random orders of every kind and random fills, partial fills, batch
/// fills, cancels, counter bumps, token transfers, token nonce bumps, splits, fee changes, fee
/// withdrawals, a product default, the tUSD currency being disallowed and allowed again, and
/// listings that name the HashPowerToken itself as currency (issue #10 hole 1). Keeps ghost books:
/// units really sold per order, fees owed to the protocol, and a count of fills whose money did not
/// move exactly as the spec says or that should have been refused (checked by the invariants, since
/// a failing assertion inside a handler would only count as a revert).
contract MarketHandler is Test {
    HashMixMarket internal immutable market;
    HashPowerToken internal immutable hpt;
    TestPayoutToken internal immutable usd;
    address internal immutable admin;
    address internal immutable vault;

    address[] public actors;
    uint256[] internal keys;
    uint256[] public products;

    HashMixMarket.Listing[] public listings;
    bytes[] internal listingSigs;
    HashMixMarket.Offer[] public offers;
    bytes[] internal offerSigs;
    HashMixMarket.CriteriaOffer[] public criteria;
    bytes[] internal criteriaSigs;
    HashMixMarket.SwapOrder[] public swaps;
    bytes[] internal swapSigs;

    mapping(bytes32 orderHash => uint256) public ghostFilled;
    uint256 public ghostFeesNative;
    uint256 public ghostFeesUsd;
    uint256 public ghostWithdrawnNative;
    uint256 public ghostWithdrawnUsd;
    uint256 public violations;
    uint256 public fills;
    uint256 public partialFills;
    /// successful fills by kind: 0 listing, 1 offer, 2 criteria offer, 3 swap, 4 batch
    mapping(uint256 kind => uint256) public fillsByKind;
    uint256 internal salt;
    bool internal defaulted;
    /// whether the handler believes tUSD is an allowed currency (it is in the fixture)
    bool public usdAllowed = true;
    uint256 public currencyToggles;
    uint256 public nftCurrencyAttempts;

    /// token ids of each product, in mint order (the token does not enumerate them on chain);
    /// filled from ids 1 .. nextTokenId - 1 as they appear, burnt ones are skipped when picking
    mapping(uint256 productId => uint256[]) internal idsOf;
    uint256 internal scannedUpTo = 1;

    // balances around one fill
    uint256 internal payerBefore;
    uint256 internal payeeBefore;
    uint256 internal marketBefore;

    constructor(
        HashMixMarket market_,
        HashPowerToken hpt_,
        TestPayoutToken usd_,
        address admin_,
        address vault_,
        address[] memory actors_,
        uint256[] memory keys_,
        uint256[] memory products_
    ) {
        market = market_;
        hpt = hpt_;
        usd = usd_;
        admin = admin_;
        vault = vault_;
        actors = actors_;
        keys = keys_;
        products = products_;
    }

    // ------------------------------------------------------------------ views for the invariants

    function listingCount() external view returns (uint256) {
        return listings.length;
    }

    function offerCount() external view returns (uint256) {
        return offers.length;
    }

    function criteriaCount() external view returns (uint256) {
        return criteria.length;
    }

    function listingAt(uint256 i) external view returns (HashMixMarket.Listing memory) {
        return listings[i];
    }

    function offerAt(uint256 i) external view returns (HashMixMarket.Offer memory) {
        return offers[i];
    }

    function criteriaAt(uint256 i) external view returns (HashMixMarket.CriteriaOffer memory) {
        return criteria[i];
    }

    function productCount() external view returns (uint256) {
        return products.length;
    }

    // ------------------------------------------------------------------ helpers

    function _actor(uint256 seed) internal view returns (uint256) {
        return seed % actors.length;
    }

    function _indexOf(address a) internal view returns (uint256) {
        for (uint256 i; i < actors.length; i++) {
            if (actors[i] == a) return i;
        }
        return type(uint256).max;
    }

    function _syncIds() internal {
        uint256 next = hpt.nextTokenId();
        for (uint256 id = scannedUpTo; id < next; id++) {
            try hpt.tokenData(id) returns (IHashPowerToken.TokenData memory t) {
                idsOf[t.productId].push(id);
            } catch {} // burnt before it was seen
        }
        scannedUpTo = next;
    }

    /// a random live token, its owner and units
    function _token(uint256 seed) internal returns (bool found, uint256 id, address holder, uint256 units) {
        _syncIds();
        uint256[] storage ids = idsOf[products[seed % products.length]];
        uint256 n = ids.length;
        uint256 start = (seed >> 8) % n;
        for (uint256 k; k < n; k++) {
            id = ids[(start + k) % n];
            try hpt.tradeState(id) returns (address owner_, uint256 units_, uint32, bool) {
                return (true, id, owner_, units_);
            } catch {} // burnt by a split
        }
        return (false, 0, address(0), 0);
    }

    /// after a successful fill in `currency`: it must have been allowed
    function _checkCurrency(address currency) internal {
        if (currency != address(0) && !usdAllowed) violations++;
    }

    function _sign(uint256 actor, bytes32 digest) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[actor], digest);
        return abi.encodePacked(r, s, v);
    }

    function _fee(uint256 payment) internal view returns (uint256) {
        (, uint16 bps) = market.feeConfig();
        return (payment * bps) / 10_000;
    }

    function _balance(address who, address currency) internal view returns (uint256) {
        return currency == address(0) ? who.balance : usd.balanceOf(who);
    }

    function _snapshot(address payer, address payee, address currency) internal {
        payerBefore = _balance(payer, currency);
        payeeBefore = _balance(payee, currency);
        marketBefore = _balance(address(market), currency);
    }

    /// after a successful fill: the payer paid exactly `payment`, the payee got `payment - fee`,
    /// the market kept `fee`
    function _settled(address payer, address payee, address currency, uint256 payment, uint256 fee) internal {
        if (
            payerBefore - _balance(payer, currency) != payment || _balance(payee, currency) - payeeBefore != payment - fee
                || _balance(address(market), currency) - marketBefore != fee
        ) violations++;
        if (currency == address(0)) ghostFeesNative += fee;
        else ghostFeesUsd += fee;
        fills++;
    }

    // ------------------------------------------------------------------ listings

    function createListing(uint256 tokenSeed, uint256 unitsSeed, uint256 minFillSeed, uint256 price, bool inUsd)
        external
    {
        (bool found, uint256 id, address holder, uint256 units) = _token(tokenSeed);
        if (!found) return;
        uint256 a = _indexOf(holder);
        HashMixMarket.Listing memory lst;
        lst.seller = holder;
        lst.tokenId = id;
        lst.tokenNonce = hpt.tokenNonce(id);
        lst.units = bound(unitsSeed, 1, 2 * units);
        lst.minFill = bound(minFillSeed, 0, lst.units / 2);
        lst.currency = inUsd ? address(usd) : address(0);
        lst.pricePerUnit = bound(price, 0, 1e9);
        lst.counter = market.counter(holder);
        lst.salt = ++salt;
        lst.expiry = uint64(block.timestamp + bound(unitsSeed >> 128, 0, 3 days));
        listings.push(lst);
        listingSigs.push(_sign(a, market.hashListing(lst)));
    }

    /// Creates a listing and fills it at once (then it stays in the pool for later fills).
    function listAndFill(uint256 tokenSeed, uint256 unitsSeed, uint256 price, bool inUsd, uint256 x, uint256 takerSeed)
        external
    {
        uint256 before = listings.length;
        this.createListing(tokenSeed, unitsSeed, 0, price, inUsd);
        if (listings.length == before) return;
        this.fillListing(0, x, takerSeed, x >> 200);
    }

    /// Fills one of the three newest listings (older ones are mostly dead by now).
    function fillListing(uint256 idx, uint256 x, uint256 takerSeed, uint256 excess) external {
        if (listings.length == 0) return;
        uint256 recent = listings.length < 3 ? listings.length : 3;
        idx = listings.length - 1 - (idx % recent);
        address taker = actors[_actor(takerSeed)];
        if (taker == listings[idx].seller) return;
        try hpt.tradeState(listings[idx].tokenId) returns (address, uint256 tokenUnits, uint32, bool) {
            x = bound(x, 1, tokenUnits + 1);
        } catch {
            x = bound(x, 1, 10);
        }
        _fillListing(idx, x, taker, excess);
    }

    uint256 internal takerNativeBefore;

    function _fillListing(uint256 idx, uint256 x, address taker, uint256 excess) internal {
        HashMixMarket.Listing memory lst = listings[idx];
        uint256 payment = lst.pricePerUnit * x;
        uint256 value = lst.currency == address(0) ? payment + bound(excess, 0, 1 ether) : bound(excess, 0, 1);
        _snapshot(taker, lst.seller, lst.currency);
        takerNativeBefore = taker.balance;
        vm.prank(taker);
        try market.fillListing{value: value}(lst, listingSigs[idx], x) {
            _checkCurrency(lst.currency);
            _settled(taker, lst.seller, lst.currency, payment, _fee(payment));
            if (lst.currency != address(0) && takerNativeBefore != taker.balance) violations++; // refund all
            ghostFilled[market.hashListing(lst)] += x;
            fillsByKind[0]++;
            if (hpt.ownerOf(lst.tokenId) == lst.seller) partialFills++;
        } catch {}
    }

    function fillListingsBatch(uint256 i, uint256 j, uint256 xi, uint256 xj, uint256 takerSeed) external {
        if (listings.length < 2) return;
        i %= listings.length;
        j %= listings.length;
        address taker = actors[_actor(takerSeed)];
        HashMixMarket.ListingFill[] memory batch = new HashMixMarket.ListingFill[](2);
        batch[0] = HashMixMarket.ListingFill(listings[i], listingSigs[i], bound(xi, 1, 200e6));
        batch[1] = HashMixMarket.ListingFill(listings[j], listingSigs[j], bound(xj, 1, 200e6));
        if (taker == batch[0].listing.seller || taker == batch[1].listing.seller) return;
        uint256 value;
        for (uint256 k; k < 2; k++) {
            if (batch[k].listing.currency == address(0)) value += batch[k].listing.pricePerUnit * batch[k].units;
        }
        uint256 takerBefore = taker.balance;
        vm.prank(taker);
        try market.fillListings{value: value + 1}(batch) {
            if (takerBefore - taker.balance != value) violations++;
            fillsByKind[4]++;
            for (uint256 k; k < 2; k++) {
                HashMixMarket.Listing memory lst = batch[k].listing;
                _checkCurrency(lst.currency);
                uint256 fee = _fee(lst.pricePerUnit * batch[k].units);
                if (lst.currency == address(0)) ghostFeesNative += fee;
                else ghostFeesUsd += fee;
                ghostFilled[market.hashListing(lst)] += batch[k].units;
                fills++;
            }
        } catch {}
    }

    // ------------------------------------------------------------------ offers

    function createOffer(uint256 makerSeed, uint256 tokenSeed, uint256 unitsSeed, uint256 minFillSeed, uint256 price)
        external
    {
        (bool found, uint256 id,, uint256 units) = _token(tokenSeed);
        if (!found) return;
        uint256 a = _actor(makerSeed);
        HashMixMarket.Offer memory o;
        o.buyer = actors[a];
        o.tokenId = id;
        o.units = bound(unitsSeed, 1, 2 * units);
        o.minFill = bound(minFillSeed, 0, o.units / 2);
        o.currency = address(usd);
        o.pricePerUnit = bound(price, 0, 1e9);
        o.counter = market.counter(o.buyer);
        o.salt = ++salt;
        o.expiry = uint64(block.timestamp + 3 days);
        offers.push(o);
        offerSigs.push(_sign(a, market.hashOffer(o)));
    }

    function fillOffer(uint256 idx, uint256 x) external {
        if (offers.length == 0) return;
        uint256 recent = offers.length < 3 ? offers.length : 3;
        idx = offers.length - 1 - (idx % recent);
        HashMixMarket.Offer memory o = offers[idx];
        address holder;
        try hpt.tradeState(o.tokenId) returns (address owner_, uint256 tokenUnits, uint32, bool) {
            holder = owner_;
            x = bound(x, 1, tokenUnits + 1);
        } catch {
            return;
        }
        if (holder == o.buyer) return;
        uint256 payment = o.pricePerUnit * x;
        uint256 fee = _fee(payment);
        bytes32 h = market.hashOffer(o);
        _snapshot(o.buyer, holder, address(usd));
        vm.prank(holder);
        try market.fillOffer(o, offerSigs[idx], x) {
            _checkCurrency(o.currency);
            _settled(o.buyer, holder, address(usd), payment, fee);
            ghostFilled[h] += x;
            fillsByKind[1]++;
        } catch {}
    }

    function createCriteriaOffer(uint256 makerSeed, uint256 unitsSeed, uint256 price, bool anyIssuer, uint64 term)
        external
    {
        uint256 a = _actor(makerSeed);
        HashMixMarket.CriteriaOffer memory o;
        o.buyer = actors[a];
        IHashPowerToken.Product memory p = hpt.product(products[0]);
        o.assetClass = p.assetClass;
        o.issuer = anyIssuer ? address(0) : p.issuer;
        o.units = bound(unitsSeed, 1, 3_000e6);
        o.minFill = 0;
        o.minRemainingTerm = uint64(bound(term, 0, 400 days));
        o.currency = address(usd);
        o.pricePerUnit = bound(price, 0, 1e9);
        o.counter = market.counter(o.buyer);
        o.salt = ++salt;
        o.expiry = uint64(block.timestamp + 3 days);
        criteria.push(o);
        criteriaSigs.push(_sign(a, market.hashCriteriaOffer(o)));
    }

    function fillCriteriaOffer(uint256 idx, uint256 tokenSeed, uint256 x) external {
        if (criteria.length == 0) return;
        idx %= criteria.length;
        HashMixMarket.CriteriaOffer memory o = criteria[idx];
        (bool found, uint256 id, address holder, uint256 units) = _token(tokenSeed);
        if (!found || holder == o.buyer) return;
        x = bound(x, 1, units + 1);
        uint256 payment = o.pricePerUnit * x;
        uint256 fee = _fee(payment);
        bytes32 h = market.hashCriteriaOffer(o);
        _snapshot(o.buyer, holder, address(usd));
        vm.prank(holder);
        try market.fillCriteriaOffer(o, criteriaSigs[idx], id, x) {
            _checkCurrency(o.currency);
            _settled(o.buyer, holder, address(usd), payment, fee);
            ghostFilled[h] += x;
            fillsByKind[2]++;
        } catch {}
    }

    // ------------------------------------------------------------------ swaps

    function createSwap(uint256 giveSeed, uint256 wantSeed) external {
        (bool found, uint256 give, address maker,) = _token(giveSeed);
        (bool found2, uint256 want,,) = _token(wantSeed);
        if (!found || !found2) return;
        HashMixMarket.SwapOrder memory s;
        s.maker = maker;
        s.giveTokenId = give;
        s.giveTokenNonce = hpt.tokenNonce(give);
        s.giveUnits = hpt.tokenData(give).units;
        s.wantTokenId = want;
        s.wantUnits = hpt.tokenData(want).units;
        s.counter = market.counter(maker);
        s.salt = ++salt;
        s.expiry = uint64(block.timestamp + 3 days);
        swaps.push(s);
        swapSigs.push(_sign(_indexOf(maker), market.hashSwapOrder(s)));
    }

    function fillSwap(uint256 idx) external {
        if (swaps.length == 0) return;
        idx %= swaps.length;
        HashMixMarket.SwapOrder memory s = swaps[idx];
        address taker;
        try hpt.ownerOf(s.wantTokenId) returns (address o) {
            taker = o;
        } catch {
            return;
        }
        vm.prank(taker);
        try market.fillSwap(s, swapSigs[idx]) {
            if (hpt.ownerOf(s.giveTokenId) != taker || hpt.ownerOf(s.wantTokenId) != s.maker) violations++;
            fills++;
            fillsByKind[3]++;
        } catch {}
    }

    // ------------------------------------------------------------------ cancels, counters, tokens

    function cancel(uint256 kind, uint256 idx) external {
        kind %= 4;
        if (kind == 0 && listings.length != 0) {
            HashMixMarket.Listing[] memory a = new HashMixMarket.Listing[](1);
            a[0] = listings[idx % listings.length];
            vm.prank(a[0].seller);
            market.cancelListings(a);
        } else if (kind == 1 && offers.length != 0) {
            HashMixMarket.Offer[] memory a = new HashMixMarket.Offer[](1);
            a[0] = offers[idx % offers.length];
            vm.prank(a[0].buyer);
            market.cancelOffers(a);
        } else if (kind == 2 && criteria.length != 0) {
            HashMixMarket.CriteriaOffer[] memory a = new HashMixMarket.CriteriaOffer[](1);
            a[0] = criteria[idx % criteria.length];
            vm.prank(a[0].buyer);
            market.cancelCriteriaOffers(a);
        } else if (kind == 3 && swaps.length != 0) {
            HashMixMarket.SwapOrder[] memory a = new HashMixMarket.SwapOrder[](1);
            a[0] = swaps[idx % swaps.length];
            vm.prank(a[0].maker);
            market.cancelSwaps(a);
        }
    }

    function bumpCounter(uint256 actorSeed) external {
        vm.prank(actors[_actor(actorSeed)]);
        market.incrementCounter();
    }

    function transferToken(uint256 tokenSeed, uint256 toSeed) external {
        (bool found, uint256 id, address holder,) = _token(tokenSeed);
        address to = actors[_actor(toSeed)];
        if (!found || to == holder) return;
        vm.prank(holder);
        hpt.transferFrom(holder, to, id);
    }

    function bumpTokenNonce(uint256 tokenSeed) external {
        (bool found, uint256 id, address holder,) = _token(tokenSeed);
        if (!found) return;
        vm.prank(holder);
        hpt.bumpTokenNonce(id);
    }

    function splitToken(uint256 tokenSeed, uint256 part) external {
        (bool found, uint256 id, address holder, uint256 units) = _token(tokenSeed);
        if (!found || units < 2) return;
        part = bound(part, 1, units - 1);
        uint256[] memory parts = new uint256[](2);
        parts[0] = part;
        parts[1] = units - part;
        vm.prank(holder);
        hpt.split(id, parts);
    }

    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 1 days));
    }

    // ------------------------------------------------------------------ admin and fees

    function setFee(uint16 bps) external {
        vm.prank(admin);
        market.setFee(address(0xFEE), uint16(bound(bps, 0, 1_000)));
    }

    function withdrawFees(bool inUsd) external {
        address currency = inUsd ? address(usd) : address(0);
        uint256 amount = market.accruedFees(currency);
        market.withdrawFees(currency);
        if (inUsd) ghostWithdrawnUsd += amount;
        else ghostWithdrawnNative += amount;
    }

    function defaultLastProduct() external {
        if (defaulted) return;
        defaulted = true;
        vm.prank(vault);
        hpt.markDefaulted(products[products.length - 1]);
    }

    // ------------------------------------------------------------------ payment currencies

    /// Disallows tUSD at once (one call in four), or allows it again through a schedule and its full
    /// delay (time moves on by CURRENCY_DELAY, so most open orders expire: it is picked rarely, and
    /// tUSD is disallowed only about a fifth of the time after the first toggle).
    function toggleUsd(uint256 seed) external {
        if (usdAllowed && seed % 4 != 0) return;
        currencyToggles++;
        if (usdAllowed) {
            vm.prank(admin);
            market.disallowCurrency(address(usd));
            usdAllowed = false;
        } else {
            vm.prank(admin);
            market.scheduleCurrency(address(usd));
            vm.warp(block.timestamp + market.CURRENCY_DELAY());
            market.allowCurrency(address(usd));
            usdAllowed = true;
        }
    }

    /// Issue #10 hole 1: a holder lists a unit with the HashPowerToken as currency, priced at the id
    /// of another actor's token; that actor takes it. It must always revert (CurrencyNotAllowed);
    /// if it went through, the taker's token would have moved as "payment".
    function fillInNftCurrency(uint256 tokenSeed, uint256 victimSeed) external {
        (bool found, uint256 id, address holder, uint256 units) = _token(tokenSeed);
        (bool found2, uint256 victimId, address victim,) = _token(victimSeed);
        if (!found || !found2 || victim == holder || units < 2) return;
        nftCurrencyAttempts++;
        HashMixMarket.Listing memory lst;
        lst.seller = holder;
        lst.tokenId = id;
        lst.tokenNonce = hpt.tokenNonce(id);
        lst.units = units;
        lst.minFill = 1;
        lst.currency = address(hpt);
        lst.pricePerUnit = victimId;
        lst.counter = market.counter(holder);
        lst.salt = ++salt;
        lst.expiry = uint64(block.timestamp + 1 days);
        bytes memory sig = _sign(_indexOf(holder), market.hashListing(lst));
        vm.prank(victim);
        try market.fillListing(lst, sig, 1) {
            violations++;
        } catch (bytes memory err) {
            // refused for the currency, or earlier because the listed token's product defaulted
            bytes32 e = keccak256(err);
            if (
                e != keccak256(abi.encodeWithSelector(HashMixMarket.CurrencyNotAllowed.selector, address(hpt)))
                    && e != keccak256(abi.encodeWithSelector(HashMixMarket.NotTradable.selector, id))
            ) violations++;
        }
        if (hpt.ownerOf(victimId) != victim) violations++;
    }
}

/// @notice Invariants (256 runs x depth 100 by default): units conserved per product, no value stuck
/// in the market (its balances are exactly the fees owed, native and ERC-20), no order ever filled
/// beyond its units, every fill moved exactly price x units (SECURITY-CHECKLIST item 14), no fill in
/// a currency that was not allowed, and never a token moved as "payment" (issue #10 hole 1).
contract HashMixMarketInvariantTest is MarketFixtures {
    MarketHandler internal handler;

    function setUp() public override {
        super.setUp();
        // the `vault` account plays the fulfillment vault (role PRODUCT_DEFAULTER, as wired)
        _register("FulfillmentVault", vault);
        _wire();

        address[] memory actors = new address[](4);
        uint256[] memory keys = new uint256[](4);
        for (uint256 i; i < 4; i++) {
            (actors[i], keys[i]) = makeAddrAndKey(string.concat("actor", vm.toString(i)));
            _approveMarket(actors[i]);
            _fundUsd(actors[i], 1e30);
            vm.deal(actors[i], 1e30);
        }
        uint256[] memory products = new uint256[](3);
        products[0] = productId;
        vm.prank(seller);
        hpt.transferFrom(seller, actors[0], tokenId);
        (products[1],) = _mintTo(actors[1], "inv-1", 21);
        (products[2],) = _mintTo(actors[2], "inv-2", 22);

        handler = new MarketHandler(market, hpt, usd, owner, vault, actors, keys, products);
        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](23);
        actions[0] = MarketHandler.createListing.selector;
        actions[1] = MarketHandler.fillListing.selector;
        actions[2] = MarketHandler.listAndFill.selector;
        actions[3] = MarketHandler.listAndFill.selector;
        actions[4] = MarketHandler.fillListingsBatch.selector;
        actions[5] = MarketHandler.createOffer.selector;
        actions[6] = MarketHandler.fillOffer.selector;
        actions[7] = MarketHandler.createCriteriaOffer.selector;
        actions[8] = MarketHandler.fillCriteriaOffer.selector;
        actions[9] = MarketHandler.createSwap.selector;
        actions[10] = MarketHandler.fillSwap.selector;
        actions[11] = MarketHandler.cancel.selector;
        actions[12] = MarketHandler.bumpCounter.selector;
        actions[13] = MarketHandler.transferToken.selector;
        actions[14] = MarketHandler.bumpTokenNonce.selector;
        actions[15] = MarketHandler.splitToken.selector;
        actions[16] = MarketHandler.warp.selector;
        actions[17] = MarketHandler.setFee.selector;
        actions[18] = MarketHandler.withdrawFees.selector;
        actions[19] = MarketHandler.defaultLastProduct.selector;
        actions[20] = MarketHandler.fillCriteriaOffer.selector;
        actions[21] = MarketHandler.toggleUsd.selector;
        actions[22] = MarketHandler.fillInNftCurrency.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    function invariant_unitsConserved() public view {
        // one scan of every id ever minted for all products (the token does not enumerate slices)
        uint256 n = handler.productCount();
        uint256[] memory pids = new uint256[](n);
        uint256[] memory sums = new uint256[](n);
        for (uint256 i; i < n; i++) {
            pids[i] = handler.products(i);
        }
        uint256 next = hpt.nextTokenId();
        for (uint256 id = 1; id < next; id++) {
            try hpt.tokenData(id) returns (IHashPowerToken.TokenData memory t) {
                for (uint256 i; i < n; i++) {
                    if (t.productId == pids[i]) sums[i] += t.units;
                }
            } catch {} // burnt
        }
        for (uint256 i; i < n; i++) {
            assertEq(sums[i], CAPACITY, "units of a product");
        }
        assertEq(hpt.balanceOf(address(market)), 0, "the market never holds a token");
    }

    function invariant_noValueStuck() public view {
        assertEq(address(market).balance, handler.ghostFeesNative() - handler.ghostWithdrawnNative(), "native");
        assertEq(usd.balanceOf(address(market)), handler.ghostFeesUsd() - handler.ghostWithdrawnUsd(), "ERC-20");
        assertEq(market.accruedFees(NATIVE), address(market).balance);
        assertEq(market.accruedFees(address(usd)), usd.balanceOf(address(market)));
    }

    function invariant_noOrderOverfilled() public view {
        for (uint256 i; i < handler.listingCount(); i++) {
            HashMixMarket.Listing memory lst = handler.listingAt(i);
            bytes32 h = market.hashListing(lst);
            assertLe(handler.ghostFilled(h), lst.units, "listing over-filled");
            (uint256 recorded,) = market.orderStatus(h);
            assertLe(recorded, handler.ghostFilled(h), "listing status above the units sold");
        }
        for (uint256 i; i < handler.offerCount(); i++) {
            HashMixMarket.Offer memory o = handler.offerAt(i);
            bytes32 h = market.hashOffer(o);
            assertLe(handler.ghostFilled(h), o.units, "offer over-filled");
            (uint256 recorded,) = market.orderStatus(h);
            assertEq(recorded, handler.ghostFilled(h), "offer status");
        }
        for (uint256 i; i < handler.criteriaCount(); i++) {
            HashMixMarket.CriteriaOffer memory o = handler.criteriaAt(i);
            bytes32 h = market.hashCriteriaOffer(o);
            assertLe(handler.ghostFilled(h), o.units, "criteria offer over-filled");
            (uint256 recorded,) = market.orderStatus(h);
            assertEq(recorded, handler.ghostFilled(h), "criteria offer status");
        }
    }

    function invariant_everyFillPaidExactly() public view {
        assertEq(handler.violations(), 0);
    }

    /// How much a run really exercised (printed per run with -vv).
    function afterInvariant() external view {
        console.log("fills", handler.fills(), "partial listing fills", handler.partialFills());
        console.log("currency toggles", handler.currencyToggles(), "NFT-currency attempts", handler.nftCurrencyAttempts());
    }
}
