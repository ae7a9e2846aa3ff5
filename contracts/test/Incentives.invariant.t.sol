// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {EmissionController} from "../src/incentives/EmissionController.sol";
import {HMXToken} from "../src/incentives/HMXToken.sol";
import {TokenStakingProgram} from "../src/incentives/TokenStakingProgram.sol";
import {TestPayoutToken} from "../src/dev/TestPayoutToken.sol";
import {IncentiveMathBase, PointsHarness} from "./Incentives.fuzz.t.sol";

/// @dev Random stakes, withdrawals, points, claims, funding and time over the two programs.
contract IncentivesHandler is Test {
    EmissionController internal controller;
    TokenStakingProgram internal staking;
    PointsHarness internal points;
    TestPayoutToken internal shares;
    HMXToken internal hmx;
    address internal admin;

    address[4] internal actors;
    uint256 public claimedStaking;
    uint256 public claimedPoints;
    uint256 public claimedTwice; // claims in the same second as a previous claim of the same actor that paid

    mapping(address => uint256) internal lastPaidAt;

    constructor(EmissionController c, TokenStakingProgram s, PointsHarness p, TestPayoutToken sh) {
        controller = c;
        staking = s;
        points = p;
        shares = sh;
        hmx = c.hmx();
        admin = msg.sender;
        for (uint256 i; i < 4; i++) {
            actors[i] = address(uint160(0xA000 + i));
        }
    }

    function actorAt(uint256 i) external view returns (address) {
        return actors[i];
    }

    function stake(uint256 who, uint256 amount) external {
        address a = actors[who % 4];
        amount = bound(amount, 1, 1e30);
        vm.prank(admin);
        shares.mint(a, amount);
        vm.startPrank(a);
        shares.approve(address(staking), amount);
        staking.stake(amount);
        vm.stopPrank();
    }

    function withdraw(uint256 who, uint256 amount) external {
        address a = actors[who % 4];
        uint256 s = staking.stakeOf(a);
        if (s == 0) return;
        vm.prank(a);
        staking.withdraw(bound(amount, 1, s));
    }

    function earn(uint256 who, uint256 pts) external {
        points.earn(actors[who % 4], bound(pts, 1, 1e24));
    }

    function claimStaking(uint256 who) external {
        address a = actors[who % 4];
        vm.prank(a);
        claimedStaking += staking.claim();
    }

    function claimPoints(uint256 who) external {
        address a = actors[who % 4];
        vm.prank(a);
        claimedPoints += points.claim();
    }

    function fund(uint256 amount) external {
        uint256 bal = hmx.balanceOf(actors[0]);
        if (bal == 0) return;
        amount = bound(amount, 1, bal);
        vm.startPrank(actors[0]);
        hmx.approve(address(controller), amount);
        controller.fund(address(staking), amount);
        vm.stopPrank();
    }

    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 3 days));
    }
}

/// @notice Invariants of the reward accounting (256 runs x depth 100 in the default profile), for
/// checklist item 27: total claimed + claimable <= what the program pulled (and could pull now);
/// emissions never exceed the schedule (plus extra funding); no program pays out more than it pulled.
contract IncentivesInvariantTest is IncentiveMathBase {
    IncentivesHandler internal handler;

    function setUp() public override {
        super.setUp();
        vm.warp(start);
        handler = new IncentivesHandler(controller, staking, points, shares); // mints shares as this contract
        targetContract(address(handler));
    }

    function _claimableStaking() internal view returns (uint256 sum) {
        for (uint256 i; i < 4; i++) {
            sum += staking.claimable(handler.actorAt(i));
        }
    }

    function _claimablePoints() internal view returns (uint256 sum) {
        for (uint256 i; i < 4; i++) {
            sum += points.claimable(handler.actorAt(i));
        }
    }

    function invariant_item27_claimedPlusClaimableNeverExceedsFunded() public view {
        uint256 pullableStaking =
            controller.programOf(address(staking)).allocated + controller.pending(address(staking));
        assertLe(handler.claimedStaking() + _claimableStaking() + staking.undistributed(), pullableStaking);
        uint256 pullablePoints = controller.programOf(address(points)).allocated + controller.pending(address(points));
        assertLe(handler.claimedPoints() + _claimablePoints() + points.undistributed(), pullablePoints);
    }

    function invariant_emissionsNeverExceedTheSchedule() public view {
        EmissionController.Program memory s = controller.programOf(address(staking));
        EmissionController.Program memory p = controller.programOf(address(points));
        uint256 budget = controller.emittedUntil(block.timestamp) + controller.funded();
        assertLe(uint256(s.allocated) + p.allocated + controller.pending(address(staking))
                + controller.pending(address(points)), budget);
        assertLe(uint256(s.paid) + p.paid, budget);
        assertLe(s.paid, s.allocated);
        assertLe(p.paid, p.allocated);
        // every HMX in existence was paid to a participant (funding burns what it receives)
        assertEq(controller.hmx().totalSupply() + controller.funded(), uint256(s.paid) + p.paid);
    }
}
