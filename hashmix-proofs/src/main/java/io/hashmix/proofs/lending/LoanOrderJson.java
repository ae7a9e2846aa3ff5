package io.hashmix.proofs.lending;

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
 * JSON codec for signed loan orders, with the proofs module's conventions ({@link JsonFields}), in the shape of
 * the market's {@code OrderJson}:
 *
 * <pre>{@code
 * {
 *   "kind": "loanOffer",
 *   "domain": { "name": "HashMix", "version": "1", "chainId": "31337", "verifyingContract": "0x..." },
 *   "order": { "lender": "0x...", "tokenId": "7", "tokenNonce": "3", "units": "1000", "currency": "0x...",
 *              "principal": "10000000", "maxRepayment": "20000000", "aprBps": "1000", "duration": "2419200",
 *              "minCreditScore": "0", "counter": "0", "salt": "1234...", "expiry": "1738281600" },
 *   "signature": "0x<65 bytes r||s||v>"
 * }
 * }</pre>
 *
 * <p>{@code order} holds exactly the members of the kind's EIP-712 type string, under the same names. Integers are
 * decimal strings (JSON integers are accepted for {@code uint64}, {@code uint32} and {@code uint16} on input); reading
 * is strict: unknown, missing or null fields, wrong types, out-of-range values and orders that break a lending rule
 * are a {@link ProofJsonException} naming the JSON path. An offer written before offers had {@code minCreditScore}
 * lacks it and is refused (it is another EIP-712 type: its signature would not verify under the current one); there
 * is no default.
 */
public final class LoanOrderJson {

    private static final Set<String> SIGNED_FIELDS = Set.of("kind", "domain", "order", "signature");
    private static final Set<String> OFFER_FIELDS = JsonFields.memberNames(LoanOffer.TYPE_STRING);
    private static final Set<String> REQUEST_FIELDS = JsonFields.memberNames(BorrowRequest.TYPE_STRING);
    private static final Set<String> COLLECTION_FIELDS = JsonFields.memberNames(CollectionOffer.TYPE_STRING);

    private LoanOrderJson() {
    }

    /**
     * Serializes a signed loan order.
     *
     * @param order the signed order
     * @return pretty-printed JSON
     */
    public static String toJson(SignedLoanOrder order) {
        return JsonFields.write(toNode(order));
    }

    /**
     * Parses a signed loan order.
     *
     * @param json the JSON text
     * @return the signed order
     * @throws ProofJsonException naming the JSON path of the first problem
     */
    public static SignedLoanOrder fromJson(String json) {
        return fromNode(JsonFields.parse(json), "$");
    }

    /**
     * A signed loan order as a JSON tree.
     *
     * @param order the signed order
     * @return the object node
     */
    public static ObjectNode toNode(SignedLoanOrder order) {
        if (order == null) {
            throw new IllegalArgumentException("signed loan order must not be null");
        }
        ObjectNode node = JsonFields.newObject();
        node.put("kind", order.kind().jsonName());
        node.set("domain", AttestationJson.domainToNode(order.domain()));
        node.set("order", orderToNode(order.order()));
        node.put("signature", order.signatureHex());
        return node;
    }

