/**
 * The HashMix credit score, offline: the formula of the {@code CreditRegistry} contract (version
 * {@value io.hashmix.proofs.credit.CreditMath#VERSION}) in exact integer arithmetic, and a
 * {@link io.hashmix.proofs.credit.CreditReport} that recomputes any account's score from the
 * registry's events, equal to the contract's bit for bit.
 *
 * <p>{@link io.hashmix.proofs.credit.CreditMath} holds the pure functions (decay, score, collateral
 * multiplier, required collateral); {@link io.hashmix.proofs.credit.CreditEvent} the records as the
 * registry emits them; {@link io.hashmix.proofs.credit.CreditReport} replays them. The shared vectors
 * in {@code test-vectors/credit-score.json} (generated here, checked by
 * {@code contracts/test/CreditVectors.t.sol}) pin the two implementations together. docs/credit.md is
 * the specification.
 *
 * <p>Invalid arguments raise {@link java.lang.IllegalArgumentException}; all types are immutable.
 */
package io.hashmix.proofs.credit;
