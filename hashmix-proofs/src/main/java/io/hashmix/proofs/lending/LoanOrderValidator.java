package io.hashmix.proofs.lending;

import java.time.Clock;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.crypto.InvalidSignatureException;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.lending.LoanOrderValidationException.Reason;

/**
 * Checks signed loan orders offline before they are published or filled, with the lending contract's rules:
 * the domain is the expected lending contract's, the order has not expired, and the signature is a canonical
 * 65-byte ECDSA signature by the maker. The order records already refuse what the contract refuses whatever
 * the chain state (zero units, principal, duration, expiry; a max repayment below the principal; an APR above
 * {@link LoanMath#MAX_APR_BPS}; the native coin; a minimum credit score above 1000, which no borrower has).
 *
 * <p>What only the chain knows is not checked: the maker's counter and cancellations, the token's owner, nonce,
 * units and product (term, status, currency), the valuation (a collection offer's loan-to-value), the borrower's
 * credit score (an offer's {@code minCreditScore}), balances and approvals. EIP-1271 makers fail here with {@link Reason#BAD_SIGNATURE} or {@link Reason#WRONG_SIGNER}. Immutable
 * and thread-safe.
 */
public final class LoanOrderValidator {

    private final Eip712Domain expectedDomain;
    private final Clock clock;
    private final CryptoBackend backend;

    /**
     * Creates a validator with the default crypto backend.
     *
     * @param expectedDomain the lending contract's domain
     * @param clock the clock expiries are checked against
     * @throws IllegalArgumentException if an argument is null
     */
    public LoanOrderValidator(Eip712Domain expectedDomain, Clock clock) {
        this(expectedDomain, clock, CryptoBackends.best());
    }

    /**
     * Creates a validator that recovers signers with a given backend.
     *
     * @param expectedDomain the lending contract's domain
     * @param clock the clock expiries are checked against
     * @param backend the crypto backend
     * @throws IllegalArgumentException if an argument is null
     */
    public LoanOrderValidator(Eip712Domain expectedDomain, Clock clock, CryptoBackend backend) {
        if (expectedDomain == null || clock == null || backend == null) {
            throw new IllegalArgumentException("a loan order validator needs an expected domain, a clock and a crypto backend");
        }
        this.expectedDomain = expectedDomain;
        this.clock = clock;
        this.backend = backend;
    }

    /**
     * A validator for the lending contract at an address on a chain.
     *
     * @param chainId the chain id
     * @param lending the {@code HashPowerLending} address
     * @param clock the clock
     * @return the validator
     */
    public static LoanOrderValidator forLending(long chainId, EvmAddress lending, Clock clock) {
        return new LoanOrderValidator(Eip712Domain.hashMix(chainId, lending), clock);
    }

    /**
     * The domain orders must be signed for.
     *
     * @return the domain
     */
    public Eip712Domain expectedDomain() {
        return expectedDomain;
    }

    /**
     * Validates a signed loan order.
     *
     * @param signed the signed order
     * @return the same order
     * @throws LoanOrderValidationException naming the first failure, checked in this order: domain, expiry, signature
     */
    public SignedLoanOrder validate(SignedLoanOrder signed) {
        if (signed == null) {
            throw new LoanOrderValidationException(Reason.MALFORMED, null, "no signed loan order given");
        }
        signed.domain().mismatch(expectedDomain).ifPresent(m -> {
            throw new LoanOrderValidationException(switch (m.field()) {
                case CHAIN_ID -> Reason.WRONG_CHAIN;
                case VERIFYING_CONTRACT -> Reason.WRONG_CONTRACT;
                case NAME_OR_VERSION -> Reason.WRONG_DOMAIN;
            }, null, m.message());
        });
        LoanOrder order = signed.order();
        long now = clock.instant().getEpochSecond();
        if (order.isExpiredAt(now)) {
            throw new LoanOrderValidationException(Reason.EXPIRED, "expiry", order.kind().jsonName() + " expired at "
                    + Long.toUnsignedString(order.expiry()) + ", now is " + now);
        }
        EvmAddress recovered;
        try {
            recovered = signed.signer(backend);
        } catch (InvalidSignatureException e) {
            throw new LoanOrderValidationException(Reason.BAD_SIGNATURE, null, "signature " + e.detail(), e);
        }
        if (!recovered.equals(order.maker())) {
            throw new LoanOrderValidationException(Reason.WRONG_SIGNER, null, "signature recovers to " + recovered
                    + ", not to the maker " + order.maker());
        }
        return signed;
    }

    /**
     * Parses and validates a signed loan order from JSON ({@link LoanOrderJson}).
     *
     * @param json the JSON text
     * @return the validated order
     * @throws LoanOrderValidationException with the reason of a broken lending rule, {@link Reason#MALFORMED} for
     *         any other parse failure, or the reason {@link #validate} rejects it for
     */
    public SignedLoanOrder validateJson(String json) {
        SignedLoanOrder signed;
        try {
            signed = LoanOrderJson.fromJson(json);
        } catch (ProofJsonException e) {
            if (e.getCause() instanceof LoanOrderValidationException rule) {
                throw new LoanOrderValidationException(rule.reason(), rule.field().orElse(null), e.getMessage(), e);
            }
            throw new LoanOrderValidationException(Reason.MALFORMED, null, e.getMessage(), e);
        }
        return validate(signed);
    }
}
