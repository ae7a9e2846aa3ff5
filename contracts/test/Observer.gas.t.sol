// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {console} from "forge-std/console.sol";
import {FulfillmentVault} from "../src/fulfillment/FulfillmentVault.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {FulfillmentFixtures} from "./utils/FulfillmentFixtures.sol";
import {IncentivesFixtures} from "./utils/IncentivesFixtures.sol";

/// @dev Measures one call as its transaction pays: 21,000 + calldata + execution - refund (capped).
library ObserverGasBench {
    Vm private constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function bench(string memory name, address target, address from, bytes memory data) internal returns (uint256 total) {
        VM.prank(from, from);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = target.call(data);
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        Vm.Gas memory g = VM.lastCallGas();
        uint256 cd;
        for (uint256 i; i < data.length; i++) {
            cd += data[i] == 0 ? 4 : 16;
        }
        uint256 gross = 21_000 + cd + g.gasTotalUsed;
        uint256 refund = g.gasRefunded > 0 ? uint256(uint64(g.gasRefunded)) : 0;
        if (refund > gross / 5) refund = gross / 5;
        total = gross - refund;
        console.log(name);
        console.log("  callee execution gas        ", g.gasTotalUsed);
        console.log("  transaction total           ", total);
    }
}

/// @notice What the credit and incentive observer adds to the fulfillment vault's two busy calls, a
/// report (attestors' points, the holders' program finishing its days) and a deposit that settles
/// the epoch (the issuer's credit record, issuers' points): the second epoch of a registered product
/// (7-day epochs, so every slot is cold), with the whole credit/incentive deployment wired
/// (router, credit registry, issuer, attestor and holder programs) and without any observer.
contract ObserverReportGasTest is IncentivesFixtures {
    uint256 internal pid;
    FulfillmentVault.FulfillmentReport internal report;
    AttestorSignature[] internal sigs;

    function setUp() public virtual override {
        super.setUp();
        (pid,) = _defaultProduct();
        holderRewards.register(pid);
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1);
        _deposit(pid, 0);
        vm.warp(_epochEnd(1, TERM) + 1 hours);
        report = _r(pid, 1, UNITS, 100, 1);
        AttestorSignature[] memory s = _signReport(report);
        for (uint256 i; i < s.length; i++) {
            sigs.push(s[i]);
        }
    }

    function test_gas_report_withObserver() public {
        ObserverGasBench.bench(
            "report, credit and incentives observing",
            address(fv),
            relayer,
            abi.encodeCall(fv.submitReport, (report, sigs))
        );
        assertEq(uint8(lens.epochInfo(pid, 1).status), uint8(IFulfillmentVault.EpochStatus.Reported));
    }
}

/// @notice The deposit that settles the epoch, observed.
contract ObserverDepositGasTest is IncentivesFixtures {
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
        ObserverGasBench.bench(
            "deposit settling an epoch, credit and incentives observing",
            address(fv),
            issuer,
            abi.encodeCall(fv.deposit, (pid, 1))
        );
        assertEq(credit.accountOf(issuer).fulfilled, before + 1, "the credit registry recorded it");
    }
}

/// @notice The same report without an observer.
contract PlainReportGasTest is FulfillmentFixtures {
    uint256 internal pid;
    FulfillmentVault.FulfillmentReport internal report;
    AttestorSignature[] internal sigs;

    function setUp() public virtual override {
        super.setUp();
        (pid,) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1);
        _deposit(pid, 0);
        vm.warp(_epochEnd(1, TERM) + 1 hours);
        report = _r(pid, 1, UNITS, 100, 1);
        AttestorSignature[] memory s = _signReport(report);
        for (uint256 i; i < s.length; i++) {
            sigs.push(s[i]);
        }
    }

    function test_gas_report_withoutObserver() public {
        assertEq(address(fv.observer()), address(0));
        ObserverGasBench.bench(
            "report, no observer", address(fv), relayer, abi.encodeCall(fv.submitReport, (report, sigs))
        );
    }
}

/// @notice The same deposit without an observer.
contract PlainDepositGasTest is FulfillmentFixtures {
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
        ObserverGasBench.bench("deposit settling an epoch, no observer", address(fv), issuer, abi.encodeCall(fv.deposit, (pid, 1)));
    }
}
