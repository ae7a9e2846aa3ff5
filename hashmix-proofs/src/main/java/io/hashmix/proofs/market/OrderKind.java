package io.hashmix.proofs.market;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * The four kinds of market order, with the code {@code HashMixMarket} emits in {@code OrderFilled.kind},
 * the name {@link OrderJson} writes in its {@code kind} field, and the EIP-712 type string and hash.
 */
public enum OrderKind {
    /** A seller's {@link Listing} of (part of) one token; code 0. */
    LISTING(0, "listing", Listing.TYPE_STRING),
    /** A buyer's {@link Offer} for (part of) one token; code 1. */
    OFFER(1, "offer", Offer.TYPE_STRING),
    /** A buyer's {@link CriteriaOffer} for any token matching criteria; code 2. */
    CRITERIA_OFFER(2, "criteriaOffer", CriteriaOffer.TYPE_STRING),
    /** A {@link SwapOrder}: one whole token for another, both sides' units signed; code 3. */
    SWAP(3, "swap", SwapOrder.TYPE_STRING);

    private final int code;
    private final String jsonName;
    private final String typeString;
    private final Bytes32 typeHash;

    OrderKind(int code, String jsonName, String typeString) {
        this.code = code;
        this.jsonName = jsonName;
        this.typeString = typeString;
        this.typeHash = Bytes32.keccakUtf8(typeString);
    }

    /**
     * The on-chain code ({@code uint8 kind} of {@code OrderFilled}).
     *
     * @return 0 .. 3
     */
    public int code() {
        return code;
    }

    /**
     * The name used in JSON ({@code listing}, {@code offer}, {@code criteriaOffer}, {@code swap}).
     *
     * @return the name
     */
    public String jsonName() {
        return jsonName;
    }

    /**
     * The exact EIP-712 type string of this kind's struct.
     *
     * @return e.g. {@link Listing#TYPE_STRING}
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
     * @param code 0 .. 3
     * @return the kind
     * @throws IllegalArgumentException for any other code
     */
    public static OrderKind fromCode(int code) {
        for (OrderKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("order kind code must be 0 .. 3, got " + code);
    }

    /**
     * The kind of a JSON name (exact, case-sensitive).
     *
     * @param name the name
     * @return the kind
     * @throws IllegalArgumentException naming the accepted names for any other text
     */
    public static OrderKind fromJsonName(String name) {
        for (OrderKind k : values()) {
            if (k.jsonName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("order kind must be one of "
                + Arrays.stream(values()).map(OrderKind::jsonName).collect(Collectors.joining(", "))
                + ", got '" + name + "'");
    }
}
