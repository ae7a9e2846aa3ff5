// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {AttestationExpired, NonceAlreadyUsed, ZeroAddress} from "../src/common/Errors.sol";
import {Roles} from "../src/common/Roles.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {BtcSpvVerifier} from "../src/spv/BtcSpvVerifier.sol";
import {IBtcSpvVerifier} from "../src/interfaces/IBtcSpvVerifier.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {BtcRef, BtcSpvFixtures} from "./utils/BtcSpvFixtures.sol";
import {MainnetBlocks} from "./utils/MainnetBlocks.sol";

/// @notice Unit tests of BtcSpvVerifier, named by SECURITY-CHECKLIST item (9-11, 31).
contract BtcSpvVerifierTest is BtcSpvFixtures {
    event CheckpointAccepted(bytes32 indexed blockHash, uint64 height);
    event PaymentConsumed(bytes32 indexed txid, address indexed consumer, uint256 amount);

    // ---------------------------------------------------------------- deployment

    function test_constructor_rejectsZeroRegistryAndParams() public {
        vm.expectRevert(ZeroAddress.selector);
        new BtcSpvVerifier(address(manager), AttestorRegistry(address(0)), btc, 1, 2016, false);
        vm.expectRevert(BtcSpvVerifier.InvalidNetworkParams.selector);
        new BtcSpvVerifier(address(manager), attestorRegistry, btc, 0, 2016, false);
        vm.expectRevert(BtcSpvVerifier.InvalidNetworkParams.selector);
        new BtcSpvVerifier(address(manager), attestorRegistry, btc, 1, 0, false);
    }

    /// SECURITY-CHECKLIST 31: AccessManaged (no owner any more) takes any authority, address(0)
    /// included; a verifier deployed without one has every restricted function locked for everybody.
    function test_item31_constructor_zeroAuthorityLocksConsumePayment() public {
        BtcSpvVerifier v = new BtcSpvVerifier(address(0), attestorRegistry, btc, (1 << 255) - 1, 2016, false);
        assertEq(v.authority(), address(0));
        _checkpoint(v, CP_HASH, CP_HEIGHT, BtcRef.REGTEST_BITS); // checkpoints are not restricted
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        v.verifyPayment(p);
        vm.prank(vault);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, vault));
        v.consumePayment(p);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        v.consumePayment(p);
    }

    function test_constructor_networkParams() public view {
        assertEq(spvMain.powLimit(), spvMain.MAINNET_POW_LIMIT());
        assertEq(spvMain.MAINNET_POW_LIMIT(), (1 << 224) - 1); // as the Java NetworkParams.MAINNET
        assertLe(BtcRef.target(BtcRef.MAINNET_BITS), spvMain.MAINNET_POW_LIMIT());
        assertEq(spv.powLimit(), spv.REGTEST_POW_LIMIT());
        assertTrue(spvMain.retargeting());
        assertFalse(spv.retargeting());
        assertEq(spv.retargetInterval(), 2016);
        assertEq(address(spv.attestorRegistry()), address(attestorRegistry));
        assertEq(spv.assetClass(), btc);
        assertEq(spv.authority(), address(manager));
    }

    // ---------------------------------------------------------------- checkpoints

    function test_checkpoint_typeHashAndDigest() public view {
        assertEq(
            spv.HEADER_CHECKPOINT_TYPEHASH(),
            keccak256(
                "HeaderCheckpoint(bytes32 blockHash,uint64 height,uint32 nBits,uint256 nonce,uint64 deadline,uint64 committeeEpoch)"
            )
        );
        BtcSpvVerifier.HeaderCheckpoint memory c = BtcSpvVerifier.HeaderCheckpoint(bytes32(uint256(7)), 9, 0x1d00ffff, 3, 4, 5);
        bytes32 structHash = keccak256(abi.encode(spv.HEADER_CHECKPOINT_TYPEHASH(), c.blockHash, c.height, c.nBits, 3, 4, 5));
        bytes32 ds = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("HashMix"),
                keccak256("1"),
                block.chainid,
                address(spv)
            )
        );
        assertEq(spv.domainSeparator(), ds);
        assertEq(spv.hashHeaderCheckpoint(c), keccak256(abi.encodePacked(hex"1901", ds, structHash)));
    }

    function test_checkpoint_accepted() public {
        BtcSpvVerifier.HeaderCheckpoint memory c = _cp(bytes32(uint256(0xabc)), 500, BtcRef.REGTEST_BITS);
        AttestorSignature[] memory sigs = _sign(spv, c, THRESHOLD);
        vm.expectEmit(address(spv));
        emit CheckpointAccepted(c.blockHash, 500);
        vm.prank(stranger);
        spv.submitCheckpoint(c, sigs);
        assertTrue(spv.isCheckpoint(c.blockHash));
        assertEq(spv.checkpointHeight(c.blockHash), 500);
        BtcSpvVerifier.Checkpoint memory stored = spv.checkpoint(c.blockHash);
        assertEq(stored.nBits, BtcRef.REGTEST_BITS);
        assertTrue(spv.isNonceUsed(c.nonce));
        assertFalse(spv.isCheckpoint(bytes32(uint256(0xabd))));
    }

    function test_checkpoint_belowThreshold() public {
        BtcSpvVerifier.HeaderCheckpoint memory c = _cp(bytes32(uint256(1)), 1, BtcRef.REGTEST_BITS);
        AttestorSignature[] memory sigs = _sign(spv, c, THRESHOLD - 1);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, THRESHOLD - 1, THRESHOLD));
        spv.submitCheckpoint(c, sigs);
    }

    function test_checkpoint_replayedNonce() public {
        BtcSpvVerifier.HeaderCheckpoint memory c = _cp(bytes32(uint256(1)), 1, BtcRef.REGTEST_BITS);
        spv.submitCheckpoint(c, _sign(spv, c, THRESHOLD));
        c.blockHash = bytes32(uint256(2));
        AttestorSignature[] memory sigs = _sign(spv, c, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(NonceAlreadyUsed.selector, c.nonce));
        spv.submitCheckpoint(c, sigs);
    }

    function test_checkpoint_staleEpoch() public {
        BtcSpvVerifier.HeaderCheckpoint memory c = _cp(bytes32(uint256(1)), 1, BtcRef.REGTEST_BITS);
        AttestorSignature[] memory sigs = _sign(spv, c, THRESHOLD);
        vm.prank(owner);
        attestorRegistry.addAttestor(makeAddr("newcomer"));
        vm.expectRevert(
            abi.encodeWithSelector(AttestorRegistry.StaleCommitteeEpoch.selector, c.committeeEpoch, c.committeeEpoch + 1)
        );
        spv.submitCheckpoint(c, sigs);
    }

    function test_checkpoint_expired() public {
        BtcSpvVerifier.HeaderCheckpoint memory c = _cp(bytes32(uint256(1)), 1, BtcRef.REGTEST_BITS);
        AttestorSignature[] memory sigs = _sign(spv, c, THRESHOLD);
        vm.warp(c.deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(AttestationExpired.selector, c.deadline));
        spv.submitCheckpoint(c, sigs);
    }

    function test_checkpoint_signedForAnotherVerifierFails() public {
        BtcSpvVerifier.HeaderCheckpoint memory c = _cp(bytes32(uint256(1)), 1, BtcRef.REGTEST_BITS);
        AttestorSignature[] memory sigs = _sign(spvMain, c, THRESHOLD); // other domain (verifying contract)
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, sigs[0].signer));
        spv.submitCheckpoint(c, sigs);
    }

    function test_checkpoint_invalidHeightOrBits() public {
        BtcSpvVerifier.HeaderCheckpoint memory c = _cp(bytes32(uint256(1)), 0xffffffff, BtcRef.REGTEST_BITS);
        AttestorSignature[] memory sigs = _sign(spv, c, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.InvalidCheckpoint.selector, 0xffffffff, BtcRef.REGTEST_BITS));
        spv.submitCheckpoint(c, sigs);
        c = _cp(bytes32(uint256(1)), 1, 0x04923456); // negative target
        sigs = _sign(spv, c, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.InvalidCheckpoint.selector, 1, 0x04923456));
        spv.submitCheckpoint(c, sigs);
    }

    function test_checkpoint_existsAlready() public {
        BtcSpvVerifier.HeaderCheckpoint memory c = _cp(CP_HASH, 7, BtcRef.REGTEST_BITS);
        AttestorSignature[] memory sigs = _sign(spv, c, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.CheckpointExists.selector, CP_HASH));
        spv.submitCheckpoint(c, sigs);
        assertEq(spv.checkpointHeight(CP_HASH), CP_HEIGHT);
    }

    /// Check order: InvalidCheckpoint, CheckpointExists, then the deadline (AttestationExpired),
    /// the nonce (NonceAlreadyUsed) and only then the signatures; the deadline itself is valid.
    function test_checkpoint_checkOrder() public {
        BtcSpvVerifier.HeaderCheckpoint memory used = _cp(bytes32(uint256(1)), 1, BtcRef.REGTEST_BITS);
        spv.submitCheckpoint(used, _sign(spv, used, THRESHOLD));
        AttestorSignature[] memory none = new AttestorSignature[](0);
        // invalid, existing, expired, used nonce, unsigned: InvalidCheckpoint first
        BtcSpvVerifier.HeaderCheckpoint memory c = _cp(CP_HASH, 0xffffffff, BtcRef.REGTEST_BITS);
        c.nonce = used.nonce;
        c.deadline = uint64(block.timestamp - 1);
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.InvalidCheckpoint.selector, 0xffffffff, BtcRef.REGTEST_BITS));
        spv.submitCheckpoint(c, none);
        // existing, expired, used nonce, unsigned: CheckpointExists
        c.height = 7;
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.CheckpointExists.selector, CP_HASH));
        spv.submitCheckpoint(c, none);
        // expired, used nonce, unsigned: AttestationExpired
        c.blockHash = bytes32(uint256(2));
        vm.expectRevert(abi.encodeWithSelector(AttestationExpired.selector, c.deadline));
        spv.submitCheckpoint(c, none);
        // used nonce, unsigned: NonceAlreadyUsed
        c.deadline = uint64(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(NonceAlreadyUsed.selector, used.nonce));
        spv.submitCheckpoint(c, none);
        // unsigned: the registry's error
        c.nonce = cpNonce++;
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, 0, THRESHOLD));
        spv.submitCheckpoint(c, none);
        // signed, deadline == now: accepted
        spv.submitCheckpoint(c, _sign(spv, c, THRESHOLD));
        assertTrue(spv.isCheckpoint(c.blockHash));
    }

    // ---------------------------------------------------------------- happy path

    function test_verifyPayment_default() public view {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        (bytes32 txid, uint256 amount, bytes32 blockHash) = spv.verifyPayment(p);
        assertEq(txid, BtcRef.sha256d(p.transaction));
        assertEq(amount, 175_000_000);
        assertEq(blockHash, BtcRef.sha256d(_slice(p.headers, 0, 80)));
    }

    function test_verifyPayment_coinbaseAndLastOddLeaf() public view {
        bytes[] memory txs = _defaultTxs();
        IBtcSpvVerifier.PaymentProof memory p = _proof(CP_HASH, txs, type(uint256).max, 0);
        (, uint256 amount,) = spv.verifyPayment(p);
        assertEq(amount, 50e8);
        // 4 leaves: also prove a block of 3 leaves' last (duplicated) one at its real index 2
        bytes[] memory two = new bytes[](2);
        (two[0], two[1]) = (txs[0], txs[2]);
        p = _proof(CP_HASH, two, 1, 0);
        p.outputScript = payScript;
        (, amount,) = spv.verifyPayment(p);
        assertEq(amount, 9);
    }

    // ---------------------------------------------------------------- item 9: header chain

    function test_item9_brokenLink_unknownCheckpoint() public {
        IBtcSpvVerifier.PaymentProof memory p = _proof(keccak256("not attested"), _defaultTxs(), 0, 0);
        p.outputScript = payScript;
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.BrokenLink.selector, 0));
        spv.verifyPayment(p);
    }

    function test_item9_brokenLink_midChain() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        p.headers[3 * 80 + 4] ^= 0x01; // header 3's prevHash
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.BrokenLink.selector, 3));
        spv.verifyPayment(p);
    }

    function test_item9_brokenLink_reordered() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        bytes memory h1 = _slice(p.headers, 80, 80);
        bytes memory h2 = _slice(p.headers, 160, 80);
        p.headers = bytes.concat(_slice(p.headers, 0, 80), h2, h1, _slice(p.headers, 240, 240));
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.BrokenLink.selector, 1));
        spv.verifyPayment(p);
    }

    function test_item9_insufficientWork() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        bytes memory bad = BtcRef.mineBad(bytes32(_slice(p.headers, 4, 32)), bytes32(_slice(p.headers, 36, 32)), 5, 0x207fffff);
        p.headers = bad;
        p.requiredConfirmations = 1;
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.InsufficientWork.selector, 0));
        spv.verifyPayment(p);
    }

    function test_item9_insufficientWork_fakeMainnetHeader() public {
        _checkpoint(spvMain, CP_HASH, 1000, BtcRef.MAINNET_BITS);
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        p.headers = BtcRef.header(CP_HASH, bytes32(_slice(p.headers, 36, 32)), 5, BtcRef.MAINNET_BITS, 0);
        p.requiredConfirmations = 1;
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.InsufficientWork.selector, 0));
        spvMain.verifyPayment(p);
    }

    function _withBits(uint32 bits) internal view returns (IBtcSpvVerifier.PaymentProof memory p) {
        p = _defaultProof();
        p.headers = BtcRef.header(CP_HASH, bytes32(_slice(p.headers, 36, 32)), 5, bits, 0);
        p.requiredConfirmations = 1;
    }

    function test_item9_badTarget_encodings() public {
        uint32[8] memory bad = [
            uint32(0x207ffffe), // changed without retargeting
            0x04923456, // negative
            0x23000001, // overflow
            0x1d000000, // zero
            0x2000ffff, // non-canonical (0x1f00ffff encodes it)
            0x21008000, // above the regtest pow limit (2^255)
            0x03000001, // small exponent, non-canonical (target 1 is 0x01010000)
            0x01010000 // target 1: canonical, valid, but not the parent's nBits
        ];
        for (uint256 i; i < bad.length; i++) {
            IBtcSpvVerifier.PaymentProof memory p = _withBits(bad[i]);
            vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.BadTarget.selector, 0, bad[i]));
            spv.verifyPayment(p);
        }
    }

    function test_item9_badTarget_aboveMainnetPowLimit() public {
        _checkpoint(spvMain, CP_HASH, 1000, BtcRef.MAINNET_BITS);
        IBtcSpvVerifier.PaymentProof memory p = _withBits(0x1d01ffff);
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.BadTarget.selector, 0, 0x1d01ffff));
        spvMain.verifyPayment(p);
    }

    /// Retargeting network with the regtest pow limit: at height 2016 (a boundary) the target may
    /// grow 4x at most; inside a period it may not change.
    function test_item9_badTarget_retargetBoundary() public {
        BtcSpvVerifier rt = new BtcSpvVerifier(address(manager), attestorRegistry, btc, (1 << 255) - 1, 2016, true);
        _checkpoint(rt, CP_HASH, 2015, 0x201fffff);
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        bytes32 root = bytes32(_slice(p.headers, 36, 32));
        p.requiredConfirmations = 1;
        // exactly 4x: accepted
        (p.headers,) = BtcRef.mine(CP_HASH, root, 5, 0x207ffffc, 0);
        (, uint256 amount,) = rt.verifyPayment(p);
        assertEq(amount, 175_000_000);
        // a little more than 4x: refused
        p.headers = BtcRef.header(CP_HASH, root, 5, 0x207fffff, 0);
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.BadTarget.selector, 0, 0x207fffff));
        rt.verifyPayment(p);
        // harder at the boundary: accepted; then a change inside the next period: refused
        bytes32 h0;
        (p.headers, h0) = BtcRef.mine(CP_HASH, root, 5, 0x2017ffff, 0);
        rt.verifyPayment(p);
        p.headers = bytes.concat(p.headers, BtcRef.header(h0, root, 6, 0x201fffff, 0));
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.BadTarget.selector, 1, 0x201fffff));
        rt.verifyPayment(p);
    }

    function test_item9_tooFewConfirmations() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        p.requiredConfirmations = 7;
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.TooFewConfirmations.selector, 6, 7));
        spv.verifyPayment(p);
        // including block in the middle: headers after and including it
        p = _defaultProof();
        p.headerIndex = 4;
        (bytes memory h, bytes32 hash) = BtcRef.mine(CP_HASH, bytes32(0), 1, BtcRef.REGTEST_BITS, 0);
        bytes memory pre = h;
        for (uint256 k = 1; k < 4; k++) {
            (h, hash) = BtcRef.mine(hash, bytes32(k), 1, BtcRef.REGTEST_BITS, 0);
            pre = bytes.concat(pre, h);
        }
        IBtcSpvVerifier.PaymentProof memory q = _proof(hash, _defaultTxs(), 0, 2);
        p.headers = bytes.concat(pre, q.headers);
        p.merkleBranch = q.merkleBranch;
        p.coinbaseBranch = q.coinbaseBranch;
        p.coinbaseTransaction = q.coinbaseTransaction;
        p.requiredConfirmations = 3;
        (,, bytes32 blockHash) = spv.verifyPayment(p);
        assertEq(blockHash, BtcRef.sha256d(_slice(p.headers, 320, 80)));
        p.requiredConfirmations = 4;
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.TooFewConfirmations.selector, 3, 4));
        spv.verifyPayment(p);
    }

    function test_item9_malformedStructure() public {
        IBtcSpvVerifier.PaymentProof memory p;
        for (uint256 k; k < 9; k++) {
            p = _defaultProof();
            if (k == 0) p.headers = bytes.concat(p.headers, hex"00");
            if (k == 1) p.headers = "";
            if (k == 2) p.headerIndex = 6;
            if (k == 3) p.txIndex = 1 << 32;
            if (k == 4) p.requiredConfirmations = 0;
            if (k == 5) p.minAmount = 21e14 + 1;
            if (k == 6) p.outputScript = "";
            if (k == 7) p.outputScript = new bytes(10_001);
            if (k == 8) p.headers = new bytes(2017 * 80);
            vm.expectRevert(BtcSpvVerifier.Malformed.selector);
            spv.verifyPayment(p);
        }
    }

    // ---------------------------------------------------------------- item 10: Merkle inclusion

    function test_item10_wrongIndex_outOfRange() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        p.txIndex = 4; // depth 2
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.WrongIndex.selector, 4));
        spv.verifyPayment(p);
    }

    function test_item10_wrongIndex_inRangeButWrong() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        p.txIndex = 3;
        vm.expectRevert(BtcSpvVerifier.WrongMerkleBranch.selector);
        spv.verifyPayment(p);
    }

    function test_item10_wrongIndex_coinbaseRules() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        p.txIndex = 0; // not a coinbase at index 0
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.WrongIndex.selector, 0));
        spv.verifyPayment(p);
        p = _proof(CP_HASH, _defaultTxs(), type(uint256).max, 5);
        p.txIndex = 2; // a coinbase elsewhere than index 0
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.WrongIndex.selector, 2));
        spv.verifyPayment(p);
    }

    /// A block of 3 transactions: the last leaf is paired with itself, so index 3 reaches the same
    /// root as index 2 (CVE-2012-2459-style phantom position); refused.
    function test_item10_wrongIndex_phantomDuplicate() public {
        bytes[] memory txs = _defaultTxs();
        bytes[] memory two = new bytes[](2);
        (two[0], two[1]) = (txs[0], txs[2]);
        IBtcSpvVerifier.PaymentProof memory p = _proof(CP_HASH, two, 1, 0);
        p.outputScript = payScript;
        assertEq(p.merkleBranch[0], BtcRef.sha256d(p.transaction));
        p.txIndex = 3;
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.WrongIndex.selector, 3));
        spv.verifyPayment(p);
    }

    function test_item10_wrongLength() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        bytes32[] memory shorter = new bytes32[](1);
        shorter[0] = p.merkleBranch[0];
        p.merkleBranch = shorter;
        vm.expectRevert(BtcSpvVerifier.WrongMerkleBranch.selector);
        spv.verifyPayment(p);
        p = _defaultProof();
        p.merkleBranch = new bytes32[](21);
        p.coinbaseBranch = new bytes32[](21);
        vm.expectRevert(BtcSpvVerifier.WrongMerkleBranch.selector);
        spv.verifyPayment(p);
    }

    function test_item10_wrongRoot() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        p.merkleBranch[1] = bytes32(uint256(p.merkleBranch[1]) ^ 1);
        vm.expectRevert(BtcSpvVerifier.WrongMerkleBranch.selector);
        spv.verifyPayment(p);
        p = _defaultProof();
        p.coinbaseBranch[0] = bytes32(uint256(p.coinbaseBranch[0]) ^ 1);
        vm.expectRevert(BtcSpvVerifier.WrongMerkleBranch.selector);
        spv.verifyPayment(p);
        p = _defaultProof();
        p.coinbaseTransaction = _defaultTxs()[1]; // not a coinbase
        vm.expectRevert(BtcSpvVerifier.WrongMerkleBranch.selector);
        spv.verifyPayment(p);
    }

    /// An inner node's 64-byte preimage (left || right) posing as a transaction: its sha256d IS the
    /// parent node, so a branch one level shorter would reach the root. Refused for its length.
    function test_item10_sixtyFourByte_innerNodeAsTransaction() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        bytes32 leaf = BtcRef.sha256d(p.transaction);
        bytes memory fake = abi.encodePacked(p.merkleBranch[0], leaf); // index 1 is a right child
        p.transaction = fake;
        p.txIndex = 0;
        bytes32[] memory up = new bytes32[](1);
        up[0] = p.merkleBranch[1];
        p.merkleBranch = up;
        vm.expectRevert(BtcSpvVerifier.SixtyFourByteTx.selector);
        spv.verifyPayment(p);
        p = _defaultProof();
        p.coinbaseTransaction = fake;
        vm.expectRevert(BtcSpvVerifier.SixtyFourByteTx.selector);
        spv.verifyPayment(p);
    }

    /// The attack from below: a real 64-byte leaf T = (txid(F) || x) lets a fake transaction F be
    /// "proven" one level deeper; the branch does reach the root, but the coinbase is proven at the
    /// real depth, which differs. Refused.
    function test_item10_sixtyFourByte_descendBelowRealLeaf() public {
        bytes[] memory txs = _defaultTxs();
        bytes memory fakeTx = txs[1];
        bytes32 x = keccak256("x");
        bytes memory t = abi.encodePacked(BtcRef.sha256d(fakeTx), x);
        bytes memory cb = BtcRef.coinbase(CP_HEIGHT + 1, 50e8, payScript);
        bytes32[] memory ids = new bytes32[](2);
        (ids[0], ids[1]) = (BtcRef.sha256d(cb), BtcRef.sha256d(t));
        (bytes memory h,) = BtcRef.mine(CP_HASH, BtcRef.merkleRoot(ids), 9, BtcRef.REGTEST_BITS, 0);
        IBtcSpvVerifier.PaymentProof memory p;
        p.transaction = fakeTx;
        p.txIndex = 2; // left child of the leaf at index 1
        p.merkleBranch = new bytes32[](2);
        (p.merkleBranch[0], p.merkleBranch[1]) = (x, ids[0]);
        p.coinbaseTransaction = cb;
        p.coinbaseBranch = BtcRef.branch(ids, 0);
        p.headers = h;
        p.outputScript = BtcRef.p2tr(keccak256("other"));
        p.requiredConfirmations = 1;
        // the fake branch reaches the real root
        assertEq(BtcRef.pair(ids[0], BtcRef.pair(BtcRef.sha256d(fakeTx), x)), BtcRef.merkleRoot(ids));
        vm.expectRevert(BtcSpvVerifier.WrongMerkleBranch.selector);
        spv.verifyPayment(p);
    }

    // ---------------------------------------------------------------- item 11: outputs, claims

    function test_item11_outputs_standardTemplates() public {
        bytes[] memory scripts = new bytes[](5);
        scripts[0] = BtcRef.p2pkh(bytes20(keccak256("a")));
        scripts[1] = BtcRef.p2wpkh(bytes20(keccak256("a")));
        scripts[2] = BtcRef.p2wsh(keccak256("a"));
        scripts[3] = BtcRef.p2tr(keccak256("a"));
        scripts[4] = abi.encodePacked(hex"a914", bytes20(keccak256("a")), hex"87"); // P2SH
        uint256[] memory values = new uint256[](5);
        for (uint256 i; i < 5; i++) {
            values[i] = 1000 * (i + 1);
        }
        bytes[] memory txs = new bytes[](1);
        txs[0] = BtcRef.payment(keccak256("f"), values, scripts);
        IBtcSpvVerifier.PaymentProof memory p = _proof(CP_HASH, txs, 0, 0);
        for (uint256 i; i < 5; i++) {
            p.outputScript = scripts[i];
            p.minAmount = values[i];
            (, uint256 amount,) = spv.verifyPayment(p);
            assertEq(amount, values[i]);
        }
        // a prefix or an extension of a script pays nothing
        p.outputScript = BtcRef.p2wpkh(bytes20(0));
        vm.expectRevert(BtcSpvVerifier.WrongScript.selector);
        spv.verifyPayment(p);
        p.outputScript = bytes.concat(scripts[3], hex"00");
        vm.expectRevert(BtcSpvVerifier.WrongScript.selector);
        spv.verifyPayment(p);
    }

    function test_item11_amountsSummedOnlyOverScript() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        p.minAmount = 175_000_001; // 1.5 + 0.25 BTC pay the script; the 0.1 BTC output does not count
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.AmountTooLow.selector, 175_000_000, 175_000_001));
        spv.verifyPayment(p);
    }

    function _withTx(bytes memory raw) internal view returns (IBtcSpvVerifier.PaymentProof memory p) {
        p = _defaultProof();
        p.transaction = raw;
    }

    function test_item11_malformedVarintsAndTransactions() public {
        bytes memory out = BtcRef.output(5, payScript);
        bytes memory inp = BtcRef.input(keccak256("f"), 0, hex"00");
        bytes[] memory bad = new bytes[](15);
        bad[0] = abi.encodePacked(BtcRef.le32(2), hex"fd0100", inp, hex"01", out, BtcRef.le32(0)); // non-canonical count
        bad[1] = abi.encodePacked(BtcRef.le32(2), hex"01", inp, hex"01", BtcRef.le64(5), hex"fd1600", payScript, BtcRef.le32(0));
        bad[2] = abi.encodePacked(BtcRef.le32(2), hex"01", inp, hex"01", out, BtcRef.le32(0), hex"00"); // trailing
        bad[3] = abi.encodePacked(BtcRef.le32(2), hex"0001", hex"01", inp, hex"01", out, hex"0100", BtcRef.le32(0)); // segwit
        bad[4] = abi.encodePacked(BtcRef.le32(2), hex"01", inp, hex"00", BtcRef.le32(0)); // no output
        bad[5] = abi.encodePacked(BtcRef.le32(2), hex"02", inp, hex"01", out, BtcRef.le32(0)); // count beyond data
        bad[6] = abi.encodePacked(BtcRef.le32(2), hex"01", inp, hex"01", BtcRef.output(21e14 + 1, payScript), BtcRef.le32(0));
        bad[7] = abi.encodePacked(
            BtcRef.le32(2), hex"01", inp, hex"02", BtcRef.output(2e15, payScript), BtcRef.output(2e14, payScript), BtcRef.le32(0)
        ); // sum above MAX_MONEY
        bad[8] = abi.encodePacked(BtcRef.le32(2), hex"01", inp, hex"01", BtcRef.le64(5), hex"ff"); // truncated varint
        bad[9] = abi.encodePacked(BtcRef.le32(2), hex"01", inp, hex"01", out); // no lock time
        bad[10] = hex"02000000"; // version only
        bad[11] = abi.encodePacked(BtcRef.le32(2), hex"01", keccak256("f"), BtcRef.le32(0), hex"ff0100000000000000");
        bad[12] = abi.encodePacked(BtcRef.le32(2), hex"01", inp, hex"fe01000000", out, BtcRef.le32(0)); // non-canonical 0xfe
        bad[13] = abi.encodePacked(BtcRef.le32(2), hex"01", inp, hex"01", BtcRef.le64(5), hex"fe00000100", payScript);
        // two outputs fit the count's bound, but the first one's script leaves 4 bytes for the second's value
        bad[14] = abi.encodePacked(BtcRef.le32(2), hex"01", inp, hex"02", BtcRef.output(5, new bytes(10)), BtcRef.le32(0));
        for (uint256 i; i < bad.length; i++) {
            IBtcSpvVerifier.PaymentProof memory p = _withTx(bad[i]);
            vm.expectRevert(BtcSpvVerifier.Malformed.selector);
            spv.verifyPayment(p);
        }
        // two inputs, the second's prevout cut short after a long first scriptSig
        bytes memory cut = abi.encodePacked(
            BtcRef.le32(2), hex"02", BtcRef.input(keccak256("f"), 0, new bytes(60)), keccak256("g")
        );
        IBtcSpvVerifier.PaymentProof memory q = _withTx(cut);
        vm.expectRevert(BtcSpvVerifier.Malformed.selector);
        spv.verifyPayment(q);
        // a scriptSig that takes every remaining byte: no sequence
        q = _withTx(abi.encodePacked(BtcRef.le32(2), hex"01", keccak256("f"), BtcRef.le32(0), hex"04", "abcd"));
        vm.expectRevert(BtcSpvVerifier.Malformed.selector);
        spv.verifyPayment(q);
        // the largest canonical forms parse (0xfd length of a 300-byte script)
        bytes memory big = new bytes(300);
        bytes memory okTx = abi.encodePacked(BtcRef.le32(2), hex"01", inp, hex"01", BtcRef.output(1, big), BtcRef.le32(0));
        q = _withTx(okTx);
        vm.expectRevert(BtcSpvVerifier.WrongMerkleBranch.selector); // parsed; not in the block
        spv.verifyPayment(q);
    }

    function test_item11_oneTxidClaimedOnce() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        bytes32 txid = BtcRef.sha256d(p.transaction);
        vm.expectEmit(address(spv));
        emit PaymentConsumed(txid, vault, 175_000_000);
        vm.prank(vault);
        (bytes32 got, uint256 amount) = spv.consumePayment(p);
        assertEq(got, txid);
        assertEq(amount, 175_000_000);
        assertTrue(spv.isPaymentClaimed(txid));
        vm.prank(vault);
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.PaymentAlreadyClaimed.selector, txid));
        spv.consumePayment(p);
        // the same transaction through another script (its other output) or another consumer: still claimed
        p.outputScript = BtcRef.p2pkh(bytes20(keccak256("someone")));
        p.minAmount = 0;
        address vault2 = makeAddr("vault2");
        vm.prank(owner);
        manager.grantRole(Roles.SPV_CONSUMER, vault2, 0);
        vm.prank(vault2);
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.PaymentAlreadyClaimed.selector, txid));
        spv.consumePayment(p);
    }

    function test_item11_consumeRequiresValidProof() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        p.minAmount = 175_000_001;
        vm.prank(vault);
        vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.AmountTooLow.selector, 175_000_000, 175_000_001));
        spv.consumePayment(p);
        assertFalse(spv.isPaymentClaimed(BtcRef.sha256d(p.transaction)));
    }

    // ---------------------------------------------------------------- item 31: access control

    /// SECURITY-CHECKLIST 30, 31: consumers are granted role SPV_CONSUMER on the AccessManager (no
    /// setConsumer any more): only the manager's admin grants or revokes it, and consumePayment is
    /// mapped to it by the deployment's wiring table.
    function test_item31_spvConsumerRole_onlyTheAdminGrants() public {
        assertEq(manager.getTargetFunctionRole(address(spv), spv.consumePayment.selector), Roles.SPV_CONSUMER);
        (bool member,) = manager.hasRole(Roles.SPV_CONSUMER, vault);
        assertTrue(member);
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessManager.AccessManagerUnauthorizedAccount.selector, stranger, Roles.ADMIN)
        );
        manager.grantRole(Roles.SPV_CONSUMER, stranger, 0);
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessManager.AccessManagerUnauthorizedAccount.selector, stranger, Roles.ADMIN)
        );
        manager.revokeRole(Roles.SPV_CONSUMER, vault);
        vm.prank(owner);
        manager.revokeRole(Roles.SPV_CONSUMER, vault);
        (member,) = manager.hasRole(Roles.SPV_CONSUMER, vault);
        assertFalse(member);
    }

    function test_item31_consumePayment_onlyConsumers() public {
        IBtcSpvVerifier.PaymentProof memory p = _defaultProof();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        spv.consumePayment(p);
        // the admin itself is no consumer
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, owner));
        spv.consumePayment(p);
        vm.prank(owner);
        manager.revokeRole(Roles.SPV_CONSUMER, vault);
        vm.prank(vault);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, vault));
        spv.consumePayment(p);
        assertFalse(spv.isPaymentClaimed(BtcRef.sha256d(p.transaction)));
        // granted again: consumes
        vm.prank(owner);
        manager.grantRole(Roles.SPV_CONSUMER, vault, 0);
        vm.prank(vault);
        spv.consumePayment(p);
        assertTrue(spv.isPaymentClaimed(BtcRef.sha256d(p.transaction)));
    }

    // ---------------------------------------------------------------- real main-network data

    /// Every transaction of the three real blocks, proven against its real header on the
    /// main-network verifier, the checkpoint being the block's real parent (for the genesis block,
    /// whose parent hash is zero, a zero-hash checkpoint at height 0: only its nBits matters here).
    function test_realMainnetBlocks_everyTransaction() public {
        uint256 proven;
        for (uint256 b; b < MainnetBlocks.count(); b++) {
            bytes memory header = MainnetBlocks.header(b);
            bytes32 prev = bytes32(_slice(header, 4, 32));
            uint256 height = MainnetBlocks.height(b);
            _checkpoint(spvMain, prev, uint64(height == 0 ? 0 : height - 1), uint32(_le32(header, 72)));
            bytes32 blockHash = BtcRef.sha256d(header);
            assertEq(BtcRef.hashNum(blockHash), uint256(MainnetBlocks.blockHashDisplay(b)), "display hash");
            uint256 n = MainnetBlocks.txCount(b);
            bytes32[] memory ids = new bytes32[](n);
            for (uint256 t; t < n; t++) {
                ids[t] = BtcRef.sha256d(MainnetBlocks.rawTx(b, t));
                assertEq(BtcRef.hashNum(ids[t]), uint256(MainnetBlocks.txidDisplay(b, t)), "display txid");
            }
            for (uint256 t; t < n; t++) {
                IBtcSpvVerifier.PaymentProof memory p;
                p.transaction = MainnetBlocks.rawTx(b, t);
                p.txIndex = t;
                p.merkleBranch = BtcRef.branch(ids, t);
                p.coinbaseTransaction = MainnetBlocks.rawTx(b, 0);
                p.coinbaseBranch = BtcRef.branch(ids, 0);
                p.headers = header;
                p.outputScript = _firstOutputScript(p.transaction);
                p.requiredConfirmations = 1;
                (bytes32 txid, uint256 amount, bytes32 got) = spvMain.verifyPayment(p);
                assertEq(txid, ids[t]);
                assertEq(got, blockHash);
                assertGt(amount, 0);
                // one confirmation more than the chain has
                p.requiredConfirmations = 2;
                vm.expectRevert(abi.encodeWithSelector(BtcSpvVerifier.TooFewConfirmations.selector, 1, 2));
                spvMain.verifyPayment(p);
                proven++;
            }
        }
        assertEq(proven, 8);
    }

    // ---------------------------------------------------------------- helpers

    function _slice(bytes memory b, uint256 from, uint256 len) internal pure returns (bytes memory out) {
        out = new bytes(len);
        for (uint256 i; i < len; i++) {
            out[i] = b[from + i];
        }
    }

    function _le32(bytes memory b, uint256 at) internal pure returns (uint256) {
        return uint256(uint8(b[at])) | uint256(uint8(b[at + 1])) << 8 | uint256(uint8(b[at + 2])) << 16
            | uint256(uint8(b[at + 3])) << 24;
    }

    /// The script of output 0 of a legacy transaction with 1-byte varints (true of these blocks).
    function _firstOutputScript(bytes memory raw) internal pure returns (bytes memory) {
        uint256 pos = 5;
        uint256 nIn = uint8(raw[4]);
        for (uint256 i; i < nIn; i++) {
            pos += 36;
            uint256 sl = uint8(raw[pos]);
            pos += 1 + sl + 4;
        }
        pos += 1 + 8; // output count, value
        uint256 len = uint8(raw[pos]);
        return _slice(raw, pos + 1, len);
    }
}
