// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {BtcSpvVerifier} from "../src/spv/BtcSpvVerifier.sol";
import {IBtcSpvVerifier} from "../src/interfaces/IBtcSpvVerifier.sol";
import {BtcRef, BtcSpvFixtures} from "./utils/BtcSpvFixtures.sol";
import {MainnetBlocks} from "./utils/MainnetBlocks.sol";

/// @notice SECURITY-CHECKLIST item 12 (F): random byte flips in headers or proofs never verify;
/// item 11 (F): arbitrary transaction bytes never make the parser panic or read out of bounds.
/// The proofs are built once in setUp; each run flips one byte (xor with a nonzero mask).
contract BtcSpvFuzzTest is BtcSpvFixtures {
    IBtcSpvVerifier.PaymentProof internal good;
    IBtcSpvVerifier.PaymentProof internal real; // block 99960 tx 1 on the main-network verifier

    function setUp() public override {
        super.setUp();
        good = _defaultProof();
        spv.verifyPayment(good);

        bytes memory header = MainnetBlocks.header(1);
        bytes32 prev;
        for (uint256 i; i < 32; i++) {
            prev |= bytes32(header[4 + i]) >> (8 * i);
        }
        _checkpoint(spvMain, prev, 99_959, 0x1b04864c);
        uint256 n = MainnetBlocks.txCount(1);
        bytes32[] memory ids = new bytes32[](n);
        for (uint256 t; t < n; t++) {
            ids[t] = BtcRef.sha256d(MainnetBlocks.rawTx(1, t));
        }
        real.transaction = MainnetBlocks.rawTx(1, 1);
        real.txIndex = 1;
        real.merkleBranch = BtcRef.branch(ids, 1);
        real.coinbaseTransaction = MainnetBlocks.rawTx(1, 0);
        real.coinbaseBranch = BtcRef.branch(ids, 0);
        real.headers = header;
        real.requiredConfirmations = 1;
        // output 0 of tx 1 (a P2PKH script)
        real.outputScript = _outputScript0(real.transaction);
        spvMain.verifyPayment(real);
    }

    function _outputScript0(bytes memory raw) internal pure returns (bytes memory s) {
        uint256 pos = 5 + 36;
        pos += 1 + uint8(raw[pos]) + 4; // one input
        pos += 1 + 8;
        s = new bytes(uint8(raw[pos]));
        for (uint256 i; i < s.length; i++) {
            s[i] = raw[pos + 1 + i];
        }
    }

    function _mask(uint8 m) internal pure returns (bytes1) {
        return bytes1(m == 0 ? 1 : m);
    }

    /// Flips in the headers of the regtest chain. Every header except the tip is covered by its
    /// child's link; the tip is covered by its own work only, which at regtest difficulty (target
    /// 2^255) a random change meets half the time, so in the tip only prevHash is flipped here (the
    /// real-data test below flips all of a real header).
    function testFuzz_item12_headerByteFlipNeverVerifies(uint256 at, uint8 m) public {
        IBtcSpvVerifier.PaymentProof memory p = good;
        uint256 covered = p.headers.length - 80 + 36;
        at = bound(at, 0, covered - 1);
        if (at >= p.headers.length - 80) at = p.headers.length - 80 + 4 + (at % 32);
        p.headers[at] ^= _mask(m);
        vm.expectRevert();
        spv.verifyPayment(p);
    }

    /// Flips anywhere in a real main-network header (real difficulty): never verifies.
    function testFuzz_item12_realHeaderByteFlipNeverVerifies(uint256 at, uint8 m) public {
        IBtcSpvVerifier.PaymentProof memory p = real;
        at = bound(at, 0, 79);
        p.headers[at] ^= _mask(m);
        vm.expectRevert();
        spvMain.verifyPayment(p);
    }

    function testFuzz_item12_branchByteFlipNeverVerifies(uint256 which, uint256 at, uint8 m, bool coinbaseBranch) public {
        IBtcSpvVerifier.PaymentProof memory p = good;
        bytes32[] memory branch = coinbaseBranch ? p.coinbaseBranch : p.merkleBranch;
        which = bound(which, 0, branch.length - 1);
        at = bound(at, 0, 31);
        branch[which] = branch[which] ^ (bytes32(_mask(m)) >> (8 * at));
        vm.expectRevert();
        spv.verifyPayment(p);
    }

    function testFuzz_item12_transactionByteFlipNeverVerifies(uint256 at, uint8 m, bool coinbase) public {
        IBtcSpvVerifier.PaymentProof memory p = good;
        bytes memory raw = coinbase ? p.coinbaseTransaction : p.transaction;
        at = bound(at, 0, raw.length - 1);
        raw[at] ^= _mask(m);
        vm.expectRevert();
        spv.verifyPayment(p);
    }

    function testFuzz_item12_indexOrDepthChangeNeverVerifies(uint256 txIndex, uint256 headerIndex) public {
        IBtcSpvVerifier.PaymentProof memory p = good;
        txIndex = bound(txIndex, 0, 1 << 33);
        headerIndex = bound(headerIndex, 0, 8);
        vm.assume(txIndex != p.txIndex || headerIndex != p.headerIndex);
        p.txIndex = txIndex;
        p.headerIndex = headerIndex;
        vm.expectRevert();
        spv.verifyPayment(p);
    }

    /// Arbitrary bytes as the transaction: a custom error, never a panic (out-of-bounds slice,
    /// overflow) and never an empty revert.
    function testFuzz_item11_arbitraryTransactionBytesFailCleanly(bytes calldata raw) public view {
        IBtcSpvVerifier.PaymentProof memory p = good;
        p.transaction = raw;
        try spv.verifyPayment(p) returns (bytes32, uint256, bytes32) {
            assertEq(keccak256(raw), keccak256(good.transaction));
        } catch (bytes memory err) {
            assertGe(err.length, 4, "empty revert");
            bytes4 s = bytes4(err);
            assertTrue(s != bytes4(0x4e487b71), "panic");
            assertTrue(
                s == BtcSpvVerifier.Malformed.selector || s == BtcSpvVerifier.SixtyFourByteTx.selector
                    || s == BtcSpvVerifier.WrongMerkleBranch.selector || s == BtcSpvVerifier.WrongIndex.selector,
                "unexpected error"
            );
        }
    }

    /// Structured-but-random transactions (valid shape, random varints): a custom error, never a panic.
    function testFuzz_item11_randomVarintsFailCleanly(uint8 nIn, uint16 scriptLen, uint8 nOut, uint8 marker) public view {
        bytes memory raw = abi.encodePacked(
            BtcRef.le32(2),
            marker % 4 == 0 ? abi.encodePacked(hex"fd", uint16(nIn)) : abi.encodePacked(nIn),
            BtcRef.input(keccak256("f"), 0, new bytes(scriptLen % 300)),
            nOut,
            BtcRef.output(5, payScript),
            BtcRef.le32(0)
        );
        IBtcSpvVerifier.PaymentProof memory p = good;
        p.transaction = raw;
        try spv.verifyPayment(p) {
            revert("must not verify");
        } catch (bytes memory err) {
            bytes4 s = bytes4(err);
            assertTrue(
                s == BtcSpvVerifier.Malformed.selector || s == BtcSpvVerifier.WrongMerkleBranch.selector
                    || s == BtcSpvVerifier.SixtyFourByteTx.selector,
                "unexpected error"
            );
        }
    }
}
