// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {stdJson} from "forge-std/StdJson.sol";
import {HashPowerLending} from "../src/lending/HashPowerLending.sol";
import {LendingModule} from "../src/lending/LendingModule.sol";
import {LendingOrders} from "../src/lending/LendingOrders.sol";
import {LoanMath} from "../src/lending/LoanMath.sol";
import {ICreditScore} from "../src/interfaces/ICreditScore.sol";
import {IFrozenRedemption} from "../src/interfaces/IFrozenRedemption.sol";
import {IHashPowerValuation} from "../src/interfaces/IHashPowerValuation.sol";
import {IRevenueClaims} from "../src/interfaces/IRevenueClaims.sol";
import {VectorFixtures} from "./utils/VectorFixtures.sol";

/// @notice The lending vectors generated and signed by the Java SDK (hashmix-proofs LendingVectors, checked by
/// LendingVectorsTest), checked byte for byte here (checklist item 6):
/// - ../test-vectors/lending-orders.json: for every loan order of the three kinds, the struct hash recomputed
///   from the fields with the type strings pinned here, the digest under the JSON domain, the lending
///   contract's hashLoanOffer/hashBorrowRequest/hashCollectionOffer at the vector address, and the maker's
///   signature;
/// - ../test-vectors/lending-math.json: interest, payments, repayment schedules, auction and start prices,
///   loan-to-value bounds and collection caps recomputed with the contract's own LoanMath library and
///   constants, to the base unit.
contract LendingVectorsTest is VectorFixtures {
    using stdJson for string;

    string internal constant ORDERS = "../test-vectors/lending-orders.json";
    string internal constant MATH = "../test-vectors/lending-math.json";

    bytes32 internal constant LOAN_OFFER_TYPEHASH = keccak256(
        "LoanOffer(address lender,uint256 tokenId,uint32 tokenNonce,uint256 units,address currency,uint256 principal,"
        "uint256 maxRepayment,uint32 aprBps,uint64 duration,uint16 minCreditScore,uint256 counter,uint256 salt,"
        "uint64 expiry)"
    );
    bytes32 internal constant BORROW_REQUEST_TYPEHASH = keccak256(
        "BorrowRequest(address borrower,uint256 tokenId,uint32 tokenNonce,uint256 units,address currency,"
        "uint256 principal,uint256 maxRepayment,uint32 aprBps,uint64 duration,uint256 counter,uint256 salt,"
        "uint64 expiry)"
    );
    bytes32 internal constant COLLECTION_OFFER_TYPEHASH = keccak256(
        "CollectionOffer(address lender,bytes32 assetClass,address issuer,uint256 minUnits,uint64 minRemainingTerm,"
        "uint32 maxLtvBps,address currency,uint256 totalPrincipal,uint32 aprBps,uint64 duration,uint16 minCreditScore,"
        "uint256 counter,uint256 salt,uint64 expiry)"
    );

    HashPowerLending internal lending;
    string internal math;

    function setUp() public override {
        super.setUp();
        IRevenueClaims r = IRevenueClaims(address(0x1001));
        IFrozenRedemption f = IFrozenRedemption(address(0x1002));
        IHashPowerValuation v = IHashPowerValuation(address(0x1003));
        ICreditScore cs = ICreditScore(address(0x1004));
        LendingModule m = new LendingModule(hpt, r, f, v, cs);
        HashPowerLending deployed = new HashPowerLending(address(manager), hpt, r, f, v, cs, m, collateralVault);
        _loadVectors(ORDERS, address(deployed));
        lending = HashPowerLending(vectorContract);
        math = vm.readFile(MATH);
    }

    // ---------------------------------------------------------------- JSON helpers

    function _u64(string memory path) internal view returns (uint64) {
        uint256 v = _uint(path);
        assertLe(v, type(uint64).max, path);
        return uint64(v);
    }

    function _u16(string memory path) internal view returns (uint16) {
        uint256 v = _uint(path);
        assertLe(v, type(uint16).max, path);
        return uint16(v);
    }

    function _u32(string memory path) internal view returns (uint32) {
        uint256 v = _uint(path);
        assertLe(v, type(uint32).max, path);
        return uint32(v);
    }

    function _m(string memory path) internal view returns (uint256) {
        return vm.parseUint(math.readString(path));
    }

    function _mCount(string memory array) internal view returns (uint256 n) {
        while (math.keyExists(string.concat(array, "[", vm.toString(n), "]"))) n++;
    }

    // ---------------------------------------------------------------- orders

    function _loanOffer(string memory c) internal view returns (LendingOrders.LoanOffer memory o) {
        string memory p = string.concat(c, ".order");
        o.lender = json.readAddress(string.concat(p, ".lender"));
        o.tokenId = _uint(string.concat(p, ".tokenId"));
        o.tokenNonce = _u32(string.concat(p, ".tokenNonce"));
        o.units = _uint(string.concat(p, ".units"));
        o.currency = json.readAddress(string.concat(p, ".currency"));
        o.principal = _uint(string.concat(p, ".principal"));
        o.maxRepayment = _uint(string.concat(p, ".maxRepayment"));
        o.aprBps = _u32(string.concat(p, ".aprBps"));
        o.duration = _u64(string.concat(p, ".duration"));
        o.minCreditScore = _u16(string.concat(p, ".minCreditScore"));
        o.counter = _uint(string.concat(p, ".counter"));
        o.salt = _uint(string.concat(p, ".salt"));
        o.expiry = _u64(string.concat(p, ".expiry"));
    }

    function _request(string memory c) internal view returns (LendingOrders.BorrowRequest memory o) {
        string memory p = string.concat(c, ".order");
        o.borrower = json.readAddress(string.concat(p, ".borrower"));
        o.tokenId = _uint(string.concat(p, ".tokenId"));
        o.tokenNonce = _u32(string.concat(p, ".tokenNonce"));
        o.units = _uint(string.concat(p, ".units"));
        o.currency = json.readAddress(string.concat(p, ".currency"));
        o.principal = _uint(string.concat(p, ".principal"));
        o.maxRepayment = _uint(string.concat(p, ".maxRepayment"));
        o.aprBps = _u32(string.concat(p, ".aprBps"));
        o.duration = _u64(string.concat(p, ".duration"));
        o.counter = _uint(string.concat(p, ".counter"));
        o.salt = _uint(string.concat(p, ".salt"));
        o.expiry = _u64(string.concat(p, ".expiry"));
    }

    function _collection(string memory c) internal view returns (LendingOrders.CollectionOffer memory o) {
        string memory p = string.concat(c, ".order");
        o.lender = json.readAddress(string.concat(p, ".lender"));
        o.assetClass = json.readBytes32(string.concat(p, ".assetClass"));
        o.issuer = json.readAddress(string.concat(p, ".issuer"));
        o.minUnits = _uint(string.concat(p, ".minUnits"));
        o.minRemainingTerm = _u64(string.concat(p, ".minRemainingTerm"));
        o.maxLtvBps = _u32(string.concat(p, ".maxLtvBps"));
        o.currency = json.readAddress(string.concat(p, ".currency"));
        o.totalPrincipal = _uint(string.concat(p, ".totalPrincipal"));
        o.aprBps = _u32(string.concat(p, ".aprBps"));
        o.duration = _u64(string.concat(p, ".duration"));
        o.minCreditScore = _u16(string.concat(p, ".minCreditScore"));
        o.counter = _uint(string.concat(p, ".counter"));
        o.salt = _uint(string.concat(p, ".salt"));
        o.expiry = _u64(string.concat(p, ".expiry"));
    }

    function _hash(LendingOrders.LoanOffer memory o) internal pure returns (bytes32) {
        return keccak256(
            bytes.concat(
                abi.encode(LOAN_OFFER_TYPEHASH, o.lender, o.tokenId, o.tokenNonce, o.units, o.currency, o.principal),
                abi.encode(o.maxRepayment, o.aprBps, o.duration, o.minCreditScore, o.counter, o.salt, o.expiry)
            )
        );
    }

    function _hash(LendingOrders.BorrowRequest memory o) internal pure returns (bytes32) {
        return keccak256(
            bytes.concat(
                abi.encode(BORROW_REQUEST_TYPEHASH, o.borrower, o.tokenId, o.tokenNonce, o.units, o.currency, o.principal),
                abi.encode(o.maxRepayment, o.aprBps, o.duration, o.counter, o.salt, o.expiry)
            )
        );
    }

    function _hash(LendingOrders.CollectionOffer memory o) internal pure returns (bytes32) {
        return keccak256(
            bytes.concat(
                abi.encode(COLLECTION_OFFER_TYPEHASH, o.lender, o.assetClass, o.issuer, o.minUnits, o.minRemainingTerm),
                abi.encode(o.maxLtvBps, o.currency, o.totalPrincipal, o.aprBps, o.duration, o.minCreditScore),
                abi.encode(o.counter, o.salt, o.expiry)
            )
        );
    }

    function _checkCase(string memory c, bytes32 structHash, bytes32 typeHash, bytes32 onChain, address maker)
        internal
        view
    {
        string memory name = json.readString(string.concat(c, ".name"));
        assertEq(json.readBytes32(string.concat(c, ".typeHash")), typeHash, string.concat(name, ": typeHash"));
        assertEq(json.readBytes32(string.concat(c, ".structHash")), structHash, string.concat(name, ": structHash"));
        bytes32 digest = _digest(structHash);
        assertEq(json.readBytes32(string.concat(c, ".digest")), digest, string.concat(name, ": digest"));
        assertEq(onChain, digest, string.concat(name, ": the contract's hash"));
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

    function test_vectors_typeStringsCodesAndDomain() public view {
        string[3] memory kinds = [string("loanOffer"), "borrowRequest", "collectionOffer"];
        bytes32[3] memory hashes = [LOAN_OFFER_TYPEHASH, BORROW_REQUEST_TYPEHASH, COLLECTION_OFFER_TYPEHASH];
        for (uint256 k; k < 3; k++) {
            string memory t = string.concat(".types.", kinds[k]);
            assertEq(keccak256(bytes(json.readString(string.concat(t, ".typeString")))), hashes[k], kinds[k]);
            assertEq(json.readBytes32(string.concat(t, ".typeHash")), hashes[k], kinds[k]);
            assertEq(_uint(string.concat(t, ".code")), k, kinds[k]);
        }
        assertEq(lending.LOAN_OFFER_TYPEHASH(), LOAN_OFFER_TYPEHASH);
        assertEq(lending.BORROW_REQUEST_TYPEHASH(), BORROW_REQUEST_TYPEHASH);
        assertEq(lending.COLLECTION_OFFER_TYPEHASH(), COLLECTION_OFFER_TYPEHASH);
        assertEq(lending.KIND_LOAN_OFFER(), 0);
        assertEq(lending.KIND_BORROW_REQUEST(), 1);
        assertEq(lending.KIND_COLLECTION_OFFER(), 2);
        _checkJsonDomain();
        assertEq(lending.domainSeparator(), domainSeparator);
    }

    function test_vectors_loanOffers() public view {
        uint256 n = _count(".loanOffers");
        assertGe(n, 3);
        for (uint256 i; i < n; i++) {
            string memory c = _at(".loanOffers", i);
            LendingOrders.LoanOffer memory o = _loanOffer(c);
            _checkCase(c, _hash(o), LOAN_OFFER_TYPEHASH, lending.hashLoanOffer(o), o.lender);
        }
        LendingOrders.LoanOffer memory max = _loanOffer(_at(".loanOffers", n - 1));
        assertEq(max.tokenId, type(uint256).max);
        assertEq(max.tokenNonce, type(uint32).max);
        assertEq(max.duration, type(uint64).max);
    }

    function test_vectors_borrowRequests() public view {
        uint256 n = _count(".borrowRequests");
        assertGe(n, 2);
        for (uint256 i; i < n; i++) {
            string memory c = _at(".borrowRequests", i);
            LendingOrders.BorrowRequest memory o = _request(c);
            _checkCase(c, _hash(o), BORROW_REQUEST_TYPEHASH, lending.hashBorrowRequest(o), o.borrower);
        }
    }

    function test_vectors_collectionOffers() public view {
        uint256 n = _count(".collectionOffers");
        assertGe(n, 3);
        bool anyIssuer;
        for (uint256 i; i < n; i++) {
            string memory c = _at(".collectionOffers", i);
            LendingOrders.CollectionOffer memory o = _collection(c);
            _checkCase(c, _hash(o), COLLECTION_OFFER_TYPEHASH, lending.hashCollectionOffer(o), o.lender);
            anyIssuer = anyIssuer || o.issuer == address(0);
        }
        assertTrue(anyIssuer);
    }

    // ---------------------------------------------------------------- math

    function test_vectors_constants() public view {
        assertEq(_m(".yearBps"), LoanMath.YEAR_BPS);
        assertEq(_m(".constants.maxAprBps"), lending.MAX_APR_BPS());
        assertEq(_m(".constants.gracePeriod"), lending.GRACE_PERIOD());
        assertEq(_m(".constants.auctionDuration"), lending.AUCTION_DURATION());
        assertEq(_m(".constants.minRefinanceInterval"), lending.MIN_REFINANCE_INTERVAL());
        assertEq(_m(".constants.auctionStartBps"), lending.AUCTION_START_BPS());
        assertEq(_m(".constants.auctionStartCapBps"), lending.AUCTION_START_CAP_BPS());
        assertEq(_m(".constants.auctionFloorBps"), lending.AUCTION_FLOOR_BPS());
        assertEq(_m(".constants.foreclosureBountyBps"), lending.FORECLOSURE_BOUNTY_BPS());
    }

    function test_vectors_interest() public view {
        uint256 n = _mCount(".interest");
        assertGe(n, 5);
        for (uint256 i; i < n; i++) {
            string memory c = string.concat(".interest[", vm.toString(i), "]");
            uint256 p = _m(string.concat(c, ".principal"));
            uint256 apr = _m(string.concat(c, ".aprBps"));
            uint256 s = _m(string.concat(c, ".seconds"));
            assertEq(LoanMath.accrued(p, apr, s), _m(string.concat(c, ".accrued")), c);
            assertEq(LoanMath.interestFor(p, apr, s), _m(string.concat(c, ".interest")), c);
        }
    }

    function test_vectors_payments() public view {
        uint256 n = _mCount(".payments");
        assertGe(n, 5);
        for (uint256 i; i < n; i++) {
            string memory c = string.concat(".payments[", vm.toString(i), "]");
            uint256 iS = _m(string.concat(c, ".interestScaled"));
            uint256 p = _m(string.concat(c, ".principal"));
            uint256 cap = _m(string.concat(c, ".capLeft"));
            assertEq(LoanMath.debt(p, iS, cap), _m(string.concat(c, ".debt")), c);
            (uint256 iS2, uint256 p2, uint256 cap2, uint256 toI, uint256 toP) =
                LoanMath.applyPayment(iS, p, cap, _m(string.concat(c, ".amount")));
            string memory e = string.concat(c, ".expected");
            assertEq(iS2, _m(string.concat(e, ".interestScaled")), c);
            assertEq(p2, _m(string.concat(e, ".principal")), c);
            assertEq(cap2, _m(string.concat(e, ".capLeft")), c);
            assertEq(toI, _m(string.concat(e, ".toInterest")), c);
            assertEq(toP, _m(string.concat(e, ".toPrincipal")), c);
            assertEq(LoanMath.debt(p2, iS2, cap2), _m(string.concat(e, ".debtLeft")), c);
        }
    }

    /// A loan's money state while a schedule is replayed.
    struct Replay {
        uint256 principal;
        uint256 interestScaled;
        uint256 capLeft;
        uint256 aprBps;
        uint256 last;
        int256 payoff;
    }

    /// Revenue applied in time order as the contract's sweeps apply it (accrue to now, pay interest then
    /// principal, the rest is the borrower's surplus).
    function test_vectors_schedules() public view {
        uint256 n = _mCount(".schedules");
        assertGe(n, 3);
        for (uint256 i; i < n; i++) {
            string memory c = string.concat(".schedules[", vm.toString(i), "]");
            Replay memory r = Replay({
                principal: _m(string.concat(c, ".principal")),
                interestScaled: 0,
                capLeft: _m(string.concat(c, ".maxRepayment")),
                aprBps: _m(string.concat(c, ".aprBps")),
                last: _m(string.concat(c, ".start")),
                payoff: -1
            });
            uint256 steps = _mCount(string.concat(c, ".steps"));
            for (uint256 k; k < steps; k++) {
                _replayStep(r, string.concat(c, ".steps[", vm.toString(k), "]"), k);
            }
            string memory expected = math.readString(string.concat(c, ".payoffStep"));
            if (r.payoff < 0) assertEq(expected, "none", c);
            else assertEq(vm.parseUint(expected), uint256(r.payoff), c);
        }
    }

    function _replayStep(Replay memory r, string memory s, uint256 k) internal view {
        uint256 at = _m(string.concat(s, ".at"));
        uint256 amount = _m(string.concat(s, ".amount"));
        r.interestScaled += LoanMath.accrued(r.principal, r.aprBps, at - r.last);
        r.last = at;
        uint256 debt = LoanMath.debt(r.principal, r.interestScaled, r.capLeft);
        uint256 toLender = amount < debt ? amount : debt;
        uint256 toI;
        uint256 toP;
        (r.interestScaled, r.principal, r.capLeft, toI, toP) =
            LoanMath.applyPayment(r.interestScaled, r.principal, r.capLeft, toLender);
        assertEq(toI, _m(string.concat(s, ".toInterest")), s);
        assertEq(toP, _m(string.concat(s, ".toPrincipal")), s);
        assertEq(amount - toLender, _m(string.concat(s, ".surplus")), s);
        assertEq(LoanMath.debt(r.principal, r.interestScaled, r.capLeft), _m(string.concat(s, ".debtAfter")), s);
        if (r.payoff < 0 && r.principal == 0 && r.interestScaled == 0) r.payoff = int256(k);
    }

    function test_vectors_auctionAndStartPrices() public view {
        uint256 n = _mCount(".auctionPrices");
        assertGe(n, 4);
        for (uint256 i; i < n; i++) {
            string memory c = string.concat(".auctionPrices[", vm.toString(i), "]");
            uint256 price = LoanMath.auctionPrice(
                _m(string.concat(c, ".startPrice")),
                _m(string.concat(c, ".floorPrice")),
                _m(string.concat(c, ".elapsed")),
                lending.AUCTION_DURATION()
            );
            assertEq(price, _m(string.concat(c, ".price")), c);
        }
        n = _mCount(".startPrices");
        assertGe(n, 4);
        for (uint256 i; i < n; i++) {
            string memory c = string.concat(".startPrices[", vm.toString(i), "]");
            uint256 debt = _m(string.concat(c, ".debt"));
            // the module's rule: twice the debt, raised to the value in the currency, capped at ten times
            uint256 start = (debt * lending.AUCTION_START_BPS()) / 10_000;
            if (!_isNull(string.concat(c, ".valueInCurrency"))) {
                uint256 value = _m(string.concat(c, ".valueInCurrency"));
                uint256 cap = (debt * lending.AUCTION_START_CAP_BPS()) / 10_000;
                if (value > start) start = value < cap ? value : cap;
            }
            assertEq(start, _m(string.concat(c, ".startPrice")), c);
            assertEq((debt * lending.AUCTION_FLOOR_BPS()) / 10_000, _m(string.concat(c, ".floorPrice")), c);
            uint256 rest = start > debt ? start - debt : 0;
            uint256 maxBounty = (debt * lending.FORECLOSURE_BOUNTY_BPS()) / 10_000;
            assertEq(rest < maxBounty ? rest : maxBounty, _m(string.concat(c, ".bountyAtStartPrice")), c);
        }
    }

    function _isNull(string memory path) internal view returns (bool) {
        bytes memory raw = vm.parseJson(math, path);
        return raw.length == 32 && bytes32(raw) == bytes32(0);
    }

    function test_vectors_maxPrincipalAndCollectionCaps() public view {
        uint256 n = _mCount(".maxPrincipal");
        assertGe(n, 4);
        for (uint256 i; i < n; i++) {
            string memory c = string.concat(".maxPrincipal[", vm.toString(i), "]");
            uint256 value = _m(string.concat(c, ".value"));
            uint256 ltv = _m(string.concat(c, ".maxLtvBps"));
            uint256 price = _m(string.concat(c, ".payoutTokenPrice"));
            // the lending contract's formula (LendingOrders._maxPrincipal)
            assertEq(((value * ltv) / 10_000) / price, _m(string.concat(c, ".maxPrincipal")), c);
        }
        n = _mCount(".collectionMaxRepayment");
        for (uint256 i; i < n; i++) {
            string memory c = string.concat(".collectionMaxRepayment[", vm.toString(i), "]");
            uint256 p = _m(string.concat(c, ".principal"));
            uint256 duration = _m(string.concat(c, ".duration")) + lending.GRACE_PERIOD();
            uint256 cap = p + LoanMath.interestFor(p, _m(string.concat(c, ".aprBps")), duration);
            assertEq(cap, _m(string.concat(c, ".maxRepayment")), c);
        }
    }
}
