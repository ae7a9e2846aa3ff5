// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {HardwareRegistry} from "../src/token/HardwareRegistry.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {HashPowerFixtures} from "./utils/HashPowerFixtures.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";

/// @notice Fuzz tests (10,000 runs in `npm test`): split amounts, merge sets, signature bytes,
/// thresholds, challenge terms and bounty arithmetic (challenges at the HardwareRegistry).
contract HashPowerTokenFuzzTest is HashPowerFixtures {
    /// Random signature bytes (any length) never verify for an EOA attestor.
    function testFuzz_randomSignatureBytesNeverVerify(bytes memory junk, bytes32 digest) public {
        AttestorSignature[] memory sigs = _sigsOver(digest, 0, 3);
        sigs[1].signature = junk;
        uint64 e = attestorRegistry.epoch();
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[1]));
        attestorRegistry.verifySignatures(digest, btc, e, sigs);
    }

    /// Random 65-byte (r, s, v) never verify (the real signer's key is never used).
    function testFuzz_random65ByteSignaturesNeverVerify(bytes32 r, bytes32 s, uint8 v, bytes32 digest) public {
        AttestorSignature[] memory sigs = _sigsOver(digest, 0, 3);
        sigs[2].signature = abi.encodePacked(r, s, v);
        uint64 e = attestorRegistry.epoch();
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[2]));
        attestorRegistry.verifySignatures(digest, btc, e, sigs);
    }

    /// A valid signature over any other digest never verifies.
    function testFuzz_signatureOverOtherDigestNeverVerifies(bytes32 digest, bytes32 other) public {
        vm.assume(digest != other);
        AttestorSignature[] memory sigs = _sigsOver(digest, 0, 3);
        sigs[0].signature = _signDigest(attKey[0], other);
        uint64 e = attestorRegistry.epoch();
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
        attestorRegistry.verifySignatures(digest, btc, e, sigs);
    }

    /// For every threshold t and signature count m (committee of 5): passes iff m >= t.
    function testFuzz_thresholds(uint8 t, uint8 mSeed, uint8 fromSeed, bytes32 digest) public {
        t = uint8(bound(t, 1, 32));
        uint256 m = bound(mSeed, 0, N_ATTESTORS);
        uint256 from = bound(fromSeed, 0, N_ATTESTORS - m);
        vm.prank(owner);
        attestorRegistry.setThreshold(btc, t);
        AttestorSignature[] memory sigs = _sigsOver(digest, from, m);
        uint64 e = attestorRegistry.epoch();
        if (m < t) {
            vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, m, t));
            attestorRegistry.verifySignatures(digest, btc, e, sigs);
        } else {
            assertEq(attestorRegistry.verifySignatures(digest, btc, e, sigs).length, m);
        }
    }

    /// setThreshold accepts exactly 1..32.
    function testFuzz_setThresholdRange(uint8 t) public {
        vm.prank(owner);
        if (t == 0 || t > 32) {
            vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidThreshold.selector, t));
            attestorRegistry.setThreshold(btc, t);
        } else {
            attestorRegistry.setThreshold(btc, t);
            assertEq(attestorRegistry.threshold(btc), t);
        }
    }

    /// Any epoch other than the current one is stale.
    function testFuzz_staleEpochRejected(uint64 signedEpoch, bytes32 digest) public {
        uint64 e = attestorRegistry.epoch();
        vm.assume(signedEpoch != e);
        AttestorSignature[] memory sigs = _sigsOver(digest, 0, 3);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.StaleCommitteeEpoch.selector, signedEpoch, e));
        attestorRegistry.verifySignatures(digest, btc, signedEpoch, sigs);
    }

    /// Challenge (now at the HardwareRegistry) succeeds iff the terms overlap and the later
    /// product is live (issue #10: the earlier, evidence product may have ended); the bounty and
    /// forfeit arithmetic is exact and the collateral stays in the vault except for the bounty.
    function testFuzz_challengeTermsAndBounty(uint32 s1, uint32 d1, uint32 s2, uint32 d2, uint32 warp, uint96 collateral)
        public
    {
        HashPowerToken.ProductAttestation memory a = _attestation(1);
        a.start = uint64(T0 - 100 days + bound(s1, 0, 400 days));
        a.end = (a.start > T0 ? a.start : uint64(T0)) + 1 + uint64(bound(d1, 0, 400 days)); // ends after now
        HashPowerToken.ProductAttestation memory b = _attestation(2);
        b.start = uint64(T0 - 100 days + bound(s2, 0, 400 days));
        b.end = (b.start > T0 ? b.start : uint64(T0)) + 1 + uint64(bound(d2, 0, 400 days));
        b.collateral = bound(collateral, 0, 900e8);
        _mint(a);
        _mint(b);
        vm.warp(T0 + bound(warp, 0, 500 days));
        bytes32[] memory p = MerkleHelper.proof(hw, 2);
        bool overlap = a.start < b.end && b.start < a.end;
        bytes memory err;
        if (!overlap) {
            err = abi.encodeWithSelector(HardwareRegistry.TermsDoNotOverlap.selector, 1, 2);
        } else if (b.end <= block.timestamp) {
            err = abi.encodeWithSelector(HardwareRegistry.ProductNotLive.selector, 2);
        }
        if (err.length != 0) {
            vm.expectRevert(err);
            vm.prank(challenger);
            hardwareRegistry.challengeDuplicateHardware(hw[2], 1, p, 2, p);
            assertFalse(hpt.product(2).frozen);
            return;
        }
        uint256 burnedBefore = attestorRegistry.totalBurned();
        vm.prank(challenger);
        (uint256 frozenId, uint256 bounty, uint256 slashed) = hardwareRegistry.challengeDuplicateHardware(hw[2], 1, p, 2, p);
        assertEq(frozenId, 2);
        assertEq(bounty, b.collateral * 1_000 / 10_000);
        assertEq(slashed, 3 * MIN_BOND, "the three common signers lose their whole bonds");
        assertEq(attestorRegistry.totalBurned() - burnedBefore, slashed, "all of it burnt");
        assertTrue(hpt.product(2).frozen);
        assertFalse(hpt.product(1).frozen);
        assertEq(hpt.product(2).collateral, b.collateral, "the attested collateral is a record");
        (, uint256 left) = collateralVault.collateralOf(2);
        assertEq(left, 0);
        assertEq(collateralVault.forfeitedOf(2), b.collateral - bounty);
        (uint256 pool, uint256 cap,,) = hardwareRegistry.frozenPool(2);
        assertEq(pool, b.collateral - bounty);
        assertEq(cap, CAPACITY);
        assertEq(wbtc.balanceOf(challenger), bounty);
        assertEq(wbtc.balanceOf(address(collateralVault)), COLLATERAL + b.collateral - bounty);
    }
}

