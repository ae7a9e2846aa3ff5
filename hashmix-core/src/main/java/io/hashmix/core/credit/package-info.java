/**
 * Credit ({@code hm.credit()}): every account's score (0..1000, newcomers 300) as the
 * {@code CreditRegistry} computes it from the protocol's own records, its breakdown, the collateral a
 * planned product needs at mint ({@code CollateralPolicy}), the offline {@link io.hashmix.proofs.credit.CreditReport}
 * rebuilt from the registry's events and checked against the contract, and the delayed admin changes
 * (score parameters, base rates). {@link io.hashmix.core.credit.CreditClient} is the entry point; the
 * formula is in {@link io.hashmix.proofs.credit.CreditMath} and docs/credit.md.
 */
package io.hashmix.core.credit;
