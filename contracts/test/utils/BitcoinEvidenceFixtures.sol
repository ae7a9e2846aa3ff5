// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {BitcoinEvidence} from "../../src/spv/BitcoinEvidence.sol";
import {AttestorSignature} from "../../src/interfaces/IAttestorRegistry.sol";
import {IBtcSpvVerifier} from "../../src/interfaces/IBtcSpvVerifier.sol";
import {IFulfillmentVault} from "../../src/interfaces/IFulfillmentVault.sol";
import {BtcRef} from "./BtcSpvFixtures.sol";
import {FulfillmentAreaFixtures} from "./FulfillmentAreaFixtures.sol";

/// @dev Bitcoin evidence suites, on top of FulfillmentAreaFixtures (vault with the `evidence` binding,
/// regtest verifier `spv`): BTC-SHA256 configured in the binding (6 confirmations, checkpoints at most 3
/// days old, a 1-day window slack, 1 base unit per satoshi), committed payout scripts, and regtest-style
/// payout proofs: each on its own committee checkpoint, a block [BIP 34 coinbase, payout] mined at a
/// chosen time, and headers on top. Heights default to the era without subsidy (from the 64th
/// halving, 13,440,000) so that the floor is 0 unless a test picks a height with a subsidy.
abstract contract BitcoinEvidenceFixtures is FulfillmentAreaFixtures {
    uint16 internal constant MIN_CONFS = 6;
    uint32 internal constant MAX_AGE = 3 days;
    uint32 internal constant SLACK = 1 days;
    uint64 internal constant SAT = 1;

    /// Heights with no subsidy (floor 0), and with a 1-satoshi subsidy (halving 32).
    uint64 internal constant NO_SUBSIDY_HEIGHT = 13_440_000;
    uint64 internal constant ONE_SAT_HEIGHT = 6_720_000;

    bytes internal poolScript = BtcRef.p2wpkh(bytes20(keccak256("pool payout")));
    bytes internal poolScript2 = BtcRef.p2tr(keccak256("pool payout 2"));
    bytes internal otherScript = BtcRef.p2wpkh(bytes20(keccak256("someone else")));

    uint256 internal commitNonce = 5_000_000;
    uint256 internal chainSeq;
    uint64 internal nextHeight = NO_SUBSIDY_HEIGHT;

    function setUp() public virtual override {
        super.setUp();
        vm.prank(owner);
        evidence.scheduleClassParams(btc, MIN_CONFS, MAX_AGE, SLACK, SAT);
    }

    // ---------------------------------------------------------------- commitments

    function _scripts(bytes memory a) internal pure returns (bytes[] memory s) {
        s = new bytes[](1);
        s[0] = a;
    }

    function _scripts(bytes memory a, bytes memory b) internal pure returns (bytes[] memory s) {
        s = new bytes[](2);
        s[0] = a;
        s[1] = b;
    }

    function _commitment(uint256 pid, bytes[] memory scripts, bool required, uint64 version)
        internal
        returns (BitcoinEvidence.PayoutCommitment memory c)
    {
        c.productId = pid;
        c.payoutScripts = scripts;
        c.spvRequired = required;
        c.version = version;
        c.nonce = commitNonce++;
        c.deadline = uint64(block.timestamp + 1 days);
        c.committeeEpoch = attestorRegistry.epoch();
    }

    function _signCommitment(BitcoinEvidence.PayoutCommitment memory c) internal view returns (AttestorSignature[] memory) {
        return _sigsOver(evidence.hashPayoutCommitment(c), 0, THRESHOLD);
    }

    function _commit(uint256 pid, bytes[] memory scripts, bool required, uint64 version) internal {
        BitcoinEvidence.PayoutCommitment memory c = _commitment(pid, scripts, required, version);
        evidence.submitCommitment(c, _signCommitment(c));
    }

    /// A product of UNITS over TERM whose pool pays `poolScript`, SPV evidence required.
    function _spvProduct() internal returns (uint256 pid) {
        (pid,) = _defaultProduct();
        _commit(pid, _scripts(poolScript), true, 1);
    }

    // ---------------------------------------------------------------- Bitcoin

    /// `CScript() << height` (BIP 34), written from the rule: OP_0, OP_1..OP_16, else a push of the
    /// minimal little-endian number with a sign byte when the top bit is set.
    function _bip34(uint256 height) internal pure returns (bytes memory) {
        if (height == 0) return hex"00";
        if (height <= 16) return abi.encodePacked(uint8(0x50 + height));
        bytes memory le;
        uint256 v = height;
        uint8 last;
        while (v != 0) {
            last = uint8(v);
            le = abi.encodePacked(le, last);
            v >>= 8;
        }
        if (last >= 0x80) le = abi.encodePacked(le, uint8(0));
        return abi.encodePacked(uint8(le.length), le);
    }

    /// A coinbase whose scriptSig starts with `heightPush` (then an extra nonce).
    function _coinbase(bytes memory heightPush, uint256 seq) internal pure returns (bytes memory) {
        bytes memory scriptSig = abi.encodePacked(heightPush, "/hashmix/", uint32(seq));
        return BtcRef.txRaw(
            1,
            BtcRef.input(bytes32(0), 0xffffffff, scriptSig),
            1,
            BtcRef.output(0, BtcRef.p2pkh(bytes20(keccak256("miner"))))
        );
    }

    /// A payout of `amount` to `script` (and change elsewhere), unique by `seq`.
    function _payoutTx(bytes memory script, uint256 amount, uint256 seq) internal pure returns (bytes memory) {
        uint256[] memory values = new uint256[](2);
        bytes[] memory scripts = new bytes[](2);
        (values[0], scripts[0]) = (amount, script);
        (values[1], scripts[1]) = (12_345, BtcRef.p2pkh(bytes20(keccak256("change"))));
        return BtcRef.payment(keccak256(abi.encode("funding", seq)), values, scripts);
    }

    /// Full control: a checkpoint `cp` at `cpHeight` (accepted now), then a block at `blockTime`
    /// holding [coinbase with `heightPush`, payout], then `confirmations - 1` headers; the proof of the
    /// payout to `script` (its relayer fields: 1 confirmation, minimum 0).
    function _proofWith(
        bytes32 cp,
        uint64 cpHeight,
        bytes memory heightPush,
        uint32 blockTime,
        bytes memory payout,
        bytes memory script,
        uint256 confirmations
    ) internal returns (IBtcSpvVerifier.PaymentProof memory p) {
        _checkpoint(spv, cp, cpHeight, BtcRef.REGTEST_BITS);
        bytes memory cb = _coinbase(heightPush, chainSeq);
        bytes32[] memory ids = new bytes32[](2);
        ids[0] = BtcRef.sha256d(cb);
        ids[1] = BtcRef.sha256d(payout);
        (bytes memory h, bytes32 hash) = BtcRef.mine(cp, BtcRef.merkleRoot(ids), blockTime, BtcRef.REGTEST_BITS, 0);
        bytes memory headers = h;
        for (uint256 k = 1; k < confirmations; k++) {
            (h, hash) = BtcRef.mine(hash, bytes32(k), uint32(blockTime + 600 * k), BtcRef.REGTEST_BITS, 0);
            headers = bytes.concat(headers, h);
        }
        p.transaction = payout;
        p.txIndex = 1;
        p.merkleBranch = BtcRef.branch(ids, 1);
        p.coinbaseTransaction = cb;
        p.coinbaseBranch = BtcRef.branch(ids, 0);
        p.headers = headers;
        p.headerIndex = 0;
        p.outputScript = script;
        p.minAmount = 0;
        p.requiredConfirmations = 1;
    }

    /// A payout proof of `amount` to `script` confirmed at `blockTime` with `confirmations`, on a fresh
    /// checkpoint at the next free height (no subsidy unless {nextHeight} was changed).
    function _payment(bytes memory script, uint256 amount, uint32 blockTime, uint256 confirmations)
        internal
        returns (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid)
    {
        uint256 seq = ++chainSeq;
        uint64 cpHeight = nextHeight;
        nextHeight += 10_000;
        bytes memory payout = _payoutTx(script, amount, seq);
        p = _proofWith(keccak256(abi.encode("checkpoint", seq)), cpHeight, _bip34(cpHeight + 1), blockTime, payout, script, confirmations);
        txid = BtcRef.sha256d(payout);
    }

    /// The default payout: `amount` to `poolScript`, one hour after epoch `e` of the default product
    /// ended, 6 confirmations.
    function _poolPayment(uint256 amount, uint256 e) internal returns (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) {
        return _payment(poolScript, amount, uint32(_epochEnd(e, TERM) + 1 hours), MIN_CONFS);
    }

    function _one(IBtcSpvVerifier.PaymentProof memory p) internal pure returns (IBtcSpvVerifier.PaymentProof[] memory ps) {
        ps = new IBtcSpvVerifier.PaymentProof[](1);
        ps[0] = p;
    }

    // ---------------------------------------------------------------- reports

    /// A report of `pid`'s epoch `e` backed by `txid` (delivered, revenue, unit revenue x 1e18 as given).
    function _evReport(uint256 pid, uint32 e, uint256 delivered, uint256 revenue, uint256 unitRevenue, bytes32 ev)
        internal
        returns (IFulfillmentVault.FulfillmentReport memory r)
    {
        r = _rScaled(pid, e, delivered, revenue, unitRevenue);
        r.evidence = ev;
    }

    function _relay(IFulfillmentVault.FulfillmentReport memory r, IBtcSpvVerifier.PaymentProof[] memory ps)
        internal
        returns (uint256)
    {
        AttestorSignature[] memory sigs = _signReport(r);
        vm.prank(relayer);
        return evidence.submitReportWithEvidence(r, sigs, ps);
    }

    /// Signs first, so that the expected revert applies to the relay itself.
    function _expectRelayRevert(
        IFulfillmentVault.FulfillmentReport memory r,
        IBtcSpvVerifier.PaymentProof[] memory ps,
        bytes memory err
    ) internal {
        AttestorSignature[] memory sigs = _signReport(r);
        vm.expectRevert(err);
        vm.prank(relayer);
        evidence.submitReportWithEvidence(r, sigs, ps);
    }

    function _evidenceOf(bytes32[] memory txids) internal pure returns (bytes32) {
        return txids.length == 1 ? txids[0] : keccak256(abi.encodePacked(txids));
    }
}
