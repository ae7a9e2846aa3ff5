package io.hashmix.core.incentives;

import io.hashmix.contracts.ProtocolContract;

/** The incentive programs a deployment may hold, with the contract each is. */
public enum RewardProgram {

    /** Issuers of the deployment's asset class, by units x time delivered, scaled by credit. */
    ISSUERS(ProtocolContract.ISSUER_REWARDS),
    /** Attestors, per fulfillment report signed and not slashed. */
    ATTESTORS(ProtocolContract.ATTESTOR_REWARDS),
    /** Holders of the deployment's asset class, by units x time held (claimed per holding). */
    HOLDERS(ProtocolContract.HOLDER_REWARDS),
    /**
     * Liquidity providers of the swap pool, by pool shares x time held: the program pays HMX into the pool, which
     * shares it like revenue (unlocking over a day); claimed with the pool's revenue.
     */
    LIQUIDITY_PROVIDERS(ProtocolContract.REVENUE_SHARE_PROGRAM),
    /** Lenders, by principal x time (once lending and its program are deployed and wired). */
    LENDERS(ProtocolContract.HOOK_STAKE_PROGRAM),
    /**
     * Market makers, by the protocol fees of their orders' fills: after each period the committee signs the Merkle
     * root of every maker's cumulative reward, computed off chain from the market's fills; a maker claims against a
     * proof of its leaf ({@link IncentivesClient#claimMakerReward}). What a maker can claim depends on that
     * off-chain tree, so this program is not in {@link IncentivesClient#claimable} nor {@link IncentivesClient#claimAll}
     * (use {@link IncentivesClient#makerClaimable}).
     */
    MARKET_MAKERS(ProtocolContract.MAKER_REWARDS);

    private final ProtocolContract contract;

    RewardProgram(ProtocolContract contract) {
        this.contract = contract;
    }

    /** The program's contract. */
    public ProtocolContract contract() {
        return contract;
    }

    /**
     * Whether its participants claim per account from what the program holds on chain, with
     * {@link IncentivesClient#claim}: all but {@link #HOLDERS}, who claim per holding, and {@link #MARKET_MAKERS},
     * who claim against a proof of the committee's off-chain tree.
     */
    public boolean perAccount() {
        return this != HOLDERS && this != MARKET_MAKERS;
    }
}
