/**
 * Loan orders of the {@code HashPowerLending} contract and its loan arithmetic, built, signed, encoded and checked
 * offline.
 *
 * <p>The three EIP-712 orders are records with the exact type strings of the contract: a lender's
 * {@link io.hashmix.proofs.lending.LoanOffer} and a holder's {@link io.hashmix.proofs.lending.BorrowRequest} (the
 * {@link io.hashmix.proofs.lending.TokenLoanOrder}s, bound to one token's nonce and units) and a lender's
 * {@link io.hashmix.proofs.lending.CollectionOffer}, under the sealed {@link io.hashmix.proofs.lending.LoanOrder}.
 * {@link io.hashmix.proofs.lending.LoanOrderSigner} signs one into a {@link io.hashmix.proofs.lending.SignedLoanOrder},
 * {@link io.hashmix.proofs.lending.LoanOrderJson} carries it as JSON and
 * {@link io.hashmix.proofs.lending.LoanOrderValidator} checks it. {@link io.hashmix.proofs.lending.LoanMath} and
 * {@link io.hashmix.proofs.lending.LoanState} compute interest, debts, payments, repayment schedules, auction
 * prices and loan-to-value bounds to the base unit. The shared vectors in {@code test-vectors/lending-orders.json}
 * and {@code test-vectors/lending-math.json} pin both to the contract.
 */
package io.hashmix.proofs.lending;
