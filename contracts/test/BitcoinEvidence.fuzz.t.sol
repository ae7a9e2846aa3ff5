// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {BitcoinEvidence} from "../src/spv/BitcoinEvidence.sol";
import {IBtcSpvVerifier} from "../src/interfaces/IBtcSpvVerifier.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {BitcoinEvidenceFixtures} from "./utils/BitcoinEvidenceFixtures.sol";
import {BitcoinEvidenceHarness} from "./mocks/BtcEvidenceMocks.sol";
import {BtcRef} from "./utils/BtcSpvFixtures.sol";

/// @notice Fuzz (10,000 runs in the default profile) of the binding's value math: the subsidy floor against an
/// independent 512-bit reference, its monotonicity in difficulty and height, the BIP 34 height check against a
/// reference encoder, and the revenue / delivered / floor bounds of a relayed report against their definitions
/// (checklist items 7 and 12 extended to the binding).
contract BitcoinEvidenceFuzzTest is BitcoinEvidenceFixtures {
    BitcoinEvidenceHarness internal harness;

    /// A proof built once: each fuzz run relays against the state right after setUp.
    uint256 internal pid;
    IBtcSpvVerifier.PaymentProof internal proof;
    bytes32 internal txid;
    uint256 internal constant PAID = 300;
    uint256 internal floorAtOneSat;

    function setUp() public override {
        super.setUp();
        harness = new BitcoinEvidenceHarness(address(manager), attestorRegistry, hpt, spv, assetClasses);
        // a class whose unit is 10^-18 TH/s: on regtest targets, a 1-satoshi subsidy gives a floor of about
        // 0.3 satoshi per unit and epoch, so with 300 satoshis paid all three bounds matter for 0 .. 1000 units
        vm.startPrank(owner);
        bytes32 tiny = assetClasses.registerAssetClass("BTC-SHA256-ATTO", "TH/s", 18, address(wbtc));
        attestorRegistry.setThreshold(tiny, THRESHOLD);
        fv.setEpochConfig(tiny, EPOCH, REPORT_WINDOW, DEPOSIT_WINDOW);
        evidence.scheduleClassParams(tiny, MIN_CONFS, MAX_AGE, SLACK, SAT);
        vm.stopPrank();
        (pid,) = _productIn(tiny, address(wbtc), UNITS, TERM, COLLATERAL);
        _commit(pid, _scripts(poolScript), true, 1);
        nextHeight = ONE_SAT_HEIGHT;
        vm.warp(_epochEnd(0, TERM) + 1 hours); // the committee attests a recent checkpoint
        (proof, txid) = _poolPayment(PAID, 0);
        floorAtOneSat = evidence.subsidyFloor(BtcRef.REGTEST_BITS, ONE_SAT_HEIGHT + 1, EPOCH, 18, 1);
        assertGt(floorAtOneSat, 1e17);
        assertLt(floorAtOneSat, 1e18);
        vm.warp(_epochEnd(0, TERM) + 2 hours);
    }

    // ------------------------------------------------------------------ floor

    /// floor(x / 2^256) of x = a * b, from 128-bit halves (independent of OpenZeppelin's mul512).
    function _high(uint256 a, uint256 b) internal pure returns (uint256) {
        (uint256 a1, uint256 a0) = (a >> 128, a & type(uint128).max);
        (uint256 b1, uint256 b0) = (b >> 128, b & type(uint128).max);
        uint256 p00 = a0 * b0;
        uint256 p01 = a0 * b1;
        uint256 p10 = a1 * b0;
        uint256 p11 = a1 * b1;
        uint256 mid = (p01 & type(uint128).max) + (p10 & type(uint128).max) + (p00 >> 128);
        return p11 + (p01 >> 128) + (p10 >> 128) + (mid >> 128);
    }

    function _reference(uint256 target, uint256 height, uint256 secs, uint8 d, uint256 k) internal pure returns (uint256) {
        uint256 halvings = height / 210_000;
        uint256 subsidy = halvings >= 64 ? 0 : 5_000_000_000 >> halvings;
        uint256 a = secs * 1e12 * subsidy * k * 1e18;
        return _high(a, target + 1) / 10 ** d;
    }

    function testFuzz_floor_matchesA512BitReference(
        uint8 exponent,
        uint24 mantissa,
        uint256 height,
        uint32 secs,
        uint8 d,
        uint64 k
    ) public view {
        exponent = uint8(bound(exponent, 3, 32));
        mantissa = uint24(bound(mantissa, 1, 0x7fffff));
        height = bound(height, 0, 14_000_000);
        d = uint8(bound(d, 0, 18));
        k = uint64(bound(k, 1, 1e12));
        uint32 nBits = (uint32(exponent) << 24) | mantissa;
        uint256 target = uint256(mantissa) << (8 * (exponent - 3));
        assertEq(evidence.subsidyFloor(nBits, height, secs, d, k), _reference(target, height, secs, d, k));
    }

    /// A harder target (more work per block) never raises the floor; a halving never raises it either.
    function testFuzz_floor_monotone(uint24 m1, uint24 m2, uint8 exponent, uint256 height, uint32 secs) public view {
        exponent = uint8(bound(exponent, 3, 32));
        m1 = uint24(bound(m1, 1, 0x7fffff));
        m2 = uint24(bound(m2, m1, 0x7fffff));
        height = bound(height, 0, 13_500_000);
        uint32 easy = (uint32(exponent) << 24) | m2;
        uint32 hard = (uint32(exponent) << 24) | m1;
        assertLe(evidence.subsidyFloor(hard, height, secs, 6, 1), evidence.subsidyFloor(easy, height, secs, 6, 1));
        assertLe(
            evidence.subsidyFloor(easy, height + 210_000, secs, 6, 1), evidence.subsidyFloor(easy, height, secs, 6, 1)
        );
    }

    // ------------------------------------------------------------------ BIP 34

    /// The binding's BIP 34 check accepts exactly the reference push of the height (and any extra nonce after it).
    function testFuzz_bip34_matchesTheReferenceEncoder(uint32 height, uint32 other, bytes8 extra) public view {
        bytes memory cb = _coinbase(_bip34(height), uint32(uint64(extra)));
        assertTrue(harness.coinbaseHasHeight(cb, height));
        if (keccak256(_bip34(other)) != keccak256(_bip34(height))) {
            assertFalse(harness.coinbaseHasHeight(cb, other));
        }
    }

    /// A scriptSig that starts with anything but the push (here: a random 4-byte push) fails unless it is it.
    function testFuzz_bip34_refusesOtherPushes(uint32 height, bytes4 pushed) public view {
        bytes memory sig = abi.encodePacked(uint8(4), pushed);
        bool same = keccak256(_bip34(height)) == keccak256(sig);
        assertEq(harness.coinbaseHasHeight(_coinbase(sig, 1), height), same);
    }

    // ------------------------------------------------------------------ report bounds

    /// A relayed report is accepted exactly when revenue <= proven, delivered * unitRevenue <= proven * 1e18 and
    /// unitRevenue >= floor; otherwise the first failing bound is the error (checklist item 7 extended).
    function testFuzz_item7_reportBoundsFollowTheirDefinitions(uint256 delivered, uint256 revenue, uint256 unitRevenue)
        public
    {
        delivered = bound(delivered, 0, UNITS);
        revenue = bound(revenue, 0, PAID * 2);
        unitRevenue = bound(unitRevenue, floorAtOneSat / 2, floorAtOneSat * 2);
        IFulfillmentVault.FulfillmentReport memory r = _evReport(pid, 0, delivered, revenue, unitRevenue, txid);
        AttestorSignature[] memory sigs = _signReport(r);
        bytes memory err;
        if (revenue > PAID) {
            err = abi.encodeWithSelector(BitcoinEvidence.RevenueAboveProven.selector, revenue, PAID);
        } else if (delivered * unitRevenue > PAID * 1e18) {
            err = abi.encodeWithSelector(BitcoinEvidence.DeliveredAboveProven.selector, delivered, unitRevenue, PAID);
        } else if (unitRevenue < floorAtOneSat) {
            err = abi.encodeWithSelector(BitcoinEvidence.UnitRevenueBelowFloor.selector, unitRevenue, floorAtOneSat);
        }
        if (err.length != 0) {
            vm.expectRevert(err);
            evidence.submitReportWithEvidence(r, sigs, _one(proof));
            assertFalse(spv.isPaymentClaimed(txid));
        } else {
            assertEq(evidence.submitReportWithEvidence(r, sigs, _one(proof)), PAID);
            assertEq(lens.epochInfo(pid, 0).revenue, revenue);
            assertTrue(spv.isPaymentClaimed(txid));
        }
    }
}
