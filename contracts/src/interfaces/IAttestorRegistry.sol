// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice One attestor signature over an EIP-712 digest.
/// @param signer The attestor: an EOA (65-byte ECDSA signature) or a contract (EIP-1271).
/// @param signature The signature bytes, checked with the protocol's `SignaturePolicy`.
struct AttestorSignature {
    address signer;
    bytes signature;
}

/// @notice State of one attestor in the {AttestorRegistry}.
/// @param member Whether the account is currently in the committee.
/// @param bond Native coin bonded (slashable).
/// @param lockedUntil Timestamp before which the bond cannot be withdrawn (set through `lockBonds`,
/// e.g. the end of a product the attestor signed).
/// @param exitAvailableAt Timestamp from which a former member may withdraw (0 if it never left).
// solhint-disable-next-line gas-struct-packing
struct AttestorInfo {
    bool member;
    uint256 bond;
    uint64 lockedUntil;
    uint64 exitAvailableAt;
}

/**
 * @title IAttestorRegistry
 * @notice The part of the attestor registry other HashMix contracts use: committee epoch and
 * thresholds, M-of-N signature verification, and the role-gated bond lock and slash hooks.
 */
interface IAttestorRegistry {
    /// @notice Current committee epoch; bumped by every membership change.
    /// @return The epoch.
    function epoch() external view returns (uint64);

    /// @notice Signature threshold of an asset class (0 = not set).
    /// @param assetClass Asset class id.
    /// @return The threshold.
    function threshold(bytes32 assetClass) external view returns (uint8);

    /// @notice Whether `attestor` is a member with at least the minimum bond.
    /// @param attestor Account.
    /// @return True if active.
    function isActiveAttestor(address attestor) external view returns (bool);

    /// @notice Verifies M-of-N attestor signatures over `digest`.
    /// @param digest EIP-712 digest that was signed.
    /// @param assetClass Asset class whose threshold applies.
    /// @param committeeEpoch Epoch the attestation was signed for (must be current).
    /// @param signatures Signatures, signers strictly ascending.
    /// @return signers The signers, in the given order.
    function verifySignatures(
        bytes32 digest,
        bytes32 assetClass,
        uint64 committeeEpoch,
        AttestorSignature[] calldata signatures
    ) external view returns (address[] memory signers);

    /// @notice Locks the bonds of `attestors` until at least `until`.
    /// @param attestors Accounts whose bonds are locked.
    /// @param until Timestamp the bonds stay locked until.
    function lockBonds(address[] calldata attestors, uint64 until) external;

    /// @notice Slashes and burns the whole bond of `attestor`; a member is removed from the committee.
    /// @param attestor Slashed account.
    /// @return slashed Amount slashed (the whole bond).
    function slash(address attestor) external returns (uint256 slashed);
}
