// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {EmissionController} from "../../src/incentives/EmissionController.sol";
import {HMXToken} from "../../src/incentives/HMXToken.sol";
import {MakerRewards} from "../../src/incentives/MakerRewards.sol";
import {AttestorSignature} from "../../src/interfaces/IAttestorRegistry.sol";
import {HashPowerFixtures} from "./HashPowerFixtures.sol";
import {MerkleHelper} from "./MerkleHelper.sol";

/// @dev The market makers' program on the fixtures' committee (5 attestors, threshold 3 for BTC): an
/// emission controller paying 1 HMX a second from an hour after setup, all of it to the program, and
/// helpers that build a cumulative tree of `(maker, amount)` leaves, sign its root and claim from it.
abstract contract MakerRewardsFixtures is HashPowerFixtures {
    EmissionController internal controller;
    HMXToken internal hmx;
    MakerRewards internal makers;
    uint256 internal emissionStart;
    uint256 internal rootNonce;

    uint256 internal constant RATE = 1e18;

    function setUp() public virtual override {
        super.setUp();
        emissionStart = block.timestamp + 1 hours;
        controller = new EmissionController(address(manager), 1e27, uint64(emissionStart), RATE, 365 days);
        hmx = controller.hmx();
        makers = new MakerRewards(attestorRegistry, controller, btc);
        vm.startPrank(owner);
        controller.addProgram(address(makers));
        controller.setInitialWeight(address(makers), 5);
        vm.stopPrank();
        vm.roll(block.number + 10);
    }

    /// The leaves of `(accounts[i], amounts[i])`.
    function _leaves(address[] memory accounts, uint256[] memory amounts) internal view returns (bytes32[] memory out) {
        out = new bytes32[](accounts.length);
        for (uint256 i; i < accounts.length; i++) {
            out[i] = makers.leaf(accounts[i], amounts[i]);
        }
    }

    function _sum(uint256[] memory amounts) internal pure returns (uint256 total) {
        for (uint256 i; i < amounts.length; i++) {
            total += amounts[i];
        }
    }

    /// The next period's root over `(accounts, amounts)`, counting fills up to the previous block.
    function _root(address[] memory accounts, uint256[] memory amounts)
        internal
        returns (MakerRewards.MakerRoot memory r)
    {
        r.period = makers.state().period + 1;
        r.toBlock = uint64(block.number - 1);
        r.root = MerkleHelper.rootOfLeaves(_leaves(accounts, amounts));
        r.total = _sum(amounts);
        r.nonce = ++rootNonce;
        r.deadline = uint64(block.timestamp + 1 hours);
        r.committeeEpoch = attestorRegistry.epoch();
    }

    /// Signatures of attestors `from .. from + m - 1` over the root's digest.
    function _signRoot(MakerRewards.MakerRoot memory r, uint256 from, uint256 m)
        internal
        view
        returns (AttestorSignature[] memory)
    {
        return _sigsOver(makers.hashMakerRoot(r), from, m);
    }

    /// Publishes `r` with a threshold of signatures.
    function _publish(MakerRewards.MakerRoot memory r) internal {
        makers.publishRoot(r, _signRoot(r, 0, THRESHOLD));
    }

    /// Builds, signs and publishes the next root over `(accounts, amounts)`, a block later.
    function _publishTree(address[] memory accounts, uint256[] memory amounts)
        internal
        returns (MakerRewards.MakerRoot memory r)
    {
        r = _root(accounts, amounts);
        _publish(r);
        vm.roll(block.number + 1);
    }

    function _claim(address[] memory accounts, uint256[] memory amounts, uint256 i) internal returns (uint256) {
        bytes32[] memory proof = MerkleHelper.proofOfLeaves(_leaves(accounts, amounts), i);
        return makers.claim(accounts[i], amounts[i], proof);
    }
}