/// @notice Fuzz tests on slices (10,000 runs): products are minted once in setUp (product 1 split
/// into 64 slices, product 2 with the largest capacity, 2^64-1), so each run only pays for what it fuzzes.
contract HashPowerTokenSliceFuzzTest is HashPowerFixtures {
    uint256 internal constant BIG = type(uint64).max;
    uint256 internal bigToken;
    uint256[] internal parts;
    uint256[] internal partUnits;

    function setUp() public override {
        super.setUp();
        _mintDefault(); // product 1, token 1
        HashPowerToken.ProductAttestation memory a = _attestation(2);
        a.capacity = BIG;
        (, bigToken) = _mint(a); // product 2, token 2
        uint256[] memory units = new uint256[](64);
        uint256 rest = CAPACITY;
        for (uint256 i; i < 63; i++) {
            units[i] = (i + 1) * 1_000; // distinct sizes
            rest -= units[i];
        }
        units[63] = rest;
        vm.prank(issuer);
        parts = hpt.split(1, units);
        partUnits = units;
    }

    /// Random valid splits (2..64 parts of random sizes) keep the units; the new tokens carry
    /// exactly the requested units and belong to the owner.
    function testFuzz_split_randomPartsConserveUnits(uint256 seed, uint8 partsSeed) public {
        uint256 n = bound(partsSeed, 2, 64);
        uint256 capacity = BIG;
        uint256[] memory units = new uint256[](n);
        uint256 remaining = capacity;
        for (uint256 i; i < n - 1; i++) {
            uint256 maxHere = remaining - (n - 1 - i); // leave at least 1 for each later part
            seed = uint256(keccak256(abi.encode(seed, i)));
            // sizes spread over many orders of magnitude
            uint256 cap = maxHere >> (seed % 60);
            if (cap == 0) cap = 1;
            units[i] = 1 + (seed % cap); // <= cap <= maxHere
            remaining -= units[i];
        }
        units[n - 1] = remaining;
        vm.prank(issuer);
        uint256[] memory ids = hpt.split(bigToken, units);
        assertEq(ids.length, n);
        for (uint256 i; i < n; i++) {
            assertEq(hpt.tokenData(ids[i]).units, units[i]);
            assertEq(hpt.ownerOf(ids[i]), issuer);
        }
        assertEq(_liveSum(2), capacity);
        assertEq(_liveTokens(2).length, n);
    }

    /// Splits whose parts do not sum to the token's units always revert with the exact sum.
    function testFuzz_split_wrongSumReverts(uint64 x, uint64 y) public {
        vm.assume(x > 0 && y > 0);
        vm.assume(uint256(x) + uint256(y) != BIG);
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.UnitsMismatch.selector, BIG, uint256(x) + uint256(y)));
        vm.prank(issuer);
        hpt.split(bigToken, _units(x, y));
    }

    /// Merge a random subset (64-bit mask) of the 64 slices of product 1, in a random rotation:
    /// units add up, the rest is untouched, and the live sum equals the capacity.
    function testFuzz_merge_randomSubsets(uint64 mask, uint8 rotation) public {
        uint256 n = parts.length;
        uint256 count;
        for (uint256 i; i < n; i++) {
            if ((mask >> i) & 1 == 1) count++;
        }
        uint256[] memory set = new uint256[](count);
        uint256 expected;
        uint256 k;
        for (uint256 i; i < n; i++) {
            uint256 j = (i + rotation) % n;
            if ((mask >> j) & 1 == 1) {
                set[k++] = parts[j];
                expected += partUnits[j];
            }
        }
        if (count < 2) {
            vm.expectRevert(abi.encodeWithSelector(HashPowerToken.InvalidPartCount.selector, count));
            vm.prank(issuer);
            hpt.merge(set);
            return;
        }
        vm.prank(issuer);
        uint256 merged = hpt.merge(set);
        assertEq(hpt.tokenData(merged).units, expected);
        assertEq(_liveTokens(1).length, n - count + 1);
        assertEq(_liveSum(1), CAPACITY);
    }

    /// A merge set with a repeated token always reverts with DuplicateToken.
    function testFuzz_merge_duplicateAnywhereReverts(uint8 size, uint8 dupAt, uint8 dupOf) public {
        uint256 n = bound(size, 2, 64);
        uint256[] memory ids = new uint256[](n);
        for (uint256 i; i < n; i++) {
            ids[i] = parts[i];
        }
        uint256 at = bound(dupAt, 1, n - 1);
        uint256 orig = bound(dupOf, 0, at - 1);
        ids[at] = ids[orig];
        vm.expectRevert(abi.encodeWithSelector(HashPowerToken.DuplicateToken.selector, ids[orig]));
        vm.prank(issuer);
        hpt.merge(ids);
    }

    /// Random hardware ids outside a product never prove ownership (now at the HardwareRegistry,
    /// which takes the product's slice ids).
    function testFuzz_proveOwnership_randomIdRejected(bytes32 id, uint8 index) public {
        for (uint256 i; i < hw.length; i++) {
            vm.assume(id != hw[i]);
        }
        bytes32[] memory p = MerkleHelper.proof(hw, bound(index, 0, hw.length - 1));
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.HardwareNotInProduct.selector, id, 1));
        hardwareRegistry.proveOwnership(id, 1, p, parts);
    }
}
