// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {Roles} from "../src/common/Roles.sol";
import {IncentivesFixtures} from "./utils/IncentivesFixtures.sol";
import {HashMixMarket} from "../src/market/HashMixMarket.sol";
import {HashPriceOracle} from "../src/oracle/HashPriceOracle.sol";

/// @notice The AccessManager wiring (checklist item 31): the role ids of `Roles.sol` are the ones the
/// wiring table (read by the Java Deployer too) names; every wired function refuses everyone but
/// its grantee and the admin; and the wiring table covers every restricted hook.
contract ProtocolWiringTest is IncentivesFixtures {
    HashMixMarket internal market;

    function setUp() public override {
        super.setUp();
        market = new HashMixMarket(address(manager), hpt, owner, 100);
        _register("HashMixMarket", address(market));
        _register("HashPriceOracle", address(new HashPriceOracle(address(manager), attestorRegistry)));
        _wire();
    }

    function test_item31_roleIdsMatchTheWiringTable() public view {
        assertEq(_roleId("COLLATERAL_LOCKER"), Roles.COLLATERAL_LOCKER);
        assertEq(_roleId("COLLATERAL_MANAGER"), Roles.COLLATERAL_MANAGER);
        assertEq(_roleId("COLLATERAL_FORFEITER"), Roles.COLLATERAL_FORFEITER);
        assertEq(_roleId("PRODUCT_FREEZER"), Roles.PRODUCT_FREEZER);
        assertEq(_roleId("PRODUCT_DEFAULTER"), Roles.PRODUCT_DEFAULTER);
        assertEq(_roleId("BOND_LOCKER"), Roles.BOND_LOCKER);
        assertEq(_roleId("BOND_SLASHER"), Roles.BOND_SLASHER);
        assertEq(_roleId("SPV_CONSUMER"), Roles.SPV_CONSUMER);
        assertEq(_roleId("CURRENCY_ADMIN"), Roles.CURRENCY_ADMIN);
        assertEq(_roleId("PRICE_GUARDIAN"), Roles.PRICE_GUARDIAN);
        assertEq(_roleId("FULFILLMENT_NOTIFIER"), Roles.FULFILLMENT_NOTIFIER);
        assertEq(_roleId("CREDIT_RECORDER"), Roles.CREDIT_RECORDER);
        assertEq(_roleId("FRAUD_REPORTER"), Roles.FRAUD_REPORTER);
        assertEq(_roleId("REWARD_NOTIFIER"), Roles.REWARD_NOTIFIER);
        assertEq(_roleId("STAKE_REPORTER"), Roles.STAKE_REPORTER);
        assertEq(_roles().length, 15, "every role of Roles.sol is in the table");
    }

    /// Every wired function is mapped to its role, and a stranger cannot call it.
    function test_item31_everyWiredFunctionRefusesStrangers() public {
        WiringEntry[] memory entries = _wiring();
        for (uint256 i; i < entries.length; i++) {
            address target = _deployedAt(entries[i].target);
            address grantee = _deployedAt(entries[i].grantee);
            bytes4 selector = bytes4(keccak256(bytes(entries[i].signature)));
            assertTrue(target != address(0), entries[i].target);
            assertEq(manager.getTargetFunctionRole(target, selector), _roleId(entries[i].role), entries[i].signature);
            (bool member,) = manager.hasRole(_roleId(entries[i].role), grantee);
            assertTrue(member, entries[i].grantee);
            (bool immediate,) = manager.canCall(stranger, target, selector);
            assertFalse(immediate, entries[i].signature);
            // the call itself is refused with the AccessManaged error (the arguments never matter)
            vm.prank(stranger);
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory ret) = target.call(abi.encodePacked(selector, new bytes(640)));
            assertFalse(ok, entries[i].signature);
            assertEq(bytes4(ret), IAccessManaged.AccessManagedUnauthorized.selector, entries[i].signature);
        }
    }
}
