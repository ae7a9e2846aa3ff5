package io.hashmix.core.credit;

import io.hashmix.core.errors.RevertDecoder;

/**
 * Maps the custom errors of the credit system to the typed exceptions of this package: the
 * {@code CreditRegistry}, the {@code CollateralPolicy}, the {@code ObserverRouter}, and the credit
 * hooks of the contracts it plugs into ({@code CollateralBelowRequired}, {@code NoPendingPolicy} and
 * {@code PolicyNotReady} of the {@code CollateralVault}, {@code ObserverGasTooLow} of the
 * {@code FulfillmentVault}, {@code CreditGasTooLow} of the {@code HardwareRegistry}).
 *
 * <p>Shared errors arrive as the exceptions of {@link io.hashmix.core.errors}: {@code ZeroAddress},
 * {@code TooManyItems} (more than four loan currencies or router programs) and
 * {@code AccessManagedUnauthorized} (an admin function by someone without the role, or a record
 * function by anyone but the protocol contract holding its role).
 */
public final class CreditErrors {

    private CreditErrors() {
    }

    /**
     * Registers every typed exception of this domain with a decoder builder.
     *
     * @param decoder the builder
     */
    public static void register(RevertDecoder.Builder decoder) {
        decoder
                .map("InvalidCreditParams()", InvalidCreditParamsException::new)
                .map("NoPendingCreditChange()", NoPendingCreditChangeException::new)
                .map("CreditChangeNotReady(uint64)", CreditChangeNotReadyException::new)
                .map("InvalidPass()", InvalidPassException::new)
                .map("TimeBeforeRecord(uint64,uint64)", TimeBeforeRecordException::new)
                .map("InvalidMultipliers(uint256,uint256)", InvalidMultipliersException::new)
                .map("BaseRateTooLarge(uint256)", BaseRateTooLargeException::new)
                .map("NoPendingRate(bytes32)", NoPendingRateException::new)
                .map("RateNotReady(bytes32,uint64)", RateNotReadyException::new)
                .map("CollateralBelowRequired(uint256,uint256)", CollateralBelowRequiredException::new)
                .map("NoPendingPolicy()", NoPendingPolicyException::new)
                .map("PolicyNotReady(uint64)", PolicyNotReadyException::new)
                .map("ObserverGasTooLow()", ObserverGasTooLowException::new)
                .map("CreditGasTooLow()", CreditGasTooLowException::new)
                .map("ProgramAlreadyListening(address)", ProgramAlreadyListeningException::new)
                .map("ProgramNotListening(address)", ProgramNotListeningException::new);
    }
}
