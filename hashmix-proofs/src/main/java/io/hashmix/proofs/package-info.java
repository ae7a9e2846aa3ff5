/**
 * Offline building blocks shared by every HashMix module: addresses and ids that the contracts
 * hash and encode, checked so bad input fails with a clear message before it reaches a chain.
 */
package io.hashmix.proofs;
