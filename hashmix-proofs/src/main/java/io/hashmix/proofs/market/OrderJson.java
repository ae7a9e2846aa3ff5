package io.hashmix.proofs.market;

import java.math.BigInteger;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.AttestationJson;
import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.eip712.Eip712Domain;

/**
 * JSON codec for signed market orders, with the proofs module's conventions ({@link JsonFields}):
 *
 * <pre>{@code
 * {
 *   "kind": "listing",
 *   "domain": { "name": "HashMix", "version": "1", "chainId": "31337", "verifyingContract": "0xe7f1..." },
 *   "order": {
 *     "seller": "0x...", "tokenId": "7", "tokenNonce": "3", "units": "1000", "minFill": "100",
 *     "currency": "0x0000000000000000000000000000000000000000", "pricePerUnit": "25000",
 *     "counter": "0", "salt": "1234...", "expiry": "1738281600"
 *   },
 *   "signature": "0x<65 bytes r||s||v>"
 * }
 * }</pre>
 *
 * <p>{@code kind} is the discriminator ({@link OrderKind#jsonName()}: {@code listing}, {@code offer},
 * {@code criteriaOffer}, {@code swap}); {@code order} holds exactly the members of that kind's EIP-712 type
 * string, under the same names. Every integer is written as a decimal string (also {@code uint64} and
 * {@code uint32}, which JavaScript cannot always hold as numbers; JSON integers are accepted for those on
 * input); bytes are {@code 0x} hex; addresses are written with their EIP-55 checksum. Reading is strict:
 * unknown, missing or null fields, wrong JSON types, out-of-range values and orders that break the market's
 * rules (zero units, ...) are a {@link ProofJsonException} naming the JSON path, e.g. {@code $.order.units}
 * (a swap's {@code giveUnits} and {@code wantUnits} are {@code uint256} decimal strings like {@code units}).
 */
public final class OrderJson {

    private static final Set<String> SIGNED_FIELDS = Set.of("kind", "domain", "order", "signature");
    private static final Set<String> SIGNED_FIELDS_WITH_DIGEST = Set.of("kind", "domain", "order", "signature", "digest");
    private static final Set<String> LISTING_FIELDS = JsonFields.memberNames(Listing.TYPE_STRING);
    private static final Set<String> OFFER_FIELDS = JsonFields.memberNames(Offer.TYPE_STRING);
    private static final Set<String> CRITERIA_FIELDS = JsonFields.memberNames(CriteriaOffer.TYPE_STRING);
    private static final Set<String> SWAP_FIELDS = JsonFields.memberNames(SwapOrder.TYPE_STRING);

    private OrderJson() {
    }

    /**
     * Serializes a signed order.
     *
     * @param order the signed order
     * @return pretty-printed JSON
     */
    public static String toJson(SignedOrder order) {
        return JsonFields.write(toNode(order));
    }

    /**
     * Parses a signed order.
     *
     * @param json the JSON text
     * @return the signed order
     * @throws ProofJsonException naming the JSON path of the first problem
     */
    public static SignedOrder fromJson(String json) {
        return fromNode(JsonFields.parse(json), "$");
    }

    /**
     * A signed order as a JSON tree (to embed in larger documents).
     *
     * @param order the signed order
     * @return the object node
     */
    public static ObjectNode toNode(SignedOrder order) {
        if (order == null) {
            throw new IllegalArgumentException("signed order must not be null");
        }
        ObjectNode node = JsonFields.newObject();
        node.put("kind", order.kind().jsonName());
        node.set("domain", AttestationJson.domainToNode(order.domain()));
        node.set("order", orderToNode(order.order()));
        node.put("signature", order.signatureHex());
        node.put("digest", order.signedDigest().toHex());
        return node;
    }

    /**
     * Reads a signed order from a JSON tree.
     *
     * @param node the node
     * @param path its JSON path, for error messages
     * @return the signed order
     * @throws ProofJsonException if the node is malformed
     */
    public static SignedOrder fromNode(JsonNode node, String path) {
        boolean withDigest = node != null && node.has("digest");
        JsonFields.requireObject(node, path, withDigest ? SIGNED_FIELDS_WITH_DIGEST : SIGNED_FIELDS);
        OrderKind kind = kind(node, path);
        Eip712Domain domain = AttestationJson.domainFromNode(node.get("domain"), path + ".domain");
        Order order = orderFromNode(kind, node.get("order"), path + ".order");
        byte[] signature = JsonFields.bytes(node, "signature", path);
        try {
            if (withDigest) {
                return new SignedOrder(domain, order, signature, JsonFields.bytes32(node, "digest", path));
            }
            return new SignedOrder(domain, order, signature);
        } catch (IllegalArgumentException e) {
            throw new ProofJsonException(path + ".signature", e.getMessage(), e);
        }
    }

