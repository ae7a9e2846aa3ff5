package io.hashmix.contracts;

/**
 * The contracts HashMix deploys, with the artifact each is built from.
 *
 * <p>Adding a contract to the protocol is one constant here, one line in
 * {@code contracts/scripts/export-artifacts.mjs} and one codegen execution in this module's POM.
 */
public enum ProtocolContract {

    /** The protocol's one authority (OpenZeppelin AccessManager): roles, hooks and admin delays. */
    ACCESS_MANAGER("HashMixAccessManager", false),

    /** Registry of asset classes (kinds of hash power, their units and payout tokens). */
    ASSET_CLASS_REGISTRY("AssetClassRegistry", false),

    /** The attestor committee: members, bonds, thresholds per asset class, signature checks. */
    ATTESTOR_REGISTRY("AttestorRegistry", false),

    /** Custody of issuer collateral per product: locked at mint, taken for shortfalls, forfeited on fraud. */
    COLLATERAL_VAULT("CollateralVault", false),

    /** The hash power NFT: products from M-of-N attestations, slices, holding history. */
    HASH_POWER_TOKEN("HashPowerToken", false),

    /** Ownership proofs and duplicate-hardware challenges; redemption of frozen products' tokens. */
    HARDWARE_REGISTRY("HardwareRegistry", false),

    /** The on-chain JSON metadata of hash power tokens ({@code tokenURI}). */
    TOKEN_METADATA_RENDERER("TokenMetadataRenderer", false),

    /** Bitcoin SPV verifier: committee-attested header checkpoints, payment proofs consumed once. */
    BTC_SPV_VERIFIER("BtcSpvVerifier", false),

    /**
     * Bitcoin evidence: committed payout scripts per product, SPV proofs bound to their reports, the subsidy floor
     * of unit revenues (deployed before the vault, which asks it about every report).
     */
    BITCOIN_EVIDENCE("BitcoinEvidence", false),

    /** Fulfillment: epoch reports, revenue deposits, holder claims, shortfall compensation, collateral release. */
    FULFILLMENT_VAULT("FulfillmentVault", false),

    /** Read-only views derived from the fulfillment vault (product state, epochs). */
    FULFILLMENT_LENS("FulfillmentLens", false),

    /** The market: EIP-712 listings, offers, criteria offers and swap orders settled atomically. */
    HASH_MIX_MARKET("HashMixMarket", false),

    /** Committee-observed hashprices and payout token prices per asset class (median, bounds, breaker). */
    HASH_PRICE_ORACLE("HashPriceOracle", false),

    /** The one valuation of hash power tokens (swap, lending, credit): units x remaining life x price x delivery. */
    HASH_POWER_VALUATION("HashPowerValuation", false),

    /** The oracle-valued swap pool: cross-coin swaps at value parity, LP shares, revenue for shareholders. */
    HASH_POWER_SWAP_POOL("HashPowerSwapPool", false),
    /** Read-only views of the swap pool's books (held products, class settings and tallies, payout tokens, revenue). */
    SWAP_POOL_LENS("SwapPoolLens", false),
    /** Credit scores from the protocol's records (fulfillment, frauds, loans): scores, breakdowns, parameters. */
    CREDIT_REGISTRY("CreditRegistry", false),

    /** Credit-adjusted collateral: what a product must lock at mint, given its issuer's credit. */
    COLLATERAL_POLICY("CollateralPolicy", false),

    /** The fulfillment vault's observer: fans settle passes and reports out to credit and incentive programs. */
    OBSERVER_ROUTER("ObserverRouter", false),

    /** The HMX emission schedule and its split across incentive programs; deploys HMX and is its only minter. */
    EMISSION_CONTROLLER("EmissionController", false),

    /** HMX, the incentive token (capped, permit), created by the emission controller. */
    HMX_TOKEN("HMXToken", false),

    /** Rewards for issuers of one asset class, by units x time delivered, scaled by credit. */
    ISSUER_REWARDS("IssuerRewards", false),

    /** Rewards for attestors, per report signed and not slashed. */
    ATTESTOR_REWARDS("AttestorRewards", false),

    /** Rewards for holders of one asset class's tokens, by units x time held. */
    HOLDER_REWARDS("HolderRewards", false),

    /** Rewards by amount x time staked of an ERC-20 (a generic program; not deployed by the {@code Deployer}). */
    TOKEN_STAKING_PROGRAM("TokenStakingProgram", false),

    /**
     * The liquidity providers' program: HMX paid into the swap pool, shared by pool shares x time through the
     * pool's revenue unlocking (claimed with the pool's {@code claimRevenue}).
     */
    REVENUE_SHARE_PROGRAM("RevenueShareProgram", false),

    /** Rewards by an amount x time a protocol contract reports (lenders: principal lent, from lending). */
    HOOK_STAKE_PROGRAM("HookStakeProgram", false),

    /**
     * The market makers' program: after each period the committee signs the Merkle root of every maker's
     * cumulative reward, computed off chain from the market's fills ({@code MakerRewardsAllocator}); makers claim
     * against a proof.
     */
    MAKER_REWARDS("MakerRewards", false),

    /** Lending's refinance and foreclosure module, run by the lending contract by delegatecall. */
    LENDING_MODULE("LendingModule", false),

    /** Lending: self-repaying loans against escrowed hash power tokens (EIP-712 loan orders). */
    HASH_POWER_LENDING("HashPowerLending", false),

    /** Read-only views of lending (loans with their debt, auctions, orders, records for credit). */
    LENDING_LENS("LendingLens", false),

    /**
     * A fixed-price valuation standing in for the protocol's oracle valuation on local chains, until
     * {@code HashPowerValuation} is part of the deployment. Never deployed by the {@code Deployer}
     * unless dev tokens are asked for.
     */
    FIXED_PRICE_VALUATION("FixedPriceValuation", true),

    /**
     * A mintable ERC-20 standing in for a payout token (e.g. wrapped BTC) on local chains.
     * Never deployed to a public network by the {@code Deployer} unless asked for.
     */
    TEST_PAYOUT_TOKEN("TestPayoutToken", true);

    private final String artifactName;
    private final boolean devOnly;

    ProtocolContract(String artifactName, boolean devOnly) {
        this.artifactName = artifactName;
        this.devOnly = devOnly;
    }

    /** Name of the Solidity contract and of its exported {@code .abi}/{@code .bin} resources. */
    public String artifactName() {
        return artifactName;
    }

    /** Whether this contract exists only for local chains and tests. */
    public boolean devOnly() {
        return devOnly;
    }

    /** The compiled artifact (ABI and creation bytecode) of this contract. */
    public ContractArtifact artifact() {
        return ContractArtifact.load(artifactName);
    }
}
