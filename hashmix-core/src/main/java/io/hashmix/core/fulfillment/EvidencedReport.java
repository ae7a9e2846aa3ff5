package io.hashmix.core.fulfillment;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A report accepted with bound Bitcoin evidence ({@link FulfillmentClient#submitReportWithEvidence}): the vault's
 * {@code FulfillmentReported} and the binding's {@code EvidenceAccepted}, read from the receipt.
 *
 * @param report            the accepted report (digest, deposit deadline, receipt)
 * @param commitmentVersion the product's payout commitment the proofs were checked against
 * @param satoshis          satoshis the proofs paid to the committed scripts
 * @param provenBaseUnits   the same in payout base units: the most revenue the report could claim
 * @param floor             the subsidy floor the unit revenue had to reach (base units per unit x 10^18)
 * @param floorHeight       the height of the block the floor comes from (the first proof's, proven by its coinbase)
 */
public record EvidencedReport(SubmittedReport report, long commitmentVersion, long satoshis, BigInteger provenBaseUnits,
                              BigInteger floor, long floorHeight) {

    /** Checks the parts. */
    public EvidencedReport {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(provenBaseUnits, "provenBaseUnits");
        Objects.requireNonNull(floor, "floor");
    }
}
