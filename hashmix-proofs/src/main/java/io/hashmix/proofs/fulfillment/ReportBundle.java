package io.hashmix.proofs.fulfillment;

import java.util.List;

import io.hashmix.proofs.attestation.AttestorSignature;
import io.hashmix.proofs.attestation.SignedBundle;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * A fulfillment report with its domain (chain id + {@code FulfillmentVault} address) and the committee's
 * signatures: what a relayer passes to {@code FulfillmentVault.submitReport(report, sigs)}. Built and signed
 * like product attestations ({@link SignedBundle.Builder}) and checked offline with the same
 * {@link io.hashmix.proofs.attestation.BundleVerifier} (committee of the product's asset class, its threshold).
 *
 * @param domain the EIP-712 domain the signatures were made for
 * @param report the signed report
 * @param signatures the attestor signatures, in the order given (copied into an unmodifiable list)
 */
public record ReportBundle(Eip712Domain domain, FulfillmentReport report, List<AttestorSignature> signatures)
        implements SignedBundle<FulfillmentReport> {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if any component or signature is null
     */
    public ReportBundle {
        signatures = SignedBundle.checkedSignatures(domain, report, signatures);
    }

    /**
     * The report (the {@link SignedBundle} name of {@link #report()}).
     *
     * @return the report
     */
    @Override
    public FulfillmentReport message() {
        return report;
    }

    /**
     * Starts a bundle for a report in a domain.
     *
     * @param domain the domain (chain + FulfillmentVault address)
     * @param report the report
     * @return a builder that signs and sorts
     */
    public static Builder builder(Eip712Domain domain, FulfillmentReport report) {
        return new Builder(domain, report);
    }

    /** Collects signatures and builds a bundle sorted by signer (see {@link SignedBundle.Builder}). Not thread-safe. */
    public static final class Builder extends SignedBundle.Builder<FulfillmentReport, ReportBundle, Builder> {
        private Builder(Eip712Domain domain, FulfillmentReport report) {
            super(domain, report, ReportBundle::new);
        }
    }
}
