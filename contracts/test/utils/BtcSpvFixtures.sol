// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {BtcSpvVerifier} from "../../src/spv/BtcSpvVerifier.sol";
import {IBtcSpvVerifier} from "../../src/interfaces/IBtcSpvVerifier.sol";
import {AttestorSignature} from "../../src/interfaces/IAttestorRegistry.sol";
import {HashPowerFixtures} from "./HashPowerFixtures.sol";

/// @dev Reference Bitcoin encoders written from the spec (independent of the contract): double
/// SHA-256, little-endian fields, CompactSize, transactions, headers and Merkle trees (duplicate-last).
library BtcRef {
    bytes4 internal constant REGTEST_BITS_LE = 0xffff7f20; // 0x207fffff little-endian
    uint32 internal constant REGTEST_BITS = 0x207fffff;
    uint32 internal constant MAINNET_BITS = 0x1d00ffff;

    function sha256d(bytes memory b) internal pure returns (bytes32) {
        return sha256(abi.encodePacked(sha256(b)));
    }

    function pair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return sha256d(abi.encodePacked(a, b));
    }

    function le32(uint256 v) internal pure returns (bytes memory) {
        return abi.encodePacked(uint8(v), uint8(v >> 8), uint8(v >> 16), uint8(v >> 24));
    }

    function le64(uint256 v) internal pure returns (bytes memory) {
        return abi.encodePacked(le32(v & 0xffffffff), le32(v >> 32));
    }

    function varint(uint256 n) internal pure returns (bytes memory) {
        if (n < 0xfd) return abi.encodePacked(uint8(n));
        if (n <= 0xffff) return abi.encodePacked(uint8(0xfd), uint8(n), uint8(n >> 8));
        if (n <= 0xffffffff) return abi.encodePacked(uint8(0xfe), le32(n));
        return abi.encodePacked(uint8(0xff), le64(n));
    }

    /// The number a hash (internal order) stands for.
    function hashNum(bytes32 h) internal pure returns (uint256 n) {
        for (uint256 i; i < 32; i++) {
            n |= uint256(uint8(h[i])) << (8 * i);
        }
    }

    function input(bytes32 prevTxid, uint32 prevIndex, bytes memory scriptSig) internal pure returns (bytes memory) {
        return abi.encodePacked(prevTxid, le32(prevIndex), varint(scriptSig.length), scriptSig, le32(0xffffffff));
    }

    function output(uint256 value, bytes memory script) internal pure returns (bytes memory) {
        return abi.encodePacked(le64(value), varint(script.length), script);
    }

    /// A transaction with the given serialized inputs and outputs (counts given separately).
    function txRaw(uint256 nIn, bytes memory ins, uint256 nOut, bytes memory outs) internal pure returns (bytes memory) {
        return abi.encodePacked(le32(2), varint(nIn), ins, varint(nOut), outs, le32(0));
    }

    /// A coinbase for `height` paying `value` to `script`.
    function coinbase(uint256 height, uint256 value, bytes memory script) internal pure returns (bytes memory) {
        bytes memory scriptSig = abi.encodePacked(uint8(4), le32(height), "hashmix");
        return txRaw(1, input(bytes32(0), 0xffffffff, scriptSig), 1, output(value, script));
    }

    /// A one-input transaction paying each (value, script).
    function payment(bytes32 prevTxid, uint256[] memory values, bytes[] memory scripts) internal pure returns (bytes memory) {
        bytes memory outs;
        for (uint256 i; i < values.length; i++) {
            outs = abi.encodePacked(outs, output(values[i], scripts[i]));
        }
        return txRaw(1, input(prevTxid, 0, hex"00"), values.length, outs);
    }

    function header(bytes32 prev, bytes32 root, uint32 time, uint32 bits, uint32 nonce) internal pure returns (bytes memory) {
        return abi.encodePacked(le32(1), prev, root, le32(time), le32(bits), le32(nonce));
    }

    /// The decoded target of a valid nBits (reference: mantissa * 256^(exponent - 3)).
    function target(uint32 bits) internal pure returns (uint256) {
        uint256 exp = bits >> 24;
        uint256 mant = bits & 0x7fffff;
        return exp <= 3 ? mant >> (8 * (3 - exp)) : mant << (8 * (exp - 3));
    }

    /// Mines a header (first nonce from `startNonce` whose hash meets the target).
    function mine(bytes32 prev, bytes32 root, uint32 time, uint32 bits, uint32 startNonce)
        internal
        pure
        returns (bytes memory h, bytes32 hash)
    {
        uint256 t = target(bits);
        for (uint32 nonce = startNonce;; nonce++) {
            h = header(prev, root, time, bits, nonce);
            hash = sha256d(h);
            if (hashNum(hash) <= t) return (h, hash);
        }
    }

    /// Mines a header whose hash does NOT meet the target.
    function mineBad(bytes32 prev, bytes32 root, uint32 time, uint32 bits) internal pure returns (bytes memory h) {
        uint256 t = target(bits);
        for (uint32 nonce;; nonce++) {
            h = header(prev, root, time, bits, nonce);
            if (hashNum(sha256d(h)) > t) return h;
        }
    }

    function merkleRoot(bytes32[] memory txids) internal pure returns (bytes32) {
        bytes32[] memory level = txids;
        while (level.length > 1) level = _up(level);
        return level[0];
    }

    function branch(bytes32[] memory txids, uint256 index) internal pure returns (bytes32[] memory out) {
        bytes32[] memory tmp = new bytes32[](32);
        uint256 depth;
        bytes32[] memory level = txids;
        uint256 i = index;
        while (level.length > 1) {
            uint256 s = i ^ 1;
            tmp[depth++] = s < level.length ? level[s] : level[i];
            level = _up(level);
            i >>= 1;
        }
        out = new bytes32[](depth);
        for (uint256 k; k < depth; k++) {
            out[k] = tmp[k];
        }
    }

    function _up(bytes32[] memory level) private pure returns (bytes32[] memory up) {
        up = new bytes32[]((level.length + 1) / 2);
        for (uint256 i; i < level.length; i += 2) {
            bytes32 r = i + 1 < level.length ? level[i + 1] : level[i];
            up[i / 2] = pair(level[i], r);
        }
    }

    function p2pkh(bytes20 h) internal pure returns (bytes memory) {
        return abi.encodePacked(hex"76a914", h, hex"88ac");
    }

    function p2wpkh(bytes20 h) internal pure returns (bytes memory) {
        return abi.encodePacked(hex"0014", h);
    }

    function p2wsh(bytes32 h) internal pure returns (bytes memory) {
        return abi.encodePacked(hex"0020", h);
    }

    function p2tr(bytes32 k) internal pure returns (bytes memory) {
        return abi.encodePacked(hex"5120", k);
    }
}

