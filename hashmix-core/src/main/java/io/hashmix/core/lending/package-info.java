/**
 * Lending ({@code HashPowerLending}): self-repaying loans against hash power tokens, through
 * {@link io.hashmix.core.lending.LendingClient} ({@code hm.lending()}).
 *
 * <p>Loans start from signed orders ({@code io.hashmix.proofs.lending}): a lender's loan offer or collection
 * offer, or a holder's borrow request. While a loan runs the token is escrowed and its revenue repays the loan
 * ({@link io.hashmix.core.lending.LendingClient#sweep}); loans are repaid, refinanced on better terms, or
 * foreclosed by a descending auction. Values are records ({@link io.hashmix.core.lending.Loan},
 * {@link io.hashmix.core.lending.Auction}, {@link io.hashmix.core.lending.StartedLoan},
 * {@link io.hashmix.core.lending.Sweep}, ...), ids are {@link io.hashmix.core.lending.LoanId}s, events are
 * {@link io.hashmix.core.lending.LendingEvent}s, and every custom error of the lending contracts is a typed
 * exception of this package ({@link io.hashmix.core.lending.LendingErrors}).
 */
package io.hashmix.core.lending;
