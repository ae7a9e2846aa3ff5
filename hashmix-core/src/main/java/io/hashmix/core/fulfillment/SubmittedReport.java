package io.hashmix.core.fulfillment;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * A report the vault accepted, read from its {@code FulfillmentReported} event (and
 * {@code PaymentEvidenceVerified} for {@link FulfillmentClient#submitReportWithPayment}).
 *
 * @param productId       the product
 * @param epoch           the epoch reported
 * @param digest          the EIP-712 digest the committee signed
 * @param depositDeadline last second the issuer may deposit the revenue
 * @param provenSatoshis  satoshis the SPV proof showed paid by the evidence transaction, if one was given
 * @param receipt         the transaction's receipt
 */
public record SubmittedReport(ProductId productId, long epoch, Bytes32 digest, Instant depositDeadline,
                              Optional<BigInteger> provenSatoshis, TxReceipt receipt) {

    /** Checks the parts. */
    public SubmittedReport {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(depositDeadline, "depositDeadline");
        Objects.requireNonNull(provenSatoshis, "provenSatoshis");
        Objects.requireNonNull(receipt, "receipt");
    }
}
