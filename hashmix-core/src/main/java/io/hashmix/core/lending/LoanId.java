package io.hashmix.core.lending;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.proofs.TokenId;

/**
 * A loan's id: {@code tokenId << 32 | escrowNonce}, the collateral token's id and its nonce while escrowed (the
 * escrow moves the nonce, so every loan of a token has its own id, and the id names the token).
 *
 * @param value the id ({@code uint256})
 */
public record LoanId(BigInteger value) implements Comparable<LoanId> {

    private static final BigInteger NONCE_MASK = BigInteger.valueOf(0xFFFF_FFFFL);

    /**
     * Checks the value.
     *
     * @throws IllegalArgumentException if it is null or negative
     */
    public LoanId {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException("a loan id must be a non-negative integer, got " + value);
        }
    }

    /**
     * The id of the loan that escrowed {@code tokenId} at nonce {@code escrowNonce}.
     *
     * @param tokenId the token
     * @param escrowNonce its nonce while escrowed ({@code uint32})
     * @return the id
     */
    public static LoanId of(TokenId tokenId, long escrowNonce) {
        Objects.requireNonNull(tokenId, "tokenId");
        if (escrowNonce < 0 || escrowNonce > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("escrow nonce must be a uint32, got " + escrowNonce);
        }
        return new LoanId(tokenId.value().shiftLeft(32).or(BigInteger.valueOf(escrowNonce)));
    }

    /**
     * The collateral token.
     *
     * @return the token id
     */
    public TokenId tokenId() {
        return new TokenId(value.shiftRight(32));
    }

    /**
     * The token's nonce while escrowed.
     *
     * @return the nonce
     */
    public long escrowNonce() {
        return value.and(NONCE_MASK).longValueExact();
    }

    @Override
    public int compareTo(LoanId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return "loan " + tokenId().value() + "/" + escrowNonce();
    }
}
