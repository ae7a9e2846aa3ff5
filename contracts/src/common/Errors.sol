// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// The errors more than one HashMix contract raises, declared once so that one error has one
// selector, one meaning and one SDK exception everywhere. Errors that belong to a single contract
// stay in that contract.

/// @notice address(0) given where an account or contract is required.
error ZeroAddress();

/// @notice A zero amount where a positive one is required.
error ZeroAmount();

/// @notice Sending `amount` of native coin to `to` failed.
error NativeTransferFailed(address to, uint256 amount);

/// @notice This contract's ERC-20 balance did not grow by exactly the amount pulled (fee-on-transfer,
/// rebasing or otherwise non-standard tokens are refused).
error AmountNotReceived(uint256 expected, uint256 received);

/// @notice The committee attestation's deadline has passed.
error AttestationExpired(uint64 deadline);

/// @notice The attestation nonce was already consumed by this contract.
error NonceAlreadyUsed(uint256 nonce);

/// @notice Two arrays that must be the same length are not.
error LengthMismatch(uint256 a, uint256 b);

/// @notice More items than a call accepts.
error TooManyItems(uint256 count, uint256 max);

/// @notice No product has this id.
error UnknownProduct(uint256 productId);

/// @notice The caller is not the product's issuer.
error NotTheIssuer(address caller, address issuer);

/// @notice A zero number of units where a positive one is required.
error ZeroUnits();

/// @notice Shared constants of the errors' users: the basis-point denominator.
/// @dev Also gives this file a contract: the production build compiles every source file on its
/// own, and Hardhat's node refuses to load the build info of a file without any contract.
library BasisPoints {
    /// @notice 100% in basis points.
    uint256 internal constant DENOMINATOR = 10_000;
}
