// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ZeroAddress, ZeroAmount} from "../src/common/Errors.sol";
import {HMXToken} from "../src/incentives/HMXToken.sol";
import {EmissionController} from "../src/incentives/EmissionController.sol";
import {IncentivesFixtures} from "./utils/IncentivesFixtures.sol";

/// @notice HMX and the emission controller: the capped token minted only by the controller, the
/// halving schedule, programs added once and never twice (item 27), weights behind a delay and the
/// circuit breaker (item 31), extra funding streamed (item 28), payouts never above what a program
/// pulled (item 27), emission with no program weight never minted (item 28).
contract EmissionControllerTest is IncentivesFixtures {
    address internal programX = makeAddr("programX");

    // ------------------------------------------------------------------ HMX

    function test_hmx_cappedPermitAndMintedOnlyByTheController() public {
        assertEq(hmx.name(), "HashMix");
        assertEq(hmx.symbol(), "HMX");
        assertEq(hmx.cap(), HMX_CAP);
        assertEq(hmx.minter(), address(controller));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(HMXToken.NotMinter.selector, stranger));
        hmx.mint(stranger, 1);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(HMXToken.NotMinter.selector, owner));
        hmx.mint(owner, 1);
        vm.expectRevert(ZeroAddress.selector);
        new HMXToken(1, address(0));
        _hmx(alice, HMX_CAP);
        vm.prank(address(controller));
        vm.expectRevert(abi.encodeWithSelector(ERC20Capped.ERC20ExceededCap.selector, HMX_CAP + 1, HMX_CAP));
        hmx.mint(alice, 1);
        // permit (EIP-2612)
        (address signer, uint256 key) = makeAddrAndKey("permitSigner");
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                hmx.DOMAIN_SEPARATOR(),
                keccak256(
                    abi.encode(
                        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                        signer,
                        bob,
                        5,
                        0,
                        block.timestamp
                    )
                )
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        hmx.permit(signer, bob, 5, block.timestamp, v, r, s);
        assertEq(hmx.allowance(signer, bob), 5);
    }

    // ------------------------------------------------------------------ schedule

    function test_schedule_halvesEveryEraAndStaysUnderTheCap() public view {
        assertEq(controller.emittedUntil(START), 0);
        assertEq(controller.emittedUntil(START - 10), 0);
        assertEq(controller.emittedUntil(START + 100), 100 * RATE);
        assertEq(controller.emittedUntil(START + HALVING), HALVING * RATE);
        assertEq(controller.emittedUntil(START + HALVING + 10), HALVING * RATE + 10 * (RATE / 2));
        assertEq(controller.emittedUntil(START + 2 * HALVING), HALVING * RATE + HALVING * (RATE / 2));
        assertEq(controller.rateAt(START + HALVING * 3), RATE / 8);
        assertEq(controller.rateAt(START - 1), 0);
        assertEq(controller.rateAt(START + HALVING * 200), 0);
        uint256 forever = controller.emittedUntil(START + HALVING * 300);
        assertLt(forever, 2 * RATE * HALVING);
        assertLe(forever, HMX_CAP);
        assertEq(controller.start(), START);
        assertEq(controller.initialRate(), RATE);
        assertEq(controller.halvingPeriod(), HALVING);
    }

    function test_constructor_refusesSchedulesThatCouldPassTheCap() public {
        vm.expectRevert(EmissionController.InvalidSchedule.selector);
        new EmissionController(address(manager), HMX_CAP, 0, 0, HALVING);
        vm.expectRevert(EmissionController.InvalidSchedule.selector);
        new EmissionController(address(manager), HMX_CAP, 0, RATE, 0);
        vm.expectRevert(EmissionController.InvalidSchedule.selector);
        new EmissionController(address(manager), HMX_CAP, 0, HMX_CAP / HALVING, HALVING); // 2x over the cap
        vm.expectRevert(EmissionController.InvalidSchedule.selector);
        new EmissionController(address(manager), uint256(type(uint96).max) + 1, 0, 1, 1);
        vm.expectRevert(EmissionController.InvalidSchedule.selector);
        new EmissionController(address(manager), type(uint96).max, 0, uint256(type(uint128).max) + 1, 1);
        EmissionController now_ = new EmissionController(address(manager), HMX_CAP, 0, RATE, HALVING);
        assertEq(now_.start(), block.timestamp, "0 starts now");
        assertEq(now_.hmx().cap(), HMX_CAP);
    }

    // ------------------------------------------------------------------ programs: added once (item 27)

    function test_item27_aProgramCannotBeAddedTwice() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(EmissionController.ProgramAlreadyAdded.selector, address(lpProgram)));
        controller.addProgram(address(lpProgram));
        vm.expectRevert(ZeroAddress.selector);
        controller.addProgram(address(0));
        vm.expectEmit(address(controller));
        emit EmissionController.ProgramAdded(programX);
        controller.addProgram(programX);
        // suspended, then added again: still refused
        controller.suspend(programX);
        vm.expectRevert(abi.encodeWithSelector(EmissionController.ProgramAlreadyAdded.selector, programX));
        controller.addProgram(programX);
        vm.stopPrank();
        assertTrue(controller.programOf(programX).added);
        assertEq(controller.programOf(programX).weight, 0);
    }

    function test_item31_adminFunctionsRefuseStrangers() public {
        vm.startPrank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        controller.addProgram(programX);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        controller.scheduleWeight(address(lpProgram), 1);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        controller.setInitialWeight(address(lpProgram), 1);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        controller.suspend(address(lpProgram));
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ weights: delayed (item 31)

    function test_item31_weightsChangeOnlyAfterTheDelay() public {
        assertEq(controller.totalWeight(), 100);
        vm.expectRevert(abi.encodeWithSelector(EmissionController.NoPendingWeight.selector, address(lpProgram)));
        controller.applyWeight(address(lpProgram));
        vm.expectRevert(abi.encodeWithSelector(EmissionController.UnknownProgram.selector, programX));
        controller.applyWeight(programX);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(EmissionController.UnknownProgram.selector, programX));
        controller.scheduleWeight(programX, 5);

        uint64 eta = uint64(block.timestamp) + 7 days;
        vm.expectEmit(address(controller));
        emit EmissionController.WeightScheduled(address(lpProgram), 60, eta);
        vm.prank(owner);
        controller.scheduleWeight(address(lpProgram), 60);
        vm.warp(eta - 1);
        vm.expectRevert(abi.encodeWithSelector(EmissionController.WeightNotReady.selector, address(lpProgram), eta));
        controller.applyWeight(address(lpProgram));
        vm.warp(eta);
        vm.expectEmit(address(controller));
        emit EmissionController.WeightChanged(address(lpProgram), 60, 150);
        vm.prank(stranger);
        controller.applyWeight(address(lpProgram));
        assertEq(controller.totalWeight(), 150);

        // before the change the LP program accrued 10/100 of the emission, after it 60/150
        uint256 before = controller.pending(address(lpProgram));
        assertEq(before, controller.emittedUntil(eta) / 10);
        vm.warp(eta + 1000);
        assertApproxEqAbs(controller.pending(address(lpProgram)), before + (1000 * RATE * 60) / 150, 1, "floored index");
    }

    function test_initialWeightsOnlyBeforeEmissionStarts() public {
        vm.warp(START);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(EmissionController.EmissionStarted.selector, uint64(START)));
        controller.setInitialWeight(address(lpProgram), 1);
    }

    function test_item31_suspendIsImmediateAndKeepsWhatAccrued() public {
        vm.warp(START + 100);
        vm.prank(owner);
        controller.suspend(address(lpProgram));
        assertEq(controller.totalWeight(), 90);
        uint256 accrued = controller.pending(address(lpProgram));
        assertEq(accrued, 100 * RATE / 10);
        vm.warp(START + 1000);
        assertEq(controller.pending(address(lpProgram)), accrued, "nothing more after the suspension");
        vm.prank(address(lpProgram));
        assertEq(controller.pull(), accrued);
    }

    // ------------------------------------------------------------------ pulls and payouts (item 27)

    function test_item27_payoutsNeverExceedWhatWasPulled() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(EmissionController.UnknownProgram.selector, stranger));
        controller.pull();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(EmissionController.UnknownProgram.selector, stranger));
        controller.payout(stranger, 1);

        vm.warp(START + 50);
        vm.startPrank(address(lpProgram));
        uint256 pulled = controller.pull();
        assertEq(pulled, 5 * RATE);
        assertEq(controller.pull(), 0, "nothing twice in the same second");
        controller.payout(alice, pulled - 1);
        vm.expectRevert(
            abi.encodeWithSelector(EmissionController.PayoutExceedsAllocation.selector, address(lpProgram), 1, 2)
        );
        controller.payout(alice, 2);
        controller.payout(alice, 1);
        vm.stopPrank();
        assertEq(hmx.balanceOf(alice), pulled);
        assertEq(controller.programOf(address(lpProgram)).paid, pulled);
    }

    function test_item28_emissionWithNoWeightIsNeverMinted() public {
        vm.startPrank(owner);
        address[5] memory programs = [
            address(issuerRewards), address(holderRewards), address(attestorRewards), address(lpProgram), address(lenderProgram)
        ];
        vm.warp(START + 10);
        for (uint256 i; i < 5; i++) {
            controller.suspend(programs[i]);
        }
        vm.stopPrank();
        vm.warp(START + 110);
        vm.prank(owner);
        controller.scheduleWeight(address(lpProgram), 1); // touches the checkpoint via nothing; pull does
        vm.prank(address(lpProgram));
        uint256 pulled = controller.pull();
        assertEq(pulled, RATE, "10 seconds at 10/100 before the suspension");
        assertEq(controller.unallocated(), 100 * RATE, "the 100 seconds without weight");
    }

    // ------------------------------------------------------------------ funding: streamed (item 28)

    function test_item28_fundingMidPeriodStreamsOverAWeek() public {
        vm.warp(START + 1 days);
        _hmx(alice, 700e18);
        vm.prank(alice);
        hmx.approve(address(controller), 700e18);
        vm.expectRevert(ZeroAmount.selector);
        controller.fund(address(lpProgram), 0);
        vm.expectRevert(abi.encodeWithSelector(EmissionController.UnknownProgram.selector, programX));
        controller.fund(programX, 1);
        uint256 emittedShare = controller.pending(address(lpProgram));
        vm.expectEmit(address(controller));
        emit EmissionController.ProgramFunded(address(lpProgram), alice, 700e18, uint64(block.timestamp + 7 days));
        vm.prank(alice);
        controller.fund(address(lpProgram), 700e18);
        assertEq(hmx.totalSupply(), 0, "burnt on arrival");
        assertEq(controller.funded(), 700e18);
        assertEq(controller.pending(address(lpProgram)), emittedShare, "nothing of it at once");
        vm.warp(block.timestamp + 1 days);
        assertEq(controller.pending(address(lpProgram)), emittedShare + 100e18 + 1 days * RATE / 10);
        vm.warp(block.timestamp + 30 days);
        vm.prank(address(lpProgram));
        uint256 pulled = controller.pull();
        assertEq(pulled, emittedShare + 700e18 + 31 days * RATE / 10);
        vm.prank(address(lpProgram));
        controller.payout(alice, pulled);
        assertEq(hmx.totalSupply(), pulled, "minted again as claimed");
    }

    function test_fundingAgainRestartsTheStreamWithWhatIsLeft() public {
        _hmx(alice, 1400e18);
        vm.startPrank(alice);
        hmx.approve(address(controller), type(uint256).max);
        controller.fund(address(lpProgram), 700e18);
        vm.warp(block.timestamp + 3.5 days);
        controller.fund(address(lpProgram), 700e18);
        vm.stopPrank();
        EmissionController.Program memory p = controller.programOf(address(lpProgram));
        assertEq(p.extraLeft, 1050e18);
        assertEq(p.extraEnd, block.timestamp + 7 days);
        assertEq(p.unpulled, 350e18 + controller.emittedUntil(block.timestamp) / 10);
    }
}