    /**
     * An order's fields as JSON (the EIP-712 message), in type-string order.
     *
     * @param order the order
     * @return the object node
     */
    public static ObjectNode orderToNode(Order order) {
        if (order == null) {
            throw new IllegalArgumentException("order must not be null");
        }
        ObjectNode n = JsonFields.newObject();
        switch (order) {
            case Listing l -> {
                n.put("seller", l.seller().toChecksumHex());
                n.put("tokenId", l.tokenId().toString());
                n.put("tokenNonce", Long.toString(l.tokenNonce()));
                n.put("units", l.units().toString());
                n.put("minFill", l.minFill().toString());
                n.put("currency", l.currency().toChecksumHex());
                n.put("pricePerUnit", l.pricePerUnit().toString());
            }
            case Offer o -> {
                n.put("buyer", o.buyer().toChecksumHex());
                n.put("tokenId", o.tokenId().toString());
                n.put("units", o.units().toString());
                n.put("minFill", o.minFill().toString());
                n.put("currency", o.currency().toChecksumHex());
                n.put("pricePerUnit", o.pricePerUnit().toString());
            }
            case CriteriaOffer c -> {
                n.put("buyer", c.buyer().toChecksumHex());
                n.put("assetClass", c.assetClass().toHex());
                n.put("issuer", c.issuer().toChecksumHex());
                n.put("units", c.units().toString());
                n.put("minFill", c.minFill().toString());
                n.put("minRemainingTerm", Long.toUnsignedString(c.minRemainingTerm()));
                n.put("currency", c.currency().toChecksumHex());
                n.put("pricePerUnit", c.pricePerUnit().toString());
            }
            case SwapOrder s -> {
                n.put("maker", s.maker().toChecksumHex());
                n.put("giveTokenId", s.giveTokenId().toString());
                n.put("giveTokenNonce", Long.toString(s.giveTokenNonce()));
                n.put("giveUnits", s.giveUnits().toString());
                n.put("wantTokenId", s.wantTokenId().toString());
                n.put("wantUnits", s.wantUnits().toString());
            }
        }
        // every order type string ends with these three members
        n.put("counter", order.counter().toString());
        n.put("salt", order.salt().toString());
        n.put("expiry", Long.toUnsignedString(order.expiry()));
        return n;
    }

    /**
     * Reads an order of a known kind.
     *
     * @param kind the order kind
     * @param node the order object (exactly the members of the kind's type string)
     * @param path its JSON path
     * @return the order
     * @throws ProofJsonException naming the offending field if the node is malformed or the order breaks a
     *         market rule (the cause is then the {@link OrderValidationException})
     */
    public static Order orderFromNode(OrderKind kind, JsonNode node, String path) {
        if (kind == null) {
            throw new IllegalArgumentException("order kind must not be null");
        }
        JsonFields.requireObject(node, path, switch (kind) {
            case LISTING -> LISTING_FIELDS;
            case OFFER -> OFFER_FIELDS;
            case CRITERIA_OFFER -> CRITERIA_FIELDS;
            case SWAP -> SWAP_FIELDS;
        });
        BigInteger counter = JsonFields.uint256(node, "counter", path);
        BigInteger salt = JsonFields.uint256(node, "salt", path);
        long expiry = JsonFields.uint64(node, "expiry", path);
        try {
            return switch (kind) {
                case LISTING -> new Listing(JsonFields.address(node, "seller", path), tokenId(node, "tokenId", path),
                        JsonFields.uint32(node, "tokenNonce", path), JsonFields.uint256(node, "units", path),
                        JsonFields.uint256(node, "minFill", path), JsonFields.address(node, "currency", path),
                        JsonFields.uint256(node, "pricePerUnit", path), counter, salt, expiry);
                case OFFER -> new Offer(JsonFields.address(node, "buyer", path), tokenId(node, "tokenId", path),
                        JsonFields.uint256(node, "units", path), JsonFields.uint256(node, "minFill", path),
                        JsonFields.address(node, "currency", path), JsonFields.uint256(node, "pricePerUnit", path),
                        counter, salt, expiry);
                case CRITERIA_OFFER -> new CriteriaOffer(JsonFields.address(node, "buyer", path),
                        new AssetClassId(JsonFields.bytes32(node, "assetClass", path)),
                        JsonFields.address(node, "issuer", path), JsonFields.uint256(node, "units", path),
                        JsonFields.uint256(node, "minFill", path), JsonFields.uint64(node, "minRemainingTerm", path),
                        JsonFields.address(node, "currency", path), JsonFields.uint256(node, "pricePerUnit", path),
                        counter, salt, expiry);
                case SWAP -> new SwapOrder(JsonFields.address(node, "maker", path), tokenId(node, "giveTokenId", path),
                        JsonFields.uint32(node, "giveTokenNonce", path), JsonFields.uint256(node, "giveUnits", path),
                        tokenId(node, "wantTokenId", path), JsonFields.uint256(node, "wantUnits", path),
                        counter, salt, expiry);
            };
        } catch (OrderValidationException e) {
            throw new ProofJsonException(path + e.field().map(f -> "." + f).orElse(""), e.getMessage(), e);
        } catch (ProofJsonException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ProofJsonException(path, e.getMessage(), e);
        }
    }

    private static OrderKind kind(JsonNode node, String path) {
        String text = JsonFields.text(node, "kind", path);
        try {
            return OrderKind.fromJsonName(text);
        } catch (IllegalArgumentException e) {
            throw new ProofJsonException(path + ".kind", e.getMessage(), e);
        }
    }

    private static TokenId tokenId(JsonNode node, String field, String path) {
        return JsonFields.id(node, field, path, TokenId::new);
    }
}
