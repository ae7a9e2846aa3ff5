// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";

/**
 * @title SignaturePolicy
 * @notice The one rule every HashMix contract uses to decide whether `signer` signed `digest`
 * (attestor signatures, market orders, loan orders, price observations).
 * @dev A signature is valid when either:
 * 1. it is 65 bytes (`r || s || v`) and ECDSA-recovers to `signer` with a low `s` and `v` in
 *    {27, 28} (OpenZeppelin {ECDSA}: malleable high-`s` copies are refused). 64-byte EIP-2098
 *    signatures are refused on purpose, whatever a future OpenZeppelin version accepts; or
 * 2. `signer` has code and its EIP-1271 `isValidSignature(digest, signature)` returns the magic
 *    value as a full 32-byte word, answered within {ERC1271_GAS_LIMIT} gas. A wallet that reverts,
 *    returns short data, returns anything else or burns its gas simply does not sign: the check
 *    never reverts and at most 32 bytes of its return data are copied (no return-data bomb).
 *
 * ECDSA is tried first, so an account that is an EOA today and gains code later (EIP-7702
 * delegation) keeps signing with its key, and the common path costs no code-size lookup. A
 * contract account cannot produce a matching ECDSA signature (that would need the private key of
 * its address), so trying ECDSA first never lets a contract sign in a way it did not approve.
 */
library SignaturePolicy {
    /// @notice Gas forwarded to each EIP-1271 `isValidSignature` staticcall (a 5-owner Safe needs
    /// about 40,000; a cap keeps one wallet from consuming the caller's whole gas).
    uint256 internal constant ERC1271_GAS_LIMIT = 100_000;

    /// @notice Whether `signature` is `signer`'s valid signature of `digest` under the policy above.
    /// @param signer The claimed signer (EOA or contract).
    /// @param digest The signed digest (an EIP-712 digest everywhere in HashMix).
    /// @param signature The signature bytes.
    /// @return True if valid.
    function isValidSignatureNow(address signer, bytes32 digest, bytes calldata signature)
        internal
        view
        returns (bool)
    {
        if (signature.length == 65) {
            (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
            if (err == ECDSA.RecoverError.NoError && recovered == signer) return true;
        }
        if (signer.code.length == 0) return false;
        return isValidErc1271SignatureNow(signer, digest, signature);
    }

    /// @notice The EIP-1271 half of the policy: a gas-capped staticcall that copies at most 32 bytes.
    /// @param signer The contract account.
    /// @param digest The signed digest.
    /// @param signature The signature bytes, passed as-is.
    /// @return True if the wallet returned the magic value as a full word.
    function isValidErc1271SignatureNow(address signer, bytes32 digest, bytes calldata signature)
        internal
        view
        returns (bool)
    {
        bytes memory data = abi.encodeCall(IERC1271.isValidSignature, (digest, signature));
        uint256 gasLimit = ERC1271_GAS_LIMIT;
        bool success;
        uint256 size;
        bytes32 word;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            success := staticcall(gasLimit, signer, add(data, 0x20), mload(data), 0x00, 0x20)
            size := returndatasize()
            word := mload(0x00)
        }
        return success && size >= 32 && word == bytes32(IERC1271.isValidSignature.selector);
    }
}
