/**
 * The transaction layer: nonce manager, fee snapshots, gas estimates with a margin, receipts with
 * confirmations and reorg checks, and reverts decoded at call, estimate, send and receipt.
 */
package io.hashmix.core.tx;
