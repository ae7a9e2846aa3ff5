/**
 * Price reports of the {@code HashPriceOracle} contract, offline: each committee member's
 * {@link io.hashmix.proofs.oracle.PriceObservation} (EIP-712 typed data, signed individually), the
 * {@link io.hashmix.proofs.oracle.PriceReport} that carries at least the asset class's threshold of them
 * (observers strictly ascending), its JSON form ({@link io.hashmix.proofs.oracle.PriceReportJson}) and the
 * contract's rules computed offline ({@link io.hashmix.proofs.oracle.PriceRules}: the lower median, the
 * move bound, the heartbeat, the checks a relayer runs before sending).
 *
 * <p>The shared vectors in {@code test-vectors/price-reports.json} pin the encoding to the contract's.
 */
package io.hashmix.proofs.oracle;