    /**
     * Reads a signed loan order from a JSON tree.
     *
     * @param node the node
     * @param path its JSON path
     * @return the signed order
     * @throws ProofJsonException if the node is malformed
     */
    public static SignedLoanOrder fromNode(JsonNode node, String path) {
        JsonFields.requireObject(node, path, SIGNED_FIELDS);
        LoanOrderKind kind;
        String text = JsonFields.text(node, "kind", path);
        try {
            kind = LoanOrderKind.fromJsonName(text);
        } catch (IllegalArgumentException e) {
            throw new ProofJsonException(path + ".kind", e.getMessage(), e);
        }
        Eip712Domain domain = AttestationJson.domainFromNode(node.get("domain"), path + ".domain");
        LoanOrder order = orderFromNode(kind, node.get("order"), path + ".order");
        byte[] signature = JsonFields.bytes(node, "signature", path);
        try {
            return new SignedLoanOrder(domain, order, signature);
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
    public static ObjectNode orderToNode(LoanOrder order) {
        if (order == null) {
            throw new IllegalArgumentException("loan order must not be null");
        }
        ObjectNode n = JsonFields.newObject();
        switch (order) {
            case LoanOffer o -> {
                n.put("lender", o.lender().toChecksumHex());
                tokenTerms(n, o);
            }
            case BorrowRequest r -> {
                n.put("borrower", r.borrower().toChecksumHex());
                tokenTerms(n, r);
            }
            case CollectionOffer c -> {
                n.put("lender", c.lender().toChecksumHex());
                n.put("assetClass", c.assetClass().toHex());
                n.put("issuer", c.issuer().toChecksumHex());
                n.put("minUnits", c.minUnits().toString());
                n.put("minRemainingTerm", Long.toUnsignedString(c.minRemainingTerm()));
                n.put("maxLtvBps", Long.toString(c.maxLtvBps()));
                n.put("currency", c.currency().toChecksumHex());
                n.put("totalPrincipal", c.totalPrincipal().toString());
            }
        }
        n.put("aprBps", Long.toString(order.aprBps()));
        n.put("duration", Long.toUnsignedString(order.duration()));
        switch (order) {
            case LoanOffer o -> n.put("minCreditScore", Integer.toString(o.minCreditScore()));
            case CollectionOffer c -> n.put("minCreditScore", Integer.toString(c.minCreditScore()));
            case BorrowRequest r -> {
            }
        }
        n.put("counter", order.counter().toString());
        n.put("salt", order.salt().toString());
        n.put("expiry", Long.toUnsignedString(order.expiry()));
        return n;
    }

    private static void tokenTerms(ObjectNode n, TokenLoanOrder o) {
        n.put("tokenId", o.tokenId().toString());
        n.put("tokenNonce", Long.toString(o.tokenNonce()));
        n.put("units", o.units().toString());
        n.put("currency", o.currency().toChecksumHex());
        n.put("principal", o.principal().toString());
        n.put("maxRepayment", o.maxRepayment().toString());
    }

    /**
     * Reads an order of a known kind.
     *
     * @param kind the order kind
     * @param node the order object (exactly the members of the kind's type string)
     * @param path its JSON path
     * @return the order
     * @throws ProofJsonException naming the offending field if the node is malformed or breaks a lending rule
     */
    public static LoanOrder orderFromNode(LoanOrderKind kind, JsonNode node, String path) {
        if (kind == null) {
            throw new IllegalArgumentException("loan order kind must not be null");
        }
        JsonFields.requireObject(node, path, switch (kind) {
            case LOAN_OFFER -> OFFER_FIELDS;
            case BORROW_REQUEST -> REQUEST_FIELDS;
            case COLLECTION_OFFER -> COLLECTION_FIELDS;
        });
        try {
            return switch (kind) {
                case LOAN_OFFER -> new LoanOffer(JsonFields.address(node, "lender", path), tokenId(node, path),
                        JsonFields.uint32(node, "tokenNonce", path), JsonFields.uint256(node, "units", path),
                        JsonFields.address(node, "currency", path), JsonFields.uint256(node, "principal", path),
                        JsonFields.uint256(node, "maxRepayment", path), JsonFields.uint32(node, "aprBps", path),
                        JsonFields.uint64(node, "duration", path), JsonFields.uint16(node, "minCreditScore", path),
                        JsonFields.uint256(node, "counter", path), JsonFields.uint256(node, "salt", path),
                        JsonFields.uint64(node, "expiry", path));
                case BORROW_REQUEST -> new BorrowRequest(JsonFields.address(node, "borrower", path), tokenId(node, path),
                        JsonFields.uint32(node, "tokenNonce", path), JsonFields.uint256(node, "units", path),
                        JsonFields.address(node, "currency", path), JsonFields.uint256(node, "principal", path),
                        JsonFields.uint256(node, "maxRepayment", path), JsonFields.uint32(node, "aprBps", path),
                        JsonFields.uint64(node, "duration", path), JsonFields.uint256(node, "counter", path),
                        JsonFields.uint256(node, "salt", path), JsonFields.uint64(node, "expiry", path));
                case COLLECTION_OFFER -> new CollectionOffer(JsonFields.address(node, "lender", path),
                        new AssetClassId(JsonFields.bytes32(node, "assetClass", path)),
                        JsonFields.address(node, "issuer", path), JsonFields.uint256(node, "minUnits", path),
                        JsonFields.uint64(node, "minRemainingTerm", path), JsonFields.uint32(node, "maxLtvBps", path),
                        JsonFields.address(node, "currency", path), JsonFields.uint256(node, "totalPrincipal", path),
                        JsonFields.uint32(node, "aprBps", path), JsonFields.uint64(node, "duration", path),
                        JsonFields.uint16(node, "minCreditScore", path), JsonFields.uint256(node, "counter", path),
                        JsonFields.uint256(node, "salt", path), JsonFields.uint64(node, "expiry", path));
            };
        } catch (LoanOrderValidationException e) {
            throw new ProofJsonException(path + e.field().map(f -> "." + f).orElse(""), e.getMessage(), e);
        } catch (ProofJsonException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ProofJsonException(path, e.getMessage(), e);
        }
    }

    private static TokenId tokenId(JsonNode node, String path) {
        return JsonFields.id(node, "tokenId", path, TokenId::new);
    }
}
