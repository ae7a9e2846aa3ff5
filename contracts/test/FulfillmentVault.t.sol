// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Vm} from "forge-std/Vm.sol";
import {
    AmountNotReceived,
    AttestationExpired,
    LengthMismatch,
    NonceAlreadyUsed,
    NotTheIssuer,
    TooManyItems,
    UnknownProduct,
    ZeroAddress
} from "../src/common/Errors.sol";
import {Roles} from "../src/common/Roles.sol";
import {FulfillmentVault} from "../src/fulfillment/FulfillmentVault.sol";
import {FulfillmentLens} from "../src/fulfillment/FulfillmentLens.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {HoldingERC721} from "../src/token/HoldingERC721.sol";
import {CollateralVault} from "../src/token/CollateralVault.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {AttestorSignature, IAttestorRegistry} from "../src/interfaces/IAttestorRegistry.sol";
import {IBitcoinEvidence} from "../src/interfaces/IBitcoinEvidence.sol";
import {IBtcSpvVerifier} from "../src/interfaces/IBtcSpvVerifier.sol";
import {ICollateralVault} from "../src/interfaces/ICollateralVault.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {IHashPowerToken} from "../src/interfaces/IHashPowerToken.sol";
import {FulfillmentAreaFixtures} from "./utils/FulfillmentAreaFixtures.sol";
import {ToggleFeeToken} from "./mocks/FulfillmentMocks.sol";
import {ShortCollateralVault} from "./mocks/FulfillmentAreaMocks.sol";
import {IFulfillmentObserver} from "../src/interfaces/IFulfillmentObserver.sol";

