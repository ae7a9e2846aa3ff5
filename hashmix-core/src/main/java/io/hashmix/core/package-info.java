/**
 * The HashMix SDK. Start at {@link io.hashmix.core.HashMix}; each protocol domain has its own
 * package ({@code assetclass}, and later tokenization, fulfillment, market, lending, swap,
 * incentives), on top of the transaction layer ({@code tx}), the transport ({@code rpc}) and the
 * decoded reverts ({@code errors}).
 */
package io.hashmix.core;
