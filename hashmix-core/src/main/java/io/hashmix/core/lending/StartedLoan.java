package io.hashmix.core.lending;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.lending.LoanOrderKind;

/**
 * A loan that started (read from its {@code LoanStarted} event): the token is escrowed and the principal went to
 * the borrower.
 *
 * @param id the loan
 * @param tokenId the escrowed token
 * @param borrower the borrower
 * @param lender the lender
 * @param currency the loan currency
 * @param principal the principal
 * @param maxRepayment the most the borrower repays in all
 * @param aprBps the annual rate in basis points
 * @param maturity the end of the term
 * @param orderHash the order that started it
 * @param kind the order's kind
 * @param receipt the transaction's receipt
 */
public record StartedLoan(LoanId id, TokenId tokenId, EvmAddress borrower, EvmAddress lender, EvmAddress currency,
                          BigInteger principal, BigInteger maxRepayment, long aprBps, Instant maturity, Bytes32 orderHash,
                          LoanOrderKind kind, TxReceipt receipt) {
}
