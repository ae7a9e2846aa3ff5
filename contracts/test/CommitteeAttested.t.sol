// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {AttestorSignature, IAttestorRegistry} from "../src/interfaces/IAttestorRegistry.sol";
import {AttestationExpired, NonceAlreadyUsed, ZeroAddress} from "../src/common/Errors.sol";
import {CommitteeHarness, ERC1271AcceptAll} from "./mocks/KernelMocks.sol";
import {HashPowerFixtures} from "./utils/HashPowerFixtures.sol";

/// @notice Unit and fuzz tests of `common/CommitteeAttested.sol` through a harness consuming a
/// one-field committee message (`Ping`) with the fixture committee (5 bonded attestors, threshold
/// 3 for BTC): deadline, single-use nonces consumed only on success, M-of-N signatures of the
/// current committee epoch, and a digest bound to this deployment and chain (SECURITY-CHECKLIST
/// items 1, 3 and 4).
contract CommitteeAttestedTest is HashPowerFixtures {
    CommitteeHarness internal ch;
    uint256 internal constant VALUE = 42;

    bytes32 internal constant EIP712_DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    event Pinged(uint256 value, uint256 nonce, bytes32 digest, address[] signers);

    function setUp() public override {
        super.setUp();
        ch = new CommitteeHarness(attestorRegistry);
    }

    function _deadline() internal view returns (uint64) {
        return uint64(block.timestamp + 1 hours);
    }

    function _sigsFor(CommitteeHarness target, uint256 value, uint256 nonce, uint64 deadline, uint64 epoch, uint256 m)
        internal
        view
        returns (AttestorSignature[] memory)
    {
        return _sigsOver(target.hashPing(value, nonce, deadline, epoch), 0, m);
    }

    function _ping(uint256 nonce) internal returns (bytes32 digest, address[] memory signers) {
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, nonce, deadline, e, THRESHOLD);
        return ch.ping(btc, VALUE, nonce, deadline, e, sigs);
    }

    // =====================================================================================
    // constructor / domain
    // =====================================================================================

    function test_constructor_setsRegistry() public view {
        assertEq(address(ch.attestorRegistry()), address(attestorRegistry));
        assertFalse(ch.isNonceUsed(0));
        assertFalse(ch.isNonceUsed(1));
    }

    function test_constructor_revertsOnZeroRegistry() public {
        vm.expectRevert(ZeroAddress.selector);
        new CommitteeHarness(IAttestorRegistry(address(0)));
    }

    /// The domain is ("HashMix", "1", this chain, this contract).
    function test_item3_domainSeparator_isHashMixV1ThisChainThisContract() public view {
        bytes32 expected = keccak256(
            abi.encode(EIP712_DOMAIN_TYPEHASH, keccak256("HashMix"), keccak256("1"), block.chainid, address(ch))
        );
        assertEq(ch.domainSeparator(), expected);
        (, string memory name, string memory version, uint256 chainId, address verifying,,) = ch.eip712Domain();
        assertEq(name, "HashMix");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifying, address(ch));
        bytes32 structHash = keccak256(abi.encode(ch.PING_TYPEHASH(), VALUE, uint256(7), uint64(9), uint64(3)));
        assertEq(ch.hashPing(VALUE, 7, 9, 3), keccak256(abi.encodePacked("\x19\x01", expected, structHash)));
    }

    // =====================================================================================
    // success
    // =====================================================================================

    function test_item1_mOfN_consumesNonceAndReturnsSigners() public {
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        bytes32 expectedDigest = ch.hashPing(VALUE, 1, deadline, e);
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, 1, deadline, e, THRESHOLD);
        address[] memory expectedSigners = new address[](THRESHOLD);
        for (uint256 i; i < THRESHOLD; i++) {
            expectedSigners[i] = att[i];
        }
        vm.expectEmit(address(ch));
        emit Pinged(VALUE, 1, expectedDigest, expectedSigners);
        vm.prank(stranger); // anyone may relay
        (bytes32 digest, address[] memory signers) = ch.ping(btc, VALUE, 1, deadline, e, sigs);
        assertEq(digest, expectedDigest);
        assertEq(signers, expectedSigners);
        assertTrue(ch.isNonceUsed(1));
        assertFalse(ch.isNonceUsed(2));
    }

    function test_item1_allNPass() public {
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, 2, deadline, e, N_ATTESTORS);
        (, address[] memory signers) = ch.ping(btc, VALUE, 2, deadline, e, sigs);
        assertEq(signers.length, N_ATTESTORS);
    }

    // =====================================================================================
    // deadline (checklist item 4)
    // =====================================================================================

    function test_item4_expiredDeadlineReverts() public {
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, 1, deadline, e, THRESHOLD);
        vm.warp(uint256(deadline) + 1);
        vm.expectRevert(abi.encodeWithSelector(AttestationExpired.selector, deadline));
        ch.ping(btc, VALUE, 1, deadline, e, sigs);
        assertFalse(ch.isNonceUsed(1));
        vm.warp(deadline); // the deadline itself is still valid
        ch.ping(btc, VALUE, 1, deadline, e, sigs);
        assertTrue(ch.isNonceUsed(1));
    }

    /// A deadline in the past at signing time is just as expired.
    function test_item4_pastDeadlineReverts() public {
        uint64 deadline = uint64(block.timestamp - 1);
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, 1, deadline, e, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(AttestationExpired.selector, deadline));
        ch.ping(btc, VALUE, 1, deadline, e, sigs);
    }

    // =====================================================================================
    // nonces (checklist item 3)
    // =====================================================================================

    /// Replaying a consumed attestation fails, and so does any other message with its nonce.
    function test_item3_reusedNonceReverts() public {
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, 5, deadline, e, THRESHOLD);
        ch.ping(btc, VALUE, 5, deadline, e, sigs);
        vm.expectRevert(abi.encodeWithSelector(NonceAlreadyUsed.selector, 5));
        ch.ping(btc, VALUE, 5, deadline, e, sigs); // exact replay
        AttestorSignature[] memory other = _sigsFor(ch, VALUE + 1, 5, deadline, e, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(NonceAlreadyUsed.selector, 5));
        ch.ping(btc, VALUE + 1, 5, deadline, e, other); // a fresh message, same nonce
    }

    /// A failed consumption leaves the nonce unused: below threshold, bad signature, stale epoch
    /// and expiry all revert without burning it, and the good attestation still goes through.
    function test_nonceConsumedOnlyOnSuccess() public {
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, 9, deadline, e, THRESHOLD);

        AttestorSignature[] memory few = _sigsFor(ch, VALUE, 9, deadline, e, THRESHOLD - 1);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, THRESHOLD - 1, THRESHOLD));
        ch.ping(btc, VALUE, 9, deadline, e, few);
        assertFalse(ch.isNonceUsed(9));

        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
        ch.ping(btc, VALUE + 1, 9, deadline, e, sigs); // signatures over another value
        assertFalse(ch.isNonceUsed(9));

        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.StaleCommitteeEpoch.selector, e + 1, e));
        ch.ping(btc, VALUE, 9, deadline, e + 1, sigs);
        assertFalse(ch.isNonceUsed(9));

        vm.warp(uint256(deadline) + 1);
        vm.expectRevert(abi.encodeWithSelector(AttestationExpired.selector, deadline));
        ch.ping(btc, VALUE, 9, deadline, e, sigs);
        assertFalse(ch.isNonceUsed(9));

        vm.warp(deadline);
        ch.ping(btc, VALUE, 9, deadline, e, sigs);
        assertTrue(ch.isNonceUsed(9));
    }

    /// Check order: deadline, then nonce, then signatures.
    function test_checkOrder_deadlineThenNonceThenSignatures() public {
        _ping(3);
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory none = new AttestorSignature[](0);
        vm.expectRevert(abi.encodeWithSelector(NonceAlreadyUsed.selector, 3));
        ch.ping(btc, VALUE, 3, deadline, e, none); // used nonce beats empty signatures
        vm.warp(uint256(deadline) + 1);
        vm.expectRevert(abi.encodeWithSelector(AttestationExpired.selector, deadline));
        ch.ping(btc, VALUE, 3, deadline, e, none); // expiry beats the used nonce
    }

    // =====================================================================================
    // domain binding (checklist item 3)
    // =====================================================================================

    /// A second deployment has its own domain: signatures for the first fail there, and its
    /// nonces are its own (the same nonce is used once on each).
    function test_item3_otherDeploymentRejects() public {
        CommitteeHarness second = new CommitteeHarness(attestorRegistry);
        assertTrue(second.domainSeparator() != ch.domainSeparator());
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, 1, deadline, e, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
        second.ping(btc, VALUE, 1, deadline, e, sigs);

        ch.ping(btc, VALUE, 1, deadline, e, sigs);
        assertTrue(ch.isNonceUsed(1));
        assertFalse(second.isNonceUsed(1));
        second.ping(btc, VALUE, 1, deadline, e, _sigsFor(second, VALUE, 1, deadline, e, THRESHOLD));
        assertTrue(second.isNonceUsed(1));
    }

    /// The same deployment on another chain id (a fork, or the same address on another network)
    /// has another domain: signatures from this chain fail there.
    function test_item3_otherChainIdRejects() public {
        uint256 home = block.chainid;
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        bytes32 homeSeparator = ch.domainSeparator();
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, 1, deadline, e, THRESHOLD);

        vm.chainId(home + 1);
        assertTrue(ch.domainSeparator() != homeSeparator);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
        ch.ping(btc, VALUE, 1, deadline, e, sigs);
        // signatures made for that chain work there
        AttestorSignature[] memory forked = _sigsFor(ch, VALUE, 2, deadline, e, THRESHOLD);
        ch.ping(btc, VALUE, 2, deadline, e, forked);
        AttestorSignature[] memory forked3 = _sigsFor(ch, VALUE, 3, deadline, e, THRESHOLD);

        vm.chainId(home);
        assertEq(ch.domainSeparator(), homeSeparator);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
        ch.ping(btc, VALUE, 3, deadline, e, forked3); // the fork's signatures fail here
        ch.ping(btc, VALUE, 1, deadline, e, sigs);
    }

    // =====================================================================================
    // committee (checklist items 1 and 3)
    // =====================================================================================

    /// After a committee change, old signatures stop working: the old epoch is stale, and the
    /// new epoch number can't be put on them without re-signing.
    function test_item3_committeeEpochChangeInvalidatesOldSignatures() public {
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, 1, deadline, e, THRESHOLD);
        vm.prank(owner);
        attestorRegistry.addAttestor(makeAddr("newMember"));
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.StaleCommitteeEpoch.selector, e, e + 1));
        ch.ping(btc, VALUE, 1, deadline, e, sigs);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]));
        ch.ping(btc, VALUE, 1, deadline, e + 1, sigs);
        ch.ping(btc, VALUE, 1, deadline, e + 1, _sigsFor(ch, VALUE, 1, deadline, e + 1, THRESHOLD));
        assertTrue(ch.isNonceUsed(1));
    }

    /// A member that left can't sign for the new epoch.
    function test_item3_removedMemberCannotSign() public {
        vm.prank(owner);
        attestorRegistry.removeAttestor(att[0]);
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, 1, deadline, e, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAnActiveAttestor.selector, att[0]));
        ch.ping(btc, VALUE, 1, deadline, e, sigs);
        ch.ping(btc, VALUE, 1, deadline, e, _sigsOver(ch.hashPing(VALUE, 1, deadline, e), 1, THRESHOLD));
    }

    function test_item1_belowThresholdAndEmptyRevert() public {
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory few = _sigsFor(ch, VALUE, 1, deadline, e, THRESHOLD - 1);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, THRESHOLD - 1, THRESHOLD));
        ch.ping(btc, VALUE, 1, deadline, e, few);
        AttestorSignature[] memory none = new AttestorSignature[](0);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, 0, THRESHOLD));
        ch.ping(btc, VALUE, 1, deadline, e, none);
    }

    function test_item1_duplicateSignerReverts() public {
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, 1, deadline, e, THRESHOLD);
        sigs[2] = sigs[1];
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.SignersNotSorted.selector, att[1], att[1]));
        ch.ping(btc, VALUE, 1, deadline, e, sigs);
    }

    function test_item1_unsortedSignersRevert() public {
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, 1, deadline, e, THRESHOLD);
        (sigs[0], sigs[2]) = (sigs[2], sigs[0]);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.SignersNotSorted.selector, att[2], att[1]));
        ch.ping(btc, VALUE, 1, deadline, e, sigs);
    }

    /// The same signer twice, once by ECDSA and once through EIP-1271 (an attestor whose account
    /// has code that accepts anything), still counts once: the list is refused.
    function test_item1_sameSignerEcdsaAndErc1271Reverts() public {
        vm.etch(att[0], address(new ERC1271AcceptAll()).code);
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        bytes32 digest = ch.hashPing(VALUE, 1, deadline, e);
        AttestorSignature[] memory sigs = _sigsOver(digest, 0, THRESHOLD);
        AttestorSignature[] memory twice = new AttestorSignature[](THRESHOLD);
        twice[0] = sigs[0]; // ECDSA
        twice[1] = AttestorSignature(att[0], ""); // no ECDSA: its code answers (EIP-1271)
        twice[2] = sigs[1];
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.SignersNotSorted.selector, att[0], att[0]));
        ch.ping(btc, VALUE, 1, deadline, e, twice);
        // each form alone is a valid signature of att[0]: with att[3], 3 distinct signers pass
        twice[1] = sigs[1];
        twice[2] = AttestorSignature(att[3], _signDigest(attKey[3], digest));
        twice[0] = AttestorSignature(att[0], "");
        ch.ping(btc, VALUE, 1, deadline, e, twice);
    }

    function test_item1_nonMemberReverts() public {
        (address outsider, uint256 key) = makeAddrAndKey("outsider");
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = new AttestorSignature[](1);
        sigs[0] = AttestorSignature(outsider, _signDigest(key, ch.hashPing(VALUE, 1, deadline, e)));
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.NotAnActiveAttestor.selector, outsider));
        ch.ping(btc, VALUE, 1, deadline, e, sigs);
    }

    /// Every signed field is bound: a changed value, deadline or epoch fails with the same signatures.
    function test_tamperedFieldsRevert() public {
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, 1, deadline, e, THRESHOLD);
        bytes memory bad = abi.encodeWithSelector(AttestorRegistry.InvalidAttestorSignature.selector, att[0]);
        vm.expectRevert(bad);
        ch.ping(btc, VALUE + 1, 1, deadline, e, sigs);
        vm.expectRevert(bad);
        ch.ping(btc, VALUE, 2, deadline, e, sigs);
        vm.expectRevert(bad);
        ch.ping(btc, VALUE, 1, deadline + 1, e, sigs);
        assertFalse(ch.isNonceUsed(1));
        assertFalse(ch.isNonceUsed(2));
    }

    /// The threshold is the asset class's: an asset class without one is refused.
    function test_thresholdOfAssetClassApplies() public {
        uint64 deadline = _deadline();
        uint64 e = attestorRegistry.epoch();
        bytes32 other = keccak256("OTHER");
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, 1, deadline, e, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.ThresholdNotSet.selector, other));
        ch.ping(other, VALUE, 1, deadline, e, sigs);
        vm.prank(owner);
        attestorRegistry.setThreshold(other, 4);
        vm.expectRevert(abi.encodeWithSelector(AttestorRegistry.BelowThreshold.selector, THRESHOLD, 4));
        ch.ping(other, VALUE, 1, deadline, e, sigs);
        ch.ping(other, VALUE, 1, deadline, e, _sigsFor(ch, VALUE, 1, deadline, e, 4));
    }

    // =====================================================================================
    // fuzz
    // =====================================================================================

    /// Any nonce, any deadline offset: consumed iff not expired, and exactly once.
    function testFuzz_item3_nonceOnceAndDeadline(uint256 nonce, uint64 offset, bool expired) public {
        offset = uint64(bound(offset, 0, 365 days));
        uint64 deadline = uint64(block.timestamp + offset);
        uint64 e = attestorRegistry.epoch();
        AttestorSignature[] memory sigs = _sigsFor(ch, VALUE, nonce, deadline, e, THRESHOLD);
        if (expired) {
            vm.warp(uint256(deadline) + 1);
            vm.expectRevert(abi.encodeWithSelector(AttestationExpired.selector, deadline));
            ch.ping(btc, VALUE, nonce, deadline, e, sigs);
            assertFalse(ch.isNonceUsed(nonce));
        } else {
            vm.warp(deadline);
            ch.ping(btc, VALUE, nonce, deadline, e, sigs);
            assertTrue(ch.isNonceUsed(nonce));
            vm.expectRevert(abi.encodeWithSelector(NonceAlreadyUsed.selector, nonce));
            ch.ping(btc, VALUE, nonce, deadline, e, sigs);
        }
    }
}
