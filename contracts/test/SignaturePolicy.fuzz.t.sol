// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC1271Reverting, ERC1271Wallet} from "./mocks/ERC1271Mocks.sol";
import {ERC1271GasUser, ERC1271Scripted} from "./mocks/KernelMocks.sol";
import {KernelFixtures} from "./utils/KernelFixtures.sol";

/// @notice Fuzz tests of `common/SignaturePolicy.sol` (10,000 runs in the default profile):
/// random bytes never validate, random keys validate only their own digests, malleated forms of
/// valid signatures never validate (SECURITY-CHECKLIST items 1, 2 and 5), and a wallet's answer
/// counts only as a full 32-byte magic word within the gas cap (item 5).
contract SignaturePolicyFuzzTest is KernelFixtures {
    ERC1271Wallet internal wallet;

    function setUp() public override {
        super.setUp();
        wallet = new ERC1271Wallet(alice);
    }

    function _key(uint256 seed) internal pure returns (uint256) {
        return bound(seed, 1, N - 1);
    }

    /// Random bytes of any length never validate for a code-less signer, nor for a wallet.
    function testFuzz_item5_randomBytesNeverValidate(address signer, bytes32 digest, bytes calldata sig) public view {
        vm.assume(signer.code.length == 0);
        assertFalse(h.isValid(signer, digest, sig));
        assertFalse(h.isValid(alice, digest, sig));
        assertFalse(h.isValid(address(wallet), digest, sig));
    }

    /// Random 65-byte (r, s, v) never validate, whatever v is.
    function testFuzz_item2_random65BytesNeverValidate(bytes32 r, bytes32 s, uint8 v, bytes32 digest) public view {
        bytes memory sig = abi.encodePacked(r, s, v);
        assertFalse(h.isValid(alice, digest, sig));
        assertFalse(h.isValid(bob, digest, sig));
        assertFalse(h.isValid(address(wallet), digest, sig));
        assertFalse(h.isValid(address(0), digest, sig));
    }

    /// A random key validates exactly its own digest under its own address; another digest,
    /// another address, the high-s twin, the EIP-2098 form, any other v and any extra byte fail.
    function testFuzz_item2_keysValidateOnlyOwnDigests(uint256 seed1, uint256 seed2, bytes32 d1, bytes32 d2)
        public
        view
    {
        uint256 k1 = _key(seed1);
        uint256 k2 = _key(seed2);
        address a1 = vm.addr(k1);
        address a2 = vm.addr(k2);
        bytes memory sig = _sign(k1, d1);

        assertTrue(h.isValid(a1, d1, sig));
        if (d2 != d1) assertFalse(h.isValid(a1, d2, sig));
        if (a2 != a1) assertFalse(h.isValid(a2, d1, sig));
        assertFalse(h.isValid(a1, d1, _highS(sig)));
        assertFalse(h.isValid(a1, d1, _compact(sig)));
        assertFalse(h.isValid(a1, d1, bytes.concat(sig, hex"00")));
        (,, uint8 v) = _split(sig);
        assertFalse(h.isValid(a1, d1, _withV(sig, v - 27)));
    }

    /// Only v = the signature's own 27/28 validates; every other byte value fails.
    function testFuzz_item2_vOutside27or28Rejected(uint256 seed, bytes32 digest, uint8 newV) public view {
        uint256 k = _key(seed);
        bytes memory sig = _sign(k, digest);
        (,, uint8 v) = _split(sig);
        assertEq(h.isValid(vm.addr(k), digest, _withV(sig, newV)), newV == v);
    }

    /// A wallet answer counts iff it is at least 32 bytes and its first word is the magic value.
    function testFuzz_item5_walletAnswer(bytes32 word, uint256 size, bool magicWord) public {
        size = bound(size, 0, 4_096);
        if (magicWord) word = bytes32(MAGIC);
        ERC1271Scripted w = new ERC1271Scripted(word, size);
        assertEq(h.isValid(address(w), DIGEST, ""), size >= 32 && word == bytes32(MAGIC));
    }

    /// A wallet spending `burn` gas signs when it stays well within the 100,000 cap and never
    /// signs beyond it, however much gas the caller has.
    function testFuzz_item5_walletGasCap(uint256 burn, uint256 callerGas) public {
        burn = bound(burn, 0, 300_000);
        callerGas = bound(callerGas, 500_000, 10_000_000);
        bool valid = h.isValid{gas: callerGas}(address(new ERC1271GasUser(burn)), DIGEST, "");
        if (burn <= 90_000) assertTrue(valid);
        if (burn >= 100_000) assertFalse(valid);
    }

    /// A random key's EOA keeps signing after it gains any code (ECDSA first), and a contract at
    /// a random address can't be impersonated by a random key.
    function testFuzz_item5_ecdsaFirstAndNoImpersonation(uint256 seed, bytes32 digest, address contractAt)
        public
    {
        uint256 k = _key(seed);
        address eoa = vm.addr(k);
        vm.assume(eoa != contractAt);
        vm.assume(uint160(contractAt) > 0xffff); // not a precompile
        vm.assume(contractAt != address(h) && contractAt != address(wallet) && contractAt != address(vm));
        vm.assume(contractAt.code.length == 0);
        bytes memory sig = _sign(k, digest);
        bytes memory reverting = address(new ERC1271Reverting()).code;

        vm.etch(eoa, reverting);
        assertTrue(h.isValid(eoa, digest, sig));
        vm.etch(contractAt, reverting);
        assertFalse(h.isValid(contractAt, digest, sig));
    }
}
