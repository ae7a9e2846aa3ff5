// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TestPayoutToken} from "../src/dev/TestPayoutToken.sol";

contract TestPayoutTokenTest is Test {
    TestPayoutToken internal token;
    address internal owner = makeAddr("owner");
    address internal alice = makeAddr("alice");

    function setUp() public {
        token = new TestPayoutToken("Wrapped BTC (test)", "tWBTC", 8, owner);
    }

    function test_metadata() public view {
        assertEq(token.name(), "Wrapped BTC (test)");
        assertEq(token.symbol(), "tWBTC");
        assertEq(token.decimals(), 8);
        assertEq(token.totalSupply(), 0);
        assertEq(token.owner(), owner);
    }

    function testFuzz_decimals(uint8 d) public {
        assertEq(new TestPayoutToken("N", "S", d, owner).decimals(), d);
    }

    function test_constructor_revertsOnZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new TestPayoutToken("N", "S", 18, address(0));
    }

    function test_mint_byOwner() public {
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(0), alice, 5e8);
        vm.prank(owner);
        token.mint(alice, 5e8);
        assertEq(token.balanceOf(alice), 5e8);
        assertEq(token.totalSupply(), 5e8);
    }

    function test_mint_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        token.mint(alice, 1);
    }

    function test_mint_revertsToZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        vm.prank(owner);
        token.mint(address(0), 1);
    }

    function test_transfer() public {
        vm.prank(owner);
        token.mint(alice, 100);
        vm.prank(alice);
        assertTrue(token.transfer(owner, 40));
        assertEq(token.balanceOf(alice), 60);
        assertEq(token.balanceOf(owner), 40);
    }
}
