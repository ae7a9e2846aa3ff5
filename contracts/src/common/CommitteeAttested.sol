// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AttestorSignature, IAttestorRegistry} from "../interfaces/IAttestorRegistry.sol";
import {AttestationExpired, NonceAlreadyUsed, ZeroAddress} from "./Errors.sol";
import {HashMixEIP712} from "./HashMixEIP712.sol";

/**
 * @title CommitteeAttested
 * @notice The one check of a committee-signed message (a product attestation, a fulfillment report,
 * a header checkpoint): deadline, single use of its nonce in this contract, and M-of-N signatures
 * of the current committee epoch over its EIP-712 digest in this contract's domain.
 * @dev Nonces are per consuming contract: the same nonce may be used once by each contract, and
 * the domain binds every signature to one contract and chain (checklist item 3).
 */
abstract contract CommitteeAttested is HashMixEIP712 {
    /// @notice The committee whose signatures this contract accepts.
    IAttestorRegistry public immutable attestorRegistry;

    mapping(uint256 nonce => bool) private _usedNonces;

    /// @param attestors The attestor registry ({ZeroAddress} if zero).
    constructor(IAttestorRegistry attestors) {
        if (address(attestors) == address(0)) revert ZeroAddress();
        attestorRegistry = attestors;
    }

    /// @notice Whether an attestation nonce was consumed by this contract.
    /// @param nonce Nonce.
    /// @return True if used.
    function isNonceUsed(uint256 nonce) external view returns (bool) {
        return _usedNonces[nonce];
    }

    /**
     * @dev Checks the deadline ({AttestationExpired}) and the nonce ({NonceAlreadyUsed}), verifies
     * the signatures over the digest of `structHash` (the registry's errors: `StaleCommitteeEpoch`,
     * `BelowThreshold`, ...), then consumes the nonce.
     * @return digest The EIP-712 digest the committee signed.
     * @return signers The signers, ascending.
     */
    function _consumeAttestation(
        bytes32 structHash,
        bytes32 assetClass,
        uint256 nonce,
        uint64 deadline,
        uint64 committeeEpoch,
        AttestorSignature[] calldata signatures
    ) internal returns (bytes32 digest, address[] memory signers) {
        if (block.timestamp > deadline) revert AttestationExpired(deadline);
        if (_usedNonces[nonce]) revert NonceAlreadyUsed(nonce);
        digest = _hashTypedDataV4(structHash);
        signers = attestorRegistry.verifySignatures(digest, assetClass, committeeEpoch, signatures);
        _usedNonces[nonce] = true;
    }
}
