// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {StdInvariant} from "forge-std/StdInvariant.sol";
import {Test} from "forge-std/Test.sol";
import {BitcoinEvidence} from "../src/spv/BitcoinEvidence.sol";
import {FulfillmentVault} from "../src/fulfillment/FulfillmentVault.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {IBtcSpvVerifier} from "../src/interfaces/IBtcSpvVerifier.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {BitcoinEvidenceFixtures} from "./utils/BitcoinEvidenceFixtures.sol";

/// @dev Drives the binding with random relays: bound reports with random subsets of a pool of real (regtest)
/// payout proofs and random figures, plain reports of SPV products, older-path reports that consume pool
/// payments for a product without a commitment, and time. Records what was accepted.
contract BitcoinEvidenceHandler is Test {
    BitcoinEvidenceInvariantTest internal t;
    BitcoinEvidence internal evidence;
    FulfillmentVault internal fv;

    uint256 public constant EPOCHS = 4;
    uint256 public constant PER_EPOCH = 3;

    /// txid => accepted reports that used it (any path)
    mapping(bytes32 => uint256) public uses;
    /// product => epoch => accepted through the binding
    mapping(uint256 => mapping(uint256 => bool)) public evidenced;
    /// product => epoch => proven base units of the accepted evidence
    mapping(uint256 => mapping(uint256 => uint256)) public proven;
    /// product => epoch => floor of the accepted evidence
    mapping(uint256 => mapping(uint256 => uint256)) public floorOf;
    /// plain relays of SPV products that went through (must stay 0)
    uint256 public plainAccepted;
    uint256 public accepted;
    uint256 public refused;
    bytes32[] public allTxids;

    constructor(BitcoinEvidenceInvariantTest t_, BitcoinEvidence evidence_, FulfillmentVault fv_) {
        t = t_;
        evidence = evidence_;
        fv = fv_;
    }

    function txidCount() external view returns (uint256) {
        return allTxids.length;
    }

    function noteTxid(bytes32 txid) external {
        allTxids.push(txid);
    }

    function advance(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 1 hours, 3 days));
    }

    /// The epoch of `pid` that can be reported now (ended, report window open), if any.
    function _reportable() internal view returns (bool ok, uint32 e) {
        uint256 start = t.T0_();
        if (block.timestamp < start + t.EPOCH_()) return (false, 0);
        uint256 k = (block.timestamp - start) / t.EPOCH_();
        // the epoch that ended most recently is k - 1; it stays reportable for the report window
        if (k == 0 || k - 1 >= EPOCHS) return (false, 0);
        if (block.timestamp > start + k * t.EPOCH_() + t.REPORT_WINDOW_()) return (false, 0);
        return (true, uint32(k - 1));
    }

    function relayEvidence(uint256 productSeed, uint256 mask, uint256 figures, bool wrongEvidence) external {
        (bool ok, uint32 e) = _reportable();
        if (!ok) return;
        (IBtcSpvVerifier.PaymentProof[] memory ps, bytes32[] memory txids, uint256 sats) = _choose(e, mask);
        if (ps.length == 0) return;
        bytes32 ev = wrongEvidence
            ? keccak256(abi.encode(figures))
            : (txids.length == 1 ? txids[0] : keccak256(abi.encodePacked(txids)));
        _relay(t.spvProduct(productSeed % 2), e, ps, txids, sats, figures, ev);
    }

    /// Proofs from this epoch's pool (bits 0..2 of `mask`), sometimes one from the next epoch (outside the window).
    function _choose(uint32 e, uint256 mask)
        internal
        view
        returns (IBtcSpvVerifier.PaymentProof[] memory ps, bytes32[] memory txids, uint256 sats)
    {
        bool extra = (mask >> 8) & 7 == 0 && e + 1 < EPOCHS;
        uint256 n = extra ? 1 : 0;
        for (uint256 i; i < PER_EPOCH; i++) {
            if ((mask >> i) & 1 == 1) n++;
        }
        ps = new IBtcSpvVerifier.PaymentProof[](n);
        txids = new bytes32[](n);
        uint256 k;
        for (uint256 i; i < PER_EPOCH; i++) {
            if ((mask >> i) & 1 == 1) (ps[k], txids[k]) = t.poolProof(e, i);
            if ((mask >> i) & 1 == 1) k++;
        }
        if (extra) (ps[k], txids[k]) = t.poolProof(e + 1, mask % PER_EPOCH);
        for (uint256 i; i < n; i++) {
            sats += t.amountOf(txids[i]);
        }
    }

    /// Relays with figures around what the proofs can back, so that all three bounds are hit: revenue from bits
    /// 0..63 of `figures`, unit revenue from bits 64..127, delivered units from bits 128..191.
    function _relay(
        uint256 pid,
        uint32 e,
        IBtcSpvVerifier.PaymentProof[] memory ps,
        bytes32[] memory txids,
        uint256 sats,
        uint256 figures,
        bytes32 ev
    ) internal {
        IFulfillmentVault.FulfillmentReport memory r = t.report(
            pid,
            e,
            bound(uint64(figures >> 128), 0, t.UNITS_()),
            bound(uint64(figures), 0, sats + sats / 4),
            bound(uint64(figures >> 64), t.floorAt() / 2, t.floorAt() * 2),
            ev
        );
        AttestorSignature[] memory sigs = t.sign(r);
        try evidence.submitReportWithEvidence(r, sigs, ps) returns (uint256) {
            accepted++;
            evidenced[pid][e] = true;
            proven[pid][e] = sats;
            floorOf[pid][e] = t.floorAt();
            for (uint256 i; i < txids.length; i++) {
                uses[txids[i]]++;
            }
        } catch {
            refused++;
        }
    }

    function relayPlain(uint256 productSeed) external {
        (bool ok, uint32 e) = _reportable();
        if (!ok) return;
        uint256 pid = t.spvProduct(productSeed % 2);
        IFulfillmentVault.FulfillmentReport memory r = t.report(pid, e, 1, 1, t.floorAt(), keccak256("plain"));
        AttestorSignature[] memory sigs = t.sign(r);
        try fv.submitReport(r, sigs) {
            plainAccepted++;
        } catch {
            refused++;
        }
    }

    /// The older path, for the product without a commitment: consumes a pool payment globally.
    function relayOlderPath(uint256 index) external {
        (bool ok, uint32 e) = _reportable();
        if (!ok) return;
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = t.poolProof(e, index % PER_EPOCH);
        IFulfillmentVault.FulfillmentReport memory r = t.report(t.plainProduct(), e, 1, 1, 1, txid);
        AttestorSignature[] memory sigs = t.sign(r);
        try fv.submitReportWithPayment(r, sigs, p) {
            accepted++;
            uses[txid]++;
        } catch {
            refused++;
        }
    }
}

