// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {AttestationExpired, NonceAlreadyUsed, UnknownProduct, ZeroAddress} from "../src/common/Errors.sol";
import {Roles} from "../src/common/Roles.sol";
import {FulfillmentVault} from "../src/fulfillment/FulfillmentVault.sol";
import {AssetClassRegistry} from "../src/registry/AssetClassRegistry.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {BitcoinEvidence} from "../src/spv/BitcoinEvidence.sol";
import {BtcSpvVerifier} from "../src/spv/BtcSpvVerifier.sol";
import {IAssetClassRegistry} from "../src/interfaces/IAssetClassRegistry.sol";
import {AttestorSignature, IAttestorRegistry} from "../src/interfaces/IAttestorRegistry.sol";
import {IBitcoinEvidence} from "../src/interfaces/IBitcoinEvidence.sol";
import {IBtcSpvVerifier} from "../src/interfaces/IBtcSpvVerifier.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {IHashPowerToken} from "../src/interfaces/IHashPowerToken.sol";
import {BitcoinEvidenceFixtures} from "./utils/BitcoinEvidenceFixtures.sol";
import {BtcRef} from "./utils/BtcSpvFixtures.sol";

/// @notice BitcoinEvidence: payout commitments, class parameters behind a delay, and reports relayed
/// with SPV proofs bound to the product (SECURITY-CHECKLIST items 7 and 9-12 extended to the binding,
/// 1 and 3 for commitments, 30 and 31 for the hooks and admin functions).
contract BitcoinEvidenceTest is BitcoinEvidenceFixtures {
    uint256 internal pid;

    function setUp() public override {
        super.setUp();
        pid = _spvProduct();
        vm.warp(_epochEnd(0, TERM) + 2 hours);
    }

    // ================================================================ deployment

    function test_constructor_rejectsZeroAddresses() public {
        vm.expectRevert(ZeroAddress.selector);
        new BitcoinEvidence(address(manager), IAttestorRegistry(address(0)), hpt, spv, assetClasses);
        vm.expectRevert(ZeroAddress.selector);
        new BitcoinEvidence(address(manager), attestorRegistry, IHashPowerToken(address(0)), spv, assetClasses);
        vm.expectRevert(ZeroAddress.selector);
        new BitcoinEvidence(address(manager), attestorRegistry, hpt, IBtcSpvVerifier(address(0)), assetClasses);
        vm.expectRevert(ZeroAddress.selector);
        new BitcoinEvidence(address(manager), attestorRegistry, hpt, spv, IAssetClassRegistry(address(0)));
        BitcoinEvidence e = new BitcoinEvidence(address(manager), attestorRegistry, hpt, spv, assetClasses);
        assertEq(address(e.token()), address(hpt));
        assertEq(address(e.verifier()), address(spv));
        assertEq(address(e.assetClasses()), address(assetClasses));
        assertEq(address(e.fulfillmentVault()), address(0));
        assertEq(address(fv.bitcoinEvidence()), address(evidence));
    }

    function test_setFulfillmentVault_once() public {
        BitcoinEvidence e = new BitcoinEvidence(address(manager), attestorRegistry, hpt, spv, assetClasses);
        vm.expectRevert(ZeroAddress.selector);
        vm.prank(owner);
        e.setFulfillmentVault(IFulfillmentVault(address(0)));
        vm.expectEmit(address(e));
        emit BitcoinEvidence.FulfillmentVaultSet(address(fv));
        vm.prank(owner);
        e.setFulfillmentVault(fv);
        assertEq(address(e.fulfillmentVault()), address(fv));
        vm.expectRevert(BitcoinEvidence.VaultAlreadySet.selector);
        vm.prank(owner);
        e.setFulfillmentVault(IFulfillmentVault(address(0xbeef)));
    }

    /// SECURITY-CHECKLIST 31: every admin function of the binding refuses a stranger.
    function test_item31_adminFunctionsRefuseStrangers() public {
        BitcoinEvidence e = new BitcoinEvidence(address(manager), attestorRegistry, hpt, spv, assetClasses);
        vm.startPrank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        e.setFulfillmentVault(fv);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        evidence.scheduleClassParams(btc, 6, 1 days, 1 hours, 1);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        evidence.cancelClassParams(btc);
        vm.stopPrank();
    }

    function test_relay_vaultNotSet() public {
        BitcoinEvidence e = new BitcoinEvidence(address(manager), attestorRegistry, hpt, spv, assetClasses);
        IFulfillmentVault.FulfillmentReport memory r = _evReport(pid, 0, UNITS, 1, 0, bytes32(0));
        AttestorSignature[] memory sigs;
        vm.expectRevert(BitcoinEvidence.VaultNotSet.selector);
        e.submitReportWithEvidence(r, sigs, new IBtcSpvVerifier.PaymentProof[](1));
    }

    // ================================================================ class parameters

    function test_params_firstConfigurationAppliesAtOnce() public {
        BitcoinEvidence.ClassConfig memory c = evidence.classParams(btc);
        assertTrue(c.configured);
        assertEq(c.minConfirmations, MIN_CONFS);
        assertEq(c.maxCheckpointAge, MAX_AGE);
        assertEq(c.windowSlack, SLACK);
        assertEq(c.baseUnitsPerSatoshi, SAT);
        assertEq(c.unitDecimals, 6, "read from the registry");

        bytes32 other = _newClass("BTC-SHA256-B", address(wbtc), true);
        vm.expectEmit(address(evidence));
        emit BitcoinEvidence.ClassParamsSet(other, 3, 2 days, 2 hours, 10, 6);
        vm.prank(owner);
        evidence.scheduleClassParams(other, 3, 2 days, 2 hours, 10);
        assertEq(evidence.classParams(other).minConfirmations, 3);
        (, uint64 eta) = evidence.pendingClassParams(other);
        assertEq(eta, 0, "nothing pending");
    }

    /// SECURITY-CHECKLIST 31: a change that can hurt issuers (more confirmations, shorter checkpoint
    /// ages, another conversion) waits PARAMS_DELAY.
    function test_item31_params_changeWaitsTheDelay() public {
        uint64 eta = uint64(block.timestamp) + evidence.PARAMS_DELAY();
        vm.expectEmit(address(evidence));
        emit BitcoinEvidence.ClassParamsScheduled(btc, 12, 1 days, 3 hours, 2, eta);
        vm.prank(owner);
        evidence.scheduleClassParams(btc, 12, 1 days, 3 hours, 2);
        assertEq(evidence.classParams(btc).minConfirmations, MIN_CONFS, "still the old parameters");
        (BitcoinEvidence.ClassConfig memory pending, uint64 at) = evidence.pendingClassParams(btc);
        assertEq(at, eta);
        assertEq(pending.minConfirmations, 12);
        assertEq(pending.baseUnitsPerSatoshi, 2);

        vm.warp(eta - 1);
        vm.expectRevert(abi.encodeWithSelector(BitcoinEvidence.ClassParamsNotReady.selector, btc, eta));
        vm.prank(stranger);
        evidence.applyClassParams(btc);

        vm.warp(eta);
        vm.expectEmit(address(evidence));
        emit BitcoinEvidence.ClassParamsSet(btc, 12, 1 days, 3 hours, 2, 6);
        vm.prank(stranger); // anyone applies
        evidence.applyClassParams(btc);
        BitcoinEvidence.ClassConfig memory c = evidence.classParams(btc);
        assertEq(c.minConfirmations, 12);
        assertEq(c.maxCheckpointAge, 1 days);
        assertEq(c.windowSlack, 3 hours);
        assertEq(c.baseUnitsPerSatoshi, 2);
        (, at) = evidence.pendingClassParams(btc);
        assertEq(at, 0);
        vm.expectRevert(abi.encodeWithSelector(BitcoinEvidence.NoPendingClassParams.selector, btc));
        evidence.applyClassParams(btc);
    }

    function test_params_rescheduleReplacesAndRestartsTheDelay() public {
        vm.prank(owner);
        evidence.scheduleClassParams(btc, 12, 1 days, 3 hours, 2);
        vm.warp(block.timestamp + 1 days);
        vm.prank(owner);
        evidence.scheduleClassParams(btc, 7, 1 days, 3 hours, 2);
        (BitcoinEvidence.ClassConfig memory pending, uint64 eta) = evidence.pendingClassParams(btc);
        assertEq(pending.minConfirmations, 7);
        assertEq(eta, block.timestamp + 2 days);
    }

    function test_params_cancel() public {
        vm.expectRevert(abi.encodeWithSelector(BitcoinEvidence.NoPendingClassParams.selector, btc));
        vm.prank(owner);
        evidence.cancelClassParams(btc);
        vm.prank(owner);
        evidence.scheduleClassParams(btc, 12, 1 days, 3 hours, 2);
        vm.expectEmit(address(evidence));
        emit BitcoinEvidence.ClassParamsCancelled(btc);
        vm.prank(owner);
        evidence.cancelClassParams(btc);
        (, uint64 eta) = evidence.pendingClassParams(btc);
        assertEq(eta, 0);
        vm.warp(block.timestamp + 3 days);
        vm.expectRevert(abi.encodeWithSelector(BitcoinEvidence.NoPendingClassParams.selector, btc));
        evidence.applyClassParams(btc);
        assertEq(evidence.classParams(btc).minConfirmations, MIN_CONFS);
    }

    function test_params_outOfBounds() public {
        uint256 maxAge = evidence.MAX_CHECKPOINT_AGE();
        uint256 maxSlack = evidence.MAX_WINDOW_SLACK();
        uint256 maxRate = evidence.MAX_BASE_UNITS_PER_SATOSHI();
        vm.startPrank(owner);
        vm.expectRevert(BitcoinEvidence.InvalidClassParams.selector);
        evidence.scheduleClassParams(btc, 0, 1 days, 1 hours, 1);
        vm.expectRevert(BitcoinEvidence.InvalidClassParams.selector);
        evidence.scheduleClassParams(btc, 2017, 1 days, 1 hours, 1);
        vm.expectRevert(BitcoinEvidence.InvalidClassParams.selector);
        evidence.scheduleClassParams(btc, 6, 0, 1 hours, 1);
        vm.expectRevert(BitcoinEvidence.InvalidClassParams.selector);
        evidence.scheduleClassParams(btc, 6, uint32(maxAge + 1), 1 hours, 1);
        vm.expectRevert(BitcoinEvidence.InvalidClassParams.selector);
        evidence.scheduleClassParams(btc, 6, 1 days, uint32(maxSlack + 1), 1);
        vm.expectRevert(BitcoinEvidence.InvalidClassParams.selector);
        evidence.scheduleClassParams(btc, 6, 1 days, 1 hours, 0);
        vm.expectRevert(BitcoinEvidence.InvalidClassParams.selector);
        evidence.scheduleClassParams(btc, 6, 1 days, 1 hours, uint64(maxRate + 1));
        // the bounds themselves are accepted
        evidence.scheduleClassParams(btc, 2016, uint32(maxAge), uint32(maxSlack), uint64(maxRate));
        vm.stopPrank();
    }

    function test_params_onlyTerahashClasses() public {
        vm.startPrank(owner);
        bytes32 fil = assetClasses.registerAssetClass("FIL-STORAGE", "TiB", 9, address(wbtc));
        vm.expectRevert(abi.encodeWithSelector(BitcoinEvidence.UnsupportedUnit.selector, fil));
        evidence.scheduleClassParams(fil, 6, 1 days, 1 hours, 1);
        vm.expectRevert(abi.encodeWithSelector(AssetClassRegistry.UnknownAssetClass.selector, bytes32(uint256(7))));
        evidence.scheduleClassParams(bytes32(uint256(7)), 6, 1 days, 1 hours, 1);
        vm.stopPrank();
    }

    // ================================================================ commitments

    function test_commit_recorded() public {
        (uint256 p2,) = _defaultProduct();
        BitcoinEvidence.PayoutCommitment memory c = _commitment(p2, _scripts(poolScript, poolScript2), false, 3);
        AttestorSignature[] memory sigs = _signCommitment(c);
        vm.expectEmit(address(evidence));
        emit BitcoinEvidence.PayoutCommitted(p2, 3, false, c.payoutScripts);
        vm.prank(stranger); // anyone relays
        evidence.submitCommitment(c, sigs);
        (uint64 version, bool required, bytes32[] memory hashes) = evidence.commitmentOf(p2);
        assertEq(version, 3);
        assertFalse(required);
        assertEq(hashes.length, 2);
        assertEq(hashes[0], keccak256(poolScript));
        assertEq(hashes[1], keccak256(poolScript2));
        assertTrue(evidence.isCommittedScript(p2, poolScript));
        assertTrue(evidence.isCommittedScript(p2, poolScript2));
        assertFalse(evidence.isCommittedScript(p2, otherScript));
        assertFalse(evidence.requiresSpv(p2));
        assertTrue(evidence.requiresSpv(pid));
        assertTrue(evidence.isNonceUsed(c.nonce));
    }

    function test_commit_higherVersionReplaces() public {
        _commit(pid, _scripts(poolScript2), true, 2);
        assertFalse(evidence.isCommittedScript(pid, poolScript), "the old script is no longer committed");
        assertTrue(evidence.isCommittedScript(pid, poolScript2));
        (uint64 version,,) = evidence.commitmentOf(pid);
        assertEq(version, 2);
        // and back: version 3 may commit the first script again
        _commit(pid, _scripts(poolScript), true, 3);
        assertTrue(evidence.isCommittedScript(pid, poolScript));
        assertFalse(evidence.isCommittedScript(pid, poolScript2));
    }

    function test_commit_staleVersion() public {
        BitcoinEvidence.PayoutCommitment memory c = _commitment(pid, _scripts(poolScript2), true, 1);
        AttestorSignature[] memory sigs = _signCommitment(c);
        vm.expectRevert(abi.encodeWithSelector(BitcoinEvidence.StaleCommitmentVersion.selector, pid, 1, 1));
        evidence.submitCommitment(c, sigs);
    }

    function test_commit_spvRequirementCannotBeDropped() public {
        BitcoinEvidence.PayoutCommitment memory c = _commitment(pid, _scripts(poolScript), false, 2);
        AttestorSignature[] memory sigs = _signCommitment(c);
        vm.expectRevert(abi.encodeWithSelector(BitcoinEvidence.SpvRequirementLocked.selector, pid));
        evidence.submitCommitment(c, sigs);
        // but a product may start requiring it
        (uint256 p2,) = _defaultProduct();
        _commit(p2, _scripts(poolScript), false, 1);
        _commit(p2, _scripts(poolScript), true, 2);
        assertTrue(evidence.requiresSpv(p2));
    }

    function test_commit_invalidScripts() public {
        bytes[] memory none = new bytes[](0);
        bytes[] memory nine = new bytes[](9);
        for (uint256 i; i < 9; i++) {
            nine[i] = abi.encodePacked(uint8(0x51), uint8(i));
        }
        bytes[] memory empty = _scripts("");
        bytes[] memory huge = _scripts(new bytes(10_001));
        bytes[] memory twice = _scripts(poolScript, poolScript);
        bytes[][] memory bad = new bytes[][](5);
        (bad[0], bad[1], bad[2], bad[3], bad[4]) = (none, nine, empty, huge, twice);
        for (uint256 i; i < bad.length; i++) {
            BitcoinEvidence.PayoutCommitment memory c = _commitment(pid, bad[i], true, 5);
            vm.expectRevert(BitcoinEvidence.InvalidCommitment.selector);
            evidence.hashPayoutCommitment(c);
            AttestorSignature[] memory sigs;
            vm.expectRevert(BitcoinEvidence.InvalidCommitment.selector);
            evidence.submitCommitment(c, sigs);
        }
        BitcoinEvidence.PayoutCommitment memory zero = _commitment(pid, _scripts(poolScript), true, 0);
        AttestorSignature[] memory zeroSigs = _signCommitment(zero);
        vm.expectRevert(BitcoinEvidence.InvalidCommitment.selector);
        evidence.submitCommitment(zero, zeroSigs);
        // eight distinct scripts of 10,000 bytes are fine
        bytes[] memory eight = new bytes[](8);
        for (uint256 i; i < 8; i++) {
            eight[i] = new bytes(10_000);
            eight[i][0] = bytes1(uint8(i));
        }
        _commit(pid, eight, true, 9);
        assertTrue(evidence.isCommittedScript(pid, eight[7]));
    }

    function test_commit_unknownProduct() public {
        BitcoinEvidence.PayoutCommitment memory c = _commitment(999, _scripts(poolScript), true, 1);
        AttestorSignature[] memory sigs = _signCommitment(c);
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 999));
        evidence.submitCommitment(c, sigs);
    }

    function test_commit_classNotConfigured() public {
        bytes32 other = _newClass("BTC-SHA256-C", address(wbtc), true);
        (uint256 p2,) = _productIn(other, address(wbtc), UNITS, TERM, COLLATERAL);
        BitcoinEvidence.PayoutCommitment memory c = _commitment(p2, _scripts(poolScript), true, 1);
        AttestorSignature[] memory sigs = _signCommitment(c);
        vm.expectRevert(abi.encodeWithSelector(BitcoinEvidence.ClassNotConfigured.selector, other));
        evidence.submitCommitment(c, sigs);
    }

    /// SECURITY-CHECKLIST 1 and 3: the product's class threshold, each nonce once, deadlines, the
    /// binding's own domain (a signature for the vault's domain does not verify here).
    function test_item1_item3_commit_signatureRules() public {
        (uint256 p2,) = _defaultProduct();
        BitcoinEvidence.PayoutCommitment memory c = _commitment(p2, _scripts(poolScript), true, 1);
        bytes32 digest = evidence.hashPayoutCommitment(c);
        AttestorSignature[] memory two = _sigsOver(digest, 0, 2);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, 2, THRESHOLD));
        evidence.submitCommitment(c, two);
        // a signature over another domain (the vault's) recovers other signers
        bytes32 foreign = keccak256(abi.encodePacked(hex"1901", fv.domainSeparator(), _structHash(c)));
        AttestorSignature[] memory foreignSigs = _sigsOver(foreign, 0, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
        evidence.submitCommitment(c, foreignSigs);
        // expired
        vm.warp(c.deadline + 1);
        AttestorSignature[] memory sigs = _sigsOver(digest, 0, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(AttestationExpired.selector, c.deadline));
        evidence.submitCommitment(c, sigs);
        // replay of a consumed nonce, even with a new version
        c.deadline = uint64(block.timestamp + 1 hours);
        evidence.submitCommitment(c, _signCommitment(c));
        c.version = 2;
        sigs = _signCommitment(c);
        vm.expectRevert(abi.encodeWithSelector(NonceAlreadyUsed.selector, c.nonce));
        evidence.submitCommitment(c, sigs);
    }

    /// SECURITY-CHECKLIST 6: the type string and `bytes[]` encoding are pinned.
    function test_item6_commitmentTypeHashAndEncoding() public view {
        assertEq(
            evidence.PAYOUT_COMMITMENT_TYPEHASH(),
            keccak256(
                "PayoutCommitment(uint256 productId,bytes[] payoutScripts,bool spvRequired,uint64 version,uint256 nonce,"
                "uint64 deadline,uint64 committeeEpoch)"
            )
        );
        BitcoinEvidence.PayoutCommitment memory c;
        c.productId = 7;
        c.payoutScripts = _scripts(poolScript, poolScript2);
        c.spvRequired = true;
        c.version = 2;
        c.nonce = 9;
        c.deadline = 11;
        c.committeeEpoch = 13;
        assertEq(
            evidence.hashPayoutCommitment(c),
            keccak256(abi.encodePacked(hex"1901", evidence.domainSeparator(), _structHash(c)))
        );
    }

    function _structHash(BitcoinEvidence.PayoutCommitment memory c) internal view returns (bytes32) {
        bytes32[] memory h = new bytes32[](c.payoutScripts.length);
        for (uint256 i; i < h.length; i++) {
            h[i] = keccak256(c.payoutScripts[i]);
        }
        return keccak256(
            abi.encode(
                evidence.PAYOUT_COMMITMENT_TYPEHASH(),
                c.productId,
                keccak256(abi.encodePacked(h)),
                c.spvRequired,
                c.version,
                c.nonce,
                c.deadline,
                c.committeeEpoch
            )
        );
    }

    // ================================================================ reports with evidence

    function test_evidence_onePayment() public {
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        uint256 unitRev = 1e8 * PRECISION / UNITS;
        IFulfillmentVault.FulfillmentReport memory r = _evReport(pid, 0, UNITS, 1e8, unitRev, txid);
        vm.expectEmit(address(spv));
        emit BtcSpvVerifier.PaymentConsumed(txid, address(evidence), 1e8);
        vm.expectEmit(address(evidence));
        emit BitcoinEvidence.EvidenceAccepted(pid, 0, 1, 1e8, 1e8, 0, NO_SUBSIDY_HEIGHT + 1);
        uint256 sats = _relay(r, _one(p));
        assertEq(sats, 1e8);
        assertTrue(spv.isPaymentClaimed(txid));
        IFulfillmentVault.EpochInfo memory info = lens.epochInfo(pid, 0);
        assertEq(uint8(info.status), uint8(IFulfillmentVault.EpochStatus.Reported));
        assertEq(info.evidence, txid);
        assertEq(info.revenue, 1e8);
        // the issuer deposits as usual
        _deposit(pid, 0);
        assertEq(uint8(lens.epochInfo(pid, 0).status), uint8(IFulfillmentVault.EpochStatus.Fulfilled));
    }

    function test_evidence_threePaymentsToTwoScripts() public {
        _commit(pid, _scripts(poolScript, poolScript2), true, 2);
        bytes32[] memory txids = new bytes32[](3);
        IBtcSpvVerifier.PaymentProof[] memory ps = new IBtcSpvVerifier.PaymentProof[](3);
        uint32 t = uint32(_epochStart(0) + 1 days);
        (ps[0], txids[0]) = _payment(poolScript, 30_000_000, t, MIN_CONFS);
        (ps[1], txids[1]) = _payment(poolScript2, 20_000_000, t + 2 days, MIN_CONFS + 3);
        (ps[2], txids[2]) = _payment(poolScript, 50_000_000, uint32(_epochEnd(0, TERM) + 20 hours), MIN_CONFS);
        bytes32 ev = keccak256(abi.encodePacked(txids));
        assertEq(evidence.evidenceOf(txids), ev);
        IFulfillmentVault.FulfillmentReport memory r = _evReport(pid, 0, 800, 1e8, 1e8 * PRECISION / 800, ev);
        assertEq(_relay(r, ps), 1e8);
        for (uint256 i; i < 3; i++) {
            assertTrue(spv.isPaymentClaimed(txids[i]));
        }
        assertEq(lens.epochInfo(pid, 0).evidence, ev);
    }

    /// The boundaries are inclusive: revenue == proven, delivered * unitRevenue == proven * 1e18, a
    /// block at exactly epochStart - slack and at exactly epochEnd + slack, a checkpoint exactly
    /// maxCheckpointAge old, exactly minConfirmations.
    function test_evidence_boundariesAccepted() public {
        _commit(pid, _scripts(poolScript), true, 2);
        uint256 reportDeadline = _epochEnd(1, TERM) + REPORT_WINDOW;
        vm.warp(reportDeadline - MAX_AGE);
        bytes32[] memory txids = new bytes32[](2);
        IBtcSpvVerifier.PaymentProof[] memory ps = new IBtcSpvVerifier.PaymentProof[](2);
        (ps[0], txids[0]) = _payment(poolScript, 600, uint32(_epochStart(1) - SLACK), MIN_CONFS);
        vm.warp(reportDeadline); // the first checkpoint is now exactly MAX_AGE old, the report window's last second
        (ps[1], txids[1]) = _payment(poolScript, 400, uint32(_epochEnd(1, TERM) + SLACK), MIN_CONFS);
        IFulfillmentVault.FulfillmentReport memory r = _evReport(pid, 1, 4, 1000, 250 * PRECISION, keccak256(abi.encodePacked(txids)));
        assertEq(_relay(r, ps), 1000);
    }

    // ---------------------------------------------------------------- refusals

    /// Items 11/12 extended: a proof to a script the product did not commit to.
    function test_item11_binding_proofToAnotherScript() public {
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) =
            _payment(otherScript, 1e8, uint32(_epochEnd(0, TERM) + 1 hours), MIN_CONFS);
        IFulfillmentVault.FulfillmentReport memory r = _evReport(pid, 0, UNITS, 1e8, 1e23, txid);
        _expectRelayRevert(
            r, _one(p), abi.encodeWithSelector(BitcoinEvidence.ScriptNotCommitted.selector, 0, keccak256(otherScript))
        );
        assertFalse(spv.isPaymentClaimed(txid), "nothing consumed");
        // a proof of the same transaction naming the committed script it does not pay
        p.outputScript = poolScript;
        _expectRelayRevert(r, _one(p), abi.encodeWithSelector(BtcSpvVerifier.WrongScript.selector));
    }

    /// Item 11 extended: a txid is consumed once across every report of every product, whichever
    /// path consumed it first (the binding, or the vault's submitReportWithPayment).
    function test_item11_binding_proofConsumedByAnotherProduct() public {
        (uint256 p2,) = _defaultProduct();
        _commit(p2, _scripts(poolScript), true, 1);
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        _relay(_evReport(pid, 0, UNITS, 1e8, 1e23, txid), _one(p));
        IFulfillmentVault.FulfillmentReport memory r2 = _evReport(p2, 0, UNITS, 1e8, 1e23, txid);
        _expectRelayRevert(r2, _one(p), abi.encodeWithSelector(BtcSpvVerifier.PaymentAlreadyClaimed.selector, txid));

        // consumed through the vault's older path by a product without a commitment
        (uint256 p3,) = _defaultProduct();
        (IBtcSpvVerifier.PaymentProof memory q, bytes32 qid) = _poolPayment(5e7, 0);
        q.outputScript = poolScript;
        IFulfillmentVault.FulfillmentReport memory r3 = _r(p3, 0, UNITS, 5e7, 1);
        r3.evidence = qid;
        fv.submitReportWithPayment(r3, _signReport(r3), q);
        IFulfillmentVault.FulfillmentReport memory r4 = _evReport(p2, 0, UNITS, 5e7, 1e22, qid);
        _expectRelayRevert(r4, _one(q), abi.encodeWithSelector(BtcSpvVerifier.PaymentAlreadyClaimed.selector, qid));
    }

    /// Item 9 extended: a payment confirmed outside [epochStart - slack, epochEnd + slack].
    function test_item9_binding_proofOutsideTheEpochWindow() public {
        uint256 from = _epochStart(0) - SLACK;
        uint256 to = _epochEnd(0, TERM) + SLACK;
        (IBtcSpvVerifier.PaymentProof memory early, bytes32 e1) = _payment(poolScript, 1e8, uint32(from - 1), MIN_CONFS);
        _expectRelayRevert(
            _evReport(pid, 0, UNITS, 1e8, 1e23, e1),
            _one(early),
            abi.encodeWithSelector(BitcoinEvidence.PaymentOutsideWindow.selector, 0, from - 1, from, to)
        );
        (IBtcSpvVerifier.PaymentProof memory late, bytes32 e2) = _payment(poolScript, 1e8, uint32(to + 1), MIN_CONFS);
        _expectRelayRevert(
            _evReport(pid, 0, UNITS, 1e8, 1e23, e2),
            _one(late),
            abi.encodeWithSelector(BitcoinEvidence.PaymentOutsideWindow.selector, 0, to + 1, from, to)
        );
        // a payment of epoch 1 presented for epoch 0 (and the second proof is the late one)
        (IBtcSpvVerifier.PaymentProof memory ok,) = _poolPayment(1e8, 0);
        IBtcSpvVerifier.PaymentProof[] memory ps = new IBtcSpvVerifier.PaymentProof[](2);
        (ps[0], ps[1]) = (ok, late);
        _expectRelayRevert(
            _evReport(pid, 0, UNITS, 1e8, 1e23, bytes32(0)),
            ps,
            abi.encodeWithSelector(BitcoinEvidence.PaymentOutsideWindow.selector, 1, to + 1, from, to)
        );
    }

    /// Item 9 extended: fewer confirmations than the class's minimum, whatever the relayer asked for.
    function test_item9_binding_tooFewConfirmations() public {
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) =
            _payment(poolScript, 1e8, uint32(_epochEnd(0, TERM) + 1 hours), MIN_CONFS - 1);
        p.requiredConfirmations = 1; // the relayer's own number does not matter
        _expectRelayRevert(
            _evReport(pid, 0, UNITS, 1e8, 1e23, txid),
            _one(p),
            abi.encodeWithSelector(BitcoinEvidence.ConfirmationsBelowMinimum.selector, 0, MIN_CONFS - 1, MIN_CONFS)
        );
        // the verifier's own check still applies to what the relayer asked
        p.requiredConfirmations = MIN_CONFS;
        _expectRelayRevert(
            _evReport(pid, 0, UNITS, 1e8, 1e23, txid),
            _one(p),
            abi.encodeWithSelector(BtcSpvVerifier.TooFewConfirmations.selector, MIN_CONFS - 1, MIN_CONFS)
        );
    }

    /// Item 9 extended: a checkpoint accepted longer ago than maxCheckpointAge anchors nothing.
    function test_item9_binding_staleCheckpoint() public {
        // the committee attested the checkpoint early in the epoch (the block on it is a header field)
        vm.warp(_epochEnd(0, TERM) - MAX_AGE);
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        bytes32 cp = _anchor(p);
        uint64 acceptedAt = uint64(block.timestamp);
        assertEq(spv.checkpoint(cp).acceptedAt, acceptedAt);
        vm.warp(acceptedAt + MAX_AGE + 1);
        _expectRelayRevert(
            _evReport(pid, 0, UNITS, 1e8, 1e23, txid),
            _one(p),
            abi.encodeWithSelector(BitcoinEvidence.StaleCheckpoint.selector, 0, cp, acceptedAt)
        );
    }

    /// The checkpoint a proof starts from: its first header's parent hash (bytes 4..35).
    function _anchor(IBtcSpvVerifier.PaymentProof memory p) internal pure returns (bytes32 a) {
        for (uint256 i; i < 32; i++) {
            a |= bytes32(p.headers[4 + i]) >> (8 * i);
        }
    }

    /// Item 7 extended: the revenue cannot exceed what the proofs paid.
    function test_item7_binding_revenueAboveProven() public {
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        _expectRelayRevert(
            _evReport(pid, 0, UNITS, 1e8 + 1, 1e23, txid),
            _one(p),
            abi.encodeWithSelector(BitcoinEvidence.RevenueAboveProven.selector, 1e8 + 1, 1e8)
        );
    }

    /// Item 7 extended: delivered units cannot exceed what the proven revenue supports at the
    /// reported unit revenue (exact: delivered * unitRevenue <= proven * 1e18).
    function test_item7_binding_deliveredAboveProven() public {
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        uint256 unitRev = 1e8 * PRECISION / UNITS + 1; // one wei of unit revenue too many
        _expectRelayRevert(
            _evReport(pid, 0, UNITS, 5e7, unitRev, txid),
            _one(p),
            abi.encodeWithSelector(BitcoinEvidence.DeliveredAboveProven.selector, UNITS, unitRev, 1e8)
        );
    }

    /// The floor: a block in the 1-satoshi era on regtest targets (each hash wins about every other
    /// block) makes the subsidy floor large; unit revenue == floor is accepted, one below is refused.
    function test_binding_unitRevenueBelowFloor() public {
        nextHeight = ONE_SAT_HEIGHT;
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        uint256 floor = evidence.subsidyFloor(BtcRef.REGTEST_BITS, ONE_SAT_HEIGHT + 1, EPOCH, 6, 1);
        // regtest target + 1 = 0x7fffff * 2^232 + 1: floor(a * (T + 1) / 2^256) = floor(a * 0x7fffff / 2^24)
        assertEq(BtcRef.target(BtcRef.REGTEST_BITS), uint256(0x7fffff) << 232);
        assertEq(floor, ((uint256(EPOCH) * 1e12 * 1e18 * 0x7fffff) >> 24) / 1e6);
        assertGt(floor, 0);
        _expectRelayRevert(
            _evReport(pid, 0, 0, 1e8, floor - 1, txid),
            _one(p),
            abi.encodeWithSelector(BitcoinEvidence.UnitRevenueBelowFloor.selector, floor - 1, floor)
        );
        vm.expectEmit(address(evidence));
        emit BitcoinEvidence.EvidenceAccepted(pid, 0, 1, 1e8, 1e8, floor, ONE_SAT_HEIGHT + 1);
        _relay(_evReport(pid, 0, 0, 1e8, floor, txid), _one(p));
    }

    /// The floor's height is proven: a checkpoint whose attested height disagrees with the first
    /// payment's coinbase (BIP 34) is refused, so a committee cannot pick a later halving.
    function test_binding_coinbaseHeightMismatch() public {
        uint32 t = uint32(_epochEnd(0, TERM) + 1 hours);
        bytes memory payout = _payoutTx(poolScript, 1e8, 777);
        // the committee claims height 13,440,000 but the coinbase says 13,230,001 (a halving earlier)
        IBtcSpvVerifier.PaymentProof memory p =
            _proofWith(keccak256("liar"), NO_SUBSIDY_HEIGHT, _bip34(NO_SUBSIDY_HEIGHT - 209_999), t, payout, poolScript, MIN_CONFS);
        bytes32 txid = BtcRef.sha256d(payout);
        _expectRelayRevert(
            _evReport(pid, 0, UNITS, 1e8, 1e23, txid),
            _one(p),
            abi.encodeWithSelector(BitcoinEvidence.CoinbaseHeightMismatch.selector, NO_SUBSIDY_HEIGHT + 1)
        );
        // a non-minimal push of the right height is not BIP 34 either
        bytes memory padded = abi.encodePacked(uint8(5), _le32(NO_SUBSIDY_HEIGHT + 10_001), uint8(0));
        payout = _payoutTx(poolScript, 1e8, 778);
        p = _proofWith(keccak256("padded"), NO_SUBSIDY_HEIGHT + 10_000, padded, t, payout, poolScript, MIN_CONFS);
        _expectRelayRevert(
            _evReport(pid, 0, UNITS, 1e8, 1e23, BtcRef.sha256d(payout)),
            _one(p),
            abi.encodeWithSelector(BitcoinEvidence.CoinbaseHeightMismatch.selector, NO_SUBSIDY_HEIGHT + 10_001)
        );
    }

    function _le32(uint256 v) internal pure returns (bytes memory) {
        return BtcRef.le32(v);
    }

    function test_binding_evidenceMismatch() public {
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(6e7, 0);
        _expectRelayRevert(
            _evReport(pid, 0, UNITS, 6e7, 1e22, keccak256("another payout")),
            _one(p),
            abi.encodeWithSelector(BitcoinEvidence.EvidenceMismatch.selector, keccak256("another payout"), txid)
        );
        // two payments named in the other order
        (IBtcSpvVerifier.PaymentProof memory q, bytes32 qid) = _poolPayment(4e7, 0);
        IBtcSpvVerifier.PaymentProof[] memory ps = new IBtcSpvVerifier.PaymentProof[](2);
        (ps[0], ps[1]) = (p, q);
        bytes32 swapped = keccak256(abi.encodePacked(qid, txid));
        _expectRelayRevert(
            _evReport(pid, 0, UNITS, 1e8, 1e23, swapped),
            ps,
            abi.encodeWithSelector(BitcoinEvidence.EvidenceMismatch.selector, swapped, keccak256(abi.encodePacked(txid, qid)))
        );
    }

    function test_binding_paymentCount() public {
        IFulfillmentVault.FulfillmentReport memory r = _evReport(pid, 0, UNITS, 1, 0, bytes32(0));
        _expectRelayRevert(
            r, new IBtcSpvVerifier.PaymentProof[](0), abi.encodeWithSelector(BitcoinEvidence.InvalidPaymentCount.selector, 0, 8)
        );
        _expectRelayRevert(
            r, new IBtcSpvVerifier.PaymentProof[](9), abi.encodeWithSelector(BitcoinEvidence.InvalidPaymentCount.selector, 9, 8)
        );
    }

    function test_binding_noCommitment() public {
        (uint256 p2,) = _defaultProduct();
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        _expectRelayRevert(
            _evReport(p2, 0, UNITS, 1e8, 1e23, txid),
            _one(p),
            abi.encodeWithSelector(BitcoinEvidence.NoPayoutCommitment.selector, p2)
        );
    }

    /// Item 12: the verifier's checks still come first; a broken proof fails with its reason.
    function test_item12_binding_verifierErrorsBubbleUp() public {
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        p.headers[5] = bytes1(uint8(p.headers[5]) ^ 1); // the first header no longer names the checkpoint
        _expectRelayRevert(
            _evReport(pid, 0, UNITS, 1e8, 1e23, txid), _one(p), abi.encodeWithSelector(BtcSpvVerifier.BrokenLink.selector, 0)
        );
    }

    /// The vault's report checks run before any proof is looked at.
    function test_binding_reportChecksFirst() public {
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 1);
        _expectRelayRevert(
            _evReport(pid, 1, UNITS, 1e8, 1e23, txid),
            _one(p),
            abi.encodeWithSelector(FulfillmentVault.EpochNotEnded.selector, pid, 1, uint64(_epochEnd(1, TERM)))
        );
        assertFalse(spv.isPaymentClaimed(txid));
    }

    /// Item 3: the same report with its proofs cannot be relayed twice; its proofs cannot back
    /// another epoch.
    function test_item3_binding_replay() public {
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        IFulfillmentVault.FulfillmentReport memory r = _evReport(pid, 0, UNITS, 1e8, 1e23, txid);
        AttestorSignature[] memory sigs = _signReport(r);
        evidence.submitReportWithEvidence(r, sigs, _one(p));
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.EpochAlreadyReported.selector, pid, 0));
        evidence.submitReportWithEvidence(r, sigs, _one(p));
        vm.warp(_epochEnd(1, TERM) + 1);
        _expectRelayRevert(
            _evReport(pid, 1, UNITS, 1e8, 1e23, txid),
            _one(p),
            abi.encodeWithSelector(BtcSpvVerifier.PaymentAlreadyClaimed.selector, txid)
        );
    }

    /// The same signed report relayed without its proof, for a product that requires one: refused on
    /// both of the vault's other entries (SECURITY-CHECKLIST 30: only the binding may deliver it).
    function test_item30_binding_reportWithoutProofRefused() public {
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        IFulfillmentVault.FulfillmentReport memory r = _evReport(pid, 0, UNITS, 1e8, 1e23, txid);
        AttestorSignature[] memory sigs = _signReport(r);
        vm.expectRevert(abi.encodeWithSelector(IBitcoinEvidence.SpvEvidenceRequired.selector, pid));
        fv.submitReport(r, sigs);
        p.outputScript = poolScript;
        vm.expectRevert(abi.encodeWithSelector(IBitcoinEvidence.SpvEvidenceRequired.selector, pid));
        fv.submitReportWithPayment(r, sigs, p);
        vm.expectRevert(abi.encodeWithSelector(IBitcoinEvidence.SpvEvidenceRequired.selector, pid));
        evidence.checkRelayer(relayer, pid);
        evidence.checkRelayer(address(evidence), pid);
        assertFalse(fv.isNonceUsed(r.nonce));
        assertFalse(spv.isPaymentClaimed(txid));
        // with its proof it goes through
        evidence.submitReportWithEvidence(r, sigs, _one(p));
        assertEq(uint8(lens.epochInfo(pid, 0).status), uint8(IFulfillmentVault.EpochStatus.Reported));
    }

    /// Products without a commitment, or whose commitment does not require SPV, report as before;
    /// the latter may still choose the bound path.
    function test_binding_optionalForOtherProducts() public {
        (uint256 plain,) = _defaultProduct();
        evidence.checkRelayer(relayer, plain);
        _report(plain, 0, UNITS, 1e8, 1e5);
        assertEq(uint8(lens.epochInfo(plain, 0).status), uint8(IFulfillmentVault.EpochStatus.Reported));
        (uint256 optional,) = _defaultProduct();
        _commit(optional, _scripts(poolScript), false, 1);
        _report(optional, 0, UNITS, 1e8, 1e5);
        (uint256 chosen,) = _defaultProduct();
        _commit(chosen, _scripts(poolScript), false, 1);
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        _relay(_evReport(chosen, 0, UNITS, 1e8, 1e23, txid), _one(p));
        assertEq(lens.epochInfo(chosen, 0).evidence, txid);
    }

    /// A refused relay leaves nothing behind: no report, no consumed nonce, no consumed payment.
    function test_binding_failureUndoesEverything() public {
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        IFulfillmentVault.FulfillmentReport memory r = _evReport(pid, 0, UNITS, 2e8, 1e23, txid);
        _expectRelayRevert(r, _one(p), abi.encodeWithSelector(BitcoinEvidence.RevenueAboveProven.selector, 2e8, 1e8));
        assertFalse(spv.isPaymentClaimed(txid));
        assertFalse(fv.isNonceUsed(r.nonce));
        assertEq(uint8(lens.epochInfo(pid, 0).status), uint8(IFulfillmentVault.EpochStatus.Pending));
    }

    /// SECURITY-CHECKLIST 30: the binding consumes payments only while it holds SPV_CONSUMER.
    function test_item30_binding_needsTheConsumerRole() public {
        _revoke(Roles.SPV_CONSUMER, address(evidence));
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(1e8, 0);
        IFulfillmentVault.FulfillmentReport memory r = _evReport(pid, 0, UNITS, 1e8, 1e23, txid);
        _expectRelayRevert(
            r, _one(p), abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(evidence))
        );
        _grant(Roles.SPV_CONSUMER, address(evidence));
        _relay(r, _one(p));
    }

    /// Another class's conversion: 10^10 base units per satoshi (an 18-decimal wrapped BTC).
    function test_binding_conversionToBaseUnits() public {
        vm.warp(_epochStart(0));
        vm.prank(owner);
        evidence.scheduleClassParams(btc, MIN_CONFS, MAX_AGE, SLACK, 1e10);
        vm.warp(_epochEnd(0, TERM) + 1 hours);
        evidence.applyClassParams(btc);
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) =
            _payment(poolScript, 3, uint32(_epochEnd(0, TERM) + 1 hours), MIN_CONFS);
        _expectRelayRevert(
            _evReport(pid, 0, 0, 3e10 + 1, 0, txid),
            _one(p),
            abi.encodeWithSelector(BitcoinEvidence.RevenueAboveProven.selector, 3e10 + 1, 3e10)
        );
        vm.expectEmit(address(evidence));
        emit BitcoinEvidence.EvidenceAccepted(pid, 0, 1, 3, 3e10, 0, nextHeight - 10_000 + 1);
        _relay(_evReport(pid, 0, 0, 3e10, 0, txid), _one(p));
    }

    /// The last epoch is shorter: the window and the floor follow its real bounds.
    function test_binding_shortLastEpoch() public {
        vm.warp(T0 + TERM + 1 hours);
        nextHeight = ONE_SAT_HEIGHT;
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) =
            _payment(poolScript, 1e8, uint32(T0 + TERM + 30 minutes), MIN_CONFS);
        uint256 len = TERM - 4 * EPOCH; // 2 days
        uint256 floor = evidence.subsidyFloor(BtcRef.REGTEST_BITS, ONE_SAT_HEIGHT + 1, len, 6, 1);
        _expectRelayRevert(
            _evReport(pid, 4, 0, 1e8, floor - 1, txid),
            _one(p),
            abi.encodeWithSelector(BitcoinEvidence.UnitRevenueBelowFloor.selector, floor - 1, floor)
        );
        _relay(_evReport(pid, 4, 0, 1e8, floor, txid), _one(p));
    }

    // ================================================================ views

    function test_views_subsidy() public view {
        assertEq(evidence.blockSubsidy(0), 50e8);
        assertEq(evidence.blockSubsidy(209_999), 50e8);
        assertEq(evidence.blockSubsidy(210_000), 25e8);
        assertEq(evidence.blockSubsidy(839_999), 625_000_000);
        assertEq(evidence.blockSubsidy(840_000), 312_500_000);
        assertEq(evidence.blockSubsidy(6_929_999), 1);
        assertEq(evidence.blockSubsidy(6_930_000), 0);
        assertEq(evidence.blockSubsidy(13_439_999), 0);
        assertEq(evidence.blockSubsidy(type(uint256).max), 0);
    }

    /// Real main-net numbers (computed independently in Python): block 840,672 (nBits 0x170331db,
    /// 3.125 BTC): 71.35 sat per TH/s per day; block 838,656 (0x17034219, 6.25 BTC): 145.54.
    function test_views_subsidyFloorOnMainnetHeaders() public view {
        assertEq(evidence.subsidyFloor(0x170331db, 840_672, 86_400, 0, 1), 71_351_105_725_596_295_891);
        assertEq(evidence.subsidyFloor(0x17034219, 838_656, 86_400, 0, 1), 145_536_203_719_529_939_345);
        // 6 decimals: a unit is a millionth, rounding down once
        assertEq(evidence.subsidyFloor(0x170331db, 840_672, 86_400, 6, 1), 71_351_105_725_596);
        assertEq(evidence.subsidyFloor(0x170331db, 13_440_000, 86_400, 0, 1), 0);
    }

    function test_views_subsidyFloorRejectsBadInputs() public {
        vm.expectRevert(BitcoinEvidence.InvalidClassParams.selector);
        evidence.subsidyFloor(0x20800001, 1, 1, 0, 1); // negative target
        vm.expectRevert(BitcoinEvidence.InvalidClassParams.selector);
        evidence.subsidyFloor(0x1d00ffff, 1, uint256(type(uint32).max) + 1, 0, 1);
        vm.expectRevert(BitcoinEvidence.InvalidClassParams.selector);
        evidence.subsidyFloor(0x1d00ffff, 1, 1, 19, 1);
        vm.expectRevert(BitcoinEvidence.InvalidClassParams.selector);
        evidence.subsidyFloor(0x1d00ffff, 1, 1, 0, 1e12 + 1);
        assertGt(evidence.subsidyFloor(0x1d00ffff, 1, type(uint32).max, 18, 1e12), 0);
    }

    function test_views_evidenceOf() public view {
        bytes32[] memory one = new bytes32[](1);
        one[0] = keccak256("tx");
        assertEq(evidence.evidenceOf(one), one[0]);
        bytes32[] memory two = new bytes32[](2);
        (two[0], two[1]) = (keccak256("a"), keccak256("b"));
        assertEq(evidence.evidenceOf(two), keccak256(abi.encodePacked(two[0], two[1])));
    }
}
