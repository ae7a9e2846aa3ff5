// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CreditRegistry} from "../../src/credit/CreditRegistry.sol";
import {CollateralPolicy} from "../../src/credit/CollateralPolicy.sol";
import {ObserverRouter} from "../../src/credit/ObserverRouter.sol";
import {ICollateralPolicy} from "../../src/interfaces/ICollateralPolicy.sol";
import {ICreditRecorder} from "../../src/interfaces/ICreditRecorder.sol";
import {IFulfillmentObserver} from "../../src/interfaces/IFulfillmentObserver.sol";
import {FulfillmentFixtures} from "./FulfillmentFixtures.sol";

/// @dev The fulfillment fixtures with the credit system wired in, as the Java Deployer wires it: the
/// credit registry and the collateral policy (1x best, 3x newcomer, no base rate until a test sets
/// one) deployed before the collateral vault (its policy from deployment), the hardware registry
/// reporting frauds to the registry, and the fulfillment vault telling the observer router, which
/// records fulfillment in the registry.
abstract contract CreditFixtures is FulfillmentFixtures {
    CreditRegistry internal credit;
    CollateralPolicy internal policy;
    ObserverRouter internal router;

    uint256 internal constant BEST_BPS = 10_000;
    uint256 internal constant NEWCOMER_BPS = 30_000;

    function setUp() public virtual override {
        super.setUp();
        _register("CreditRegistry", address(credit));
        _register("CollateralPolicy", address(policy));
        _wire();
    }

    function _collateralPolicy() internal virtual override returns (ICollateralPolicy) {
        credit = new CreditRegistry(address(manager));
        policy = new CollateralPolicy(address(manager), credit, BEST_BPS, NEWCOMER_BPS);
        return policy;
    }

    function _creditRecorder() internal virtual override returns (ICreditRecorder) {
        return credit;
    }

    function _fulfillmentObserver() internal virtual override returns (IFulfillmentObserver) {
        router = new ObserverRouter(address(manager), credit);
        _register("ObserverRouter", address(router));
        return router;
    }

    /// Schedules a base rate for `cls` and applies it after the policy's delay (moves time forward).
    function _enableBaseRate(bytes32 cls, uint256 rate) internal {
        vm.prank(owner);
        policy.scheduleBaseRate(cls, rate);
        vm.warp(block.timestamp + policy.RATE_DELAY());
        policy.applyBaseRate(cls);
    }

    /// Runs epochs 0..n-1 of `pid` as fulfilled (full delivery, revenue deposited), each settled by its deposit.
    function _fulfillEpochs(uint256 pid, uint256 n, uint256 term) internal {
        for (uint32 e; e < n; e++) {
            uint256 end = _epochEnd(e, term);
            if (block.timestamp < end) vm.warp(end);
            _report(pid, e, UNITS, 100, 1);
            _deposit(pid, e);
        }
    }
}
