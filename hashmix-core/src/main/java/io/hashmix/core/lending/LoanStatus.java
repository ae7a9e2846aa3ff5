package io.hashmix.core.lending;

/** A loan's life ({@code LoanStatus} on chain); {@link #REPAID}, {@link #SOLD} and {@link #CLAIMED} are final. */
public enum LoanStatus {
    /** No loan (code 0). */
    NONE,
    /** The token is escrowed and the loan running (code 1). */
    ACTIVE,
    /** A foreclosure auction runs; the token is still escrowed (code 2). */
    AUCTION,
    /** Paid in full: the token went back to the borrower (code 3). */
    REPAID,
    /** Foreclosed: the token was sold at auction (code 4). */
    SOLD,
    /** Foreclosed: no bid came, the lender took the token (code 5). */
    CLAIMED;

    /**
     * The status of an on-chain code.
     *
     * @param code 0 .. 5
     * @return the status
     * @throws IllegalArgumentException for any other code
     */
    public static LoanStatus fromCode(int code) {
        if (code < 0 || code >= values().length) {
            throw new IllegalArgumentException("loan status code must be 0 .. 5, got " + code);
        }
        return values()[code];
    }

    /**
     * Whether the token is still escrowed ({@link #ACTIVE} or {@link #AUCTION}).
     *
     * @return true if open
     */
    public boolean isOpen() {
        return this == ACTIVE || this == AUCTION;
    }
}