/// @dev A committee (HashPowerFixtures), a regtest verifier and a main-network verifier, checkpoint
/// submission, and a regtest block builder: a block of [coinbase, txs...] mined at nBits 0x207fffff
/// on an attested checkpoint, with `extra` more headers on top.
abstract contract BtcSpvFixtures is HashPowerFixtures {
    BtcSpvVerifier internal spv; // regtest
    BtcSpvVerifier internal spvMain; // main network
    address internal vault = makeAddr("vault");

    bytes32 internal constant CP_HASH = keccak256("regtest checkpoint");
    uint64 internal constant CP_HEIGHT = 100;
    uint256 internal cpNonce = 1_000;

    bytes internal payScript = BtcRef.p2wpkh(bytes20(keccak256("payee")));

    function setUp() public virtual override {
        super.setUp();
        spv = new BtcSpvVerifier(address(manager), attestorRegistry, btc, (1 << 255) - 1, 2016, false);
        spvMain = new BtcSpvVerifier(address(manager), attestorRegistry, btc, (1 << 224) - 1, 2016, true);
        // `vault` stands in for a consumer of the regtest verifier (role SPV_CONSUMER)
        _register("BtcSpvVerifier", address(spv));
        _register("FulfillmentVault", vault);
        _wire();
        _register("FulfillmentVault", address(0));
        _checkpoint(spv, CP_HASH, CP_HEIGHT, BtcRef.REGTEST_BITS);
    }

    function _cp(bytes32 blockHash, uint64 height, uint32 bits) internal returns (BtcSpvVerifier.HeaderCheckpoint memory c) {
        c = BtcSpvVerifier.HeaderCheckpoint({
            blockHash: blockHash,
            height: height,
            nBits: bits,
            nonce: cpNonce++,
            deadline: uint64(block.timestamp + 1 hours),
            committeeEpoch: attestorRegistry.epoch()
        });
    }

    function _sign(BtcSpvVerifier v, BtcSpvVerifier.HeaderCheckpoint memory c, uint256 m)
        internal
        view
        returns (AttestorSignature[] memory)
    {
        return _sigsOver(v.hashHeaderCheckpoint(c), 0, m);
    }

    function _checkpoint(BtcSpvVerifier v, bytes32 blockHash, uint64 height, uint32 bits) internal {
        BtcSpvVerifier.HeaderCheckpoint memory c = _cp(blockHash, height, bits);
        v.submitCheckpoint(c, _sign(v, c, THRESHOLD));
    }

    /// A block [coinbase, txs...] on `prev`, then `extra` headers; proof of txs[which] (index which+1),
    /// or of the coinbase if `which == type(uint256).max`.
    function _proof(bytes32 prev, bytes[] memory txs, uint256 which, uint256 extra)
        internal
        pure
        returns (IBtcSpvVerifier.PaymentProof memory p)
    {
        bytes memory cb = BtcRef.coinbase(CP_HEIGHT + 1, 50e8, BtcRef.p2pkh(bytes20(keccak256("miner"))));
        bytes32[] memory ids = new bytes32[](txs.length + 1);
        ids[0] = BtcRef.sha256d(cb);
        for (uint256 i; i < txs.length; i++) {
            ids[i + 1] = BtcRef.sha256d(txs[i]);
        }
        uint256 index = which == type(uint256).max ? 0 : which + 1;
        (bytes memory h, bytes32 hash) = BtcRef.mine(prev, BtcRef.merkleRoot(ids), 1_700_000_000, BtcRef.REGTEST_BITS, 0);
        bytes memory headers = h;
        for (uint256 k; k < extra; k++) {
            (h, hash) = BtcRef.mine(hash, bytes32(k), uint32(1_700_000_600 + k), BtcRef.REGTEST_BITS, 0);
            headers = bytes.concat(headers, h);
        }
        p.transaction = index == 0 ? cb : txs[which];
        p.txIndex = index;
        p.merkleBranch = BtcRef.branch(ids, index);
        p.coinbaseTransaction = cb;
        p.coinbaseBranch = BtcRef.branch(ids, 0);
        p.headers = headers;
        p.headerIndex = 0;
        p.outputScript = index == 0 ? BtcRef.p2pkh(bytes20(keccak256("miner"))) : bytes(hex"00");
        p.minAmount = 0;
        p.requiredConfirmations = 1;
    }

    /// The default regtest proof: a block of [coinbase, pay, other, pay2] with 5 headers on top;
    /// proves `pay` (index 1), which pays 1.5 BTC + 0.25 BTC to `payScript` and 0.1 BTC elsewhere.
    function _defaultTxs() internal view returns (bytes[] memory txs) {
        txs = new bytes[](3);
        uint256[] memory values = new uint256[](3);
        bytes[] memory scripts = new bytes[](3);
        (values[0], scripts[0]) = (150_000_000, payScript);
        (values[1], scripts[1]) = (10_000_000, BtcRef.p2pkh(bytes20(keccak256("someone"))));
        (values[2], scripts[2]) = (25_000_000, payScript);
        txs[0] = BtcRef.payment(keccak256("funding"), values, scripts);
        uint256[] memory v1 = new uint256[](1);
        bytes[] memory s1 = new bytes[](1);
        (v1[0], s1[0]) = (7, BtcRef.p2tr(keccak256("other")));
        txs[1] = BtcRef.payment(keccak256("funding2"), v1, s1);
        (v1[0], s1[0]) = (9, payScript);
        txs[2] = BtcRef.payment(keccak256("funding3"), v1, s1);
    }

    function _defaultProof() internal view returns (IBtcSpvVerifier.PaymentProof memory p) {
        p = _proof(CP_HASH, _defaultTxs(), 0, 5);
        p.outputScript = payScript;
        p.minAmount = 175_000_000;
        p.requiredConfirmations = 6;
    }
}
