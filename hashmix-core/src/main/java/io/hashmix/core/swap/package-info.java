/**
 * Swap ({@code hm.swap()}): relay committee price reports to the {@code HashPriceOracle}, value hash power tokens
 * with the protocol's one valuation ({@code HashPowerValuation}), quote and execute cross-coin swaps against the
 * {@code HashPowerSwapPool} with a slippage bound, add and remove liquidity, collect the pool's revenue, and read
 * the pool's state and events, with a typed exception per custom error. Price reports, their JSON form and the
 * exact valuation and quote math live offline in {@link io.hashmix.proofs.oracle} and {@link io.hashmix.proofs.swap};
 * {@link io.hashmix.core.swap.SwapClient} is the entry point.
 */
package io.hashmix.core.swap;
