package io.hashmix.core.fulfillment;

import io.hashmix.core.errors.RevertDecoder;

/**
 * Maps the custom errors of {@code FulfillmentVault} to the typed exceptions of this package.
 *
 * <p>Four vault errors share their signature with errors of other contracts, which another domain
 * already maps (a signature maps to one exception class); for them the caller gets:
 * <ul>
 *   <li>{@code NotTheIssuer(address,address)} (deposit or collateral withdrawal by someone else):
 *       {@link io.hashmix.core.tokenization.NotTheIssuerException} ({@code caller()}, {@code issuer()});</li>
 *   <li>{@code NonceAlreadyUsed(uint256)} (a replayed report):
 *       {@link io.hashmix.core.tokenization.NonceAlreadyUsedException} ({@code nonce()});</li>
 *   <li>{@code CollateralNotReceived(uint256,uint256)} (a settlement's collateral did not arrive in full):
 *       {@link io.hashmix.core.tokenization.CollateralNotReceivedException};</li>
 *   <li>{@code ZeroAddress()} (constructor only): {@link io.hashmix.core.committee.ZeroAddressException}.</li>
 * </ul>
 * {@code OwnableUnauthorizedAccount(address)} ({@link FulfillmentClient#setEpochConfig} by someone
 * other than the vault owner) arrives as {@link io.hashmix.core.errors.UnauthorizedAccountException};
 * the attestor registry's signature errors as the exceptions of {@code io.hashmix.core.committee};
 * the SPV verifier's errors of {@link FulfillmentClient#submitReportWithPayment} (e.g.
 * {@code PaymentAlreadyClaimed(bytes32)}) as {@link io.hashmix.core.errors.CustomErrorException}
 * with their decoded arguments.
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
                .map("ReportExpired(uint64)", ReportExpiredException::new)
                .map("EpochOutOfRange(uint256,uint32,uint32)", EpochOutOfRangeException::new)
                .map("EpochNotEnded(uint256,uint32,uint64)", EpochNotEndedException::new)
                .map("EpochAlreadyReported(uint256,uint32)", EpochAlreadyReportedException::new)
                .map("EpochAlreadySettled(uint256,uint32)", EpochAlreadySettledException::new)
                .map("ReportWindowClosed(uint256,uint32,uint64)", ReportWindowClosedException::new)
                .map("SpvVerifierNotSet()", SpvVerifierNotSetException::new)
                .map("EvidenceMismatch(bytes32,bytes32)", EvidenceMismatchException::new)
                .map("EpochNotReported(uint256,uint32,uint8)", EpochNotReportedException::new)
                .map("DepositWindowClosed(uint256,uint32,uint64)", DepositWindowClosedException::new)
                .map("DepositNotReceived(uint256,uint256)", DepositNotReceivedException::new)
                .map("ProductNotEnded(uint256,uint64)", ProductNotEndedException::new)
                .map("ProductNotSettled(uint256,uint32,uint32)", ProductNotSettledException::new)
                .map("LengthMismatch(uint256,uint256)", LengthMismatchException::new)
                .map("TooManyItems(uint256,uint256)", TooManyItemsException::new)
                .map("OutsideTerm(uint256,uint64)", OutsideTermException::new);
    }
}
