/**
 * Fulfillment reports of the {@code FulfillmentVault} contract: what a product delivered over an epoch,
 * attested M-of-N by the committee.
 *
 * <p>{@link io.hashmix.proofs.fulfillment.FulfillmentReport} is the EIP-712 message (exact type string of the
 * vault); {@link io.hashmix.proofs.fulfillment.SourceChain} and {@link io.hashmix.proofs.fulfillment.Evidence}
 * compute its {@code sourceChain} and {@code evidence} values. A {@link io.hashmix.proofs.fulfillment.ReportBundle}
 * pairs a report with its signatures; it is signed and verified exactly like a product attestation (the
 * {@link io.hashmix.proofs.attestation.SignedBundle} builder and
 * {@link io.hashmix.proofs.attestation.BundleVerifier}) and carried as JSON by
 * {@link io.hashmix.proofs.fulfillment.ReportJson}. The shared vectors in
 * {@code test-vectors/fulfillment-report.json} pin the encoding to the contract's.
 *
 * <p>Conventions as in the attestation package: invalid arguments raise
 * {@link java.lang.IllegalArgumentException}, malformed JSON its subclass
 * {@link io.hashmix.proofs.attestation.ProofJsonException}; all types are immutable except the builders.
 */
package io.hashmix.proofs.fulfillment;
