// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {NonceAlreadyUsed} from "../src/common/Errors.sol";
import {Roles} from "../src/common/Roles.sol";
import {FulfillmentVault} from "../src/fulfillment/FulfillmentVault.sol";
import {BtcSpvVerifier} from "../src/spv/BtcSpvVerifier.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {IBitcoinEvidence} from "../src/interfaces/IBitcoinEvidence.sol";
import {IBtcSpvVerifier} from "../src/interfaces/IBtcSpvVerifier.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {BtcRef} from "./utils/BtcSpvFixtures.sol";
import {FulfillmentAreaFixtures} from "./utils/FulfillmentAreaFixtures.sol";
import {IFulfillmentObserver} from "../src/interfaces/IFulfillmentObserver.sol";

/// @notice submitReportWithPayment: the report's evidence proven a Bitcoin payout by SPV
/// (SECURITY-CHECKLIST 11: one txid cannot be claimed twice; 30: only a consumer may consume).
contract FulfillmentVaultSpvTest is FulfillmentAreaFixtures {
    uint256 internal pid;
    IBtcSpvVerifier.PaymentProof internal proof;
    bytes32 internal txid;

    function setUp() public override {
        super.setUp();
        (pid,) = _defaultProduct();
        proof = _defaultProof();
        txid = BtcRef.sha256d(_defaultTxs()[0]);
        vm.warp(_epochEnd(1, TERM));
    }

    function _paidReport(uint32 epoch, bytes32 evidence)
        internal
        returns (IFulfillmentVault.FulfillmentReport memory r, AttestorSignature[] memory sigs)
    {
        return _paidReportOf(pid, epoch, evidence);
    }

    function _paidReportOf(uint256 productId, uint32 epoch, bytes32 evidence)
        internal
        returns (IFulfillmentVault.FulfillmentReport memory r, AttestorSignature[] memory sigs)
    {
        r = _r(productId, epoch, UNITS, 1e8, 1e5);
        r.evidence = evidence;
        sigs = _signReport(r);
    }

    function test_spv_validProof() public {
        (IFulfillmentVault.FulfillmentReport memory r, AttestorSignature[] memory sigs) = _paidReport(1, txid);
        bytes32 digest = fv.hashFulfillmentReport(r);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.FulfillmentReported(
            pid, 1, digest, r.nonce, UNITS, 1e8, 1e5 * 1e18, BITCOIN, txid, uint64(block.timestamp + DEPOSIT_WINDOW)
        );
        vm.expectEmit(address(spv));
        emit BtcSpvVerifier.PaymentConsumed(txid, address(fv), 175_000_000);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.PaymentEvidenceVerified(pid, 1, txid, 175_000_000);
        vm.prank(relayer);
        fv.submitReportWithPayment(r, sigs, proof);
        assertTrue(spv.isPaymentClaimed(txid));
        assertEq(lens.epochInfo(pid, 1).evidence, txid);
        assertEq(uint8(lens.epochInfo(pid, 1).status), uint8(IFulfillmentVault.EpochStatus.Reported));
    }

    function test_spv_mismatchedTxid() public {
        bytes32 other = keccak256("another payout");
        (IFulfillmentVault.FulfillmentReport memory r, AttestorSignature[] memory sigs) = _paidReport(1, other);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.EvidenceMismatch.selector, other, txid));
        fv.submitReportWithPayment(r, sigs, proof);
        assertFalse(spv.isPaymentClaimed(txid), "nothing consumed");
        assertFalse(fv.isNonceUsed(r.nonce));
    }

    /// SECURITY-CHECKLIST 11: the same payout cannot evidence two epochs (of any product).
    function test_spv_reusedPayment() public {
        (uint256 p2,) = _defaultProduct();
        (IFulfillmentVault.FulfillmentReport memory r, AttestorSignature[] memory sigs) = _paidReport(1, txid);
        fv.submitReportWithPayment(r, sigs, proof);
        (r, sigs) = _paidReportOf(p2, 1, txid);
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.PaymentAlreadyClaimed.selector, txid));
        fv.submitReportWithPayment(r, sigs, proof);
    }

    /// SECURITY-CHECKLIST 30: the vault must hold the verifier's role SPV_CONSUMER; without it the
    /// whole report reverts (nothing recorded, the nonce and the payment unused). Granted again, it works.
    function test_spv_vaultNotAConsumer() public {
        _revoke(Roles.SPV_CONSUMER, address(fv));
        (IFulfillmentVault.FulfillmentReport memory r, AttestorSignature[] memory sigs) = _paidReport(1, txid);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(fv)));
        fv.submitReportWithPayment(r, sigs, proof);
        assertFalse(spv.isPaymentClaimed(txid));
        assertFalse(fv.isNonceUsed(r.nonce));
        assertEq(uint8(lens.epochInfo(pid, 1).status), uint8(IFulfillmentVault.EpochStatus.Pending));
        // the plain report path never needs the role
        (uint256 p2,) = _defaultProduct();
        _submit(_r(p2, 1, UNITS, 1e8, 1e5));
        assertEq(uint8(lens.epochInfo(p2, 1).status), uint8(IFulfillmentVault.EpochStatus.Reported));
        _grant(Roles.SPV_CONSUMER, address(fv));
        fv.submitReportWithPayment(r, sigs, proof);
        assertTrue(spv.isPaymentClaimed(txid));
    }

    /// A report whose SPV proof was consumed cannot be replayed through either path.
    function test_item3_spv_replayAfterPayment() public {
        (IFulfillmentVault.FulfillmentReport memory r, AttestorSignature[] memory sigs) = _paidReport(1, txid);
        fv.submitReportWithPayment(r, sigs, proof);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.EpochAlreadyReported.selector, pid, 1));
        fv.submitReportWithPayment(r, sigs, proof);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.EpochAlreadyReported.selector, pid, 1));
        fv.submitReport(r, sigs);
        // the same nonce for another product's epoch: the nonce is spent
        (uint256 p2,) = _defaultProduct();
        IFulfillmentVault.FulfillmentReport memory other = _r(p2, 1, UNITS, 1e8, 1e5);
        other.nonce = r.nonce;
        AttestorSignature[] memory sigs0 = _signReport(other);
        vm.expectRevert(abi.encodeWithSelector(NonceAlreadyUsed.selector, r.nonce));
        fv.submitReport(other, sigs0);
    }

    function test_spv_badProofFails() public {
        (IFulfillmentVault.FulfillmentReport memory r, AttestorSignature[] memory sigs) = _paidReport(1, txid);
        IBtcSpvVerifier.PaymentProof memory p = proof;
        p.requiredConfirmations = 7;
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.TooFewConfirmations.selector, 6, 7));
        fv.submitReportWithPayment(r, sigs, p);
    }

    function test_spv_reportChecksStillApply() public {
        (IFulfillmentVault.FulfillmentReport memory r, AttestorSignature[] memory sigs) = _paidReport(2, txid);
        vm.expectRevert(
            abi.encodeWithSelector(FulfillmentVault.EpochNotEnded.selector, pid, 2, uint64(_epochEnd(2, TERM)))
        );
        fv.submitReportWithPayment(r, sigs, proof);
    }

    function test_spv_verifierNotSet() public {
        FulfillmentVault noSpv =
            new FulfillmentVault(
                address(manager),
                hpt,
                collateralVault,
                attestorRegistry,
                IBtcSpvVerifier(address(0)),
                IBitcoinEvidence(address(0)),
                IFulfillmentObserver(address(0))
            );
        (IFulfillmentVault.FulfillmentReport memory r, AttestorSignature[] memory sigs) = _paidReport(1, txid);
        vm.expectRevert(FulfillmentVault.SpvVerifierNotSet.selector);
        noSpv.submitReportWithPayment(r, sigs, proof);
    }
}