/// @notice Stateful campaign over the binding (256 runs x depth 100 in CI): checklist item 7 extended (no
/// payment backs two reports, whichever path consumed it; every bound report stays within what its proofs paid
/// and at or above its floor) and item 11 extended (a product that requires SPV evidence is never reported
/// without it).
contract BitcoinEvidenceInvariantTest is BitcoinEvidenceFixtures {
    BitcoinEvidenceHandler internal handler;
    bytes32 internal tiny;
    uint256[2] internal spvProducts;
    uint256 public plainProduct;
    uint256 public floorAt;

    mapping(uint256 epoch => mapping(uint256 i => IBtcSpvVerifier.PaymentProof)) internal pool;
    mapping(uint256 epoch => mapping(uint256 i => bytes32)) internal poolTxid;
    mapping(bytes32 txid => uint256) public amountOf;

    function setUp() public override {
        super.setUp();
        // a 10^-18 TH/s unit and 90-day checkpoints: the pool's checkpoints, accepted now, anchor every epoch
        vm.startPrank(owner);
        tiny = assetClasses.registerAssetClass("BTC-SHA256-ATTO", "TH/s", 18, address(wbtc));
        attestorRegistry.setThreshold(tiny, THRESHOLD);
        fv.setEpochConfig(tiny, EPOCH, REPORT_WINDOW, DEPOSIT_WINDOW);
        evidence.scheduleClassParams(tiny, MIN_CONFS, 90 days, SLACK, SAT);
        vm.stopPrank();
        for (uint256 k; k < 2; k++) {
            (spvProducts[k],) = _productIn(tiny, address(wbtc), UNITS, TERM, COLLATERAL);
            _commit(spvProducts[k], _scripts(poolScript), true, 1);
        }
        (plainProduct,) = _productIn(tiny, address(wbtc), UNITS, TERM, COLLATERAL);
        nextHeight = ONE_SAT_HEIGHT;
        floorAt = evidence.subsidyFloor(0x207fffff, ONE_SAT_HEIGHT + 1, EPOCH, 18, 1);
        handler = new BitcoinEvidenceHandler(this, evidence, fv);
        for (uint256 e; e < handler.EPOCHS(); e++) {
            for (uint256 i; i < handler.PER_EPOCH(); i++) {
                nextHeight = ONE_SAT_HEIGHT; // every pool payment's block is in the 1-satoshi era
                uint256 amount = 100 + 137 * (e * 3 + i);
                uint32 time = uint32(_epochEnd(e, TERM) + 1 hours + i * 3 hours);
                (pool[e][i], poolTxid[e][i]) = _payment(poolScript, amount, time, MIN_CONFS);
                amountOf[poolTxid[e][i]] = amount;
                handler.noteTxid(poolTxid[e][i]);
            }
        }
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](4);
        selectors[0] = handler.advance.selector;
        selectors[1] = handler.relayEvidence.selector;
        selectors[2] = handler.relayPlain.selector;
        selectors[3] = handler.relayOlderPath.selector;
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    // ------------------------------------------------------------- helpers the handler uses

    function T0_() external pure returns (uint256) {
        return T0;
    }

    function EPOCH_() external pure returns (uint256) {
        return EPOCH;
    }

    function REPORT_WINDOW_() external pure returns (uint256) {
        return REPORT_WINDOW;
    }

    function UNITS_() external pure returns (uint256) {
        return UNITS;
    }

    function spvProduct(uint256 k) external view returns (uint256) {
        return spvProducts[k];
    }

    function poolProof(uint256 e, uint256 i) external view returns (IBtcSpvVerifier.PaymentProof memory, bytes32) {
        return (pool[e][i], poolTxid[e][i]);
    }

    function report(uint256 pid, uint32 e, uint256 delivered, uint256 revenue, uint256 unitRevenue, bytes32 ev)
        external
        returns (IFulfillmentVault.FulfillmentReport memory)
    {
        return _evReport(pid, e, delivered, revenue, unitRevenue, ev);
    }

    function sign(IFulfillmentVault.FulfillmentReport memory r) external view returns (AttestorSignature[] memory) {
        return _signReport(r);
    }

    /// The handler can make progress: a scripted sequence accepts bound reports, refuses plain ones and
    /// reused payments (so the campaign's invariants are not vacuous).
    function test_handlerMakesProgress() public {
        handler.advance(3 days);
        handler.advance(3 days);
        handler.advance(1 days + 2 hours); // epoch 0 ended 2 hours ago: reportable
        handler.relayPlain(0); // refused: SPV required
        uint256 figures = (floorAt << 64) | 100; // revenue 100 (proof 0 paid 100), unit revenue at the floor
        handler.relayEvidence(0, 0x701, figures, false); // accepted
        handler.relayEvidence(1, 0x701, figures, false); // refused: the payment is consumed
        handler.relayOlderPath(1); // accepted: proof 1 consumed for the product without a commitment
        handler.relayEvidence(1, 0x702, figures, false); // refused: consumed by the older path
        handler.relayEvidence(1, 0x004, (uint256(1) << 128) | figures, false); // refused: proof 2 from epoch 1
        handler.relayEvidence(1, 0x704, (uint256(1) << 128) | figures, false); // 1 unit at the floor: accepted
        assertEq(handler.accepted(), 3, "accepted");
        assertEq(handler.refused(), 4, "refused");
        assertTrue(handler.evidenced(spvProducts[0], 0));
        assertTrue(handler.evidenced(spvProducts[1], 0));
        assertEq(handler.plainAccepted(), 0);
        invariant_item7_item11_noPaymentBacksTwoReports();
        invariant_item11_spvProductsReportedOnlyWithEvidence();
        invariant_item7_boundReportsWithinTheirProofs();
    }

    // ------------------------------------------------------------- invariants

    /// Item 7/11 extended: a payment backs at most one accepted report, across products and paths, and the
    /// verifier says exactly the used ones are consumed.
    function invariant_item7_item11_noPaymentBacksTwoReports() public view {
        for (uint256 k; k < handler.txidCount(); k++) {
            bytes32 txid = handler.allTxids(k);
            uint256 used = handler.uses(txid);
            assertLe(used, 1);
            assertEq(spv.isPaymentClaimed(txid), used == 1);
        }
    }

    /// Item 11 extended: an SPV product's epoch leaves Pending only through the binding.
    function invariant_item11_spvProductsReportedOnlyWithEvidence() public view {
        assertEq(handler.plainAccepted(), 0);
        for (uint256 k; k < 2; k++) {
            for (uint32 e; e < handler.EPOCHS(); e++) {
                bool reported = uint8(lens.epochInfo(spvProducts[k], e).status) != 0;
                assertEq(reported, handler.evidenced(spvProducts[k], e));
            }
        }
    }

    /// Item 7 extended: every bound report is within what its proofs paid and at or above its floor.
    function invariant_item7_boundReportsWithinTheirProofs() public view {
        for (uint256 k; k < 2; k++) {
            uint256 pid = spvProducts[k];
            for (uint32 e; e < handler.EPOCHS(); e++) {
                if (!handler.evidenced(pid, e)) continue;
                IFulfillmentVault.EpochInfo memory info = lens.epochInfo(pid, e);
                uint256 paid = handler.proven(pid, e);
                assertLe(info.revenue, paid);
                assertLe(info.deliveredUnits * info.unitRevenue, paid * 1e18);
                assertGe(info.unitRevenue, handler.floorOf(pid, e));
                assertGt(handler.floorOf(pid, e), 0);
            }
        }
    }

}
