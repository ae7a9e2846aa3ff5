// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {
    ERC1271DirtyMagic,
    ERC1271GasBurner,
    ERC1271GasHungry,
    ERC1271NoData,
    ERC1271ReturnBomb,
    ERC1271Reverting,
    ERC1271ShortData,
    ERC1271Toggle,
    ERC1271Wallet,
    ERC1271WrongMagic
} from "./mocks/ERC1271Mocks.sol";
import {
    ERC1271AcceptAll,
    ERC1271EvenBlocks,
    ERC1271GasUser,
    ERC1271Scripted,
    ERC1271StateChanger
} from "./mocks/KernelMocks.sol";
import {KernelFixtures} from "./utils/KernelFixtures.sol";

/// @notice Unit tests of the protocol's one signature rule, `common/SignaturePolicy.sol`, through a
/// harness: ECDSA form checks (SECURITY-CHECKLIST items 1 and 2) and hostile EIP-1271 wallets that
/// revert, lie, answer short, burn gas, bomb return data or change their mind (item 5).
contract SignaturePolicyTest is KernelFixtures {
    // =====================================================================================
    // constants
    // =====================================================================================

    function test_gasLimitIs100k() public view {
        assertEq(h.gasLimit(), 100_000);
        assertEq(MAGIC, bytes4(0x1626ba7e));
    }

    // =====================================================================================
    // ECDSA (checklist item 2)
    // =====================================================================================

    function test_item2_ecdsa_validSignatureAccepted() public view {
        bytes memory sig = _sign(aliceKey, DIGEST);
        assertEq(sig.length, 65);
        (, bytes32 s,) = _split(sig);
        assertLe(uint256(s), N / 2, "vm.sign gives low-s");
        assertTrue(h.isValid(alice, DIGEST, sig));
    }

    function test_item2_ecdsa_wrongSignerOrDigestRejected() public view {
        bytes memory sig = _sign(aliceKey, DIGEST);
        assertFalse(h.isValid(bob, DIGEST, sig)); // alice's signature in bob's name
        assertFalse(h.isValid(alice, keccak256("other"), sig)); // another digest
        assertFalse(h.isValid(alice, DIGEST, _sign(bobKey, DIGEST))); // bob signs in alice's name
        assertFalse(h.isValid(address(0), DIGEST, sig));
    }

    /// The malleable twin recovers to the same address with raw ecrecover, yet is refused.
    function test_item2_ecdsa_highSCopyRejected() public view {
        bytes memory sig = _sign(aliceKey, DIGEST);
        bytes memory twin = _highS(sig);
        (bytes32 r, bytes32 s, uint8 v) = _split(twin);
        assertGt(uint256(s), N / 2);
        assertEq(ecrecover(DIGEST, v, r, s), alice, "twin is a real signature of alice");
        assertFalse(h.isValid(alice, DIGEST, twin));
    }

    function test_item2_ecdsa_vOutside27or28Rejected() public view {
        bytes memory sig = _sign(aliceKey, DIGEST);
        (,, uint8 v) = _split(sig);
        uint8[9] memory bad = [0, 1, 2, 26, 29, 35, 36, 127, 255];
        for (uint256 i; i < bad.length; i++) {
            assertFalse(h.isValid(alice, DIGEST, _withV(sig, bad[i])));
        }
        // the recovery id (0/1) form of the same signature is refused too; only 27/28 counts
        assertFalse(h.isValid(alice, DIGEST, _withV(sig, v - 27)));
        assertFalse(h.isValid(alice, DIGEST, _withV(sig, v == 27 ? 28 : 27))); // the other parity
        assertTrue(h.isValid(alice, DIGEST, _withV(sig, v)));
    }

    /// 64-byte EIP-2098 signatures are refused on purpose, though they carry the same (r, s, v).
    function test_item2_ecdsa_eip2098CompactRejectedOnPurpose() public view {
        bytes memory sig = _sign(aliceKey, DIGEST);
        bytes memory compact = _compact(sig);
        assertEq(compact.length, 64);
        assertFalse(h.isValid(alice, DIGEST, compact));
    }

    function test_item2_ecdsa_wrongLengthsRejected() public view {
        bytes memory sig = _sign(aliceKey, DIGEST);
        assertFalse(h.isValid(alice, DIGEST, ""));
        assertFalse(h.isValid(alice, DIGEST, hex"1b"));
        assertFalse(h.isValid(alice, DIGEST, _slice(sig, 64))); // truncated
        assertFalse(h.isValid(alice, DIGEST, bytes.concat(sig, hex"00"))); // 66 bytes: one trailing byte
        assertFalse(h.isValid(alice, DIGEST, bytes.concat(hex"00", sig))); // 66 bytes: one leading byte
        assertFalse(h.isValid(alice, DIGEST, bytes.concat(sig, sig))); // two signatures
        assertFalse(h.isValid(alice, DIGEST, new bytes(65))); // all zero
    }

    /// A signature ecrecover can't recover (returns address(0)) never matches signer address(0).
    function test_item2_ecdsa_unrecoverableNeverMatchesZeroSigner() public view {
        bytes memory zeros = abi.encodePacked(bytes32(0), bytes32(0), uint8(27));
        assertEq(ecrecover(DIGEST, 27, bytes32(0), bytes32(0)), address(0));
        assertFalse(h.isValid(address(0), DIGEST, zeros));
        bytes memory offCurve = abi.encodePacked(bytes32(N), bytes32(uint256(1)), uint8(28));
        assertFalse(h.isValid(address(0), DIGEST, offCurve));
    }

    // =====================================================================================
    // EIP-1271 (checklist item 5)
    // =====================================================================================

    function test_item5_erc1271_acceptingWallet() public {
        ERC1271Wallet w = new ERC1271Wallet(alice);
        bytes memory sig = _sign(aliceKey, DIGEST);
        assertTrue(h.isValid(address(w), DIGEST, sig));
        assertTrue(h.isValidErc1271(address(w), DIGEST, sig));
        assertFalse(h.isValid(address(w), keccak256("other"), sig));
    }

    /// The signature bytes reach the wallet unchanged, whatever their length (here an EIP-2098
    /// form, which this wallet refuses and a permissive wallet accepts: the wallet decides).
    function test_item5_erc1271_signaturePassedAsIs() public {
        ERC1271Wallet w = new ERC1271Wallet(alice);
        ERC1271AcceptAll any = new ERC1271AcceptAll();
        bytes memory compact = _compact(_sign(aliceKey, DIGEST));
        assertFalse(h.isValid(address(w), DIGEST, compact));
        assertTrue(h.isValid(address(any), DIGEST, compact));
        assertTrue(h.isValid(address(any), DIGEST, ""));
    }

    function test_item5_erc1271_wrongMagicRejected() public {
        assertFalse(h.isValid(address(new ERC1271WrongMagic()), DIGEST, _sign(aliceKey, DIGEST)));
    }

    /// The magic with dirty low-order bytes is not the magic word.
    function test_item5_erc1271_dirtyMagicRejected() public {
        assertFalse(h.isValid(address(new ERC1271DirtyMagic()), DIGEST, _sign(aliceKey, DIGEST)));
    }

    /// Short answers (< 32 bytes), even when they start with the magic bytes, are refused.
    function test_item5_erc1271_shortDataRejected() public {
        bytes memory sig = _sign(aliceKey, DIGEST);
        assertFalse(h.isValid(address(new ERC1271ShortData()), DIGEST, sig)); // 4 bytes of magic
        assertFalse(h.isValid(address(new ERC1271NoData()), DIGEST, sig)); // nothing
        ERC1271Scripted scripted = new ERC1271Scripted(bytes32(MAGIC), 31);
        assertFalse(h.isValid(address(scripted), DIGEST, sig));
        scripted.set(bytes32(MAGIC), 0);
        assertFalse(h.isValid(address(scripted), DIGEST, sig));
        scripted.set(bytes32(MAGIC), 32); // control: the full word is accepted
        assertTrue(h.isValid(address(scripted), DIGEST, sig));
    }

    function test_item5_erc1271_garbageWordRejected() public {
        bytes memory sig = _sign(aliceKey, DIGEST);
        ERC1271Scripted scripted = new ERC1271Scripted(keccak256("garbage"), 32);
        assertFalse(h.isValid(address(scripted), DIGEST, sig));
        scripted.set(bytes32(type(uint256).max), 32);
        assertFalse(h.isValid(address(scripted), DIGEST, sig));
        scripted.set(bytes32(uint256(uint32(MAGIC))), 32); // magic right-aligned (a uint, not bytes4)
        assertFalse(h.isValid(address(scripted), DIGEST, sig));
    }

    function test_item5_erc1271_revertingRejected() public {
        assertFalse(h.isValid(address(new ERC1271Reverting()), DIGEST, _sign(aliceKey, DIGEST)));
    }

    /// A wallet that tries to write storage while answering fails (static call), so it does not sign.
    function test_item5_erc1271_stateChangingRejected() public {
        ERC1271StateChanger w = new ERC1271StateChanger();
        assertFalse(h.isValid(address(w), DIGEST, ""));
        assertEq(w.calls(), 0);
    }

    /// A wallet that burns all the gas it gets returns false and costs the caller at most the cap
    /// plus a small overhead, however much gas the caller has: the caller keeps working after it.
    function test_item5_erc1271_gasBurnerReturnsFalseAndLeavesGas() public {
        ERC1271GasBurner burner = new ERC1271GasBurner();
        uint256 before = gasleft();
        bool valid = h.isValid{gas: 5_000_000}(address(burner), DIGEST, "");
        uint256 used = before - gasleft();
        assertFalse(valid);
        assertLe(used, h.gasLimit() + 15_000, "the wallet got more than the cap");
        assertGe(used, h.gasLimit(), "the wallet got its full cap");
        // after the burn, the caller still writes 5 fresh storage slots (~110k gas)
        assertFalse(h.isValidThenWork{gas: 300_000}(address(burner), DIGEST, "", 5));
        assertEq(h.work(4), 5);
    }

    /// The cap is what decides: a wallet using 80k gas signs, one needing 120k or more than the cap
    /// does not.
    function test_item5_erc1271_gasCapBoundary() public {
        assertTrue(h.isValid{gas: 1_000_000}(address(new ERC1271GasUser(80_000)), DIGEST, ""));
        assertFalse(h.isValid{gas: 1_000_000}(address(new ERC1271GasUser(120_000)), DIGEST, ""));
        assertFalse(h.isValid{gas: 1_000_000}(address(new ERC1271GasHungry()), DIGEST, ""));
    }

    /// Return-data bomb: the wallet answers 20 kB (magic first) or 150 kB; the check copies at
    /// most 32 bytes and decides on the first word. Copying 150 kB into the caller's memory would
    /// cost the caller about as much again as the wallet pays to produce it (~57k gas of memory
    /// expansion); the extra gas of the big answer over a 32-byte one stays at the wallet's share.
    function test_item5_erc1271_returnDataBombNotCopied() public {
        (bool valid, uint256 grown) = h.isValidWithMemory(address(new ERC1271ReturnBomb()), DIGEST, "");
        assertTrue(valid); // the first word is the magic: a valid (if verbose) answer
        assertLt(grown, 512, "return data was copied to memory");

        ERC1271Scripted small = new ERC1271Scripted(bytes32(MAGIC), 32);
        ERC1271Scripted big = new ERC1271Scripted(bytes32(MAGIC), 150_000);
        h.isValid(address(small), DIGEST, ""); // warm both accounts and slots alike
        h.isValid(address(big), DIGEST, "");
        uint256 g = gasleft();
        assertTrue(h.isValid{gas: 1_000_000}(address(small), DIGEST, ""));
        uint256 usedSmall = g - gasleft();
        g = gasleft();
        assertTrue(h.isValid{gas: 1_000_000}(address(big), DIGEST, ""));
        uint256 usedBig = g - gasleft();
        uint256 words = 4688; // ceil(150,000 / 32)
        uint256 walletMemory = 3 * words + (words * words) / 512; // the wallet's own expansion
        assertLt(usedBig - usedSmall, walletMemory + 10_000, "the caller paid for a copy");

        (valid, grown) = h.isValidWithMemory{gas: 1_000_000}(address(big), DIGEST, "");
        assertTrue(valid);
        assertLt(grown, 512, "return data was copied to memory");
        big.set(keccak256("garbage"), 150_000);
        (valid, grown) = h.isValidWithMemory{gas: 1_000_000}(address(big), DIGEST, "");
        assertFalse(valid);
        assertLt(grown, 512, "return data was copied to memory");
    }

    /// A wallet that changes its answer between calls is asked each time: the answer at the time
    /// of the check counts, nothing is cached.
    function test_item5_erc1271_changingAnswer() public {
        ERC1271Toggle t = new ERC1271Toggle();
        assertTrue(h.isValid(address(t), DIGEST, ""));
        t.set(false);
        assertFalse(h.isValid(address(t), DIGEST, ""));
        t.set(true);
        assertTrue(h.isValid(address(t), DIGEST, ""));

        ERC1271EvenBlocks e = new ERC1271EvenBlocks();
        vm.roll(100);
        assertTrue(h.isValid(address(e), DIGEST, ""));
        vm.roll(101);
        assertFalse(h.isValid(address(e), DIGEST, ""));
    }

    /// An account without code never reaches the EIP-1271 path, even where a static call would
    /// "answer": the identity precompile echoes its input, which is the magic word for digest 0.
    function test_item5_erc1271_noCodeNeverAsked() public view {
        address identity = address(4);
        assertEq(identity.code.length, 0);
        assertTrue(h.isValidErc1271(identity, bytes32(0), ""), "the raw static call would say yes");
        assertFalse(h.isValid(identity, bytes32(0), ""), "the policy never asks a code-less account");
        assertFalse(h.isValid(alice, DIGEST, _sign(bobKey, DIGEST)));
        assertFalse(h.isValidErc1271(alice, DIGEST, _sign(aliceKey, DIGEST))); // EOA: empty answer
    }

    // =====================================================================================
    // EOAs with code, and contract signers (checklist items 1 and 5)
    // =====================================================================================

    /// An EOA that gained code (EIP-7702 delegation; here vm.etch) still signs with its key:
    /// ECDSA is tried first. Other signatures are then up to its code.
    function test_item5_eoaWithCode_stillSignsWithEcdsa() public {
        vm.etch(alice, address(new ERC1271Reverting()).code);
        assertGt(alice.code.length, 0);
        assertTrue(h.isValid(alice, DIGEST, _sign(aliceKey, DIGEST)));
        assertFalse(h.isValid(alice, DIGEST, _sign(bobKey, DIGEST))); // its code refuses
        assertFalse(h.isValid(alice, DIGEST, _highS(_sign(aliceKey, DIGEST)))); // and the twin

        vm.etch(alice, address(new ERC1271AcceptAll()).code);
        assertTrue(h.isValid(alice, DIGEST, _sign(bobKey, DIGEST))); // its code now accepts anything
    }

    /// A contract signer cannot be impersonated with an ECDSA signature of another key: the
    /// signature recovers to that key, not the contract, and the contract's own check refuses it.
    function test_item1_contractSigner_notImpersonableByOtherKey() public {
        ERC1271Wallet w = new ERC1271Wallet(alice);
        assertFalse(h.isValid(address(w), DIGEST, _sign(bobKey, DIGEST)));
        assertTrue(h.isValid(address(w), DIGEST, _sign(aliceKey, DIGEST))); // its owner's key
        ERC1271Reverting r = new ERC1271Reverting();
        assertFalse(h.isValid(address(r), DIGEST, _sign(aliceKey, DIGEST)));
        assertFalse(h.isValid(address(r), DIGEST, _sign(bobKey, DIGEST)));
        // the wallet's owner key signs for the wallet, but the wallet does not sign for the key
        ERC1271AcceptAll any = new ERC1271AcceptAll();
        assertFalse(h.isValid(alice, DIGEST, abi.encodePacked(address(any))));
    }

    function _slice(bytes memory b, uint256 n) internal pure returns (bytes memory out) {
        out = new bytes(n);
        for (uint256 i; i < n; i++) {
            out[i] = b[i];
        }
    }
}
