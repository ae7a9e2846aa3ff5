// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title ICollateralPolicy
 * @notice How much collateral a product must lock at mint, given its issuer's credit. The collateral
 * vault asks it in `lock` (the hash power token locks collateral after it stored the product) and
 * refuses a mint whose attested collateral is below the answer.
 */
interface ICollateralPolicy {
    /// @notice The least collateral (payout token base units) a product needs.
    /// @param issuer The product's issuer.
    /// @param assetClass Its asset class.
    /// @param capacity Its capacity (units).
    /// @param start Start of its term.
    /// @param end End of its term.
    /// @return required The amount (0: no requirement).
    function requiredCollateral(address issuer, bytes32 assetClass, uint256 capacity, uint64 start, uint64 end)
        external
        view
        returns (uint256 required);
}
