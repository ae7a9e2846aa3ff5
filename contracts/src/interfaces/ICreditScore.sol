// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title ICreditScore
 * @notice An account's credit score (0..1000, newcomers start at 300) as the credit registry computes
 * it from the protocol's own records: what the collateral policy, lending (an optional minimum score
 * in loan offers) and the incentive programs read. See docs/credit.md for the formula.
 */
interface ICreditScore {
    /// @notice An account's score now, 0..{MAX_SCORE}.
    /// @param account The account.
    /// @return The score.
    function scoreOf(address account) external view returns (uint256);

    /// @notice What the collateral policy needs of an issuer, in one call: its score without the
    /// borrower part (collateral secures fulfillment, so it follows the issuer's own record: lending to
    /// oneself cannot lower it, and a mint never calls the lending contract), and how many delivered
    /// unit-seconds of `assetClass` its record holds now (decayed): the exposure a discount can apply to.
    /// @param issuer The issuer.
    /// @param assetClass The asset class.
    /// @return collateralScore The score for collateral terms.
    /// @return classCredit Delivered unit-seconds of the class, decayed to now.
    function collateralTerms(address issuer, bytes32 assetClass)
        external
        view
        returns (uint256 collateralScore, uint256 classCredit);

    /// @notice An issuer's delivered unit-seconds in an asset class, decayed to now.
    /// @param issuer The issuer.
    /// @param assetClass The asset class.
    /// @return The amount.
    function classCreditOf(address issuer, bytes32 assetClass) external view returns (uint256);

    /// @notice How many times an account's attestor bond was slashed (lifetime).
    /// @param account The account.
    /// @return The count.
    function slashesOf(address account) external view returns (uint256);
}
