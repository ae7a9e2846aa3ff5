/**
 * Asset classes: the kinds of hash power HashMix tokenizes, and their ids as the contracts derive them.
 */
package io.hashmix.proofs.asset;
