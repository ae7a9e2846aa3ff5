/**
 * M-of-N product attestations: the signed EIP-712 message ({@link io.hashmix.proofs.attestation.ProductAttestation}),
 * attestor signatures and how they are made ({@link io.hashmix.proofs.attestation.AttestationSigner}),
 * bundles of a message with its signatures ({@link io.hashmix.proofs.attestation.AttestationBundle}), their JSON
 * codec ({@link io.hashmix.proofs.attestation.AttestationJson}) and offline verification against a committee
 * ({@link io.hashmix.proofs.attestation.BundleVerifier}). The bundle machinery is generic: any
 * {@link io.hashmix.proofs.attestation.CommitteeMessage} (product attestations, fulfillment reports) pairs with its
 * signatures as a {@link io.hashmix.proofs.attestation.SignedBundle}, signed by the same builder and checked by the
 * same verifier.
 *
 * <p>Conventions: invalid arguments raise {@link java.lang.IllegalArgumentException} (malformed JSON raises its
 * subclass {@link io.hashmix.proofs.attestation.ProofJsonException}); verification returns a result on success and
 * throws {@link io.hashmix.proofs.attestation.AttestationVerificationException} with a
 * {@link io.hashmix.proofs.attestation.AttestationVerificationException.Reason} on failure. All types are immutable
 * except the builders.
 */
package io.hashmix.proofs.attestation;