/// @notice Unit tests of FulfillmentVault: every path and every custom error.
contract FulfillmentVaultTest is FulfillmentAreaFixtures {
    uint256 internal pid;
    uint256 internal tid;

    uint256 internal constant U = 100_000; // unit revenue per epoch: a full epoch earns 1e8 (1 tWBTC)
    uint256 internal constant FULL = UNITS * U;

    function setUp() public override {
        super.setUp();
        (pid, tid) = _defaultProduct();
    }

    // ---------------------------------------------------------------- deployment and admin

    /// The vault's hooks are roles on the AccessManager, wired from deploy/access-wiring.json:
    /// COLLATERAL_MANAGER (CollateralVault.take, release), PRODUCT_DEFAULTER
    /// (HashPowerToken.markDefaulted), SPV_CONSUMER (BtcSpvVerifier.consumePayment).
    function test_constructor_wiring() public view {
        assertEq(address(fv.token()), address(hpt));
        assertEq(address(fv.collateralVault()), address(collateralVault));
        assertEq(address(fv.attestorRegistry()), address(attestorRegistry));
        assertEq(address(fv.spv()), address(spv));
        assertEq(fv.authority(), address(manager));
        assertEq(fv.PRECISION(), 1e18);
        assertEq(fv.MAX_REPORT_VALUE(), type(uint128).max);
        assertEq(fv.MAX_CLAIM_ITEMS(), 256);
        assertEq(fv.MAX_AUTO_SETTLE(), 32);
        _assertVaultRole(Roles.COLLATERAL_MANAGER, address(collateralVault), ICollateralVault.take.selector);
        _assertVaultRole(Roles.COLLATERAL_MANAGER, address(collateralVault), ICollateralVault.release.selector);
        _assertVaultRole(Roles.PRODUCT_DEFAULTER, address(hpt), IHashPowerToken.markDefaulted.selector);
        _assertVaultRole(Roles.SPV_CONSUMER, address(spv), IBtcSpvVerifier.consumePayment.selector);
        // the vault holds no other hook role (it cannot lock, forfeit or freeze)
        (bool member,) = manager.hasRole(Roles.COLLATERAL_FORFEITER, address(fv));
        assertFalse(member);
        (member,) = manager.hasRole(Roles.PRODUCT_FREEZER, address(fv));
        assertFalse(member);
        (member,) = manager.hasRole(Roles.COLLATERAL_LOCKER, address(fv));
        assertFalse(member);
    }

    function _assertVaultRole(uint64 role, address target, bytes4 selector) internal view {
        assertEq(manager.getTargetFunctionRole(target, selector), role);
        (bool member, uint32 delay) = manager.hasRole(role, address(fv));
        assertTrue(member);
        assertEq(delay, 0);
        (bool immediate,) = manager.canCall(address(fv), target, selector);
        assertTrue(immediate);
    }

    function test_constructor_rejectsZeroAddresses() public {
        vm.expectRevert(ZeroAddress.selector);
        new FulfillmentVault(
            address(manager),
            IHashPowerToken(address(0)),
            collateralVault,
            attestorRegistry,
            spv,
            IBitcoinEvidence(address(0)),
            IFulfillmentObserver(address(0))
        );
        vm.expectRevert(ZeroAddress.selector);
        new FulfillmentVault(
            address(manager),
            hpt,
            ICollateralVault(address(0)),
            attestorRegistry,
            spv,
            IBitcoinEvidence(address(0)),
            IFulfillmentObserver(address(0))
        );
        vm.expectRevert(ZeroAddress.selector);
        new FulfillmentVault(
            address(manager),
            hpt,
            collateralVault,
            IAttestorRegistry(address(0)),
            spv,
            IBitcoinEvidence(address(0)),
            IFulfillmentObserver(address(0))
        );
        // no SPV verifier is allowed
        FulfillmentVault v =
            new FulfillmentVault(
                address(manager),
                hpt,
                collateralVault,
                attestorRegistry,
                IBtcSpvVerifier(address(0)),
                IBitcoinEvidence(address(0)),
                IFulfillmentObserver(address(0))
            );
        assertEq(address(v.spv()), address(0));
    }

    /// SECURITY-CHECKLIST 31: AccessManaged (no owner any more) accepts any authority, address(0)
    /// included: such a vault can never be configured (its admin function is locked for everybody).
    function test_item31_constructor_zeroAuthorityLocksTheAdmin() public {
        FulfillmentVault v = new FulfillmentVault(
            address(0),
            hpt,
            collateralVault,
            attestorRegistry,
            spv,
            IBitcoinEvidence(address(0)),
            IFulfillmentObserver(address(0))
        );
        assertEq(v.authority(), address(0));
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        vm.prank(owner);
        v.setEpochConfig(btc, 1, 1, 1);
    }

    /// SECURITY-CHECKLIST 31: every admin function has an access test (setEpochConfig: ADMIN role).
    function test_setEpochConfig_ownerOnly() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        fv.setEpochConfig(btc, 1, 1, 1);
        // neither the issuer nor a protocol contract is an admin
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, issuer));
        vm.prank(issuer);
        fv.setEpochConfig(btc, 1, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(hpt)));
        vm.prank(address(hpt));
        fv.setEpochConfig(btc, 1, 1, 1);
        assertEq(manager.getTargetFunctionRole(address(fv), fv.setEpochConfig.selector), Roles.ADMIN);
    }

    function test_setEpochConfig_rejectsZeroValues() public {
        vm.startPrank(owner);
        vm.expectRevert(FulfillmentVault.InvalidEpochConfig.selector);
        fv.setEpochConfig(btc, 0, 1, 1);
        vm.expectRevert(FulfillmentVault.InvalidEpochConfig.selector);
        fv.setEpochConfig(btc, 1, 0, 1);
        vm.expectRevert(FulfillmentVault.InvalidEpochConfig.selector);
        fv.setEpochConfig(btc, 1, 1, 0);
        vm.stopPrank();
    }

    function test_setEpochConfig_storesAndEmits() public {
        vm.expectEmit(address(fv));
        emit FulfillmentVault.EpochConfigSet(btc, 1 days, 2 hours, 3 hours);
        vm.prank(owner);
        fv.setEpochConfig(btc, 1 days, 2 hours, 3 hours);
        IFulfillmentVault.EpochConfig memory c = fv.epochConfig(btc);
        assertEq(c.epochLength, 1 days);
        assertEq(c.reportWindow, 2 hours);
        assertEq(c.depositWindow, 3 hours);
    }

    function test_epochConfig_snapshottedOnFirstTouch() public {
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ProductTracked(pid, btc, EPOCH, REPORT_WINDOW, DEPOSIT_WINDOW, 5);
        assertEq(fv.settle(pid, 1), 0);
        vm.prank(owner);
        fv.setEpochConfig(btc, 1 days, 1 hours, 1 hours);
        IFulfillmentVault.ProductView memory v = lens.productState(pid);
        assertTrue(v.tracked);
        assertEq(v.epochLength, EPOCH, "snapshot kept");
        assertEq(v.epochCount, 5);
        // a product touched after the change takes the new configuration
        (uint256 pid2,) = _defaultProduct();
        IFulfillmentVault.ProductView memory v2 = lens.productState(pid2);
        assertFalse(v2.tracked);
        assertEq(v2.epochLength, 1 days);
        assertEq(v2.epochCount, 30);
        fv.settle(pid2, 0);
        assertTrue(lens.productState(pid2).tracked);
    }

    // ---------------------------------------------------------------- reports

    function test_submitReport_recordsTheEpoch() public {
        vm.warp(_epochEnd(0, TERM) + 1 hours);
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, 900, 9e7, U);
        bytes32 digest = fv.hashFulfillmentReport(r);
        AttestorSignature[] memory sigs = _signReport(r);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ProductTracked(pid, btc, EPOCH, REPORT_WINDOW, DEPOSIT_WINDOW, 5);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.FulfillmentReported(
            pid, 0, digest, r.nonce, 900, 9e7, U * 1e18, BITCOIN, r.evidence, uint64(block.timestamp + DEPOSIT_WINDOW)
        );
        vm.prank(relayer);
        fv.submitReport(r, sigs);

        assertTrue(fv.isNonceUsed(r.nonce));
        IFulfillmentVault.EpochInfo memory info = lens.epochInfo(pid, 0);
        assertEq(uint8(info.status), uint8(IFulfillmentVault.EpochStatus.Reported));
        assertEq(info.start, T0);
        assertEq(info.end, T0 + EPOCH);
        assertEq(info.reportDeadline, T0 + EPOCH + REPORT_WINDOW);
        assertEq(info.depositDeadline, block.timestamp + DEPOSIT_WINDOW);
        assertEq(info.deliveredUnits, 900);
        assertEq(info.revenue, 9e7);
        assertEq(info.unitRevenue, U * 1e18, "scaled by PRECISION");
        assertEq(info.sourceChain, BITCOIN);
        assertEq(info.evidence, r.evidence);
        assertEq(info.shortfallDue, 100 * U);
        assertEq(info.deposited, 0);
        assertEq(info.compensation, 0);
        assertEq(info.accumulator, 0);
    }

    function test_submitReport_filecoinSourceChain() public {
        vm.warp(_epochEnd(0, TERM));
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, UNITS, FULL, U);
        r.sourceChain = FILECOIN;
        r.evidence = keccak256(bytes("bafy2bzacea-message-cid"));
        _submit(r);
        assertEq(lens.epochInfo(pid, 0).sourceChain, keccak256("fil:f"));
    }

    function test_submitReport_windowBoundaries() public {
        // exactly at the epoch's end: accepted
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, FULL, U);
        // exactly at the report deadline: accepted
        vm.warp(_epochEnd(1, TERM) + REPORT_WINDOW);
        _report(pid, 1, UNITS, FULL, U);
        // one second later: closed
        vm.warp(_epochEnd(2, TERM) + REPORT_WINDOW + 1);
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 2, UNITS, FULL, U);
        _expectSubmitRevert(
            r,
            abi.encodeWithSelector(
                FulfillmentVault.ReportWindowClosed.selector, pid, 2, uint64(_epochEnd(2, TERM) + REPORT_WINDOW)
            )
        );
    }

    function test_submitReport_lastPartialEpoch() public {
        vm.warp(T0 + TERM);
        _report(pid, 4, UNITS, 3e7, 3e4);
        IFulfillmentVault.EpochInfo memory info = lens.epochInfo(pid, 4);
        assertEq(info.start, T0 + 4 * EPOCH);
        assertEq(info.end, T0 + TERM, "clipped to the product's end");
    }

    function test_submitReport_revertsUnknownProduct() public {
        IFulfillmentVault.FulfillmentReport memory r = _r(99, 0, 1, 1, 1);
        _expectSubmitRevert(r, abi.encodeWithSelector(UnknownProduct.selector, 99));
    }

    function test_submitReport_revertsConfigNotSet() public {
        bytes32 etc = _newClass("ETC-ETCHASH", address(wbtc), false);
        (uint256 p2,) = _productIn(etc, address(wbtc), UNITS, TERM, COLLATERAL);
        vm.warp(_epochEnd(0, TERM));
        IFulfillmentVault.FulfillmentReport memory r = _r(p2, 0, UNITS, FULL, U);
        _expectSubmitRevert(r, abi.encodeWithSelector(FulfillmentVault.EpochConfigNotSet.selector, etc));
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.EpochConfigNotSet.selector, etc));
        fv.settle(p2, 1);
    }

    function test_submitReport_revertsInvalidReport() public {
        vm.warp(_epochEnd(0, TERM));
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, UNITS + 1, FULL, U);
        _expectInvalid(r);
        r = _r(pid, 0, UNITS, FULL, U);
        r.sourceChain = bytes32(0);
        _expectInvalid(r);
        uint256 max = fv.MAX_REPORT_VALUE();
        uint256 topUnitRevenue = type(uint128).max; // scaled by PRECISION
        uint256 full = UNITS * topUnitRevenue / 1e18;
        r = _rScaled(pid, 0, UNITS, 0, topUnitRevenue + 1);
        _expectInvalid(r);
        r = _rScaled(pid, 0, UNITS, max - full + 1, topUnitRevenue);
        _expectInvalid(r);
        r = _rScaled(pid, 0, UNITS, max + 1, 0);
        _expectInvalid(r);
        // the largest valid values pass
        r = _rScaled(pid, 0, 0, max - full, topUnitRevenue);
        _submit(r);
    }

    function _expectInvalid(IFulfillmentVault.FulfillmentReport memory r) internal {
        _expectSubmitRevert(r, abi.encodeWithSelector(FulfillmentVault.InvalidReport.selector));
    }

    function test_submitReport_revertsExpired() public {
        vm.warp(_epochEnd(0, TERM));
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, UNITS, FULL, U);
        r.deadline = uint64(block.timestamp - 1);
        _expectSubmitRevert(r, abi.encodeWithSelector(AttestationExpired.selector, r.deadline));
        r.deadline = uint64(block.timestamp); // the deadline itself is still valid
        _submit(r);
    }

    function test_submitReport_revertsNonceUsed() public {
        vm.warp(_epochEnd(0, TERM));
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, UNITS, FULL, U);
        _submit(r);
        vm.warp(_epochEnd(1, TERM));
        r.epoch = 1;
        r.deadline = uint64(block.timestamp);
        _expectSubmitRevert(r, abi.encodeWithSelector(NonceAlreadyUsed.selector, r.nonce));
    }

    function test_submitReport_revertsEpochOutOfRange() public {
        vm.warp(T0 + TERM + 1);
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 5, UNITS, FULL, U);
        _expectSubmitRevert(r, abi.encodeWithSelector(FulfillmentVault.EpochOutOfRange.selector, pid, 5, 5));
    }

    function test_submitReport_revertsEpochNotEnded() public {
        vm.warp(_epochEnd(0, TERM) - 1);
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, UNITS, FULL, U);
        _expectSubmitRevert(
            r, abi.encodeWithSelector(FulfillmentVault.EpochNotEnded.selector, pid, 0, uint64(_epochEnd(0, TERM)))
        );
    }

    function test_submitReport_revertsAlreadyReported() public {
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, FULL, U);
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, 1, 1, 1);
        _expectSubmitRevert(r, abi.encodeWithSelector(FulfillmentVault.EpochAlreadyReported.selector, pid, 0));
    }

    function test_submitReport_revertsAlreadySettled() public {
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, FULL, U);
        _deposit(pid, 0);
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 0, 1, 1, 1);
        _expectSubmitRevert(r, abi.encodeWithSelector(FulfillmentVault.EpochAlreadySettled.selector, pid, 0));
    }

    /// Check order: product and configuration, InvalidReport, the epoch checks, and only then the
    /// deadline (AttestationExpired), the nonce (NonceAlreadyUsed) and the signatures.
    function test_submitReport_checkOrder() public {
        vm.warp(_epochEnd(0, TERM));
        IFulfillmentVault.FulfillmentReport memory used = _r(pid, 0, UNITS, FULL, U);
        _submit(used);
        AttestorSignature[] memory none = new AttestorSignature[](0);
        // unknown product, invalid, out of range, expired, used nonce, unsigned: UnknownProduct
        IFulfillmentVault.FulfillmentReport memory r = _r(99, 5, UNITS + 1, FULL, U);
        r.nonce = used.nonce;
        r.deadline = uint64(block.timestamp - 1);
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 99));
        fv.submitReport(r, none);
        r.productId = pid;
        vm.expectRevert(FulfillmentVault.InvalidReport.selector);
        fv.submitReport(r, none);
        r.deliveredUnits = UNITS;
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.EpochOutOfRange.selector, pid, 5, 5));
        fv.submitReport(r, none);
        r.epoch = 1;
        vm.expectRevert(
            abi.encodeWithSelector(FulfillmentVault.EpochNotEnded.selector, pid, 1, uint64(_epochEnd(1, TERM)))
        );
        fv.submitReport(r, none);
        r.epoch = 0;
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.EpochAlreadyReported.selector, pid, 0));
        fv.submitReport(r, none);
        vm.warp(_epochEnd(1, TERM) + REPORT_WINDOW + 1);
        r.epoch = 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                FulfillmentVault.ReportWindowClosed.selector, pid, 1, uint64(_epochEnd(1, TERM) + REPORT_WINDOW)
            )
        );
        fv.submitReport(r, none);
        vm.warp(_epochEnd(2, TERM));
        r.epoch = 2;
        vm.expectRevert(abi.encodeWithSelector(AttestationExpired.selector, r.deadline));
        fv.submitReport(r, none);
        r.deadline = uint64(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(NonceAlreadyUsed.selector, used.nonce));
        fv.submitReport(r, none);
        r.nonce = reportNonce++;
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, 0, THRESHOLD));
        fv.submitReport(r, none);
        _submit(r);
        assertEq(uint8(lens.epochInfo(pid, 2).status), uint8(IFulfillmentVault.EpochStatus.Reported));
    }

    // ---------------------------------------------------------------- deposits

    function test_deposit_pullsRevenueAndSettles() public {
        vm.warp(_epochEnd(0, TERM) + 1 hours);
        _report(pid, 0, UNITS, FULL, U);
        uint256 issuerBefore = wbtc.balanceOf(issuer);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.RevenueDeposited(pid, 0, issuer, FULL);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.EpochSettled(pid, 0, IFulfillmentVault.EpochStatus.Fulfilled, FULL, 0);
        _deposit(pid, 0);
        assertEq(wbtc.balanceOf(issuer), issuerBefore - FULL);
        assertEq(wbtc.balanceOf(address(fv)), FULL);
        IFulfillmentVault.EpochInfo memory info = lens.epochInfo(pid, 0);
        assertEq(uint8(info.status), uint8(IFulfillmentVault.EpochStatus.Fulfilled));
        assertEq(info.deposited, FULL);
        assertEq(info.accumulator, FULL * PRECISION / UNITS);
        IFulfillmentVault.ProductView memory v = lens.productState(pid);
        assertEq(v.settledEpochs, 1);
        assertEq(v.settledUntil, T0 + EPOCH);
        assertEq(v.lastUnitRevenue, U * 1e18);
        assertEq(v.accumulator, FULL * PRECISION / UNITS);
        IFulfillmentVault.Record memory rec = fv.record(pid);
        assertEq(rec.epochsFulfilled, 1);
        assertEq(rec.totalDeposited, FULL);
    }

    function test_deposit_revertsNotTracked() public {
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.ProductNotTracked.selector, pid));
        _deposit(pid, 0);
    }

    /// SECURITY-CHECKLIST 31: deposit is issuer-only.
    function test_deposit_revertsNotTheIssuer() public {
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, FULL, U);
        vm.expectRevert(abi.encodeWithSelector(NotTheIssuer.selector, stranger, issuer));
        vm.prank(stranger);
        fv.deposit(pid, 0);
    }

    function test_deposit_revertsNotReported() public {
        vm.warp(_epochEnd(0, TERM));
        fv.settle(pid, 1);
        vm.expectRevert(
            abi.encodeWithSelector(FulfillmentVault.EpochNotReported.selector, pid, 0, IFulfillmentVault.EpochStatus.Pending)
        );
        _deposit(pid, 0);
    }

    function test_deposit_revertsAlreadyDeposited() public {
        // long windows so that epoch 1 can be deposited while epoch 0 still waits for its report
        vm.prank(owner);
        fv.setEpochConfig(btc, 1 days, 5 days, 5 days);
        vm.warp(T0 + 2 days);
        _report(pid, 1, UNITS, FULL, U);
        _deposit(pid, 1);
        assertEq(uint8(lens.epochInfo(pid, 1).status), uint8(IFulfillmentVault.EpochStatus.Deposited));
        assertEq(lens.epochInfo(pid, 1).deposited, FULL);
        vm.expectRevert(
            abi.encodeWithSelector(
                FulfillmentVault.EpochNotReported.selector, pid, 1, IFulfillmentVault.EpochStatus.Deposited
            )
        );
        _deposit(pid, 1);
        // epoch 0 blocks the settlement until its report window closes
        assertEq(fv.settle(pid, 10), 0);
        vm.warp(T0 + 6 days + 1);
        assertEq(fv.settle(pid, 2), 2);
        assertEq(uint8(lens.epochInfo(pid, 0).status), uint8(IFulfillmentVault.EpochStatus.Unreported));
        assertEq(uint8(lens.epochInfo(pid, 1).status), uint8(IFulfillmentVault.EpochStatus.Fulfilled));
    }

    function test_deposit_deadlineBoundary() public {
        (uint256 p2,) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, FULL, U);
        _report(p2, 0, UNITS, FULL, U);
        uint64 deadline = uint64(block.timestamp + DEPOSIT_WINDOW);
        vm.warp(deadline);
        _deposit(pid, 0); // at the deadline: accepted
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.DepositWindowClosed.selector, p2, 0, deadline));
        _deposit(p2, 0);
    }

    function test_deposit_zeroRevenue() public {
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, 0, 0, U);
        uint256 before = wbtc.balanceOf(issuer);
        _deposit(pid, 0);
        assertEq(wbtc.balanceOf(issuer), before, "nothing pulled");
        IFulfillmentVault.EpochInfo memory info = lens.epochInfo(pid, 0);
        assertEq(uint8(info.status), uint8(IFulfillmentVault.EpochStatus.Short));
        assertEq(info.compensation, FULL, "the whole shortfall from collateral");
    }

    function test_deposit_autoSettleIsBounded() public {
        vm.prank(owner);
        fv.setEpochConfig(btc, 1 days, 1 days, 1 days);
        (pid,) = _product(UNITS, 60 days, COLLATERAL);
        vm.warp(T0 + 50 days);
        _report(pid, 48, UNITS, FULL, U); // epochs 0..47 are past their report windows
        _deposit(pid, 48);
        assertEq(lens.productState(pid).settledEpochs, fv.MAX_AUTO_SETTLE(), "48 settleable epochs, 32 settled");
        assertEq(fv.settle(pid, type(uint256).max), 17, "epochs 32..48");
        assertEq(uint8(lens.epochInfo(pid, 48).status), uint8(IFulfillmentVault.EpochStatus.Fulfilled));
    }

    // ---------------------------------------------------------------- settlement

    function test_settle_tracksAndStopsAtPending() public {
        assertEq(fv.settle(pid, 10), 0);
        assertTrue(lens.productState(pid).tracked);
        vm.warp(_epochEnd(0, TERM) + REPORT_WINDOW);
        assertEq(fv.settle(pid, 10), 0, "window still open");
        vm.warp(_epochEnd(0, TERM) + REPORT_WINDOW + 1);
        assertEq(fv.settle(pid, 0), 0, "maxEpochs 0");
        assertEq(fv.settle(pid, 10), 1);
    }

    function test_settle_revertsUnknownProduct() public {
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 42));
        fv.settle(42, 1);
    }

    function test_settle_shortPaysShortfallFromCollateral() public {
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, 800, 8e7, U);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ShortfallCompensated(pid, 0, 2e7, 2e7);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.EpochSettled(pid, 0, IFulfillmentVault.EpochStatus.Short, 8e7, 2e7);
        vm.expectEmit(address(collateralVault));
        emit CollateralVault.CollateralTaken(pid, address(fv), 2e7, COLLATERAL - 2e7);
        _deposit(pid, 0);
        assertEq(_collateralLeft(pid), COLLATERAL - 2e7);
        assertEq(wbtc.balanceOf(address(fv)), 1e8);
        IFulfillmentVault.Record memory rec = fv.record(pid);
        assertEq(rec.epochsShort, 1);
        assertEq(rec.totalCompensation, 2e7);
        assertEq(lens.epochInfo(pid, 0).accumulator, 1e8 * PRECISION / UNITS);
    }

    function test_settle_missedAfterDepositDeadline() public {
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, 900, 9e7, 120_000);
        uint256 deadline = block.timestamp + DEPOSIT_WINDOW;
        vm.warp(deadline);
        assertEq(fv.settle(pid, 1), 0, "deposit still possible");
        vm.warp(deadline + 1);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ShortfallCompensated(pid, 0, 9e7 + 100 * 120_000, 9e7 + 100 * 120_000);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.EpochSettled(pid, 0, IFulfillmentVault.EpochStatus.Missed, 0, 102_000_000);
        assertEq(fv.settle(pid, 1), 1);
        assertEq(fv.record(pid).epochsMissed, 1);
        assertEq(lens.productState(pid).lastUnitRevenue, 120_000e18);
        assertEq(lens.epochInfo(pid, 0).deposited, 0);
    }

    /// An unreported epoch costs max(capacity x last unit revenue, the collateral's per-epoch share),
    /// pro rata for a shorter last epoch: withholding reports never costs the issuer nothing.
    function test_settle_unreportedPricesAtLastUnitRevenueOrTheCollateralShare() public {
        uint256 floor = COLLATERAL / 5; // 5 epochs
        assertEq(lens.productState(pid).unreportedFloor, floor, "shown before the first touch");
        // epoch 0 unreported with no earlier report: the floor
        vm.warp(_epochEnd(0, TERM) + REPORT_WINDOW + 1);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.EpochSettled(pid, 0, IFulfillmentVault.EpochStatus.Unreported, 0, floor);
        assertEq(fv.settle(pid, 1), 1);
        IFulfillmentVault.EpochInfo memory info = lens.epochInfo(pid, 0);
        assertEq(uint8(info.status), uint8(IFulfillmentVault.EpochStatus.Unreported));
        assertEq(info.compensation, floor);
        assertEq(info.shortfallDue, 0);
        // epoch 1 fulfilled at 3U, epoch 2 unreported: capacity * 3U (above the floor)
        vm.warp(_epochEnd(1, TERM));
        _report(pid, 1, UNITS, FULL, 3 * U);
        _deposit(pid, 1);
        vm.warp(_epochEnd(2, TERM) + REPORT_WINDOW + 1);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.EpochSettled(pid, 2, IFulfillmentVault.EpochStatus.Unreported, 0, 3 * FULL);
        assertEq(fv.settle(pid, 5), 1);
        // epochs 3 and 4 unreported: 3 FULL, then the 2-day last epoch pro rata
        vm.warp(T0 + TERM + REPORT_WINDOW + 1);
        assertEq(fv.settle(pid, 5), 2);
        assertEq(lens.epochInfo(pid, 4).compensation, 3 * FULL * 2 days / EPOCH);
        assertEq(fv.record(pid).epochsUnreported, 4);
        assertEq(fv.record(pid).epochsFulfilled, 1);
    }

    function test_settle_maxEpochsLimits() public {
        vm.warp(T0 + TERM + REPORT_WINDOW + 1);
        assertEq(fv.settle(pid, 2), 2);
        assertEq(lens.productState(pid).settledEpochs, 2);
        assertEq(fv.settle(pid, 2), 2);
        assertEq(fv.settle(pid, 2), 1);
        assertEq(fv.settle(pid, 2), 0, "all settled");
        assertEq(lens.productState(pid).settledUntil, T0 + TERM);
    }

    /// SECURITY-CHECKLIST 7, 24: the collateral pays what it can, then the product defaults.
    function test_settle_defaultsWhenCollateralRunsOut() public {
        (uint256 p2, uint256 t2) = _product(UNITS, TERM, 5e7);
        vm.warp(_epochEnd(0, TERM));
        _report(p2, 0, 500, 5e7, U); // shortfall 5e7 == collateral: paid in full, no default
        _deposit(p2, 0);
        assertFalse(lens.productState(p2).defaulted);
        assertEq(_collateralLeft(p2), 0);
        vm.warp(_epochEnd(1, TERM));
        _report(p2, 1, 900, 9e7, U); // shortfall 1e7, nothing left
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ProductDefaulted(p2, 1);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ShortfallCompensated(p2, 1, 1e7, 0);
        vm.expectEmit(address(hpt));
        emit HashPowerToken.ProductDefaulted(p2);
        _deposit(p2, 1);
        assertTrue(lens.productState(p2).defaulted);
        assertTrue(fv.record(p2).defaulted);
        assertTrue(hpt.product(p2).defaulted);
        (,,, bool tradable) = hpt.tradeState(t2);
        assertFalse(tradable);
        // later epochs: compensation 0
        vm.warp(_epochEnd(2, TERM) + REPORT_WINDOW + 1);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ShortfallCompensated(p2, 2, FULL, 0);
        fv.settle(p2, 1);
        assertEq(lens.epochInfo(p2, 2).compensation, 0);
        assertEq(fv.record(p2).totalCompensation, 5e7);
    }

    function test_settle_partialCompensationDefaults() public {
        (uint256 p2,) = _product(UNITS, TERM, 3e7);
        vm.warp(_epochEnd(0, TERM));
        _report(p2, 0, 500, 5e7, U);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ProductDefaulted(p2, 0);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.ShortfallCompensated(p2, 0, 5e7, 3e7);
        _deposit(p2, 0);
        assertEq(lens.epochInfo(p2, 0).compensation, 3e7);
        assertTrue(hpt.product(p2).defaulted);
    }

    function test_settle_revertsWhenCollateralArrivesShort() public {
        ToggleFeeToken tgl = new ToggleFeeToken();
        tgl.mint(issuer, 1e12);
        bytes32 cls = _newClass("BTC-TOGGLE", address(tgl), true);
        (uint256 p2,) = _productIn(cls, address(tgl), UNITS, TERM, 1e9);
        tgl.setFee(true); // the token turns fee-on-transfer after the product was minted
        vm.warp(_epochEnd(0, TERM) + REPORT_WINDOW + 1);
        // epoch 0 unreported: the floor 1e9 / 5 is owed, but only 99% of it arrives
        vm.expectRevert(abi.encodeWithSelector(AmountNotReceived.selector, 2e8, 198e6));
        fv.settle(p2, 1);
        tgl.setFee(false);
        assertEq(fv.settle(p2, 1), 1);
    }

    // ---------------------------------------------------------------- claims

    /// Epochs 0 and 1 fulfilled at 1e8 each; alice held the token from day 7.
    function _twoEpochsAliceFromDay7() internal {
        vm.warp(T0 + 7 days);
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, tid);
        _report(pid, 0, UNITS, FULL, U);
        _deposit(pid, 0);
        vm.warp(_epochEnd(1, TERM));
        _report(pid, 1, UNITS, FULL, U);
        _deposit(pid, 1);
    }

    function test_claim_paysTheHolderNotTheCaller() public {
        _twoEpochsAliceFromDay7();
        assertEq(_claimable(tid, 0), FULL);
        assertEq(_claimable(tid, 1), FULL);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.Claimed(tid, 1, alice, FULL);
        vm.prank(stranger);
        assertEq(fv.claim(_one(tid), _one(1)), FULL);
        assertEq(wbtc.balanceOf(alice), FULL);
        assertEq(wbtc.balanceOf(stranger), 0);
        (uint64 until, uint256 paid) = fv.claimCursor(tid, 1);
        assertEq(until, T0 + 14 days);
        assertEq(paid, FULL);
        assertEq(fv.record(pid).totalClaimed, FULL);
        assertEq(_claimable(tid, 1), 0);
    }

    function test_claim_secondClaimPaysOnlyWhatSettledSince() public {
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, FULL, U);
        _deposit(pid, 0);
        assertEq(_claim(tid, 0), FULL);
        assertEq(_claim(tid, 0), 0, "nothing new");
        vm.warp(_epochEnd(1, TERM));
        _report(pid, 1, 800, 8e7, U);
        _deposit(pid, 1);
        assertEq(_claim(tid, 0), 1e8);
        assertEq(wbtc.balanceOf(issuer), 1_000e8 - COLLATERAL - FULL - 8e7 + 2e8);
    }

    function test_claim_nothingNewEmitsNothing() public {
        vm.recordLogs();
        assertEq(_claim(tid, 0), 0, "untracked product");
        assertEq(vm.getRecordedLogs().length, 0);
        fv.settle(pid, 1);
        vm.getRecordedLogs(); // ProductTracked
        assertEq(_claim(tid, 0), 0, "no settled epoch");
        assertEq(vm.getRecordedLogs().length, 0);
    }

    function test_claim_sameHoldingTwiceInOneCallPaysOnce() public {
        _twoEpochsAliceFromDay7();
        vm.prank(stranger);
        uint256 total = fv.claim(_ids(tid, tid), _ids(1, 1));
        assertEq(total, FULL);
        assertEq(wbtc.balanceOf(alice), FULL);
    }

    function test_claim_aggregatesConsecutiveSameHolder() public {
        _twoEpochsAliceFromDay7();
        uint256[] memory ids = new uint256[](3);
        uint256[] memory idx = new uint256[](3);
        (ids[0], idx[0]) = (tid, 1); // alice
        (ids[1], idx[1]) = (tid, 0); // issuer
        (ids[2], idx[2]) = (tid, 0); // issuer again (already paid in this call)
        vm.recordLogs();
        fv.claim(ids, idx);
        assertEq(_transfersFrom(address(fv)), 2);

        // alice splits her token; both halves claimed in one transfer
        vm.prank(alice);
        uint256[] memory parts = hpt.split(tid, _units(400, 600));
        vm.warp(_epochEnd(2, TERM));
        _report(pid, 2, UNITS, FULL, U);
        _deposit(pid, 2);
        vm.recordLogs();
        uint256 total = fv.claim(_ids(parts[0], parts[1]), _ids(0, 0));
        assertEq(_transfersFrom(address(fv)), 1, "one transfer for one holder");
        // the split happened at the end of epoch 1: the halves hold all of epoch 2
        assertEq(total, 400 * U + 600 * U);
        assertEq(wbtc.balanceOf(alice), FULL + total);
    }

    function test_claim_differentHoldersNotAggregated() public {
        _twoEpochsAliceFromDay7();
        uint256[] memory ids = new uint256[](3);
        uint256[] memory idx = new uint256[](3);
        (ids[0], idx[0]) = (tid, 1); // alice
        (ids[1], idx[1]) = (tid, 0); // issuer
        (ids[2], idx[2]) = (tid, 1); // alice again: nothing new, skipped
        vm.recordLogs();
        assertEq(fv.claim(ids, idx), 2 * FULL);
        assertEq(_transfersFrom(address(fv)), 2);
    }

    function test_claim_acrossProducts() public {
        (uint256 p2, uint256 t2) = _defaultProduct();
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, FULL, U);
        _deposit(pid, 0);
        _report(p2, 0, UNITS, 5e7, 50_000);
        _deposit(p2, 0);
        uint256 total = fv.claim(_ids(tid, t2), _ids(0, 0));
        assertEq(total, FULL + 5e7);
        assertEq(fv.record(pid).totalClaimed, FULL);
        assertEq(fv.record(p2).totalClaimed, 5e7);
        // A, B, A: product totals flushed per run
        vm.warp(_epochEnd(1, TERM));
        _report(pid, 1, UNITS, FULL, U);
        _deposit(pid, 1);
        _report(p2, 1, UNITS, 5e7, 50_000);
        _deposit(p2, 1);
        uint256[] memory ids = new uint256[](3);
        (ids[0], ids[1], ids[2]) = (tid, t2, tid);
        assertEq(fv.claim(ids, new uint256[](3)), FULL + 5e7);
        assertEq(fv.record(pid).totalClaimed, 2 * FULL);
        assertEq(fv.record(p2).totalClaimed, 1e8);
    }

    function test_claim_holdingBeforeTheProductStartEarnsNothing() public {
        HashPowerToken.ProductAttestation memory a = _attestation(attestationNonce++);
        a.capacity = UNITS;
        a.start = uint64(T0 + 10 days);
        a.end = uint64(T0 + 10 days + EPOCH);
        (uint256 p2, uint256 t2) = _mint(a);
        vm.warp(T0 + 5 days);
        vm.prank(issuer);
        hpt.transferFrom(issuer, alice, t2);
        vm.warp(T0 + 10 days + EPOCH);
        _report(p2, 0, UNITS, FULL, U);
        _deposit(p2, 0);
        assertEq(_claimable(t2, 0), 0, "issuer held before the start only");
        assertEq(_claimable(t2, 1), FULL);
        assertEq(lens.epochOf(p2, uint64(T0 + 10 days)), 0);
    }

    function test_claim_burntTokensStayClaimable() public {
        vm.warp(T0 + 3 days + 12 hours); // half of epoch 0
        vm.prank(issuer);
        uint256[] memory parts = hpt.split(tid, _units(250, 750));
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, FULL, U);
        _deposit(pid, 0);
        assertEq(_claimable(tid, 0), FULL / 2);
        assertEq(_claimable(parts[0], 0), FULL / 2 / 4);
        assertEq(_claimable(parts[1], 0), FULL / 2 * 3 / 4);
        (uint256[] memory amounts, uint256 total) = fv.claimableMany(_ids(tid, parts[0]), _ids(0, 0));
        assertEq(amounts[0], FULL / 2);
        assertEq(amounts[1], FULL / 8);
        assertEq(total, FULL / 2 + FULL / 8);
        assertEq(fv.claim(_ids(tid, parts[0]), _ids(0, 0)), total);
    }

    function test_claim_revertsLengthMismatchAndTooMany() public {
        vm.expectRevert(abi.encodeWithSelector(LengthMismatch.selector, 2, 1));
        fv.claim(_ids(1, 2), _one(0));
        vm.expectRevert(abi.encodeWithSelector(LengthMismatch.selector, 1, 2));
        fv.claimableMany(_one(0), _ids(1, 2));
        uint256 n = fv.MAX_CLAIM_ITEMS() + 1;
        vm.expectRevert(abi.encodeWithSelector(TooManyItems.selector, n, n - 1));
        fv.claim(new uint256[](n), new uint256[](n));
        vm.expectRevert(abi.encodeWithSelector(TooManyItems.selector, n, n - 1));
        fv.claimableMany(new uint256[](n), new uint256[](n));
    }

    function test_claim_revertsUnknownHolding() public {
        vm.expectRevert(abi.encodeWithSelector(HoldingERC721.UnknownHolding.selector, tid, 1));
        _claim(tid, 1);
        vm.expectRevert(abi.encodeWithSelector(HoldingERC721.UnknownHolding.selector, 77, 0));
        fv.claimable(77, 0);
    }

    function test_claim_emptyBatch() public {
        assertEq(fv.claim(new uint256[](0), new uint256[](0)), 0);
    }

    // ---------------------------------------------------------------- collateral

    function _settleAll() internal {
        vm.warp(T0 + TERM + REPORT_WINDOW + 1);
        fv.settle(pid, 10);
    }

    function test_withdrawCollateral_afterSettlement() public {
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, 800, 8e7, U);
        _deposit(pid, 0);
        // epochs 1-4 unreported: max(capacity * U, floor = COLLATERAL / 5) each, epoch 4 (2 of 7 days) pro rata
        _settleAll();
        uint256 floor = COLLATERAL / 5;
        uint256 left = COLLATERAL - 2e7 - 3 * floor - floor * 2 days / EPOCH;
        assertEq(_collateralLeft(pid), left, "the collateral vault holds what is left");
        uint256 before = wbtc.balanceOf(issuer);
        uint256 vaultBalance = wbtc.balanceOf(address(fv));
        uint256 custody = wbtc.balanceOf(address(collateralVault));
        // released by the CollateralVault straight to the issuer (never through the fulfillment vault)
        vm.expectEmit(address(collateralVault));
        emit CollateralVault.CollateralReleased(pid, issuer, left);
        vm.expectEmit(address(fv));
        emit FulfillmentVault.CollateralWithdrawn(pid, issuer, left);
        vm.prank(issuer);
        assertEq(fv.withdrawCollateral(pid), left);
        assertEq(wbtc.balanceOf(issuer), before + left);
        assertEq(wbtc.balanceOf(address(fv)), vaultBalance, "the fulfillment vault's balance is untouched");
        assertEq(wbtc.balanceOf(address(collateralVault)), custody - left);
        assertEq(_collateralLeft(pid), 0);
        vm.prank(issuer);
        assertEq(fv.withdrawCollateral(pid), 0, "nothing left");
    }

    function test_withdrawCollateral_revertsNotTracked() public {
        vm.warp(T0 + TERM);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.ProductNotTracked.selector, pid));
        vm.prank(issuer);
        fv.withdrawCollateral(pid);
    }

    /// SECURITY-CHECKLIST 31: before the end, before settlement, by a non-issuer.
    function test_withdrawCollateral_reverts() public {
        fv.settle(pid, 1);
        vm.warp(T0 + TERM - 1);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.ProductNotEnded.selector, pid, uint64(T0 + TERM)));
        vm.prank(issuer);
        fv.withdrawCollateral(pid);
        vm.warp(T0 + TERM);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentVault.ProductNotSettled.selector, pid, 0, 5));
        vm.prank(issuer);
        fv.withdrawCollateral(pid);
        _settleAll();
        vm.expectRevert(abi.encodeWithSelector(NotTheIssuer.selector, stranger, issuer));
        vm.prank(stranger);
        fv.withdrawCollateral(pid);
    }

    // ---------------------------------------------------------------- the CollateralVault and the roles

    /// Every compensation is taken from the CollateralVault: its `collateralOf` shrinks by exactly
    /// what the fulfillment vault took (and received), epoch after epoch, and nothing else moves.
    function test_item7_collateral_takenFromTheCollateralVaultExactly() public {
        (uint256 p2,) = _defaultProduct();
        uint256 custody = wbtc.balanceOf(address(collateralVault));
        // epoch 0 short: 2e7
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, 800, 8e7, U);
        vm.expectEmit(address(collateralVault));
        emit CollateralVault.CollateralTaken(pid, address(fv), 2e7, COLLATERAL - 2e7);
        _deposit(pid, 0);
        assertEq(_collateralLeft(pid), COLLATERAL - 2e7);
        assertEq(wbtc.balanceOf(address(collateralVault)), custody - 2e7);
        assertEq(wbtc.balanceOf(address(fv)), 8e7 + 2e7);
        // epoch 1 missed: revenue + shortfall = 9e7 + 1e7
        vm.warp(_epochEnd(1, TERM));
        _report(pid, 1, 900, 9e7, U);
        vm.warp(block.timestamp + DEPOSIT_WINDOW + 1);
        vm.expectEmit(address(collateralVault));
        emit CollateralVault.CollateralTaken(pid, address(fv), 1e8, COLLATERAL - 2e7 - 1e8);
        assertEq(fv.settle(pid, 1), 1);
        assertEq(_collateralLeft(pid), COLLATERAL - 12e7);
        assertEq(wbtc.balanceOf(address(collateralVault)), custody - 12e7);
        assertEq(wbtc.balanceOf(address(fv)), 8e7 + 12e7);
        // one take per settle pass, however many epochs it settles: epochs 2-4 unreported
        vm.warp(T0 + TERM + REPORT_WINDOW + 1);
        uint256 floor = COLLATERAL / 5;
        uint256 due = 2 * floor + floor * 2 days / EPOCH;
        vm.recordLogs();
        assertEq(fv.settle(pid, 10), 3);
        assertEq(_countLogs(address(collateralVault), CollateralVault.CollateralTaken.selector), 1, "one take");
        assertEq(_collateralLeft(pid), COLLATERAL - 12e7 - due);
        assertEq(wbtc.balanceOf(address(collateralVault)), custody - 12e7 - due);
        assertEq(fv.record(pid).totalCompensation, 12e7 + due);
        assertEq(wbtc.balanceOf(address(fv)), 8e7 + 12e7 + due);
        // the other product's collateral never moved; the token keeps the attested amount
        assertEq(_collateralLeft(p2), COLLATERAL);
        assertEq(hpt.product(pid).collateral, COLLATERAL, "product().collateral is what was locked at mint");
    }

    /// A settle that owes nothing of the collateral does not call the CollateralVault at all.
    function test_collateral_noTakeWhenNothingIsOwed() public {
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, FULL, U);
        vm.recordLogs();
        _deposit(pid, 0);
        assertEq(_countLogs(address(collateralVault), CollateralVault.CollateralTaken.selector), 0);
        assertEq(_collateralLeft(pid), COLLATERAL);
    }

    /// A collateral vault that under-delivers (or lies about what it took) cannot make the
    /// fulfillment vault book collateral it did not receive: AmountNotReceived(expected, received).
    function test_item17_collateral_underDeliveringCollateralVaultReverts() public {
        ShortCollateralVault bad = new ShortCollateralVault(wbtc, 1e9);
        vm.prank(owner);
        wbtc.mint(address(bad), 2e9);
        FulfillmentVault v = new FulfillmentVault(
            address(manager),
            hpt,
            bad,
            attestorRegistry,
            spv,
            IBitcoinEvidence(address(0)),
            IFulfillmentObserver(address(0))
        );
        vm.prank(owner);
        v.setEpochConfig(btc, EPOCH, REPORT_WINDOW, DEPOSIT_WINDOW);
        vm.warp(_epochEnd(0, TERM) + REPORT_WINDOW + 1);
        // epoch 0 unreported: the floor 1e9 / 5 is owed
        uint256 due = 2e8;
        bad.setMode(ShortCollateralVault.Mode.SendLess);
        vm.expectRevert(abi.encodeWithSelector(AmountNotReceived.selector, due, due - 1));
        v.settle(pid, 1);
        bad.setMode(ShortCollateralVault.Mode.ReportLess);
        vm.expectRevert(abi.encodeWithSelector(AmountNotReceived.selector, due, due));
        v.settle(pid, 1);
        bad.setMode(ShortCollateralVault.Mode.SendMore);
        vm.expectRevert(abi.encodeWithSelector(AmountNotReceived.selector, due, due + 1));
        v.settle(pid, 1);
        assertEq(v.trackedState(pid).settledEpochs, 0, "nothing settled");
        bad.setMode(ShortCollateralVault.Mode.Honest);
        assertEq(v.settle(pid, 1), 1);
        assertEq(wbtc.balanceOf(address(v)), due);
        assertEq(v.record(pid).totalCompensation, due);
    }

    /// Without COLLATERAL_MANAGER the vault can neither take compensation nor release collateral;
    /// epochs that owe nothing still settle. Granted again, everything goes through.
    function test_item31_roles_vaultWithoutCollateralManager() public {
        _revoke(Roles.COLLATERAL_MANAGER, address(fv));
        bytes memory unauthorized = abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(fv));
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, FULL, U);
        _deposit(pid, 0); // fulfilled: no collateral involved
        assertEq(lens.productState(pid).settledEpochs, 1);
        vm.warp(_epochEnd(1, TERM));
        _report(pid, 1, 800, 8e7, U);
        vm.expectRevert(unauthorized);
        _deposit(pid, 1);
        vm.warp(T0 + TERM + REPORT_WINDOW + DEPOSIT_WINDOW + 1);
        vm.expectRevert(unauthorized);
        fv.settle(pid, 10);
        assertEq(lens.productState(pid).settledEpochs, 1);
        assertEq(_collateralLeft(pid), COLLATERAL);
        _grant(Roles.COLLATERAL_MANAGER, address(fv));
        assertEq(fv.settle(pid, 10), 4);
        uint256 left = _collateralLeft(pid);
        _revoke(Roles.COLLATERAL_MANAGER, address(fv));
        vm.expectRevert(unauthorized);
        vm.prank(issuer);
        fv.withdrawCollateral(pid);
        _grant(Roles.COLLATERAL_MANAGER, address(fv));
        vm.prank(issuer);
        assertEq(fv.withdrawCollateral(pid), left);
    }

    /// Without PRODUCT_DEFAULTER a settle that defaults the product reverts as a whole (nothing is
    /// taken, nothing recorded); one that does not default still goes through.
    function test_item31_roles_vaultWithoutProductDefaulter() public {
        (uint256 p2,) = _product(UNITS, TERM, 3e7);
        _revoke(Roles.PRODUCT_DEFAULTER, address(fv));
        vm.warp(_epochEnd(0, TERM));
        _report(p2, 0, 800, 8e7, U); // shortfall 2e7 of 3e7: no default
        _deposit(p2, 0);
        vm.warp(_epochEnd(1, TERM));
        _report(p2, 1, 500, 5e7, U); // shortfall 5e7 of the 1e7 left: defaults
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(fv)));
        _deposit(p2, 1);
        assertEq(_collateralLeft(p2), 1e7);
        assertFalse(lens.productState(p2).defaulted);
        _grant(Roles.PRODUCT_DEFAULTER, address(fv));
        _deposit(p2, 1);
        assertTrue(lens.productState(p2).defaulted);
        assertTrue(hpt.product(p2).defaulted);
        assertEq(_collateralLeft(p2), 0);
    }

    // ---------------------------------------------------------------- views

    /// SECURITY-CHECKLIST 6: the exact type string and abi.encode struct hash.
    function test_hashFulfillmentReport_pinsTypeString() public {
        assertEq(
            fv.FULFILLMENT_REPORT_TYPEHASH(),
            keccak256(
                "FulfillmentReport(uint256 productId,uint32 epoch,uint256 deliveredUnits,uint256 revenue,"
                "uint256 unitRevenue,bytes32 sourceChain,bytes32 evidence,uint256 nonce,uint64 deadline,"
                "uint64 committeeEpoch)"
            )
        );
        IFulfillmentVault.FulfillmentReport memory r = _r(pid, 3, 7, 11, 13);
        bytes32 structHash = keccak256(
            abi.encode(
                fv.FULFILLMENT_REPORT_TYPEHASH(),
                r.productId,
                r.epoch,
                r.deliveredUnits,
                r.revenue,
                r.unitRevenue,
                r.sourceChain,
                r.evidence,
                r.nonce,
                r.deadline,
                r.committeeEpoch
            )
        );
        bytes32 ds = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("HashMix"),
                keccak256("1"),
                block.chainid,
                address(fv)
            )
        );
        assertEq(fv.domainSeparator(), ds);
        assertEq(fv.hashFulfillmentReport(r), keccak256(abi.encodePacked(hex"1901", ds, structHash)));
    }

    function test_epochOf() public {
        assertEq(lens.epochOf(pid, uint64(T0)), 0);
        assertEq(lens.epochOf(pid, uint64(T0 + EPOCH - 1)), 0);
        assertEq(lens.epochOf(pid, uint64(T0 + EPOCH)), 1);
        assertEq(lens.epochOf(pid, uint64(T0 + TERM - 1)), 4);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentLens.OutsideTerm.selector, pid, uint64(T0 + TERM)));
        lens.epochOf(pid, uint64(T0 + TERM));
        vm.expectRevert(abi.encodeWithSelector(FulfillmentLens.OutsideTerm.selector, pid, uint64(T0 - 1)));
        lens.epochOf(pid, uint64(T0 - 1));
        bytes32 etc = _newClass("ETC-ETCHASH", address(wbtc), false);
        (uint256 p2,) = _productIn(etc, address(wbtc), UNITS, TERM, COLLATERAL);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentLens.EpochConfigNotSet.selector, etc));
        lens.epochOf(p2, uint64(T0));
        vm.expectRevert(abi.encodeWithSelector(FulfillmentLens.EpochConfigNotSet.selector, etc));
        lens.epochInfo(p2, 0);
        IFulfillmentVault.ProductView memory v = lens.productState(p2);
        assertFalse(v.tracked);
        assertEq(v.epochLength, 0);
        assertEq(v.epochCount, 0);
        assertEq(v.settledUntil, T0);
    }

    function test_epochInfo_untrackedAndOutOfRange() public {
        IFulfillmentVault.EpochInfo memory info = lens.epochInfo(pid, 4);
        assertEq(uint8(info.status), uint8(IFulfillmentVault.EpochStatus.Pending));
        assertEq(info.start, T0 + 4 * EPOCH);
        assertEq(info.end, T0 + TERM);
        assertEq(info.reportDeadline, T0 + TERM + REPORT_WINDOW);
        vm.expectRevert(abi.encodeWithSelector(FulfillmentLens.EpochOutOfRange.selector, pid, 5, 5));
        lens.epochInfo(pid, 5);
    }

    function test_productState_untracked() public view {
        IFulfillmentVault.ProductView memory v = lens.productState(pid);
        assertFalse(v.tracked);
        assertEq(v.issuer, issuer);
        assertEq(v.payoutToken, address(wbtc));
        assertEq(v.assetClass, btc);
        assertEq(v.start, T0);
        assertEq(v.end, T0 + TERM);
        assertEq(v.capacity, UNITS);
        assertEq(v.epochLength, EPOCH);
        assertEq(v.reportWindow, REPORT_WINDOW);
        assertEq(v.depositWindow, DEPOSIT_WINDOW);
        assertEq(v.epochCount, 5);
        assertEq(v.settledEpochs, 0);
        assertEq(v.settledUntil, T0);
        assertFalse(v.defaulted);
        assertEq(v.lastUnitRevenue, 0);
        assertEq(v.accumulator, 0);
    }

    function test_record_untrackedIsZero() public view {
        IFulfillmentVault.Record memory r = fv.record(pid);
        assertEq(r.epochsFulfilled + r.epochsShort + r.epochsMissed + r.epochsUnreported, 0);
        assertEq(r.totalDeposited + r.totalCompensation + r.totalClaimed, 0);
        assertFalse(r.defaulted);
    }

    // ---------------------------------------------------------------- helpers

    function _countLogs(address emitter, bytes32 topic0) internal returns (uint256 n) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; i++) {
            if (logs[i].emitter == emitter && logs[i].topics[0] == topic0) n++;
        }
    }

    function _transfersFrom(address from) internal returns (uint256 n) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        bytes32 sig = IERC20.Transfer.selector;
        for (uint256 i; i < logs.length; i++) {
            if (logs[i].topics[0] == sig && logs[i].topics[1] == bytes32(uint256(uint160(from)))) n++;
        }
    }
}
