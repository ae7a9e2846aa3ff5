// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {Vm} from "forge-std/Vm.sol";
import {Roles} from "../src/common/Roles.sol";
import {CreditMath} from "../src/credit/CreditMath.sol";
import {CreditRegistry} from "../src/credit/CreditRegistry.sol";
import {ObserverRouter} from "../src/credit/ObserverRouter.sol";
import {FulfillmentVault} from "../src/fulfillment/FulfillmentVault.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {HardwareRegistry} from "../src/token/HardwareRegistry.sol";
import {IBitcoinEvidence} from "../src/interfaces/IBitcoinEvidence.sol";
import {IFulfillmentObserver} from "../src/interfaces/IFulfillmentObserver.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {TooManyItems, ZeroAddress} from "../src/common/Errors.sol";
import {ProbeObserver} from "./mocks/CreditMocks.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";
import {CreditFixtures} from "./utils/CreditFixtures.sol";

/// @notice The credit records as the protocol produces them: the fulfillment vault's observer hook
/// (once per settle pass, never blocking), the router's fan-out, and the hardware registry's fraud
/// reports, end to end into the credit registry (checklist item 29: only protocol records).
contract CreditIntegrationTest is CreditFixtures {
    uint256 internal constant DAY = 1 days;

    // ------------------------------------------------------------------ helpers

    /// A vault like the fixture's, with `o` as its observer, holding the vault roles.
    function _vaultWith(IFulfillmentObserver o) internal returns (FulfillmentVault v) {
        v = new FulfillmentVault(
            address(manager), hpt, collateralVault, attestorRegistry, spv, IBitcoinEvidence(address(0)), o
        );
        vm.startPrank(owner);
        manager.grantRole(Roles.COLLATERAL_MANAGER, address(v), 0);
        manager.grantRole(Roles.PRODUCT_DEFAULTER, address(v), 0);
        v.setEpochConfig(btc, EPOCH, REPORT_WINDOW, DEPOSIT_WINDOW);
        vm.stopPrank();
        vm.prank(issuer);
        wbtc.approve(address(v), type(uint256).max);
    }

    function _reportTo(FulfillmentVault v, uint256 pid, uint32 epoch, uint256 delivered, uint256 revenue) internal {
        FulfillmentVault.FulfillmentReport memory r = _r(pid, epoch, delivered, revenue, 1);
        r.deadline = uint64(block.timestamp + 1 days);
        bytes32 digest = v.hashFulfillmentReport(r);
        v.submitReport(r, _sigsOver(digest, 0, THRESHOLD));
    }

    /// The fixture's scenario on vault `v`: epoch 0 fulfilled, 1 short (900 of 1,000), 2 reported
    /// and not deposited (missed), 3 and 4 never reported; settled in three passes.
    function _scenario(FulfillmentVault v, uint256 pid) internal {
        vm.warp(_epochEnd(0, TERM));
        _reportTo(v, pid, 0, UNITS, 100);
        vm.prank(issuer);
        v.deposit(pid, 0);
        vm.warp(_epochEnd(1, TERM));
        _reportTo(v, pid, 1, 900, 90);
        vm.prank(issuer);
        v.deposit(pid, 1);
        vm.warp(_epochEnd(2, TERM));
        _reportTo(v, pid, 2, UNITS, 100);
        vm.warp(T0 + TERM + REPORT_WINDOW + 1);
        v.settle(pid, type(uint256).max);
    }

    // ------------------------------------------------------------------ vault -> router -> credit

    function test_item29_settledEpochsAreTheIssuersRecord() public {
        (uint256 pid,) = _defaultProduct();
        _scenario(fv, pid);
        CreditRegistry.Account memory a = credit.accountOf(issuer);
        assertEq(a.fulfilled, 1);
        assertEq(a.short_, 1);
        assertEq(a.missed, 1);
        assertEq(a.unreported, 2);
        assertEq(a.defaults, 0);
        assertEq(a.lastUpdate, T0 + TERM + REPORT_WINDOW + 1);
        CreditMath.Breakdown memory b = credit.creditOf(issuer);
        assertEq(b.penaltyPoints, 40 + 2 * 60, "missed + 2 unreported, recorded just now");
        assertLt(b.reliability, 0.7e18, "1.9 of 4.28 epochs' worth delivered");
        assertGt(b.reliability, 0.4e18);
        assertLt(b.score, 300, "a bad record ends below a newcomer");
        assertGt(credit.classCreditOf(issuer, btc), 0);
    }

    function test_observer_isToldOncePerPassWithWhatSettled() public {
        ProbeObserver probe = new ProbeObserver();
        FulfillmentVault v = _vaultWith(probe);
        (uint256 pid,) = _defaultProduct();
        _scenario(v, pid);
        assertEq(probe.settledCalls(), 3, "two deposits and one settle of three epochs");
        assertEq(probe.reportedCalls(), 3);
        IFulfillmentObserver.SettledPass memory p = probe.last();
        assertEq(p.productId, pid);
        assertEq(p.issuer, issuer);
        assertEq(p.assetClass, btc);
        assertEq(p.capacity, UNITS);
        assertEq(p.firstEpoch, 2);
        assertEq(p.fulfilled, 0);
        assertEq(p.short_, 0);
        assertEq(p.missed, 1);
        assertEq(p.unreported, 2);
        assertFalse(p.defaulted);
        assertEq(p.from, T0 + 2 * EPOCH);
        assertEq(p.to, T0 + TERM, "the last epoch is 2 days long");
        assertEq(p.deliveredUnitSeconds, 0, "missed epochs deliver nothing");
        address[] memory signers = probe.lastSigners();
        assertEq(signers.length, THRESHOLD);
        assertEq(signers[0], att[0]);
        assertEq(signers[2], att[2]);
    }

    function test_observer_passOfDepositedEpochsCarriesDeliveredUnitSeconds() public {
        ProbeObserver probe = new ProbeObserver();
        FulfillmentVault v = _vaultWith(probe);
        vm.prank(owner);
        v.setEpochConfig(btc, EPOCH, 10 days, 10 days); // long windows: two epochs reported together
        (uint256 pid,) = _defaultProduct();
        // report epochs 0 and 1, deposit 1 first (does not settle: 0 is not deposited), then 0
        vm.warp(_epochEnd(1, TERM));
        _reportTo(v, pid, 0, UNITS, 100);
        _reportTo(v, pid, 1, 800, 80);
        vm.prank(issuer);
        v.deposit(pid, 1);
        assertEq(probe.settledCalls(), 0, "nothing settled, nobody told");
        vm.prank(issuer);
        v.deposit(pid, 0);
        assertEq(probe.settledCalls(), 1);
        IFulfillmentObserver.SettledPass memory p = probe.last();
        assertEq(p.firstEpoch, 0);
        assertEq(p.fulfilled, 1);
        assertEq(p.short_, 1);
        assertEq(p.from, T0);
        assertEq(p.to, T0 + 2 * EPOCH);
        assertEq(p.deliveredUnitSeconds, UNITS * EPOCH + 800 * EPOCH);
    }

    function test_observer_defaultIsReported() public {
        ProbeObserver probe = new ProbeObserver();
        FulfillmentVault v = _vaultWith(probe);
        (uint256 pid,) = _product(UNITS, TERM, 150);
        vm.warp(_epochEnd(0, TERM));
        _reportTo(v, pid, 0, UNITS, 100);
        vm.warp(_epochEnd(1, TERM) + REPORT_WINDOW + 1);
        v.settle(pid, type(uint256).max);
        IFulfillmentObserver.SettledPass memory p = probe.last();
        assertEq(p.missed, 1);
        assertEq(p.unreported, 1);
        assertTrue(p.defaulted);
        assertTrue(fv.record(pid).defaulted == false, "the fixture vault never saw it");
        assertTrue(v.record(pid).defaulted);
    }

    function test_defaultCostsTheIssuerItsPenalty() public {
        (uint256 pid,) = _product(UNITS, TERM, 150);
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1); // never deposited: missed, paid 100 of 150
        vm.warp(_epochEnd(1, TERM) + REPORT_WINDOW + 1);
        _settle(pid); // epoch 1 unreported owes 1,000: default
        CreditRegistry.Account memory a = credit.accountOf(issuer);
        assertEq(a.defaults, 1);
        assertEq(a.missed, 1);
        assertEq(a.unreported, 1);
        assertEq(credit.creditOf(issuer).penaltyPoints, 300 + 40 + 60);
        assertEq(credit.scoreOf(issuer), 0);
    }

    function test_observer_aRevertingObserverNeverBlocksAndCostsAnEvent() public {
        ProbeObserver probe = new ProbeObserver();
        probe.setMode(ProbeObserver.Mode.Revert);
        FulfillmentVault v = _vaultWith(probe);
        (uint256 pid,) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        FulfillmentVault.FulfillmentReport memory r = _r(pid, 0, UNITS, 100, 1);
        bytes32 digest = v.hashFulfillmentReport(r);
        vm.expectEmit(address(v));
        emit FulfillmentVault.ObserverFailed(pid);
        v.submitReport(r, _sigsOver(digest, 0, THRESHOLD));
        vm.expectEmit(address(v));
        emit FulfillmentVault.ObserverFailed(pid);
        vm.prank(issuer);
        v.deposit(pid, 0);
        assertEq(uint8(v.epochData(pid, 0).status), uint8(IFulfillmentVault.EpochStatus.Fulfilled));
        assertEq(probe.settledCalls(), 0);
    }

    function test_observer_anObserverBurningAllItsGasNeverBlocks() public {
        ProbeObserver probe = new ProbeObserver();
        probe.setMode(ProbeObserver.Mode.BurnGas);
        FulfillmentVault v = _vaultWith(probe);
        (uint256 pid,) = _defaultProduct();
        _scenario(v, pid);
        assertEq(v.record(pid).epochsUnreported, 2);
        assertEq(probe.settledCalls(), 0);
    }

    /// A settler cannot drop the issuer's bad record by sending too little gas for the observer.
    function test_observer_tooLittleGasRevertsInsteadOfDroppingTheRecord() public {
        (uint256 pid,) = _defaultProduct();
        vm.warp(T0 + TERM + REPORT_WINDOW + 1);
        vm.expectRevert(FulfillmentVault.ObserverGasTooLow.selector);
        fv.settle{gas: 550_000}(pid, type(uint256).max);
        assertEq(credit.accountOf(issuer).unreported, 0);
        fv.settle{gas: 2_000_000}(pid, type(uint256).max);
        assertEq(credit.accountOf(issuer).unreported, 5);
    }

    /// With no observer the vault behaves as before: the same scenario on two vaults, one observed,
    /// settles to the same epochs and pays the same claims.
    function test_observer_changesNothingOfTheSettlement() public {
        FulfillmentVault plain = _vaultWith(IFulfillmentObserver(address(0)));
        (uint256 p1, uint256 t1) = _defaultProduct();
        (uint256 p2, uint256 t2) = _defaultProduct();
        uint256 start = block.timestamp;
        _scenario(fv, p1);
        vm.warp(start);
        _scenario(plain, p2);
        for (uint32 e; e < 5; e++) {
            IFulfillmentVault.EpochData memory a = fv.epochData(p1, e);
            IFulfillmentVault.EpochData memory b = plain.epochData(p2, e);
            assertEq(uint8(a.status), uint8(b.status));
            assertEq(a.compensation, b.compensation);
            assertEq(a.accEnd, b.accEnd);
        }
        assertEq(fv.claimable(t1, 0), plain.claimable(t2, 0));
        assertEq(abi.encode(fv.record(p1)), abi.encode(plain.record(p2)));
    }

    // ------------------------------------------------------------------ router

    function test_router_fansOutToProgramsAndSurvivesTheirFailures() public {
        ProbeObserver good = new ProbeObserver();
        ProbeObserver bad = new ProbeObserver();
        bad.setMode(ProbeObserver.Mode.Revert);
        vm.startPrank(owner);
        router.addProgram(bad);
        router.addProgram(good);
        vm.stopPrank();
        (uint256 pid,) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        vm.expectEmit(address(router));
        emit ObserverRouter.DeliveryFailed(address(bad), pid);
        _report(pid, 0, UNITS, 100, 1);
        assertEq(good.reportedCalls(), 1);
        vm.expectEmit(address(router));
        emit ObserverRouter.DeliveryFailed(address(bad), pid);
        _deposit(pid, 0);
        assertEq(good.settledCalls(), 1);
        assertEq(credit.accountOf(issuer).fulfilled, 1, "the credit record is written first, whatever programs do");
    }

    /// A program that burns every unit of gas it is given (first in line) cannot starve the credit
    /// record or a light program after it: it may use all but the floor kept for each later program.
    function test_router_aProgramThatBurnsItsGasDoesNotStarveTheOthers() public {
        ProbeObserver burner = new ProbeObserver();
        burner.setMode(ProbeObserver.Mode.BurnGas);
        ProbeObserver good = new ProbeObserver();
        good.setMode(ProbeObserver.Mode.CountOnly);
        vm.startPrank(owner);
        router.addProgram(burner);
        router.addProgram(good);
        vm.stopPrank();
        (uint256 pid,) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        vm.expectEmit(address(router));
        emit ObserverRouter.DeliveryFailed(address(burner), pid);
        _report(pid, 0, UNITS, 100, 1);
        assertEq(good.reportedCalls(), 1, "the next program still heard the report");
        vm.expectEmit(address(router));
        emit ObserverRouter.DeliveryFailed(address(burner), pid);
        _deposit(pid, 0);
        assertEq(good.settledCalls(), 1, "and the settlement");
        assertEq(credit.accountOf(issuer).fulfilled, 1, "the credit record is written");
    }

    /// Wherever a failing program sits among the four (reverting or burning all its gas), every other
    /// one that needs no more than the floor hears the report and the settlement, and the credit record
    /// is written. 1,000 runs: the input space is 4 positions x 2 failure modes,
    /// and the router moves no value.
    /// forge-config: default.fuzz.runs = 1000
    function testFuzz_router_oneFailingProgramNeverSilencesAnother(uint8 position, bool burns) public {
        position = uint8(bound(position, 0, 3));
        ProbeObserver[4] memory probes;
        vm.startPrank(owner);
        for (uint256 i; i < 4; i++) {
            probes[i] = new ProbeObserver();
            probes[i].setMode(
                i == position
                    ? (burns ? ProbeObserver.Mode.BurnGas : ProbeObserver.Mode.Revert)
                    : ProbeObserver.Mode.CountOnly
            );
            router.addProgram(probes[i]);
        }
        vm.stopPrank();
        (uint256 pid,) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1);
        _deposit(pid, 0);
        for (uint256 i; i < 4; i++) {
            if (i == position) continue;
            assertEq(probes[i].reportedCalls(), 1, "a program after or before the failing one heard the report");
            assertEq(probes[i].settledCalls(), 1, "and the settlement");
        }
        assertEq(credit.accountOf(issuer).fulfilled, 1, "the credit record is written");
    }

    function test_router_creditFailureIsAnEventAndProgramsStillHear() public {
        ProbeObserver good = new ProbeObserver();
        vm.startPrank(owner);
        router.addProgram(good);
        manager.revokeRole(Roles.CREDIT_RECORDER, address(router));
        vm.stopPrank();
        (uint256 pid,) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1);
        vm.expectEmit(address(router));
        emit ObserverRouter.DeliveryFailed(address(credit), pid);
        _deposit(pid, 0);
        assertEq(good.settledCalls(), 1);
        assertEq(credit.accountOf(issuer).fulfilled, 0);
    }

    function test_router_programsAdminAndBounds() public {
        ProbeObserver a = new ProbeObserver();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        router.addProgram(a);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        router.removeProgram(a);
        vm.startPrank(owner);
        vm.expectRevert(ZeroAddress.selector);
        router.addProgram(IFulfillmentObserver(address(0)));
        vm.expectEmit(address(router));
        emit ObserverRouter.ProgramAdded(address(a));
        router.addProgram(a);
        vm.expectRevert(abi.encodeWithSelector(ObserverRouter.ProgramAlreadyListening.selector, address(a)));
        router.addProgram(a);
        for (uint256 i; i < 3; i++) {
            router.addProgram(new ProbeObserver());
        }
        ProbeObserver fifth = new ProbeObserver();
        vm.expectRevert(abi.encodeWithSelector(TooManyItems.selector, 5, 4));
        router.addProgram(fifth);
        assertEq(router.programs().length, 4);
        vm.expectEmit(address(router));
        emit ObserverRouter.ProgramRemoved(address(a));
        router.removeProgram(a);
        assertEq(router.programs().length, 3);
        vm.expectRevert(abi.encodeWithSelector(ObserverRouter.ProgramNotListening.selector, address(a)));
        router.removeProgram(a);
        vm.stopPrank();
        assertEq(address(router.credit()), address(credit));
    }

    // ------------------------------------------------------------------ hardware registry -> credit

    function _duplicate() internal returns (uint256 frozenId) {
        _mintDefault();
        bytes32[] memory hwB = new bytes32[](1);
        hwB[0] = hw[0];
        HashPowerToken.ProductAttestation memory b = _attestationFor(issuer, hwB, 2);
        (frozenId,) = _mint(b);
    }

    function test_item29_fraudIsTheIssuersAndTheSignersRecord() public {
        uint256 frozenId = _duplicate();
        vm.expectEmit(address(credit));
        emit CreditRegistry.FrozenRecorded(issuer, frozenId, uint64(block.timestamp));
        vm.prank(challenger);
        hardwareRegistry.challengeDuplicateHardware(hw[0], 1, MerkleHelper.proof(hw, 0), frozenId, new bytes32[](0));
        assertEq(credit.accountOf(issuer).frozen, 1);
        assertEq(credit.creditOf(issuer).penaltyPoints, 500);
        for (uint256 i; i < THRESHOLD; i++) {
            assertEq(credit.accountOf(att[i]).slashes, 1, "every signer of both was slashed");
            assertEq(credit.scoreOf(att[i]), 0);
        }
        assertEq(credit.accountOf(att[3]).slashes, 0);
        assertEq(address(hardwareRegistry.credit()), address(credit));
    }

    function test_fraudReportFailureNeverBlocksAChallenge() public {
        uint256 frozenId = _duplicate();
        vm.prank(owner);
        manager.revokeRole(Roles.FRAUD_REPORTER, address(hardwareRegistry));
        vm.recordLogs();
        vm.prank(challenger);
        hardwareRegistry.challengeDuplicateHardware(hw[0], 1, MerkleHelper.proof(hw, 0), frozenId, new bytes32[](0));
        assertTrue(hpt.product(frozenId).frozen, "the challenge went through");
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 failures;
        for (uint256 i; i < logs.length; i++) {
            if (logs[i].topics[0] == HardwareRegistry.CreditReportFailed.selector) failures++;
        }
        assertEq(failures, 1 + THRESHOLD, "the frozen product and three slashes");
        assertEq(credit.accountOf(issuer).frozen, 0);
    }

    /// A fraudulent issuer racing to challenge itself cannot drop its record by sending little gas.
    function test_fraudReportNeedsItsGas() public {
        uint256 frozenId = _duplicate();
        bytes32[] memory proofA = MerkleHelper.proof(hw, 0);
        vm.prank(issuer);
        vm.expectRevert(HardwareRegistry.CreditGasTooLow.selector);
        hardwareRegistry.challengeDuplicateHardware{gas: 300_000}(hw[0], 1, proofA, frozenId, new bytes32[](0));
        assertFalse(hpt.product(frozenId).frozen);
    }

    /// The credit hooks sit on top of the issue #10 redemption and change nothing of it: the challenge
    /// records the fraud, and the forfeited collateral goes to the holders at the freeze (never the
    /// issuer's own units, never whoever got the token after the freeze).
    function test_fraudRecordLeavesRedemptionToTheHoldersAtTheFreeze() public {
        uint256 frozenId = _duplicate();
        uint256 issuerToken = hpt.nextTokenId() - 1;
        address buyer = makeAddr("buyer");
        vm.prank(issuer);
        uint256 sold = hpt.carve(issuerToken, CAPACITY / 4, buyer);
        vm.warp(block.timestamp + 1);
        vm.prank(challenger);
        hardwareRegistry.challengeDuplicateHardware(hw[0], 1, MerkleHelper.proof(hw, 0), frozenId, new bytes32[](0));
        assertEq(credit.accountOf(issuer).frozen, 1, "the fraud is on the issuer's record");
        (uint256 forfeited, uint256 capacity, uint64 frozenAt, address poolIssuer) =
            hardwareRegistry.frozenPool(frozenId);
        assertEq(forfeited, COLLATERAL - COLLATERAL / 10);
        assertEq(capacity, CAPACITY);
        assertEq(frozenAt, block.timestamp);
        assertEq(poolIssuer, issuer);

        // after the freeze the buyer passes its slice on: the new owner's holding does not cover it
        vm.warp(block.timestamp + 1);
        vm.prank(buyer);
        hpt.transferFrom(buyer, stranger, sold);
        uint256[] memory ids = new uint256[](1);
        uint256[] memory at = new uint256[](1);
        ids[0] = sold;
        at[0] = hpt.holdingCount(sold) - 1;
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.NotHolderAtFreeze.selector, sold, at[0]));
        hardwareRegistry.redeemFrozen(ids, at);

        ids = new uint256[](2);
        at = new uint256[](2);
        (ids[0], ids[1]) = (issuerToken, sold);
        (at[0], at[1]) = (hpt.holdingCount(issuerToken) - 1, 0);
        uint256 issuerBefore = wbtc.balanceOf(issuer);
        vm.prank(stranger);
        uint256 total = hardwareRegistry.redeemFrozen(ids, at);
        uint256 share = (CAPACITY / 4) * forfeited / CAPACITY;
        assertEq(total, share, "only the buyer's share");
        assertEq(wbtc.balanceOf(buyer), share, "the holder at the freeze is paid");
        assertEq(wbtc.balanceOf(stranger), 0, "not the current owner");
        assertEq(wbtc.balanceOf(issuer), issuerBefore, "never the issuer's own units");
        assertEq(collateralVault.forfeitedOf(frozenId), forfeited - share);
        assertEq(credit.accountOf(issuer).frozen, 1, "redemption records nothing more");
    }

    function test_withoutCreditTheHardwareRegistryBehavesAsBefore() public {
        HardwareRegistry plain = new HardwareRegistry(hpt, collateralVault, attestorRegistry, credit);
        assertEq(address(plain.credit()), address(credit));
        HardwareRegistry none = new HardwareRegistry(hpt, collateralVault, attestorRegistry, CreditRegistry(address(0)));
        vm.startPrank(owner);
        manager.grantRole(Roles.PRODUCT_FREEZER, address(none), 0);
        manager.grantRole(Roles.COLLATERAL_FORFEITER, address(none), 0);
        manager.grantRole(Roles.BOND_SLASHER, address(none), 0);
        vm.stopPrank();
        uint256 frozenId = _duplicate();
        vm.prank(challenger);
        (, uint256 bounty, uint256 slashed) =
            none.challengeDuplicateHardware(hw[0], 1, MerkleHelper.proof(hw, 0), frozenId, new bytes32[](0));
        assertEq(bounty, COLLATERAL / 10);
        assertEq(slashed, THRESHOLD * MIN_BOND);
        assertEq(credit.accountOf(issuer).frozen, 0);
    }
}
