// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {HMXToken} from "../src/incentives/HMXToken.sol";
import {MakerRewards} from "../src/incentives/MakerRewards.sol";
import {MakerRewardsFixtures} from "./utils/MakerRewardsFixtures.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";

/// @dev Drives the market makers' program: time passes (emission accrues), the committee publishes
/// roots that give random makers random increments of what is unallocated (cumulative amounts never
/// fall) or, sometimes, moves an amount from one maker to another (an inconsistent root), and makers
/// claim in any order, sometimes against a stale proof.
contract MakerRewardsHandler is CommonBase, StdCheats, StdUtils {
    MakerRewardsInvariantTest internal immutable t;
    MakerRewards internal immutable makers;

    address[] public accounts;
    /// the current root's amounts, per account index
    uint256[] public amounts;
    /// the previous root's amounts (claims against them are stale once a new root is current)
    uint256[] public previous;
    /// the largest amount any root gave each account
    uint256[] public mostEver;
    bool public published;
    mapping(bytes4 => uint256) public calls;

    constructor(MakerRewardsInvariantTest t_, MakerRewards makers_, address[] memory accounts_) {
        t = t_;
        makers = makers_;
        accounts = accounts_;
        amounts = new uint256[](accounts_.length);
        previous = new uint256[](accounts_.length);
        mostEver = new uint256[](accounts_.length);
    }

    function accountCount() external view returns (uint256) {
        return accounts.length;
    }

    function advance(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 1, 3 days));
        vm.roll(block.number + 1);
        calls[this.advance.selector]++;
    }

    /// Publishes the next root: each maker's amount grows by a random part of what is unallocated, or
    /// (`moveSeed` odd) one maker's amount moves to another's, keeping the total.
    function publish(uint256 seed, uint256 moveSeed) external {
        uint256 room = makers.unallocated();
        uint256[] memory next = amounts;
        if (moveSeed % 2 == 1 && published) {
            uint256 from = moveSeed % accounts.length;
            uint256 to = (from + 1) % accounts.length;
            uint256 moved = next[from] / 2;
            next[from] -= moved;
            next[to] += moved;
        } else {
            for (uint256 i; i < next.length; i++) {
                uint256 add = bound(uint256(keccak256(abi.encode(seed, i))), 0, room / next.length);
                next[i] += add;
            }
        }
        t.publishRoot(accounts, next);
        previous = amounts;
        amounts = next;
        for (uint256 i; i < next.length; i++) {
            if (next[i] > mostEver[i]) mostEver[i] = next[i];
        }
        published = true;
        calls[this.publish.selector]++;
    }

    /// A maker claims its current leaf, or (`stale`) its previous root's leaf.
    function claim(uint256 who, bool stale) external {
        if (!published) return;
        uint256 i = who % accounts.length;
        uint256[] memory list = stale ? previous : amounts;
        bytes32[] memory proof = MerkleHelper.proofOfLeaves(t.leavesOf(accounts, list), i);
        try makers.claim(accounts[i], list[i], proof) {
            calls[this.claim.selector]++;
        } catch {}
    }
}

/// @notice The market makers' program under random roots and claims (checklist items 27, 28): claims
/// never exceed the current root's total, which never exceeds what the program pulled, which is what
/// the controller emitted to it; every maker holds exactly what it claimed, never more than its latest
/// cumulative amount; HMX minted is exactly what was claimed.
contract MakerRewardsInvariantTest is MakerRewardsFixtures {
    MakerRewardsHandler internal handler;

    function setUp() public override {
        super.setUp();
        vm.warp(emissionStart + 1 days);
        address[] memory accounts = new address[](4);
        for (uint256 i; i < 4; i++) {
            accounts[i] = makeAddr(string.concat("maker", vm.toString(i)));
        }
        handler = new MakerRewardsHandler(this, makers, accounts);
        targetContract(address(handler));
    }

    // ---------------------------------------------------------------- helpers the handler calls

    function publishRoot(address[] memory accounts, uint256[] memory amounts) external {
        _publish(_root(accounts, amounts));
    }

    function leavesOf(address[] memory accounts, uint256[] memory amounts) external view returns (bytes32[] memory) {
        return _leaves(accounts, amounts);
    }

    // ---------------------------------------------------------------- invariants

    function invariant_claimedWithinTotalWithinPulled() public view {
        MakerRewards.State memory s = makers.state();
        assertLe(s.claimed, s.total);
        assertLe(s.total, s.pulled);
        assertLe(s.pulled, controller.emittedUntil(block.timestamp), "the program has all the weight");
        assertEq(controller.programOf(address(makers)).paid, s.claimed, "the controller paid exactly the claims");
    }

    function invariant_makersHoldExactlyWhatTheyClaimed() public view {
        HMXToken token = hmx;
        uint256 sum;
        for (uint256 i; i < handler.accountCount(); i++) {
            address a = handler.accounts(i);
            uint256 c = makers.claimedBy(a);
            assertEq(token.balanceOf(a), c);
            sum += c;
        }
        assertEq(sum, makers.state().claimed);
        assertEq(token.totalSupply(), sum, "HMX minted only for claims");
    }

    /// A maker's claims add up to an amount some root gave it: never beyond the most it was ever given.
    function invariant_noMakerBeyondTheMostItWasGiven() public view {
        for (uint256 i; i < handler.accountCount(); i++) {
            assertLe(makers.claimedBy(handler.accounts(i)), handler.mostEver(i));
        }
    }

    /// The handler's actions work: a scripted run through each, with the invariants checked.
    function test_handlerRunsEveryAction() public {
        handler.advance(1 days);
        handler.publish(1, 0);
        handler.claim(0, false);
        handler.claim(1, false);
        handler.advance(1 days);
        handler.publish(2, 1); // an inconsistent root: maker 1 gets half of maker 0's amount
        handler.claim(1, false);
        handler.claim(0, true); // stale: nothing more
        handler.advance(1 days);
        handler.publish(3, 0);
        handler.claim(2, false);
        assertGt(handler.calls(handler.advance.selector), 0);
        assertGt(handler.calls(handler.publish.selector), 0);
        assertGt(handler.calls(handler.claim.selector), 2);
        invariant_claimedWithinTotalWithinPulled();
        invariant_makersHoldExactlyWhatTheyClaimed();
        invariant_noMakerBeyondTheMostItWasGiven();
    }
}
