/**
 * The valuation and swap pool math, offline and exact to the base unit: {@link io.hashmix.proofs.swap.Valuation}
 * is {@code HashPowerValuation}'s formula (units x remaining life x hashprice x delivery ratio, rounded down),
 * {@link io.hashmix.proofs.swap.SwapMath} is {@code HashPowerSwapPool}'s (fee rounded up, units out rounded
 * down, ERC-4626-style share math with virtual shares). The shared vectors in {@code test-vectors/swap-math.json}
 * are checked against the contracts by {@code contracts/test/SwapMathVectors.t.sol}.
 */
package io.hashmix.proofs.swap;
