/**
 * Parallel batch verification of attestation bundles and ownership certificates
 * ({@link io.hashmix.proofs.batch.BatchVerifier}): results in input order, a reason per rejected item.
 */
package io.hashmix.proofs.batch;
