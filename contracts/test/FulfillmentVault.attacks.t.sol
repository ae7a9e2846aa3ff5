// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {AmountNotReceived, AttestationExpired, NonceAlreadyUsed, NotTheIssuer} from "../src/common/Errors.sol";
import {FulfillmentVault} from "../src/fulfillment/FulfillmentVault.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {CollateralVault} from "../src/token/CollateralVault.sol";
import {HardwareRegistry} from "../src/token/HardwareRegistry.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {IBitcoinEvidence} from "../src/interfaces/IBitcoinEvidence.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {FulfillmentAreaFixtures} from "./utils/FulfillmentAreaFixtures.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";
import {FeeOnTransferToken, ReentrantToken} from "./mocks/TokenMocks.sol";
import {IFulfillmentObserver} from "../src/interfaces/IFulfillmentObserver.sol";

/// @notice Attack tests of FulfillmentVault, named by SECURITY-CHECKLIST item (1, 3, 4, 7, 15, 17,
/// 24, 27, 30, 31, 32).
contract FulfillmentVaultAttacksTest is FulfillmentAreaFixtures {
    uint256 internal pid;
    uint256 internal tid;

    uint256 internal constant U = 100_000;
    uint256 internal constant FULL = UNITS * U;

    bytes internal REENTRANT = abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);

    function setUp() public override {
        super.setUp();
        (pid, tid) = _defaultProduct();
    }

    // ---------------------------------------------------------------- 3: replay and domain

    /// SECURITY-CHECKLIST 3: the same report (same nonce) cannot be replayed. The epoch checks come
    /// before the nonce, so the identical replay fails on its epoch (EpochAlreadyReported); the same
    /// nonce signed again for another epoch fails on the nonce, and so does the replay once settled.
    function test_attack3_replayedReportSameNonce() public {
        vm.warp(_epochEnd(0, TERM));
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, UNITS, FULL, U);
        AttestorSignature[] memory sigs = _signReport(r);
        fv.submitReport(r, sigs);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.EpochAlreadyReported.selector, pid, 0));
        fv.submitReport(r, sigs);
        vm.warp(_epochEnd(1, TERM));
        IFulfillmentVault.FulfillmentReport memory again = r;
        again.epoch = 1;
        again.deadline = uint64(block.timestamp);
        AttestorSignature[] memory sigs2 = _signReport(again);
        vm.expectRevert(abi.encodeWithSelector(NonceAlreadyUsed.selector, r.nonce));
        fv.submitReport(again, sigs2);
        assertEq(uint8(lens.epochInfo(pid, 1).status), uint8(IFulfillmentVault.EpochStatus.Pending));
    }

    /// SECURITY-CHECKLIST 3, 4: a second report of the same epoch with a fresh nonce fails, before and
    /// after settlement (a period already paid cannot be reported again).
    function test_attack3_sameEpochNewNonce() public {
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, 500, 5e7, U);
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, UNITS, FULL, U);
        _expectSubmitRevert(r, abi.encodeWithSelector(FulfillmentVault.EpochAlreadyReported.selector, pid, 0));
        _deposit(pid, 0);
        r = _r(pid, 0, UNITS, FULL, U);
        _expectSubmitRevert(r, abi.encodeWithSelector(FulfillmentVault.EpochAlreadySettled.selector, pid, 0));
    }

    /// SECURITY-CHECKLIST 3: a report signed for another chain id fails.
    function test_attack3_signatureForAnotherChain() public {
        vm.warp(_epochEnd(0, TERM));
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, UNITS, FULL, U);
        AttestorSignature[] memory sigs = _signReport(r);
        uint256 chainId = block.chainid;
        vm.chainId(chainId + 1);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
        fv.submitReport(r, sigs);
        vm.chainId(chainId);
        fv.submitReport(r, sigs);
    }

    /// SECURITY-CHECKLIST 3: a report signed for another deployment of the vault fails there.
    function test_attack3_signatureForAnotherVault() public {
        FulfillmentVault other = new FulfillmentVault(
            address(manager),
            hpt,
            collateralVault,
            attestorRegistry,
            spv,
            IBitcoinEvidence(address(0)),
            IFulfillmentObserver(address(0))
        );
        vm.prank(owner);
        other.setEpochConfig(btc, EPOCH, REPORT_WINDOW, DEPOSIT_WINDOW);
        vm.warp(_epochEnd(0, TERM));
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, UNITS, FULL, U);
        AttestorSignature[] memory sigs = _signReport(r); // signed for `fv`
        assertTrue(other.hashFulfillmentReport(r) != fv.hashFulfillmentReport(r));
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
        other.submitReport(r, sigs);
    }

    /// SECURITY-CHECKLIST 3: signatures name the product; one product's report cannot serve another.
    function test_attack3_signatureForAnotherProduct() public {
        (uint256 p2,) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, UNITS, FULL, U);
        AttestorSignature[] memory sigs = _signReport(r);
        r.productId = p2;
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
        fv.submitReport(r, sigs);
    }

    /// SECURITY-CHECKLIST 3: after a committee change, reports signed for the old epoch fail.
    function test_attack3_staleCommitteeEpoch() public {
        vm.warp(_epochEnd(0, TERM));
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, UNITS, FULL, U);
        AttestorSignature[] memory sigs = _signReport(r);
        uint64 signedEpoch = r.committeeEpoch;
        vm.prank(owner);
        attestorRegistry.addAttestor(makeAddr("newcomer"));
        vm.expectRevert(
            abi.encodeWithSelector(AttestorRegistry.StaleCommitteeEpoch.selector, signedEpoch, signedEpoch + 1)
        );
        fv.submitReport(r, sigs);
    }

    // ---------------------------------------------------------------- 1: threshold

    /// SECURITY-CHECKLIST 1: M-1 signatures, a repeated signer, a non-member and an empty array fail.
    function test_attack1_belowThresholdAndBadSigners() public {
        vm.warp(_epochEnd(0, TERM));
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, UNITS, FULL, U);
        bytes32 digest = fv.hashFulfillmentReport(r);
        AttestorSignature[] memory two = _sigsOver(digest, 0, THRESHOLD - 1);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, 2, 3));
        fv.submitReport(r, two);

        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, 0, 3));
        fv.submitReport(r, new AttestorSignature[](0));

        AttestorSignature[] memory dup = _sigsOver(digest, 0, THRESHOLD);
        dup[2] = dup[1];
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.SignersNotSorted.selector, att[1], att[1]));
        fv.submitReport(r, dup);

        (address outsider, uint256 key) = makeAddrAndKey("outsider");
        AttestorSignature[] memory bad = _sigsOver(digest, 0, THRESHOLD);
        bad[2] = AttestorSignature({signer: outsider, signature: _signDigest(key, digest)});
        for (uint256 i = 1; i < 3; i++) {
            for (uint256 j = i; j > 0 && bad[j].signer < bad[j - 1].signer; j--) {
                (bad[j], bad[j - 1]) = (bad[j - 1], bad[j]);
            }
        }
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAnActiveAttestor.selector, outsider));
        fv.submitReport(r, bad);

        fv.submitReport(r, _sigsOver(digest, 1, THRESHOLD)); // any 3 of the 5 members pass
    }

    // ---------------------------------------------------------------- 4: timing

    /// SECURITY-CHECKLIST 4: reports for future epochs (not ended, out of range) and expired reports fail.
    function test_attack4_futureEpochAndExpiredReport() public {
        vm.warp(_epochEnd(0, TERM) + 1);
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 1, UNITS, FULL, U);
        _expectSubmitRevert(
            r, abi.encodeWithSelector(FulfillmentVault.EpochNotEnded.selector, pid, 1, uint64(_epochEnd(1, TERM)))
        );
        r = _r(pid, 5, UNITS, FULL, U);
        _expectSubmitRevert(r, abi.encodeWithSelector(FulfillmentVault.EpochOutOfRange.selector, pid, 5, 5));
        r = _r(pid, type(uint32).max, UNITS, FULL, U);
        _expectSubmitRevert(
            r, abi.encodeWithSelector(FulfillmentVault.EpochOutOfRange.selector, pid, type(uint32).max, 5)
        );
        r = _r(pid, 0, UNITS, FULL, U);
        AttestorSignature[] memory sigs = _signReport(r);
        vm.warp(r.deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(AttestationExpired.selector, r.deadline));
        fv.submitReport(r, sigs);
    }

    /// SECURITY-CHECKLIST 4, 7: an epoch settled as unreported cannot be reported (and paid) later.
    function test_attack4_reportForSettledEpoch() public {
        vm.warp(_epochEnd(0, TERM) + REPORT_WINDOW + 1);
        fv.settle(pid, 1);
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, UNITS, FULL, U);
        _expectSubmitRevert(r, abi.encodeWithSelector(FulfillmentVault.EpochAlreadySettled.selector, pid, 0));
    }

    // ---------------------------------------------------------------- 30, 31: access

    /// SECURITY-CHECKLIST 30, 31: only the product's issuer deposits (not a holder, not another issuer).
    function test_attack31_depositByNonIssuer() public {
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, FULL, U);
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, tid);
        _fund(alice, FULL);
        vm.prank(alice);
        wbtc.approve(address(fv), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(NotTheIssuer.selector, alice, issuer));
        vm.prank(alice);
        fv.deposit(pid, 0);
        vm.expectRevert(abi.encodeWithSelector(NotTheIssuer.selector, owner, issuer));
        vm.prank(owner);
        fv.deposit(pid, 0);
    }

    /// SECURITY-CHECKLIST 31: collateral withdrawal before the end, before settlement, by a non-issuer.
    function test_attack31_collateralWithdrawalGuards() public {
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, FULL, U);
        _deposit(pid, 0);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.ProductNotEnded.selector, pid, uint64(T0 + TERM)));
        vm.prank(issuer);
        fv.withdrawCollateral(pid);
        vm.warp(T0 + TERM + REPORT_WINDOW);
        fv.settle(pid, 10); // epochs 1-3 unreported; epoch 4's window is still open
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.ProductNotSettled.selector, pid, 4, 5));
        vm.prank(issuer);
        fv.withdrawCollateral(pid);
        vm.warp(T0 + TERM + REPORT_WINDOW + 1);
        fv.settle(pid, 10);
        vm.expectRevert(abi.encodeWithSelector(NotTheIssuer.selector, stranger, issuer));
        vm.prank(stranger);
        fv.withdrawCollateral(pid);
        // nobody but the fulfillment vault reaches the CollateralVault's hooks: not a stranger, not
        // the issuer going around the vault's checks
        address[2] memory callers = [stranger, issuer];
        for (uint256 i; i < 2; i++) {
            bytes memory unauthorized =
                abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, callers[i]);
            vm.expectRevert(unauthorized);
            vm.prank(callers[i]);
            collateralVault.release(pid, callers[i]);
            vm.expectRevert(unauthorized);
            vm.prank(callers[i]);
            collateralVault.take(pid, 1);
        }
        vm.prank(issuer);
        // epochs 1-3 unreported: max(FULL, floor = COLLATERAL / 5) each; epoch 4 (2 of 7 days) pro rata
        uint256 floor = COLLATERAL / 5;
        assertEq(fv.withdrawCollateral(pid), COLLATERAL - 3 * floor - floor * 2 days / EPOCH);
        assertEq(_collateralLeft(pid), 0);
    }

    // ---------------------------------------------------------------- 15: re-entrancy

    function _reentrantProduct() internal returns (ReentrantToken ree, uint256 p, uint256 t) {
        ree = new ReentrantToken();
        ree.mint(issuer, 1e12);
        bytes32 cls = _newClass("BTC-REENTRANT", address(ree), true);
        (p, t) = _productIn(cls, address(ree), UNITS, TERM, 1e9);
    }

    /// SECURITY-CHECKLIST 15: a payout token that calls back into claim while the vault pays a claim.
    function test_attack15_reentrantTokenOnClaim() public {
        (ReentrantToken ree, uint256 p, uint256 t) = _reentrantProduct();
        vm.warp(_epochEnd(0, TERM));
        _report(p, 0, UNITS, FULL, U);
        _deposit(p, 0);
        ree.arm(address(fv), abi.encodeCall(FulfillmentVault.claim, (_one(t), _one(0))));
        assertEq(_claim(t, 0), FULL);
        assertFalse(ree.lastCallSucceeded());
        assertEq(ree.lastError(), REENTRANT);
        assertEq(ree.balanceOf(issuer), 1e12 - 1e9, "paid once");
        // read-only re-entrancy: views that others rely on refuse mid-call
        vm.warp(_epochEnd(1, TERM));
        _report(p, 1, UNITS, FULL, U);
        _deposit(p, 1);
        ree.arm(address(fv), abi.encodeCall(FulfillmentVault.claimable, (t, 0)));
        _claim(t, 0);
        assertFalse(ree.lastCallSucceeded());
        assertEq(ree.lastError(), REENTRANT);
    }

    /// SECURITY-CHECKLIST 15: a payout token that calls back into settle during a deposit.
    function test_attack15_reentrantTokenOnDeposit() public {
        (ReentrantToken ree, uint256 p,) = _reentrantProduct();
        vm.warp(_epochEnd(0, TERM));
        _report(p, 0, UNITS, FULL, U);
        ree.arm(address(fv), abi.encodeCall(FulfillmentVault.settle, (p, 10)));
        _deposit(p, 0);
        assertFalse(ree.lastCallSucceeded());
        assertEq(ree.lastError(), REENTRANT);
        assertEq(lens.productState(p).settledEpochs, 1);
    }

    /// SECURITY-CHECKLIST 15: a payout token that calls back into deposit while collateral is taken.
    function test_attack15_reentrantTokenOnCollateral() public {
        (ReentrantToken ree, uint256 p,) = _reentrantProduct();
        vm.warp(_epochEnd(0, TERM));
        _report(p, 0, 0, 0, U); // shortfall: 1000 x U from collateral
        ree.arm(address(fv), abi.encodeCall(FulfillmentVault.deposit, (p, 0)));
        vm.prank(issuer);
        fv.deposit(p, 0); // revenue 0: the only transfer is the collateral's (CollateralVault -> vault)
        assertFalse(ree.lastCallSucceeded());
        assertEq(ree.lastError(), REENTRANT);
        assertEq(ree.balanceOf(address(fv)), FULL);
    }

    /// SECURITY-CHECKLIST 15: a payout token that calls back into withdrawCollateral while the
    /// CollateralVault releases the collateral to the issuer: refused, the collateral is paid once.
    function test_attack15_reentrantTokenOnRelease() public {
        (ReentrantToken ree, uint256 p,) = _reentrantProduct();
        vm.warp(T0 + TERM + REPORT_WINDOW + 1);
        fv.settle(p, 10); // all unreported: 1e9 / 5 per full epoch, pro rata for the last
        uint256 left = _collateralLeft(p);
        assertGt(left, 0);
        ree.arm(address(fv), abi.encodeCall(FulfillmentVault.withdrawCollateral, (p)));
        uint256 before = ree.balanceOf(issuer);
        vm.prank(issuer);
        assertEq(fv.withdrawCollateral(p), left);
        assertFalse(ree.lastCallSucceeded());
        assertEq(ree.lastError(), REENTRANT);
        assertEq(ree.balanceOf(issuer), before + left, "paid once");
        assertEq(_collateralLeft(p), 0);
    }

    // ---------------------------------------------------------------- 7, 24: collateral

    /// SECURITY-CHECKLIST 7, 24: a shortfall larger than the collateral pays what is left; the total
    /// paid never exceeds deposits + collateral, and another product's collateral is untouched.
    function test_attack7_shortfallLargerThanCollateral() public {
        (uint256 p2, uint256 t2) = _product(UNITS, TERM, 1e7);
        vm.warp(_epochEnd(0, TERM));
        _report(p2, 0, 0, 0, U); // owes 1e8 of collateral, has 1e7
        _deposit(p2, 0);
        assertEq(lens.epochInfo(p2, 0).compensation, 1e7);
        assertTrue(hpt.product(p2).defaulted);
        assertEq(_collateralLeft(pid), COLLATERAL, "other product untouched");
        vm.warp(T0 + TERM + REPORT_WINDOW + 1);
        fv.settle(p2, 10);
        assertEq(fv.record(p2).totalCompensation, 1e7);
        assertEq(_claim(t2, 0), 1e7);
        assertEq(wbtc.balanceOf(address(fv)), 0);
    }

    /// SECURITY-CHECKLIST 7: settling again never pays an epoch twice.
    function test_attack7_settleTwicePaysOnce() public {
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, 500, 5e7, U);
        _deposit(pid, 0);
        uint256 collateral = _collateralLeft(pid);
        assertEq(fv.settle(pid, 10), 0);
        assertEq(fv.settle(pid, 10), 0);
        assertEq(_collateralLeft(pid), collateral);
        assertEq(fv.record(pid).totalCompensation, 5e7);
    }

    // ---------------------------------------------------------------- 7, 24: frozen products

    /// Submits a report signed by the attestors at `idx` (after a slash changed the committee).
    function _submitBy(IFulfillmentVault.FulfillmentReport memory r, uint256[] memory idx) internal {
        AttestorSignature[] memory sigs = _sigsAt(fv.hashFulfillmentReport(r), idx);
        vm.prank(relayer);
        fv.submitReport(r, sigs);
    }

    /// The frozen product of {test_attack7_frozenProductForfeitedCollateral_viaHardwareRegistry}.
    struct Frozen {
        uint256 pid;
        uint256 tid;
        uint256 bounty;
        uint256 forfeited;
    }

    Frozen internal fz;

    /// SECURITY-CHECKLIST 7, 24: a product frozen by a duplicate-hardware challenge (the real
    /// HardwareRegistry path) after one settled epoch. Its collateral is forfeited (10% bounty, the
    /// rest to its holders), so later shortfalls get 0 compensation and the product defaults;
    /// holders' claims of the epoch settled before the freeze still pay exactly; the issuer gets no
    /// collateral back; nothing is paid twice, and every base unit is accounted for.
    function test_attack7_frozenProductForfeitedCollateral_viaHardwareRegistry() public {
        _frozenEpoch0();
        _frozenChallenge();
        _frozenEpochs1And2();
        _frozenEndAndRedeem();
    }

    /// A later product sharing the default hardware set (signed by attestors 2-4: att[2] signed
    /// both), held by alice from day 3.5; epoch 0 short and settled before any challenge.
    function _frozenEpoch0() internal {
        HashPowerToken.ProductAttestation memory a = _attestation(attestationNonce++);
        (a.capacity, a.start, a.end, a.collateral) = (UNITS, uint64(T0), uint64(T0 + TERM), COLLATERAL);
        (fz.pid, fz.tid) = _mintWith(a, 2, THRESHOLD);
        vm.warp(T0 + 3 days + 12 hours);
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, fz.tid);
        // 8e7 deposited + 2e7 of collateral
        vm.warp(_epochEnd(0, TERM));
        _report(fz.pid, 0, 800, 8e7, U);
        _deposit(fz.pid, 0);
        assertEq(_collateralLeft(fz.pid), COLLATERAL - 2e7);
    }

    /// The challenge at day 8: frozen, 10% of what is left to the challenger, the rest forfeited;
    /// the epoch settled before still pays exactly.
    function _frozenChallenge() internal {
        vm.warp(T0 + 8 days);
        bytes32[] memory proof = MerkleHelper.proof(hw, 0);
        vm.prank(challenger);
        (uint256 frozen, uint256 bounty,) =
            hardwareRegistry.challengeDuplicateHardware(hw[0], pid, proof, fz.pid, proof);
        assertEq(frozen, fz.pid);
        fz.bounty = bounty;
        fz.forfeited = COLLATERAL - 2e7 - bounty;
        assertEq(bounty, (COLLATERAL - 2e7) / 10);
        assertEq(wbtc.balanceOf(challenger), bounty);
        assertEq(_collateralLeft(fz.pid), 0);
        assertEq(collateralVault.forfeitedOf(fz.pid), fz.forfeited);
        assertTrue(hpt.product(fz.pid).frozen);
        assertEq(_collateralLeft(pid), COLLATERAL, "the evidence product keeps its collateral");
        assertEq(_claim(fz.tid, 0), 5e7, "issuer: half of epoch 0");
        assertEq(_claim(fz.tid, 1), 5e7, "alice: the other half, so far");
    }

    /// Frozen tokens still move; epoch 1 short by 1e7 with nothing left: 0 paid, the product
    /// defaults; epoch 2 unreported: 0 paid. Reports are signed by the committee left after att[2]
    /// was slashed.
    function _frozenEpochs1And2() internal {
        vm.warp(T0 + 10 days);
        vm.prank(alice);
        hpt.transferFrom(alice, bob, fz.tid);
        uint256[] memory idx = new uint256[](3);
        (idx[0], idx[1], idx[2]) = (0, 1, 3);
        vm.warp(_epochEnd(1, TERM));
        _submitBy(_r(fz.pid, 1, 900, 9e7, U), idx);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ProductDefaulted(fz.pid, 1);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ShortfallCompensated(fz.pid, 1, 1e7, 0);
        vm.expectEmit(address(hpt));
        emit HashPowerToken.ProductDefaulted(fz.pid);
        _deposit(fz.pid, 1);
        assertEq(lens.epochInfo(fz.pid, 1).compensation, 0);
        assertTrue(lens.productState(fz.pid).defaulted);
        assertEq(collateralVault.forfeitedOf(fz.pid), fz.forfeited, "the vault never takes forfeited collateral");
        // epoch 2: due max(1000 x U, floor 2e8) = 2e8, paid 0
        vm.warp(_epochEnd(2, TERM) + REPORT_WINDOW + 1);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ShortfallCompensated(fz.pid, 2, COLLATERAL / 5, 0);
        assertEq(fv.settle(fz.pid, 10), 1);
        // A(7d) = 1e23, A(10d) = 1e23 + floor(9e22 x 3/7), A(21d) = 1.9e23
        assertEq(_claim(fz.tid, 0), 0, "issuer: nothing new, nothing twice");
        assertEq(_claim(fz.tid, 1), 88_571_428 - 5e7, "alice: the rest of [3.5d, 10d)");
        assertEq(_claim(fz.tid, 2), 51_428_571, "bob: [10d, 21d), epoch 2 paid nothing");
    }

    /// The term ends; the issuer gets no collateral back; the forfeited collateral is redeemed once,
    /// to alice, the holder at the freeze; every base unit is accounted for.
    function _frozenEndAndRedeem() internal {
        vm.warp(T0 + TERM + REPORT_WINDOW + 1);
        assertEq(fv.settle(fz.pid, 10), 2);
        uint256 issuerBefore = wbtc.balanceOf(issuer);
        vm.expectEmit(address(collateralVault));
        emit CollateralVault.CollateralReleased(fz.pid, issuer, 0);
        vm.prank(issuer);
        assertEq(fv.withdrawCollateral(fz.pid), 0);
        assertEq(wbtc.balanceOf(issuer), issuerBefore);
        assertEq(collateralVault.forfeitedOf(fz.pid), fz.forfeited, "forfeited collateral never returns to the issuer");

        uint256[] memory ids = _one(fz.tid);
        uint256[] memory at = _atFreeze(ids);
        vm.prank(stranger);
        assertEq(hardwareRegistry.redeemFrozen(ids, at), fz.forfeited);
        vm.expectRevert(abi.encodeWithSelector(HardwareRegistry.AlreadyRedeemed.selector, fz.tid));
        hardwareRegistry.redeemFrozen(ids, at);
        assertEq(_claim(fz.tid, 0) + _claim(fz.tid, 1) + _claim(fz.tid, 2), 0, "nothing paid twice");

        // holders got deposits + compensation (minus 1 unit of dust) + the forfeited collateral,
        // the challenger the bounty, the issuer nothing back
        IFulfillmentVault.Record memory rec = fv.record(fz.pid);
        assertEq(rec.totalDeposited, 8e7 + 9e7);
        assertEq(rec.totalCompensation, 2e7, "compensation only from before the freeze");
        assertEq(rec.totalClaimed, 5e7 + 88_571_428 + 51_428_571);
        assertEq(rec.epochsShort, 2);
        assertEq(rec.epochsUnreported, 3);
        assertEq(wbtc.balanceOf(address(fv)), rec.totalDeposited + rec.totalCompensation - rec.totalClaimed);
        assertEq(wbtc.balanceOf(address(fv)), 1, "dust");
        assertEq(rec.totalCompensation + fz.bounty + fz.forfeited, COLLATERAL);
        // the forfeited collateral goes to alice, who held the token when it was frozen (day 8);
        // bob bought it at day 10 and has only his accrual
        assertEq(wbtc.balanceOf(alice), 88_571_428 + fz.forfeited);
        assertEq(wbtc.balanceOf(bob), 51_428_571);
        assertEq(collateralVault.forfeitedOf(fz.pid), 0);
    }

    /// SECURITY-CHECKLIST 7, 24: a product frozen (PRODUCT_FREEZER and COLLATERAL_FORFEITER given to
    /// `freezer` by the manager's admin) before the vault ever touched it: the vault snapshots no
    /// collateral (floor 0), its first shortfall defaults it, and even holding the vault's role
    /// COLLATERAL_MANAGER no take or release reaches the forfeited balance.
    function test_attack24_frozenBeforeFirstTouch() public {
        _grantFreezer();
        (uint256 p2, uint256 t2) = _defaultProduct();
        vm.warp(T0 + 1 days);
        (uint256 bounty, uint256 forfeited) = _freezeAndForfeit(p2, 0);
        assertEq(bounty, 0);
        assertEq(forfeited, COLLATERAL);
        IFulfillmentVault.ProductView memory v = lens.productState(p2);
        assertFalse(v.tracked);
        assertEq(v.unreportedFloor, 0, "no collateral left to price unreported epochs");

        vm.warp(_epochEnd(0, TERM));
        _report(p2, 0, 900, 9e7, U);
        assertEq(lens.productState(p2).unreportedFloor, 0, "snapshotted at the first touch");
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ShortfallCompensated(p2, 0, 1e7, 0);
        _deposit(p2, 0);
        assertTrue(hpt.product(p2).defaulted);
        assertEq(_claim(t2, 0), 9e7, "the deposit alone, exactly");

        // the vault's own hooks cannot reach the forfeited balance
        vm.prank(address(fv));
        assertEq(collateralVault.take(p2, COLLATERAL), 0);
        vm.prank(address(fv));
        assertEq(collateralVault.release(p2, issuer), 0);
        assertEq(collateralVault.forfeitedOf(p2), COLLATERAL);
        // the forfeiter pays it out, never more than there is
        vm.prank(freezer);
        collateralVault.payForfeited(p2, alice, COLLATERAL);
        vm.expectRevert(abi.encodeWithSelector(CollateralVault.InsufficientForfeited.selector, p2, 0, 1));
        vm.prank(freezer);
        collateralVault.payForfeited(p2, alice, 1);
        assertEq(wbtc.balanceOf(alice), COLLATERAL);
        assertEq(_claim(t2, 0), 0);
    }

    // ---------------------------------------------------------------- 27, 32: claims

    /// SECURITY-CHECKLIST 27: a double claim pays nothing the second time (same block or later).
    function test_attack27_doubleClaim() public {
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, FULL, U);
        _deposit(pid, 0);
        assertEq(_claim(tid, 0), FULL);
        assertEq(_claim(tid, 0), 0);
        vm.warp(block.timestamp + 1 days);
        assertEq(_claim(tid, 0), 0);
        assertEq(wbtc.balanceOf(address(fv)), 0);
    }

    /// SECURITY-CHECKLIST 32: anyone may claim, but the funds go to the recorded holder; a former
    /// holder cannot take the new holder's share (and vice versa).
    function test_attack32_claimByNonHolder() public {
        vm.warp(T0 + 7 days);
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, tid);
        _report(pid, 0, UNITS, FULL, U);
        _deposit(pid, 0);
        vm.warp(_epochEnd(1, TERM));
        _report(pid, 1, UNITS, FULL, U);
        _deposit(pid, 1);
        uint256 issuerBefore = wbtc.balanceOf(issuer);
        vm.prank(stranger);
        fv.claim(_one(tid), _one(1));
        assertEq(wbtc.balanceOf(alice), FULL, "alice: epoch 1 only");
        assertEq(wbtc.balanceOf(stranger), 0);
        assertEq(wbtc.balanceOf(issuer), issuerBefore);
        vm.prank(alice);
        fv.claim(_one(tid), _one(0));
        assertEq(wbtc.balanceOf(issuer), issuerBefore + FULL, "epoch 0 to the issuer, even when alice calls");
        assertEq(wbtc.balanceOf(alice), FULL);
    }

    // ---------------------------------------------------------------- 17: fee on transfer

    /// SECURITY-CHECKLIST 17: a fee-on-transfer payout token cannot under-fund a deposit.
    function test_attack17_feeOnTransferDeposit() public {
        FeeOnTransferToken fot = new FeeOnTransferToken();
        fot.mint(issuer, 1e12);
        bytes32 cls = _newClass("BTC-FEE", address(fot), true);
        // a zero collateral is the only way such a token passes the token's exact collateral check
        (uint256 p,) = _productIn(cls, address(fot), UNITS, TERM, 0);
        vm.warp(_epochEnd(0, TERM));
        _report(p, 0, UNITS, FULL, U);
        vm.expectRevert(abi.encodeWithSelector(AmountNotReceived.selector, FULL, FULL - FULL / 100));
        vm.prank(issuer);
        fv.deposit(p, 0);
    }
}
