package io.hashmix.proofs.market;

import java.time.Clock;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.crypto.InvalidSignatureException;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.market.OrderValidationException.Reason;

/**
 * Checks signed market orders offline before they are published or filled, with the market's rules: the
 * domain is the expected market's (chain id, contract, name, version), the terms are fillable (offers are
 * not in the native coin, {@code pricePerUnit * units} fits a {@code uint256}), the order has not expired,
 * and the signature is a canonical 65-byte ECDSA signature by the maker. The order records themselves
 * already refuse zero units (also a swap's {@code giveUnits} or {@code wantUnits}), a minimum fill above the
 * units, a zero price or expiry, and a swap of a token for itself ({@link OrderValidationException} too).
 *
 * <p>What only the chain knows is not checked: the maker's current counter, cancellation and filled units,
 * token ownership, the token nonce, whether a swap's tokens still hold its {@code giveUnits} and
 * {@code wantUnits} ({@code UnitsChanged}), tradability, criteria matches, balances and approvals. EIP-1271
 * (contract) makers cannot be checked offline: their orders fail here with {@link Reason#BAD_SIGNATURE} or
 * {@link Reason#WRONG_SIGNER} and must be checked on chain.
 *
 * <p>{@link #validate} returns the order on success and throws {@link OrderValidationException} with one
 * {@link Reason} otherwise. Instances are immutable and thread-safe.
 */
public final class OrderValidator {

    private final Eip712Domain expectedDomain;
    private final Clock clock;
    private final CryptoBackend backend;

    /**
     * Creates a validator with the default crypto backend ({@link CryptoBackends#best()}).
     *
     * @param expectedDomain the market's domain ({@code Eip712Domain.hashMix(chainId, market)})
     * @param clock the clock expiries are checked against
     * @throws IllegalArgumentException if an argument is null
     */
    public OrderValidator(Eip712Domain expectedDomain, Clock clock) {
        this(expectedDomain, clock, CryptoBackends.best());
    }

    /**
     * Creates a validator that recovers signers with a given backend.
     *
     * @param expectedDomain the market's domain
     * @param clock the clock expiries are checked against
     * @param backend the crypto backend
     * @throws IllegalArgumentException if an argument is null
     */
    public OrderValidator(Eip712Domain expectedDomain, Clock clock, CryptoBackend backend) {
        if (expectedDomain == null || clock == null || backend == null) {
            throw new IllegalArgumentException("an order validator needs an expected domain, a clock and a crypto backend");
        }
        this.expectedDomain = expectedDomain;
        this.clock = clock;
        this.backend = backend;
    }

    /**
     * A validator for the HashMix market at an address on a chain.
     *
     * @param chainId the chain id
     * @param market the {@code HashMixMarket} address
     * @param clock the clock expiries are checked against
     * @return the validator
     */
    public static OrderValidator forMarket(long chainId, EvmAddress market, Clock clock) {
        return new OrderValidator(Eip712Domain.hashMix(chainId, market), clock);
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
     * Validates a signed order.
     *
     * @param signed the signed order
     * @return the same order
     * @throws OrderValidationException naming the first failure, checked in this order: domain (chain,
     *         contract, name and version), terms ({@link #checkTerms}), expiry, signature (with
     *         {@link Reason#ORDER_CHANGED} when the maker provably signed the digest recorded with the
     *         signature but the order's fields changed since)
     */
    public SignedOrder validate(SignedOrder signed) {
        if (signed == null) {
            throw new OrderValidationException(Reason.MALFORMED, null, "no signed order given");
        }
        checkDomain(signed.domain());
        Order order = signed.order();
        checkTerms(order);
        long now = clock.instant().getEpochSecond();
        if (order.isExpiredAt(now)) {
            throw new OrderValidationException(Reason.EXPIRED, "expiry", order.kind().jsonName() + " expired at "
                    + Long.toUnsignedString(order.expiry()) + ", now is " + now);
        }
        EvmAddress recovered;
        try {
            recovered = signed.signer(backend);
        } catch (InvalidSignatureException e) {
            throw new OrderValidationException(Reason.BAD_SIGNATURE, null, "signature " + e.detail(), e);
        }
        if (!recovered.equals(order.maker())) {
            // the maker did sign: the digest recorded with the signature, which is not this order's any more
            if (!signed.unchangedSinceSigning() && makerSigned(signed)) {
                throw new OrderValidationException(Reason.ORDER_CHANGED, null, "the " + order.kind().jsonName()
                        + " was changed after the maker signed it: signed as " + signed.signedDigest()
                        + ", it hashes to " + signed.digest() + " now");
            }
            throw new OrderValidationException(Reason.WRONG_SIGNER, null, "signature recovers to " + recovered
                    + ", not to the maker " + order.maker());
        }
        return signed;
    }

    private boolean makerSigned(SignedOrder signed) {
        try {
            return backend.recoverSigner(signed.signedDigest(), signed.signature()).equals(signed.order().maker());
        } catch (InvalidSignatureException e) {
            return false;
        }
    }

    /**
     * Parses and validates a signed order from JSON ({@link OrderJson}).
     *
     * @param json the JSON text
     * @return the validated order
     * @throws OrderValidationException with the reason of a market rule the parsed order breaks (e.g.
     *         {@link Reason#ZERO_UNITS}), {@link Reason#MALFORMED} for any other parse failure (the cause is the
     *         {@link ProofJsonException}), or the reason {@link #validate} rejects it for
     */
    public SignedOrder validateJson(String json) {
        SignedOrder signed;
        try {
            signed = OrderJson.fromJson(json);
        } catch (ProofJsonException e) {
            if (e.getCause() instanceof OrderValidationException rule) {
                throw new OrderValidationException(rule.reason(), rule.field().orElse(null), e.getMessage(), e);
            }
            throw new OrderValidationException(Reason.MALFORMED, null, e.getMessage(), e);
        }
        return validate(signed);
    }

    /**
     * Checks the terms the market refuses at fill time whatever the chain state: an offer or criteria offer in
     * the native coin ({@code NativeNotAllowed()}), and a total price {@code pricePerUnit * units} that does not
     * fit a {@code uint256}.
     *
     * @param order the order
     * @throws OrderValidationException with {@link Reason#NATIVE_NOT_ALLOWED} or {@link Reason#PRICE_OVERFLOW}
     */
    public static void checkTerms(Order order) {
        if (order == null) {
            throw new OrderValidationException(Reason.MALFORMED, null, "no order given");
        }
        if (!(order instanceof PricedOrder priced)) {
            return;
        }
        if (priced.isNative() && priced.kind() != OrderKind.LISTING) {
            throw new OrderValidationException(Reason.NATIVE_NOT_ALLOWED, "currency", priced.kind().jsonName()
                    + " names the native coin (currency 0x0); only listings may, offers pay in an ERC-20");
        }
        if (priced.pricePerUnit().multiply(priced.units()).compareTo(AbiWords.UINT256_MAX) > 0) {
            throw new OrderValidationException(Reason.PRICE_OVERFLOW, "pricePerUnit", "pricePerUnit "
                    + priced.pricePerUnit() + " * units " + priced.units() + " does not fit a uint256");
        }
    }

    private void checkDomain(Eip712Domain d) {
        d.mismatch(expectedDomain).ifPresent(m -> {
            throw new OrderValidationException(switch (m.field()) {
                case CHAIN_ID -> Reason.WRONG_CHAIN;
                case VERIFYING_CONTRACT -> Reason.WRONG_CONTRACT;
                case NAME_OR_VERSION -> Reason.WRONG_DOMAIN;
            }, null, m.message());
        });
    }
}
