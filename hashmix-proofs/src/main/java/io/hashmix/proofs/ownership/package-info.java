/**
 * Ownership certificates ({@link io.hashmix.proofs.ownership.OwnershipCertificate}): portable, offline-checkable
 * proof that a hardware id is committed in an attested HashMix product, with distinct failure reasons
 * ({@link io.hashmix.proofs.ownership.OwnershipVerificationException}).
 */
package io.hashmix.proofs.ownership;
