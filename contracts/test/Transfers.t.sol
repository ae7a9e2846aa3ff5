// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AmountNotReceived, NativeTransferFailed} from "../src/common/Errors.sol";
import {TestPayoutToken} from "../src/dev/TestPayoutToken.sol";
import {FeeOnTransferToken, LyingToken} from "./mocks/TokenMocks.sol";
import {NativeRejecter} from "./mocks/NativeReceivers.sol";
import {
    FalseReturnToken,
    InflatingToken,
    NativeReturnBomb,
    NoReturnToken,
    RevertEverything,
    TransfersHarness
} from "./mocks/KernelMocks.sol";

/// @notice Unit tests of `common/Transfers.sol` through a harness: `pullExact` books only what
/// arrived exactly (fee-on-transfer, lying and inflating tokens refused: SECURITY-CHECKLIST item
/// 17), works with tokens that return no value, and makes no call for zero; `sendNative` pays EOAs
/// and gas-hungry contracts, reverts with NativeTransferFailed for refusing receivers, copies no
/// return data, and makes no call for zero.
contract TransfersTest is Test {
    TransfersHarness internal h;
    address internal alice = makeAddr("alice");
    address internal owner = makeAddr("owner");

    function setUp() public {
        h = new TransfersHarness();
    }

    // =====================================================================================
    // pullExact
    // =====================================================================================

    function test_pullExact_exactAmountArrives() public {
        TestPayoutToken t = new TestPayoutToken("T", "T", 6, owner);
        vm.prank(owner);
        t.mint(alice, 1_000);
        vm.prank(alice);
        t.approve(address(h), 600);
        vm.expectEmit(address(t));
        emit IERC20.Transfer(alice, address(h), 600);
        h.pullExact(IERC20(address(t)), alice, 600);
        assertEq(t.balanceOf(address(h)), 600);
        assertEq(t.balanceOf(alice), 400);
        assertEq(t.allowance(alice, address(h)), 0);
    }

    /// The check is on the balance delta, not the absolute balance: tokens already held don't count.
    function test_pullExact_existingBalanceIrrelevant() public {
        TestPayoutToken t = new TestPayoutToken("T", "T", 6, owner);
        vm.startPrank(owner);
        t.mint(address(h), 5_000);
        t.mint(alice, 100);
        vm.stopPrank();
        vm.prank(alice);
        t.approve(address(h), 100);
        h.pullExact(IERC20(address(t)), alice, 100);
        assertEq(t.balanceOf(address(h)), 5_100);
    }

    /// SECURITY-CHECKLIST item 17: a fee-on-transfer token delivers short and is refused.
    function test_item17_pullExact_feeOnTransferRefused() public {
        FeeOnTransferToken t = new FeeOnTransferToken();
        t.mint(alice, 1_000);
        vm.prank(alice);
        t.approve(address(h), 1_000);
        vm.expectRevert(abi.encodeWithSelector(AmountNotReceived.selector, 1_000, 990));
        h.pullExact(IERC20(address(t)), alice, 1_000);
        assertEq(t.balanceOf(alice), 1_000); // reverted as a whole
    }

    /// A token that says "true" and moves nothing is refused (received 0).
    function test_item17_pullExact_lyingTokenRefused() public {
        LyingToken t = new LyingToken();
        t.mint(alice, 1_000);
        vm.expectRevert(abi.encodeWithSelector(AmountNotReceived.selector, 500, 0));
        h.pullExact(IERC20(address(t)), alice, 500);
    }

    /// More than asked also fails: a rebasing or bonus token is refused, not over-booked.
    function test_item17_pullExact_inflatingTokenRefused() public {
        InflatingToken t = new InflatingToken();
        t.mint(alice, 1_000);
        vm.prank(alice);
        t.approve(address(h), 1_000);
        vm.expectRevert(abi.encodeWithSelector(AmountNotReceived.selector, 300, 600));
        h.pullExact(IERC20(address(t)), alice, 300);
    }

    /// USDT-style tokens (no return value) work.
    function test_pullExact_noReturnValueToken() public {
        NoReturnToken t = new NoReturnToken();
        t.mint(alice, 1_000);
        vm.prank(alice);
        t.approve(address(h), 700);
        h.pullExact(IERC20(address(t)), alice, 700);
        assertEq(t.balanceOf(address(h)), 700);
        assertEq(t.balanceOf(alice), 300);
    }

    /// A token that returns false is refused even though it moved the tokens.
    function test_pullExact_falseReturnRefused() public {
        FalseReturnToken t = new FalseReturnToken();
        t.mint(alice, 1_000);
        vm.prank(alice);
        t.approve(address(h), 1_000);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(t)));
        h.pullExact(IERC20(address(t)), alice, 1_000);
    }

    /// The token's own errors surface unchanged (no allowance, no balance).
    function test_pullExact_tokenErrorsBubble() public {
        TestPayoutToken t = new TestPayoutToken("T", "T", 6, owner);
        vm.prank(owner);
        t.mint(alice, 10);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(h), 0, 10)
        );
        h.pullExact(IERC20(address(t)), alice, 10);
        vm.prank(alice);
        t.approve(address(h), 100);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 10, 11));
        h.pullExact(IERC20(address(t)), alice, 11);
    }

    /// Zero is a no-op: not even a call to the token (one that reverts on every call is fine).
    function test_pullExact_zeroIsNoCall() public {
        RevertEverything t = new RevertEverything();
        vm.recordLogs();
        h.pullExact(IERC20(address(t)), alice, 0);
        assertEq(vm.getRecordedLogs().length, 0);
        // an account without code as "token": zero still makes no call
        h.pullExact(IERC20(makeAddr("notAToken")), alice, 0);
    }

    /// A positive pull from an account without code reverts (no silent success).
    function test_pullExact_tokenWithoutCodeReverts() public {
        vm.expectRevert();
        h.pullExact(IERC20(makeAddr("notAToken")), alice, 1);
    }

    // =====================================================================================
    // sendNative
    // =====================================================================================

    function test_sendNative_toEoa() public {
        vm.deal(address(h), 3 ether);
        h.sendNative(alice, 1 ether);
        assertEq(alice.balance, 1 ether);
        assertEq(address(h).balance, 2 ether);
    }

    function test_sendNative_revertingReceiverFails() public {
        vm.deal(address(h), 3 ether);
        NativeRejecter rejecter = new NativeRejecter();
        vm.expectRevert(abi.encodeWithSelector(NativeTransferFailed.selector, address(rejecter), 1 ether));
        h.sendNative(address(rejecter), 1 ether);
        RevertEverything reverter = new RevertEverything();
        vm.expectRevert(abi.encodeWithSelector(NativeTransferFailed.selector, address(reverter), 2));
        h.sendNative(address(reverter), 2);
        assertEq(address(h).balance, 3 ether);
    }

    /// Not enough balance is a failed send too, with the same error.
    function test_sendNative_insufficientBalanceFails() public {
        vm.deal(address(h), 1 ether);
        vm.expectRevert(abi.encodeWithSelector(NativeTransferFailed.selector, alice, 1 ether + 1));
        h.sendNative(alice, 1 ether + 1);
    }

    /// Zero is a no-op: no call, so even a reverting receiver and an empty balance are fine.
    function test_sendNative_zeroIsNoCall() public {
        RevertEverything reverter = new RevertEverything();
        assertEq(address(h).balance, 0);
        h.sendNative(address(reverter), 0);
        h.sendNative(alice, 0);
        assertEq(alice.balance, 0);
    }

    /// All remaining gas is forwarded (a receiver writing storage is paid, unlike with `transfer`),
    /// and a huge answer is not copied back (return-data bomb).
    function test_sendNative_gasHungryReceiverAndReturnBomb() public {
        vm.deal(address(h), 1 ether);
        NativeReturnBomb bomb = new NativeReturnBomb();
        uint256 grown = h.sendNativeWithMemory(address(bomb), 1 ether);
        assertEq(bomb.received(), 1 ether);
        assertEq(address(bomb).balance, 1 ether);
        assertLt(grown, 512, "return data was copied to memory");
    }
}
