// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {AttestationExpired, TooManyItems, ZeroAddress} from "../src/common/Errors.sol";
import {HashPriceOracle} from "../src/oracle/HashPriceOracle.sol";
import {IHashPriceOracle} from "../src/oracle/IHashPriceOracle.sol";
import {IHashPowerValuation} from "../src/interfaces/IHashPowerValuation.sol";
import {IAttestorRegistry} from "../src/interfaces/IAttestorRegistry.sol";
import {SwapFixtures} from "./utils/SwapFixtures.sol";

/// @notice The price oracle: committee observations signed one by one, median aggregation, replay
/// protection, bounds behind a delay and the circuit breaker (checklist items 1-4, 6, 20, 31).
contract HashPriceOracleTest is SwapFixtures {
    function _five(uint256 a, uint256 b, uint256 c, uint256 d, uint256 e) internal pure returns (uint256[] memory u) {
        u = new uint256[](5);
        u[0] = a;
        u[1] = b;
        u[2] = c;
        u[3] = d;
        u[4] = e;
    }

    function _submit(IHashPriceOracle.PriceReport memory r) internal {
        vm.prank(relayer);
        oracle.submitReport(r);
    }

    function _expectReject(IHashPriceOracle.PriceReport memory r, bytes memory err) internal {
        vm.expectRevert(err);
        oracle.submitReport(r);
    }

    // ---------------------------------------------------------------- deployment, type string

    function test_constructor_rejectsZeroRegistry() public {
        vm.expectRevert(ZeroAddress.selector);
        new HashPriceOracle(address(manager), IAttestorRegistry(address(0)));
    }

    function test_item6_typeStringIsPinned() public view {
        assertEq(
            oracle.PRICE_OBSERVATION_TYPEHASH(),
            keccak256(
                "PriceObservation(bytes32 assetClass,uint256 hashprice,uint256 payoutPrice,uint64 observedAt,"
                "uint64 deadline,uint64 committeeEpoch)"
            )
        );
    }

    function test_hashObservation_isTheEip712DigestOfTheStruct() public view {
        IHashPriceOracle.PriceReport memory r = _report(btc, uint64(block.timestamp));
        bytes32 structHash = keccak256(
            abi.encode(oracle.PRICE_OBSERVATION_TYPEHASH(), btc, uint256(7), uint256(9), r.observedAt, r.deadline, r.committeeEpoch)
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", oracle.domainSeparator(), structHash));
        assertEq(oracle.hashObservation(r, 7, 9), digest);
    }

    // ---------------------------------------------------------------- recording and the median

    function test_setUpRecordedBothClasses() public view {
        (uint256 hp, uint256 pp) = oracle.prices(btc);
        assertEq(hp, BTC_HASHPRICE);
        assertEq(pp, BTC_PAYOUT_PRICE);
        (hp, pp) = oracle.prices(fil);
        assertEq(hp, FIL_HASHPRICE);
        assertEq(pp, FIL_PAYOUT_PRICE);
        assertTrue(oracle.isUsable(btc));
    }

    function test_submitReport_storesTheMedianOfEachPrice() public {
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory r = _observe(
            _report(btc, uint64(block.timestamp)),
            _arr(0, 1, 2),
            _arr(BTC_HASHPRICE * 11 / 10, BTC_HASHPRICE, BTC_HASHPRICE * 9 / 10),
            _arr(BTC_PAYOUT_PRICE, BTC_PAYOUT_PRICE * 105 / 100, BTC_PAYOUT_PRICE * 95 / 100)
        );
        vm.expectEmit(address(oracle));
        emit HashPriceOracle.PriceReported(btc, uint64(block.timestamp), BTC_HASHPRICE, BTC_PAYOUT_PRICE, 3, false);
        vm.prank(relayer);
        (uint256 hp, uint256 pp) = oracle.submitReport(r);
        assertEq(hp, BTC_HASHPRICE);
        assertEq(pp, BTC_PAYOUT_PRICE);
        IHashPriceOracle.Feed memory f = oracle.feed(btc);
        assertEq(f.observedAt, block.timestamp);
        assertEq(f.maxAge, HEARTBEAT);
        assertEq(f.maxMoveBps, MAX_MOVE);
        assertFalse(f.tripped);
    }

    function test_evenCount_takesTheLowerMedian() public {
        vm.warp(block.timestamp + 1 hours);
        uint256[] memory idx = new uint256[](4);
        uint256[] memory hps = new uint256[](4);
        uint256[] memory pps = new uint256[](4);
        for (uint256 i; i < 4; i++) {
            idx[i] = i;
            hps[i] = BTC_HASHPRICE + i * 1e9; // 5.0, 5.1, 5.2, 5.3 (x1e10)
            pps[i] = BTC_PAYOUT_PRICE - i;
        }
        _submit(_observe(_report(btc, uint64(block.timestamp)), idx, hps, pps));
        (uint256 hp, uint256 pp) = oracle.prices(btc);
        assertEq(hp, BTC_HASHPRICE + 1e9);
        assertEq(pp, BTC_PAYOUT_PRICE - 2);
    }

    /// Two of five observers report a hashprice 1,000x too high (and a payout price 1,000x too low):
    /// the median stays the honest value.
    function test_manipulatedMinority_cannotMoveTheMedian() public {
        vm.warp(block.timestamp + 1 hours);
        uint256 bad = BTC_HASHPRICE * 1000;
        IHashPriceOracle.PriceReport memory r = _observe(
            _report(btc, uint64(block.timestamp)),
            _five(0, 1, 2, 3, 4),
            _five(bad, BTC_HASHPRICE, bad, BTC_HASHPRICE + 1, BTC_HASHPRICE - 1),
            _five(1, BTC_PAYOUT_PRICE, 1, BTC_PAYOUT_PRICE, BTC_PAYOUT_PRICE)
        );
        _submit(r);
        (uint256 hp, uint256 pp) = oracle.prices(btc);
        // sorted: h-1, h, h+1, bad, bad: the median is the highest honest observation
        assertEq(hp, BTC_HASHPRICE + 1);
        assertEq(pp, BTC_PAYOUT_PRICE);
        assertTrue(oracle.isUsable(btc), "not tripped: the median did not move");
    }

    /// The same bad minority with the lowest values.
    function test_manipulatedMinority_low_cannotMoveTheMedian() public {
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory r = _observe(
            _report(btc, uint64(block.timestamp)),
            _five(0, 1, 2, 3, 4),
            _five(1, 1, BTC_HASHPRICE, BTC_HASHPRICE, BTC_HASHPRICE),
            _five(BTC_PAYOUT_PRICE, BTC_PAYOUT_PRICE, BTC_PAYOUT_PRICE, 1, 1)
        );
        _submit(r);
        (uint256 hp, uint256 pp) = oracle.prices(btc);
        assertEq(hp, BTC_HASHPRICE);
        assertEq(pp, BTC_PAYOUT_PRICE);
    }

    // ---------------------------------------------------------------- signatures (items 1-4)

    function test_item1_reportOneSignatureShort_reverts() public {
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory r = _uniform(btc, THRESHOLD - 1, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.TooFewObservations.selector, THRESHOLD - 1, THRESHOLD));
    }

    function test_item1_emptyReport_reverts() public {
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory r = _report(btc, uint64(block.timestamp));
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.TooFewObservations.selector, 0, THRESHOLD));
    }

    function test_item1_duplicatedObserver_reverts() public {
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory r = _observe(
            _report(btc, uint64(block.timestamp)),
            _arr(0, 1, 1),
            _arr(BTC_HASHPRICE, BTC_HASHPRICE, BTC_HASHPRICE),
            _arr(BTC_PAYOUT_PRICE, BTC_PAYOUT_PRICE, BTC_PAYOUT_PRICE)
        );
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.ObserversNotSorted.selector, att[1], att[1]));
    }

    function test_item1_unsortedObservers_revert() public {
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory r = _observe(
            _report(btc, uint64(block.timestamp)),
            _arr(0, 2, 1),
            _arr(BTC_HASHPRICE, BTC_HASHPRICE, BTC_HASHPRICE),
            _arr(BTC_PAYOUT_PRICE, BTC_PAYOUT_PRICE, BTC_PAYOUT_PRICE)
        );
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.ObserversNotSorted.selector, att[2], att[1]));
    }

    function test_item1_nonMemberObserver_reverts() public {
        vm.warp(block.timestamp + 1 hours);
        (address outsider, uint256 key) = makeAddrAndKey("outsider");
        IHashPriceOracle.PriceReport memory r = _report(btc, uint64(block.timestamp));
        address[3] memory who = [att[0], att[1], outsider];
        uint256[3] memory keys = [attKey[0], attKey[1], key];
        // sort by address (the outsider signs with its own valid key)
        for (uint256 i = 1; i < 3; i++) {
            for (uint256 j = i; j > 0 && who[j] < who[j - 1]; j--) {
                (who[j], who[j - 1]) = (who[j - 1], who[j]);
                (keys[j], keys[j - 1]) = (keys[j - 1], keys[j]);
            }
        }
        r.observations = new IHashPriceOracle.Observation[](3);
        bytes32 digest = oracle.hashObservation(r, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        for (uint256 i; i < 3; i++) {
            r.observations[i] = IHashPriceOracle.Observation({
                observer: who[i],
                hashprice: BTC_HASHPRICE,
                payoutPrice: BTC_PAYOUT_PRICE,
                signature: _signDigest(keys[i], digest)
            });
        }
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.NotAnActiveObserver.selector, outsider));
    }

    function test_item1_signatureOfAnotherObserver_reverts() public {
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory r = _uniform(btc, THRESHOLD, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        r.observations[1].signature = r.observations[0].signature;
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.InvalidObservationSignature.selector, att[1]));
    }

    /// An observer's signature covers its own prices: changing them after signing fails.
    function test_item1_tamperedObservation_reverts() public {
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory r = _uniform(btc, THRESHOLD, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        r.observations[2].hashprice = BTC_HASHPRICE + 1;
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.InvalidObservationSignature.selector, att[2]));
    }

    function test_item2_highSCopy_reverts() public {
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory r = _uniform(btc, THRESHOLD, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        bytes memory sig = r.observations[0].signature;
        bytes32 rr;
        bytes32 s;
        uint8 v;
        // solhint-disable-next-line no-inline-assembly
        assembly {
            rr := mload(add(sig, 32))
            s := mload(add(sig, 64))
            v := byte(0, mload(add(sig, 96)))
        }
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        bytes32 highS = bytes32(n - uint256(s));
        r.observations[0].signature = abi.encodePacked(rr, highS, v == 27 ? uint8(28) : uint8(27));
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.InvalidObservationSignature.selector, att[0]));
    }

    function test_item3_replayOfARecordedReport_reverts() public {
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory r = _uniform(btc, THRESHOLD, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        _submit(r);
        _expectReject(
            r, abi.encodeWithSelector(HashPriceOracle.ObservationNotNewer.selector, r.observedAt, r.observedAt)
        );
    }

    function test_item3_olderReport_reverts() public {
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory older = _uniform(btc, THRESHOLD, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        vm.warp(block.timestamp + 1 minutes);
        _price(btc, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        _expectReject(
            older,
            abi.encodeWithSelector(HashPriceOracle.ObservationNotNewer.selector, older.observedAt, block.timestamp)
        );
    }

    /// Signatures made for another oracle deployment (another verifying contract) fail here.
    function test_item3_reportForAnotherDeployment_reverts() public {
        HashPriceOracle other = new HashPriceOracle(address(manager), attestorRegistry);
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory r = _report(btc, uint64(block.timestamp));
        r.observations = new IHashPriceOracle.Observation[](THRESHOLD);
        for (uint256 i; i < THRESHOLD; i++) {
            r.observations[i] = IHashPriceOracle.Observation({
                observer: att[i],
                hashprice: BTC_HASHPRICE,
                payoutPrice: BTC_PAYOUT_PRICE,
                signature: _signDigest(attKey[i], other.hashObservation(r, BTC_HASHPRICE, BTC_PAYOUT_PRICE))
            });
        }
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.InvalidObservationSignature.selector, att[0]));
    }

    function test_item3_reportForAnotherChain_reverts() public {
        vm.warp(block.timestamp + 1 hours);
        uint256 chainId = block.chainid;
        vm.chainId(chainId + 1);
        IHashPriceOracle.PriceReport memory r = _uniform(btc, THRESHOLD, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        vm.chainId(chainId);
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.InvalidObservationSignature.selector, att[0]));
    }

    function test_item3_afterACommitteeChange_oldSignaturesStopWorking() public {
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory r = _uniform(btc, THRESHOLD, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        uint64 signedEpoch = r.committeeEpoch;
        vm.prank(owner);
        attestorRegistry.addAttestor(makeAddr("newcomer"));
        _expectReject(
            r, abi.encodeWithSelector(HashPriceOracle.WrongCommitteeEpoch.selector, signedEpoch, signedEpoch + 1)
        );
    }

    function test_item4_expiredReport_reverts() public {
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory r = _uniform(btc, THRESHOLD, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        vm.warp(r.deadline + 1);
        _expectReject(r, abi.encodeWithSelector(AttestationExpired.selector, r.deadline));
    }

    function test_item4_observationInTheFuture_reverts() public {
        IHashPriceOracle.PriceReport memory r = _report(btc, uint64(block.timestamp + 10));
        r = _observe(
            r, _arr(0, 1, 2), _arr(BTC_HASHPRICE, BTC_HASHPRICE, BTC_HASHPRICE),
            _arr(BTC_PAYOUT_PRICE, BTC_PAYOUT_PRICE, BTC_PAYOUT_PRICE)
        );
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.ObservationInFuture.selector, block.timestamp + 10));
    }

    // ---------------------------------------------------------------- input checks

    function test_zeroOrHugeObservation_reverts() public {
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory r = _observe(
            _report(btc, uint64(block.timestamp)),
            _arr(0, 1, 2),
            _arr(BTC_HASHPRICE, 0, BTC_HASHPRICE),
            _arr(BTC_PAYOUT_PRICE, BTC_PAYOUT_PRICE, BTC_PAYOUT_PRICE)
        );
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.InvalidObservation.selector, att[1]));
        r = _observe(
            _report(btc, uint64(block.timestamp)),
            _arr(0, 1, 2),
            _arr(BTC_HASHPRICE, BTC_HASHPRICE, BTC_HASHPRICE),
            _arr(BTC_PAYOUT_PRICE, BTC_PAYOUT_PRICE, uint256(type(uint128).max) + 1)
        );
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.InvalidObservation.selector, att[2]));
        r = _observe(
            _report(btc, uint64(block.timestamp)),
            _arr(0, 1, 2),
            _arr(uint256(type(uint128).max) + 1, BTC_HASHPRICE, BTC_HASHPRICE),
            _arr(0, BTC_PAYOUT_PRICE, BTC_PAYOUT_PRICE)
        );
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.InvalidObservation.selector, att[0]));
    }

    function test_tooManyObservations_reverts() public {
        vm.warp(block.timestamp + 1 hours);
        IHashPriceOracle.PriceReport memory r = _report(btc, uint64(block.timestamp));
        r.observations = new IHashPriceOracle.Observation[](33);
        _expectReject(r, abi.encodeWithSelector(TooManyItems.selector, 33, 32));
    }

    function test_unconfiguredClass_reverts() public {
        bytes32 other = keccak256("ETH-ETHASH");
        IHashPriceOracle.PriceReport memory r = _report(other, uint64(block.timestamp));
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.FeedNotConfigured.selector, other));
        vm.expectRevert(abi.encodeWithSelector(IHashPowerValuation.PriceUnusable.selector, other));
        oracle.prices(other);
    }

    function test_classWithoutThreshold_reverts() public {
        bytes32 other = keccak256("ETH-ETHASH");
        vm.prank(owner);
        oracle.scheduleBounds(other, HEARTBEAT, MAX_MOVE);
        vm.warp(block.timestamp + 2 days);
        oracle.applyBounds(other);
        IHashPriceOracle.PriceReport memory r = _report(other, uint64(block.timestamp));
        _expectReject(r, abi.encodeWithSelector(HashPriceOracle.ThresholdNotSet.selector, other));
    }

    // ---------------------------------------------------------------- staleness, bounds, breaker

    function test_item20_stalePrice_isUnusable() public {
        vm.warp(block.timestamp + HEARTBEAT);
        assertTrue(oracle.isUsable(btc), "usable up to the heartbeat");
        vm.warp(block.timestamp + 1);
        assertFalse(oracle.isUsable(btc));
        vm.expectRevert(abi.encodeWithSelector(IHashPowerValuation.PriceUnusable.selector, btc));
        oracle.prices(btc);
        // a fresh report makes it usable again
        _price(btc, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        assertTrue(oracle.isUsable(btc));
    }

    function test_priceOutsideTheMoveBound_tripsTheFeed_untilConfirmed() public {
        vm.warp(block.timestamp + 1 hours);
        uint256 jumped = BTC_HASHPRICE * 13 / 10; // +30% > 20%
        vm.expectEmit(address(oracle));
        emit HashPriceOracle.PriceReported(btc, uint64(block.timestamp), jumped, BTC_PAYOUT_PRICE, 3, true);
        _price(btc, jumped, BTC_PAYOUT_PRICE);
        assertTrue(oracle.feed(btc).tripped);
        vm.expectRevert(abi.encodeWithSelector(IHashPowerValuation.PriceUnusable.selector, btc));
        oracle.prices(btc);
        // a following report within the bound of the new level confirms it
        vm.warp(block.timestamp + 1 hours);
        _price(btc, jumped * 105 / 100, BTC_PAYOUT_PRICE);
        (uint256 hp,) = oracle.prices(btc);
        assertEq(hp, jumped * 105 / 100);
    }

    function test_payoutPriceOutsideTheMoveBound_tripsTheFeed() public {
        vm.warp(block.timestamp + 1 hours);
        _price(btc, BTC_HASHPRICE, BTC_PAYOUT_PRICE / 2);
        assertFalse(oracle.isUsable(btc));
    }

    function test_moveExactlyAtTheBound_isAccepted() public {
        vm.warp(block.timestamp + 1 hours);
        _price(btc, BTC_HASHPRICE * 12 / 10, BTC_PAYOUT_PRICE * 8 / 10);
        assertTrue(oracle.isUsable(btc));
    }

    function test_circuitBreaker_pausesAtOnce_andResumes() public {
        vm.expectEmit(address(oracle));
        emit HashPriceOracle.FeedPaused(btc, true);
        vm.prank(guardian);
        oracle.setPaused(btc, true);
        assertFalse(oracle.isUsable(btc));
        vm.expectRevert(abi.encodeWithSelector(IHashPowerValuation.PriceUnusable.selector, btc));
        oracle.prices(btc);
        assertTrue(oracle.isUsable(fil), "other classes unaffected");
        vm.prank(guardian);
        oracle.setPaused(btc, false);
        assertTrue(oracle.isUsable(btc));
    }

    function test_item31_setPaused_refusesStrangers() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        oracle.setPaused(btc, true);
    }

    function test_item31_scheduleBounds_refusesStrangers() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        oracle.scheduleBounds(btc, HEARTBEAT, MAX_MOVE);
    }

    function test_item31_boundsWaitForTheirDelay() public {
        vm.expectEmit(address(oracle));
        emit HashPriceOracle.BoundsScheduled(btc, 2 hours, 500, uint64(block.timestamp + 2 days));
        vm.prank(owner);
        oracle.scheduleBounds(btc, 2 hours, 500);
        (uint32 maxAge, uint16 maxMove, uint64 eta) = oracle.pendingBounds(btc);
        assertEq(maxAge, 2 hours);
        assertEq(maxMove, 500);
        assertEq(eta, block.timestamp + 2 days);
        vm.warp(eta - 1);
        vm.expectRevert(abi.encodeWithSelector(HashPriceOracle.BoundsNotReady.selector, btc, eta));
        oracle.applyBounds(btc);
        vm.warp(eta);
        vm.expectEmit(address(oracle));
        emit HashPriceOracle.BoundsApplied(btc, 2 hours, 500);
        vm.prank(stranger);
        oracle.applyBounds(btc);
        assertEq(oracle.feed(btc).maxAge, 2 hours);
        (,, eta) = oracle.pendingBounds(btc);
        assertEq(eta, 0);
        vm.expectRevert(abi.encodeWithSelector(HashPriceOracle.BoundsNotScheduled.selector, btc));
        oracle.applyBounds(btc);
    }

    function test_scheduleBounds_rejectsInvalidBounds() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(HashPriceOracle.InvalidBounds.selector, uint32(59), uint16(100)));
        oracle.scheduleBounds(btc, 59, 100);
        vm.expectRevert(abi.encodeWithSelector(HashPriceOracle.InvalidBounds.selector, uint32(7 days + 1), uint16(100)));
        oracle.scheduleBounds(btc, 7 days + 1, 100);
        vm.expectRevert(abi.encodeWithSelector(HashPriceOracle.InvalidBounds.selector, uint32(1 days), uint16(0)));
        oracle.scheduleBounds(btc, 1 days, 0);
        vm.expectRevert(abi.encodeWithSelector(HashPriceOracle.InvalidBounds.selector, uint32(1 days), uint16(10_001)));
        oracle.scheduleBounds(btc, 1 days, 10_001);
        vm.stopPrank();
    }

    /// A shorter heartbeat makes an existing price stale sooner; a report never bypasses the bounds.
    function test_newHeartbeat_appliesToTheStoredPrice() public {
        vm.prank(owner);
        oracle.scheduleBounds(btc, 1 hours, MAX_MOVE);
        vm.warp(block.timestamp + 2 days);
        _refreshPrices();
        oracle.applyBounds(btc);
        vm.warp(block.timestamp + 1 hours + 1);
        assertFalse(oracle.isUsable(btc));
        assertTrue(oracle.isUsable(fil));
    }
}
