package io.hashmix.core.fulfillment;

import io.hashmix.core.errors.RevertDecoder;

/**
 * Maps the custom errors of {@code FulfillmentVault} and {@code FulfillmentLens} to the typed
 * exceptions of this package.
 *
 * <p>The errors every HashMix contract shares arrive as the exceptions of
 * {@link io.hashmix.core.errors} ({@link io.hashmix.core.errors.CommonErrors}): {@code NotTheIssuer}
 * (deposit or collateral withdrawal by someone else), {@code AttestationExpired} and
 * {@code NonceAlreadyUsed} (an expired or replayed report), {@code AmountNotReceived} (a deposit or
 * collateral that did not arrive in full), {@code LengthMismatch}, {@code TooManyItems}, and
 * {@code AccessManagedUnauthorized} ({@link FulfillmentClient#setEpochConfig} by someone who is not
 * the admin). The attestor registry's signature errors arrive as the exceptions of
 * {@code io.hashmix.core.committee}; the SPV verifier's errors of
 * {@link FulfillmentClient#submitReportWithPayment} and of the Bitcoin evidence binding arrive as
 * {@link PaymentAlreadyClaimedException} (a txid already consumed) and {@link SpvProofRejectedException} (the proof
 * itself), its checkpoint errors as {@link CheckpointExistsException} and {@link InvalidCheckpointException}. The
 * errors of {@code BitcoinEvidence} (payout commitments, class parameters, bound evidence) map to this package's
 * exceptions too; those that refuse a report's evidence implement {@link EvidenceRefusal}.
 */
public final class FulfillmentErrors {

    private FulfillmentErrors() {
    }

    /**
     * Registers every typed exception of this domain with a decoder builder.
     *
     * @param decoder the builder
     */
    public static void register(RevertDecoder.Builder decoder) {
        decoder
                .map("InvalidEpochConfig()", InvalidEpochConfigException::new)
                .map("EpochConfigNotSet(bytes32)", EpochConfigNotSetException::new)
                .map("ProductNotTracked(uint256)", ProductNotTrackedException::new)
                .map("InvalidReport()", InvalidReportException::new)
                .map("EpochOutOfRange(uint256,uint32,uint32)", EpochOutOfRangeException::new)
                .map("EpochNotEnded(uint256,uint32,uint64)", EpochNotEndedException::new)
                .map("EpochAlreadyReported(uint256,uint32)", EpochAlreadyReportedException::new)
                .map("EpochAlreadySettled(uint256,uint32)", EpochAlreadySettledException::new)
                .map("ReportWindowClosed(uint256,uint32,uint64)", ReportWindowClosedException::new)
                .map("SpvVerifierNotSet()", SpvVerifierNotSetException::new)
                .map("EvidenceMismatch(bytes32,bytes32)", EvidenceMismatchException::new)
                .map("EpochNotReported(uint256,uint32,uint8)", EpochNotReportedException::new)
                .map("DepositWindowClosed(uint256,uint32,uint64)", DepositWindowClosedException::new)
                .map("ProductNotEnded(uint256,uint64)", ProductNotEndedException::new)
                .map("ProductNotSettled(uint256,uint32,uint32)", ProductNotSettledException::new)
                .map("OutsideTerm(uint256,uint64)", OutsideTermException::new)
                // BitcoinEvidence (EvidenceMismatch(bytes32,bytes32) is shared with the vault, above)
                .map("SpvEvidenceRequired(uint256)", SpvEvidenceRequiredException::new)
                .map("VaultNotSet()", EvidenceVaultNotSetException::new)
                .map("VaultAlreadySet()", EvidenceVaultAlreadySetException::new)
                .map("InvalidCommitment()", InvalidPayoutCommitmentException::new)
                .map("StaleCommitmentVersion(uint256,uint64,uint64)", StaleCommitmentVersionException::new)
                .map("SpvRequirementLocked(uint256)", SpvRequirementLockedException::new)
                .map("ClassNotConfigured(bytes32)", BitcoinClassNotConfiguredException::new)
                .map("InvalidClassParams()", InvalidBitcoinClassParamsException::new)
                .map("UnsupportedUnit(bytes32)", UnsupportedUnitException::new)
                .map("NoPendingClassParams(bytes32)", NoPendingClassParamsException::new)
                .map("ClassParamsNotReady(bytes32,uint64)", ClassParamsNotReadyException::new)
                .map("NoPayoutCommitment(uint256)", NoPayoutCommitmentException::new)
                .map("InvalidPaymentCount(uint256,uint256)", InvalidPaymentCountException::new)
                .map("ScriptNotCommitted(uint256,bytes32)", ScriptNotCommittedException::new)
                .map("ConfirmationsBelowMinimum(uint256,uint256,uint256)", ConfirmationsBelowMinimumException::new)
                .map("StaleCheckpoint(uint256,bytes32,uint64)", StaleCheckpointException::new)
                .map("PaymentOutsideWindow(uint256,uint256,uint256,uint256)", PaymentOutsideWindowException::new)
                .map("CoinbaseHeightMismatch(uint256)", CoinbaseHeightMismatchException::new)
                .map("RevenueAboveProven(uint256,uint256)", RevenueAboveProvenException::new)
                .map("DeliveredAboveProven(uint256,uint256,uint256)", DeliveredAboveProvenException::new)
                .map("UnitRevenueBelowFloor(uint256,uint256)", UnitRevenueBelowFloorException::new)
                // the SPV verifier: payments (under both evidence paths), checkpoints, deployment
                .map("PaymentAlreadyClaimed(bytes32)", PaymentAlreadyClaimedException::new)
                .map("CheckpointExists(bytes32)", CheckpointExistsException::new)
                .map("InvalidCheckpoint(uint64,uint32)", InvalidCheckpointException::new)
                .map("InvalidNetworkParams()", InvalidNetworkParamsException::new);
        SpvProofRejectedException.SIGNATURES.keySet().forEach(sig -> decoder.map(sig, SpvProofRejectedException::new));
    }
}
