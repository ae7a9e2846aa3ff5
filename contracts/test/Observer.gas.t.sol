// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {FulfillmentVault} from "../src/fulfillment/FulfillmentVault.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {FulfillmentFixtures} from "./utils/FulfillmentFixtures.sol";
import {GasBench} from "./utils/GasBench.sol";
import {IncentivesFixtures} from "./utils/IncentivesFixtures.sol";

/// @notice What the credit and incentive observer adds to the fulfillment vault's two busy calls, a
/// report (attestors' points, the holders' program finishing its days) and a deposit that settles
/// the epoch (the issuer's credit record, issuers' points): the second epoch of a registered product
/// (7-day epochs, so every slot is cold), with the whole credit/incentive deployment wired
/// (router, credit registry, issuer, attestor and holder programs) and without any observer. One
/// contract per case: each needs its own fixtures and a fresh epoch. Figures as GasBench explains.
contract ObserverReportGasTest is IncentivesFixtures, GasBench {
    uint256 internal pid;
    bytes internal reportCall;

    function setUp() public virtual override {
        super.setUp();
        (pid,) = _defaultProduct();
        holderRewards.register(pid);
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1);
        _deposit(pid, 0);
        vm.warp(_epochEnd(1, TERM) + 1 hours);
        FulfillmentVault.FulfillmentReport memory r = _r(pid, 1, UNITS, 100, 1);
        reportCall = abi.encodeCall(fv.submitReport, (r, _signReport(r)));
    }

    function test_gas_report_withObserver() public {
        _bench("report, credit and incentives observing", address(fv), relayer, reportCall, 0, 0);
        assertEq(uint8(lens.epochInfo(pid, 1).status), uint8(IFulfillmentVault.EpochStatus.Reported));
    }
}

/// @notice The deposit that settles the epoch, observed.
contract ObserverDepositGasTest is IncentivesFixtures, GasBench {
    uint256 internal pid;

    function setUp() public virtual override {
        super.setUp();
        (pid,) = _defaultProduct();
        holderRewards.register(pid);
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1);
        _deposit(pid, 0);
        vm.warp(_epochEnd(1, TERM) + 1 hours);
        _report(pid, 1, UNITS, 100, 1);
    }

    function test_gas_deposit_withObserver() public {
        uint256 before = credit.accountOf(issuer).fulfilled;
        bytes memory data = abi.encodeCall(fv.deposit, (pid, 1));
        _bench("deposit settling an epoch, credit and incentives observing", address(fv), issuer, data, 0, 0);
        assertEq(credit.accountOf(issuer).fulfilled, before + 1, "the credit registry recorded it");
    }
}

/// @notice The same report without an observer.
contract PlainReportGasTest is FulfillmentFixtures, GasBench {
    uint256 internal pid;
    bytes internal reportCall;

    function setUp() public virtual override {
        super.setUp();
        (pid,) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1);
        _deposit(pid, 0);
        vm.warp(_epochEnd(1, TERM) + 1 hours);
        FulfillmentVault.FulfillmentReport memory r = _r(pid, 1, UNITS, 100, 1);
        reportCall = abi.encodeCall(fv.submitReport, (r, _signReport(r)));
    }

    function test_gas_report_withoutObserver() public {
        assertEq(address(fv.observer()), address(0));
        _bench("report, no observer", address(fv), relayer, reportCall, 0, 0);
    }
}

/// @notice The same deposit without an observer.
contract PlainDepositGasTest is FulfillmentFixtures, GasBench {
    uint256 internal pid;

    function setUp() public virtual override {
        super.setUp();
        (pid,) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1);
        _deposit(pid, 0);
        vm.warp(_epochEnd(1, TERM) + 1 hours);
        _report(pid, 1, UNITS, 100, 1);
    }

    function test_gas_deposit_withoutObserver() public {
        _bench("deposit settling an epoch, no observer", address(fv), issuer, abi.encodeCall(fv.deposit, (pid, 1)), 0, 0);
    }
}
