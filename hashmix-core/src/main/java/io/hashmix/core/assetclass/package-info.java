/**
 * Asset classes: the registry of kinds of hash power (BTC SHA-256 in TH/s, Filecoin storage power
 * in TiB, ...), with their units and payout tokens, and its typed errors.
 */
package io.hashmix.core.assetclass;
