package io.hashmix.proofs.lending;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * The three kinds of loan order, with the code {@code HashPowerLending} emits in {@code LoanStarted.kind} and
 * {@code LoanRefinanced.kind}, the name {@link LoanOrderJson} writes in its {@code kind} field, and the EIP-712
 * type string and hash.
 */
public enum LoanOrderKind {
    /** A lender's {@link LoanOffer} for one token; code 0. */
    LOAN_OFFER(0, "loanOffer", LoanOffer.TYPE_STRING),
    /** A holder's {@link BorrowRequest} for one of its tokens; code 1. */
    BORROW_REQUEST(1, "borrowRequest", BorrowRequest.TYPE_STRING),
    /** A lender's {@link CollectionOffer} for any token matching criteria; code 2. */
    COLLECTION_OFFER(2, "collectionOffer", CollectionOffer.TYPE_STRING);

    private final int code;
    private final String jsonName;
    private final String typeString;
    private final Bytes32 typeHash;

    LoanOrderKind(int code, String jsonName, String typeString) {
        this.code = code;
        this.jsonName = jsonName;
        this.typeString = typeString;
        this.typeHash = Bytes32.keccakUtf8(typeString);
    }

    /**
     * The on-chain code ({@code uint8 kind} of {@code LoanStarted} and {@code LoanRefinanced}).
     *
     * @return 0 .. 2
     */
    public int code() {
        return code;
    }

    /**
     * The name used in JSON ({@code loanOffer}, {@code borrowRequest}, {@code collectionOffer}).
     *
     * @return the name
     */
    public String jsonName() {
        return jsonName;
    }

    /**
     * The exact EIP-712 type string of this kind's struct.
     *
     * @return the type string
     */
    public String typeString() {
        return typeString;
    }

    /**
     * {@code keccak256(typeString())}.
     *
     * @return the type hash
     */
    public Bytes32 typeHash() {
        return typeHash;
    }

    /**
     * The kind of an on-chain code.
     *
     * @param code 0 .. 2
     * @return the kind
     * @throws IllegalArgumentException for any other code
     */
    public static LoanOrderKind fromCode(int code) {
        for (LoanOrderKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("loan order kind code must be 0 .. 2, got " + code);
    }

    /**
     * The kind of a JSON name (exact, case-sensitive).
     *
     * @param name the name
     * @return the kind
     * @throws IllegalArgumentException naming the accepted names for any other text
     */
    public static LoanOrderKind fromJsonName(String name) {
        for (LoanOrderKind k : values()) {
            if (k.jsonName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("loan order kind must be one of "
                + Arrays.stream(values()).map(LoanOrderKind::jsonName).collect(Collectors.joining(", "))
                + ", got '" + name + "'");
    }
}
