// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/**
 * @title Roles
 * @notice The role ids of the HashMix `AccessManager` (OpenZeppelin 5). Every privileged function of
 * every HashMix contract is `restricted`: the manager maps it to one of these roles, grants the
 * role to the contracts (or people) that need it, and applies the role's grant and execution
 * delays. Admin functions not mapped to a role fall back to `ADMIN_ROLE` (0), whose holder should
 * be a timelock or a multisig on a public network.
 * @dev The deployment (Java `Deployer`) wires the roles below; `docs/contracts.md` lists which
 * function maps to which role and who holds it.
 */
library Roles {
    /// @notice The manager's admin (OpenZeppelin `ADMIN_ROLE`).
    uint64 internal constant ADMIN = 0;
    /// @notice Locks issuer collateral at mint (`CollateralVault.lock`): the hash power token.
    uint64 internal constant COLLATERAL_LOCKER = 1;
    /// @notice Takes and releases product collateral (`CollateralVault.take`, `release`): the
    /// fulfillment vault.
    uint64 internal constant COLLATERAL_MANAGER = 2;
    /// @notice Forfeits a frozen product's collateral and pays it out to holders
    /// (`CollateralVault.forfeit`, `payForfeited`): the hardware registry.
    uint64 internal constant COLLATERAL_FORFEITER = 3;
    /// @notice Freezes products (`HashPowerToken.freeze`): the hardware registry.
    uint64 internal constant PRODUCT_FREEZER = 4;
    /// @notice Marks products defaulted (`HashPowerToken.markDefaulted`): the fulfillment vault.
    uint64 internal constant PRODUCT_DEFAULTER = 5;
    /// @notice Locks attestor bonds (`AttestorRegistry.lockBonds`): the hash power token.
    uint64 internal constant BOND_LOCKER = 6;
    /// @notice Slashes attestor bonds (`AttestorRegistry.slash`): the hardware registry.
    uint64 internal constant BOND_SLASHER = 7;
    /// @notice Consumes proven Bitcoin payments (`BtcSpvVerifier.consumePayment`): the fulfillment vault
    /// and the Bitcoin evidence binding.
    uint64 internal constant SPV_CONSUMER = 8;
    /// @notice Adds and removes market payment currencies (`HashMixMarket.scheduleCurrency`, ...).
    uint64 internal constant CURRENCY_ADMIN = 9;
    /// @notice Pauses and resumes asset class prices at once (`HashPriceOracle.setPaused`): the
    /// circuit breaker, held by a person or a guardian multisig.
    uint64 internal constant PRICE_GUARDIAN = 10;
    /// @notice Tells the fulfillment observer router of settle passes and reports
    /// (`ObserverRouter.onSettled`, `onReported`): the fulfillment vault.
    uint64 internal constant FULFILLMENT_NOTIFIER = 11;
    /// @notice Records settled fulfillment in the credit registry (`CreditRegistry.recordFulfillment`):
    /// the observer router.
    uint64 internal constant CREDIT_RECORDER = 12;
    /// @notice Records slashed attestors and frozen products in the credit registry
    /// (`CreditRegistry.recordSlash`, `recordFrozen`): the hardware registry.
    uint64 internal constant FRAUD_REPORTER = 13;
    /// @notice Tells incentive programs of settle passes and reports (`IssuerRewards`,
    /// `AttestorRewards`, `HolderRewards`: `onSettled`, `onReported`): the observer router.
    uint64 internal constant REWARD_NOTIFIER = 14;
    /// @notice Sets lenders' stakes in the lenders' program (`HookStakeProgram.setStake`): the
    /// lending contract, once it is deployed and wired.
    uint64 internal constant STAKE_REPORTER = 15;
}
