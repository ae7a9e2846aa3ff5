// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {AttestationExpired, NonceAlreadyUsed, ZeroAddress} from "../src/common/Errors.sol";
import {EmissionController} from "../src/incentives/EmissionController.sol";
import {MakerRewards} from "../src/incentives/MakerRewards.sol";
import {AttestorSignature, IAttestorRegistry} from "../src/interfaces/IAttestorRegistry.sol";
import {IRewardSource} from "../src/interfaces/IRewardSource.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {MakerRewardsFixtures} from "./utils/MakerRewardsFixtures.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";

/// @notice The market makers' program (checklist items 3, 27-29 for it): committee-attested cumulative
/// roots, claims by proof; roots only with a threshold of the current committee, once, in order, never
/// promising more than was funded; no double claim; all claims within the current root's total.
contract MakerRewardsTest is MakerRewardsFixtures {
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    function _three(uint256 a, uint256 b, uint256 c)
        internal
        view
        returns (address[] memory accounts, uint256[] memory amounts)
    {
        accounts = new address[](3);
        amounts = new uint256[](3);
        (accounts[0], accounts[1], accounts[2]) = (alice, bob, carol);
        (amounts[0], amounts[1], amounts[2]) = (a, b, c);
    }

    /// Signs first (a call), then expects the publication to revert with `err`.
    function _expectPublishRevert(MakerRewards.MakerRoot memory r, bytes memory err) internal {
        AttestorSignature[] memory sigs = _signRoot(r, 0, THRESHOLD);
        vm.expectRevert(err);
        makers.publishRoot(r, sigs);
    }

    function _afterEmission(uint256 secondsIn) internal {
        vm.warp(emissionStart + secondsIn);
    }

    // ---------------------------------------------------------------- construction

    function test_constructor_refusesZeroAddresses() public {
        vm.expectRevert(ZeroAddress.selector);
        new MakerRewards(IAttestorRegistry(address(0)), controller, btc);
        vm.expectRevert(ZeroAddress.selector);
        new MakerRewards(attestorRegistry, IRewardSource(address(0)), btc);
        assertEq(address(makers.source()), address(controller));
        assertEq(makers.assetClass(), btc);
        assertEq(address(makers.attestorRegistry()), address(attestorRegistry));
    }

    // ---------------------------------------------------------------- publishing

    function test_publishRoot_pullsTheEmissionAndMakesTheRootCurrent() public {
        _afterEmission(1_000);
        assertEq(makers.unallocated(), 1_000e18, "all of the emission so far is the program's");
        (address[] memory a, uint256[] memory m) = _three(100e18, 200e18, 300e18);
        MakerRewards.MakerRoot memory r = _root(a, m);
        vm.expectEmit(address(makers));
        emit MakerRewards.RootPublished(1, r.toBlock, r.root, 600e18, 1_000e18);
        _publish(r);
        MakerRewards.State memory s = makers.state();
        assertEq(s.period, 1);
        assertEq(s.toBlock, r.toBlock);
        assertEq(s.root, r.root);
        assertEq(s.total, 600e18);
        assertEq(s.pulled, 1_000e18);
        assertEq(s.claimed, 0);
        assertEq(makers.unallocated(), 400e18);
        assertTrue(makers.isNonceUsed(r.nonce));
    }

    /// Checklist 28 for roots: a root promising more than the program pulled is refused.
    function test_publishRoot_refusesAnUnfundedTotal() public {
        _afterEmission(100);
        (address[] memory a, uint256[] memory m) = _three(50e18, 50e18, 1);
        MakerRewards.MakerRoot memory r = _root(a, m);
        _expectPublishRevert(r, abi.encodeWithSelector(MakerRewards.RootTotalOutOfBounds.selector, 100e18 + 1, 0, 100e18));
        (a, m) = _three(50e18, 50e18, 0);
        _publish(_root(a, m)); // exactly what was funded
    }

    /// Totals are cumulative: a later root may not total less than the current one.
    function test_publishRoot_refusesAFallingTotal() public {
        _afterEmission(1_000);
        (address[] memory a, uint256[] memory m) = _three(100e18, 200e18, 300e18);
        _publishTree(a, m);
        (a, m) = _three(100e18, 200e18, 300e18 - 1);
        MakerRewards.MakerRoot memory r = _root(a, m);
        _expectPublishRevert(r, abi.encodeWithSelector(MakerRewards.RootTotalOutOfBounds.selector, 600e18 - 1, 600e18, 1_000e18));
    }

    function test_publishRoot_inPeriodOrderOnly() public {
        _afterEmission(1_000);
        (address[] memory a, uint256[] memory m) = _three(1, 2, 3);
        MakerRewards.MakerRoot memory r = _root(a, m);
        r.period = 2;
        _expectPublishRevert(r, abi.encodeWithSelector(MakerRewards.PeriodOutOfOrder.selector, 1, 2));
        r.period = 0;
        _expectPublishRevert(r, abi.encodeWithSelector(MakerRewards.PeriodOutOfOrder.selector, 1, 0));
        _publishTree(a, m);
        // the same period again, even with a fresh nonce and signatures
        r = _root(a, m);
        r.period = 1;
        _expectPublishRevert(r, abi.encodeWithSelector(MakerRewards.PeriodOutOfOrder.selector, 2, 1));
    }

    /// A root counts fills up to a block already mined and after the current root's.
    function test_publishRoot_blockRangeMovesForward() public {
        _afterEmission(1_000);
        (address[] memory a, uint256[] memory m) = _three(1, 2, 3);
        MakerRewards.MakerRoot memory r = _root(a, m);
        r.toBlock = uint64(block.number);
        _expectPublishRevert(r, abi.encodeWithSelector(MakerRewards.BlockRangeInvalid.selector, 0, r.toBlock));
        r.toBlock = 0;
        _expectPublishRevert(r, abi.encodeWithSelector(MakerRewards.BlockRangeInvalid.selector, 0, 0));
        MakerRewards.MakerRoot memory first = _publishTree(a, m);
        r = _root(a, m);
        r.toBlock = first.toBlock;
        _expectPublishRevert(r, abi.encodeWithSelector(MakerRewards.BlockRangeInvalid.selector, first.toBlock, first.toBlock));
    }

    /// Checklist 3 and 29: below the threshold, a non-attestor, a stale committee epoch, an expired or
    /// replayed attestation, or a signature for another contract: refused.
    function test_publishRoot_needsAThresholdOfTheCurrentCommitteeOnce() public {
        _afterEmission(1_000);
        (address[] memory a, uint256[] memory m) = _three(1, 2, 3);
        MakerRewards.MakerRoot memory r = _root(a, m);

        AttestorSignature[] memory two = _signRoot(r, 0, 2);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, 2, 3));
        makers.publishRoot(r, two);

        // a stranger's signature in place of the third attestor's
        (address mallory, uint256 malloryKey) = makeAddrAndKey("mallory");
        AttestorSignature[] memory sigs = _signRoot(r, 0, THRESHOLD);
        sigs[2] = AttestorSignature({signer: mallory, signature: _signDigest(malloryKey, makers.hashMakerRoot(r))});
        _sortSigs(sigs);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAnActiveAttestor.selector, mallory));
        makers.publishRoot(r, sigs);

        // an attestor's signature over another root (a different total)
        MakerRewards.MakerRoot memory forged = _copy(r);
        forged.total = r.total + 1;
        sigs = _signRoot(r, 0, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
        makers.publishRoot(forged, sigs);

        MakerRewards.MakerRoot memory late = _copy(r);
        late.deadline = uint64(block.timestamp - 1);
        _expectPublishRevert(late, abi.encodeWithSelector(AttestationExpired.selector, late.deadline));

        MakerRewards.MakerRoot memory stale = _copy(r);
        stale.committeeEpoch = r.committeeEpoch + 1;
        _expectPublishRevert(
            stale,
            abi.encodeWithSelector(AttestorRegistry.StaleCommitteeEpoch.selector, r.committeeEpoch + 1, r.committeeEpoch)
        );

        // signed for another deployment of the program: worthless here (the domain binds the contract)
        MakerRewards other = new MakerRewards(attestorRegistry, controller, btc);
        sigs = _signRoot(r, 0, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
        other.publishRoot(r, sigs);

        _publish(r);
        vm.roll(block.number + 1);
        MakerRewards.MakerRoot memory again = _root(a, m);
        again.nonce = r.nonce;
        _expectPublishRevert(again, abi.encodeWithSelector(NonceAlreadyUsed.selector, r.nonce));
    }

    function _copy(MakerRewards.MakerRoot memory r) internal pure returns (MakerRewards.MakerRoot memory c) {
        c = MakerRewards.MakerRoot(r.period, r.toBlock, r.root, r.total, r.nonce, r.deadline, r.committeeEpoch);
    }

    function _sortSigs(AttestorSignature[] memory sigs) internal pure {
        for (uint256 i = 1; i < sigs.length; i++) {
            for (uint256 j = i; j > 0 && sigs[j].signer < sigs[j - 1].signer; j--) {
                (sigs[j], sigs[j - 1]) = (sigs[j - 1], sigs[j]);
            }
        }
    }

    function test_publishRoot_failsWhenTheProgramIsNotAdded() public {
        EmissionController other = new EmissionController(address(manager), 1e27, 0, RATE, 365 days);
        MakerRewards lone = new MakerRewards(attestorRegistry, other, btc);
        (address[] memory a, uint256[] memory m) = _three(0, 0, 0);
        MakerRewards.MakerRoot memory r = _root(a, m);
        r.period = 1;
        AttestorSignature[] memory sigs = _sigsOver(lone.hashMakerRoot(r), 0, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(EmissionController.UnknownProgram.selector, address(lone)));
        lone.publishRoot(r, sigs);
    }

    // ---------------------------------------------------------------- claims

    function test_claim_paysTheMakerItsLeaf_fromAnyCaller() public {
        _afterEmission(1_000);
        (address[] memory a, uint256[] memory m) = _three(100e18, 200e18, 300e18);
        _publishTree(a, m);
        vm.expectEmit(address(makers));
        emit MakerRewards.MakerRewardClaimed(bob, 200e18, 200e18);
        vm.prank(stranger);
        assertEq(_claim(a, m, 1), 200e18);
        assertEq(hmx.balanceOf(bob), 200e18, "the maker is paid, not the caller");
        assertEq(hmx.balanceOf(stranger), 0);
        assertEq(makers.claimedBy(bob), 200e18);
        assertEq(makers.state().claimed, 200e18);
    }

    /// Checklist 28: no double claim, within a root or across roots; a later root pays only the increase.
    function test_claim_cumulative_noDoubleClaim() public {
        _afterEmission(1_000);
        (address[] memory a, uint256[] memory m) = _three(100e18, 200e18, 300e18);
        _publishTree(a, m);
        _claim(a, m, 0);
        bytes32[] memory proof = MerkleHelper.proofOfLeaves(_leaves(a, m), 0);
        vm.expectRevert(abi.encodeWithSelector(MakerRewards.NothingToClaim.selector, alice, 100e18, 100e18));
        makers.claim(alice, 100e18, proof);

        _afterEmission(2_000);
        (a, m) = _three(150e18, 200e18, 900e18);
        _publishTree(a, m);
        assertEq(_claim(a, m, 0), 50e18, "only what the new root adds");
        assertEq(hmx.balanceOf(alice), 150e18);
        assertEq(_claim(a, m, 2), 900e18);
        proof = MerkleHelper.proofOfLeaves(_leaves(a, m), 1);
        assertEq(makers.claim(bob, 200e18, proof), 200e18, "an unclaimed leaf carried to the new root");
        assertEq(makers.state().claimed, 1_250e18);
        assertEq(makers.state().total, 1_250e18);
    }

    function test_claim_refusesAWrongLeafOrProof() public {
        _afterEmission(1_000);
        (address[] memory a, uint256[] memory m) = _three(100e18, 200e18, 300e18);
        _publishTree(a, m);
        bytes32[] memory proof = MerkleHelper.proofOfLeaves(_leaves(a, m), 0);
        vm.expectRevert(abi.encodeWithSelector(MakerRewards.InvalidMakerProof.selector, alice, 100e18 + 1));
        makers.claim(alice, 100e18 + 1, proof);
        vm.expectRevert(abi.encodeWithSelector(MakerRewards.InvalidMakerProof.selector, bob, 100e18));
        makers.claim(bob, 100e18, proof);
        // an inner node is not a leaf (the leaf is hashed twice)
        bytes32[] memory none = new bytes32[](0);
        vm.expectRevert(abi.encodeWithSelector(MakerRewards.InvalidMakerProof.selector, alice, 0));
        makers.claim(alice, 0, none);
    }

    function test_claim_beforeAnyRoot_refused() public {
        bytes32[] memory none = new bytes32[](0);
        vm.expectRevert(abi.encodeWithSelector(MakerRewards.InvalidMakerProof.selector, alice, 1));
        makers.claim(alice, 1, none);
    }

    /// A committee that signs a later root inconsistent with claims already paid (a maker's amount
    /// lowered while another's rises by the same) cannot make claims exceed the current root's total.
    function test_claim_inconsistentRoots_neverPayBeyondTheTotal() public {
        _afterEmission(1_000);
        (address[] memory a, uint256[] memory m) = _three(300e18, 0, 0);
        _publishTree(a, m);
        _claim(a, m, 0);
        (a, m) = _three(0, 300e18, 0); // alice's 300 moved to bob: total still 300
        _publishTree(a, m);
        bytes32[] memory proof = MerkleHelper.proofOfLeaves(_leaves(a, m), 1);
        vm.expectRevert(abi.encodeWithSelector(MakerRewards.RootTotalExceeded.selector, 300e18, 600e18));
        makers.claim(bob, 300e18, proof);
        assertEq(hmx.totalSupply(), 300e18, "only the funded, consistent claim was paid");
    }

    // ---------------------------------------------------------------- fuzz

    /// Over two roots with random cumulative amounts (each maker's never falling), every maker ends up
    /// paid exactly its latest amount, claims never exceed the total, and the total never exceeds what
    /// was pulled (checklist 27: claimable never exceeds funded).
    function testFuzz_twoRoots_paysExactlyTheLatestCumulative(uint96[3] memory first, uint96[3] memory more, uint8 order)
        public
    {
        _afterEmission(1_000_000);
        (address[] memory a, uint256[] memory m1) = _three(first[0], first[1], first[2]);
        uint256 funded = makers.unallocated();
        vm.assume(_sum(m1) <= funded);
        _publishTree(a, m1);
        // some makers claim under the first root
        for (uint256 i; i < 3; i++) {
            if ((order >> i) & 1 == 1 && m1[i] > 0) _claim(a, m1, i);
        }
        _afterEmission(3_000_000);
        (, uint256[] memory m2) = _three(
            uint256(first[0]) + more[0], uint256(first[1]) + more[1], uint256(first[2]) + more[2]
        );
        vm.assume(_sum(m2) <= makers.unallocated() + makers.state().total);
        _publishTree(a, m2);
        for (uint256 i; i < 3; i++) {
            if (m2[i] > makers.claimedBy(a[i])) _claim(a, m2, i);
            assertEq(hmx.balanceOf(a[i]), m2[i]);
            assertEq(makers.claimedBy(a[i]), m2[i]);
        }
        MakerRewards.State memory s = makers.state();
        assertEq(s.claimed, s.total);
        assertLe(s.total, s.pulled);
        assertEq(hmx.totalSupply(), s.claimed);
    }

    /// Any proof for any (maker, amount) not in the tree is refused; the leaf in it is accepted.
    function testFuzz_claim_onlyTheLeavesOfTheRoot(address maker, uint256 amount, uint256 index) public {
        _afterEmission(1_000);
        (address[] memory a, uint256[] memory m) = _three(100e18, 200e18, 300e18);
        _publishTree(a, m);
        index = bound(index, 0, 2);
        bytes32[] memory proof = MerkleHelper.proofOfLeaves(_leaves(a, m), index);
        if (maker == a[index] && amount == m[index]) {
            assertEq(makers.claim(maker, amount, proof), amount);
        } else {
            vm.expectRevert(abi.encodeWithSelector(MakerRewards.InvalidMakerProof.selector, maker, amount));
            makers.claim(maker, amount, proof);
        }
    }

    /// A source that pulls more than a uint128 (no real controller can: the HMX cap is below 2^96) cannot
    /// make a root's total wrap in its packed slot: the total is refused.
    function test_publishRoot_refusesATotalBeyondItsSlot() public {
        HugeSource huge = new HugeSource();
        MakerRewards big = new MakerRewards(attestorRegistry, IRewardSource(address(huge)), btc);
        MakerRewards.MakerRoot memory r;
        r.period = 1;
        r.toBlock = uint64(block.number - 1);
        r.root = keccak256("root");
        r.total = uint256(type(uint128).max) + 1;
        r.nonce = 1;
        r.deadline = uint64(block.timestamp + 1 hours);
        r.committeeEpoch = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = _sigsOver(big.hashMakerRoot(r), 0, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 128, r.total));
        big.publishRoot(r, sigs);
    }
}

/// @dev A reward source whose every pull is half of uint256.
contract HugeSource {
    function pull() external pure returns (uint256) {
        return type(uint256).max / 2;
    }

    function payout(address, uint256) external {}

    function pending(address) external pure returns (uint256) {
        return 0;
    }
}
