// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {FulfillmentVault} from "../src/fulfillment/FulfillmentVault.sol";
import {BitcoinEvidence} from "../src/spv/BitcoinEvidence.sol";
import {IBtcSpvVerifier} from "../src/interfaces/IBtcSpvVerifier.sol";
import {IFulfillmentObserver} from "../src/interfaces/IFulfillmentObserver.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {ProbeObserver} from "./mocks/CreditMocks.sol";
import {BitcoinEvidenceFixtures} from "./utils/BitcoinEvidenceFixtures.sol";

/// @notice The fulfillment vault's two report hooks together: the Bitcoin evidence binding (issue #15)
/// and the credit/incentive observer. A report relayed with SPV evidence reaches the observer once,
/// with its signers, and settles into one observed pass; a relay whose evidence fails tells the
/// observer nothing (the whole report is undone); a failing observer never blocks a relay.
contract CreditEvidenceTest is BitcoinEvidenceFixtures {
    ProbeObserver internal probe;
    uint256 internal pid;

    function _fulfillmentObserver() internal override returns (IFulfillmentObserver) {
        probe = new ProbeObserver();
        return probe;
    }

    function setUp() public override {
        super.setUp();
        pid = _spvProduct();
        vm.warp(_epochEnd(0, TERM) + 2 hours);
    }

    function test_relayedReportReachesTheObserverOnce() public {
        assertEq(address(fv.observer()), address(probe));
        assertEq(address(fv.bitcoinEvidence()), address(evidence));
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        IFulfillmentVault.FulfillmentReport memory r = _evReport(pid, 0, UNITS, 1e8, 1e8 * PRECISION / UNITS, txid);
        assertEq(_relay(r, _one(p)), 1e8);
        assertEq(probe.reportedCalls(), 1, "told once, through the binding");
        address[] memory signers = probe.lastSigners();
        assertEq(signers.length, THRESHOLD);
        for (uint256 i; i < THRESHOLD; i++) {
            assertEq(signers[i], att[i]);
        }
        assertEq(probe.settledCalls(), 0);
        _deposit(pid, 0);
        assertEq(probe.settledCalls(), 1, "the deposit settled the epoch: one observed pass");
        IFulfillmentObserver.SettledPass memory pass = probe.last();
        assertEq(pass.productId, pid);
        assertEq(pass.fulfilled, 1);
        assertEq(pass.short_ + pass.missed + pass.unreported, 0);
    }

    function test_failedEvidenceTellsTheObserverNothing() public {
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        IFulfillmentVault.FulfillmentReport memory r = _evReport(pid, 0, UNITS, 2e8, 1e23, txid);
        _expectRelayRevert(r, _one(p), abi.encodeWithSelector(BitcoinEvidence.RevenueAboveProven.selector, 2e8, 1e8));
        assertEq(probe.reportedCalls(), 0);
        assertEq(uint8(lens.epochInfo(pid, 0).status), uint8(IFulfillmentVault.EpochStatus.Pending));
    }

    function test_aRevertingObserverNeverBlocksARelay() public {
        probe.setMode(ProbeObserver.Mode.Revert);
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        IFulfillmentVault.FulfillmentReport memory r = _evReport(pid, 0, UNITS, 1e8, 1e8 * PRECISION / UNITS, txid);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ObserverFailed(pid);
        assertEq(_relay(r, _one(p)), 1e8);
        assertTrue(spv.isPaymentClaimed(txid));
        assertEq(uint8(lens.epochInfo(pid, 0).status), uint8(IFulfillmentVault.EpochStatus.Reported));
    }
}
