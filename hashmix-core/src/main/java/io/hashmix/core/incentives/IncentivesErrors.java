package io.hashmix.core.incentives;

import io.hashmix.core.errors.RevertDecoder;

/**
 * Maps the custom errors of the incentive layer ({@code EmissionController}, {@code HMXToken} and the
 * programs) to the typed exceptions of this package.
 *
 * <p>Shared errors arrive as the exceptions of {@link io.hashmix.core.errors}: {@code ZeroAddress},
 * {@code ZeroAmount} (funding or staking nothing), {@code AmountNotReceived} (a fee-on-transfer stake
 * token), {@code LengthMismatch} and {@code TooManyItems} (holder claims) and
 * {@code AccessManagedUnauthorized} (an admin or hook function by someone without the role); the
 * makers' program's committee checks arrive as {@code AttestationExpired} and {@code NonceAlreadyUsed}
 * ({@link io.hashmix.core.errors}) and the committee's exceptions ({@code BelowThreshold},
 * {@code StaleCommitteeEpoch}, ...: {@link io.hashmix.core.committee}).
 */
public final class IncentivesErrors {

    private IncentivesErrors() {
    }

    /**
     * Registers every typed exception of this domain with a decoder builder.
     *
     * @param decoder the builder
     */
    public static void register(RevertDecoder.Builder decoder) {
        decoder
                .map("InvalidSchedule()", InvalidScheduleException::new)
                .map("ProgramAlreadyAdded(address)", ProgramAlreadyAddedException::new)
                .map("UnknownProgram(address)", UnknownProgramException::new)
                .map("NoPendingWeight(address)", NoPendingWeightException::new)
                .map("WeightNotReady(address,uint64)", WeightNotReadyException::new)
                .map("EmissionStarted(uint64)", EmissionStartedException::new)
                .map("PayoutExceedsAllocation(address,uint256,uint256)", PayoutExceedsAllocationException::new)
                .map("NotMinter(address)", NotMinterException::new)
                .map("InsufficientStake(uint256,uint256)", InsufficientStakeException::new)
                .map("WrongAssetClass(uint256,bytes32)", WrongAssetClassException::new)
                .map("StillCounting(uint256)", StillCountingException::new)
                .map("PeriodOutOfOrder(uint64,uint64)", PeriodOutOfOrderException::new)
                .map("BlockRangeInvalid(uint64,uint64)", BlockRangeInvalidException::new)
                .map("RootTotalOutOfBounds(uint256,uint256,uint256)", RootTotalOutOfBoundsException::new)
                .map("InvalidMakerProof(address,uint256)", InvalidMakerProofException::new)
                .map("NothingToClaim(address,uint256,uint256)", NothingToClaimException::new)
                .map("RootTotalExceeded(uint256,uint256)", RootTotalExceededException::new);
    }
}
