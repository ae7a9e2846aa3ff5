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
    /** Liquidity providers, by pool shares x time staked (once a swap pool and its program are deployed). */
    LIQUIDITY_PROVIDERS(ProtocolContract.TOKEN_STAKING_PROGRAM),
    /** Lenders, by principal x time (once lending and its program are deployed and wired). */
    LENDERS(ProtocolContract.HOOK_STAKE_PROGRAM);

    private final ProtocolContract contract;

    RewardProgram(ProtocolContract contract) {
        this.contract = contract;
    }

    /** The program's contract. */
    public ProtocolContract contract() {
        return contract;
    }

    /** Whether its participants claim per account (all but {@link #HOLDERS}, who claim per holding). */
    public boolean perAccount() {
        return this != HOLDERS;
    }
}
