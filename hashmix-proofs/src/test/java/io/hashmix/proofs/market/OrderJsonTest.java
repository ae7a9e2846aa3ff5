package io.hashmix.proofs.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.vectors.MarketVectors;

/** Signed orders round-trip through JSON exactly; every malformed document fails naming its JSON path. */
class OrderJsonTest {

    private static final String LISTING = OrderJson.toJson(MarketVectors.listings().getFirst().signed());
    private static final String SWAP = OrderJson.toJson(MarketVectors.swaps().getFirst().signed());

    @ParameterizedTest
    @EnumSource(OrderKind.class)
    void roundTripsEveryKindExactly(OrderKind kind) {
        for (MarketVectors.Case c : MarketVectors.cases(kind)) {
            SignedOrder s = c.signed();
            String json = OrderJson.toJson(s);
            SignedOrder back = OrderJson.fromJson(json);
            assertEquals(s, back, c.name());
            assertEquals(s.digest(), back.digest());
            assertEquals(json, OrderJson.toJson(back), "stable output");
            assertEquals(kind.jsonName(), JsonFields.parse(json).get("kind").textValue());
        }
    }

    @ParameterizedTest
    @EnumSource(OrderKind.class)
    void orderFieldsAreExactlyTheTypeStringMembersInOrder(OrderKind kind) {
        Order o = MarketVectors.cases(kind).getFirst().order();
        ObjectNode n = OrderJson.orderToNode(o);
        assertEquals(List.copyOf(JsonFields.memberNames(o.typeString())), iterate(n));
    }

    private static List<String> iterate(ObjectNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void writesEveryIntegerAsADecimalString() {
        JsonNode n = JsonFields.parse(OrderJson.toJson(MarketVectors.listings().getLast().signed()));
        JsonNode o = n.get("order");
        assertEquals("18446744073709551615", o.get("expiry").textValue());
        assertEquals("4294967295", o.get("tokenNonce").textValue());
        assertEquals("115792089237316195423570985008687907853269984665640564039457584007913129639935", o.get("units").textValue());
        assertEquals("31337", n.get("domain").get("chainId").textValue());
        assertTrue(n.get("signature").textValue().matches("0x[0-9a-f]{130}"));
        JsonNode native_ = JsonFields.parse(OrderJson.toJson(MarketVectors.listings().get(1).signed()));
        assertEquals("0x0000000000000000000000000000000000000000", native_.get("order").get("currency").textValue());
    }

    @Test
    void writesSwapUnitsAsDecimalStrings() {
        String max = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
        JsonNode maxSwap = JsonFields.parse(OrderJson.toJson(MarketVectors.swaps().getLast().signed())).get("order");
        assertEquals(max, maxSwap.get("giveUnits").textValue());
        assertEquals(max, maxSwap.get("wantUnits").textValue());
        JsonNode plain = JsonFields.parse(SWAP).get("order");
        assertEquals("1000", plain.get("giveUnits").textValue());
        assertEquals("250", plain.get("wantUnits").textValue());
        SwapOrder back = (SwapOrder) OrderJson.fromJson(SWAP).order();
        assertEquals(java.math.BigInteger.valueOf(1000), back.giveUnits());
        assertEquals(java.math.BigInteger.valueOf(250), back.wantUnits());
    }

    @Test
    void acceptsJsonIntegersForSmallTypes() {
        SignedOrder s = MarketVectors.listings().getFirst().signed();
        ObjectNode n = OrderJson.toNode(s);
        ((ObjectNode) n.get("order")).put("tokenNonce", 3);
        ((ObjectNode) n.get("order")).put("expiry", s.order().expiry());
        assertEquals(s, OrderJson.fromJson(JsonFields.write(n)));
    }

    @Test
    void memberNamesParsesTypeStrings() {
        assertEquals(List.of("from", "contents"), List.copyOf(JsonFields.memberNames("Mail(address from,string contents)")));
        assertThrows(IllegalArgumentException.class, () -> JsonFields.memberNames("Mail"));
        assertThrows(IllegalArgumentException.class, () -> JsonFields.memberNames("Mail(address from,address from)"));
        assertThrows(IllegalArgumentException.class, () -> JsonFields.memberNames("Mail(address)"));
    }

    static Stream<Arguments> malformed() {
        String max = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
        return Stream.of(
                Arguments.of("not JSON", "{", "$"),
                Arguments.of("empty", "", "$"),
                Arguments.of("root is an array", "[]", "$"),
                Arguments.of("trailing content", LISTING + " {}", "$"),
                Arguments.of("duplicate key", LISTING.replaceFirst("\"kind\"", "\"signature\": \"0x00\",\n  \"kind\""), "$"),
                Arguments.of("missing kind", LISTING.replace("\"kind\": \"listing\",", ""), "$.kind"),
                Arguments.of("unknown kind", LISTING.replace("\"kind\": \"listing\"", "\"kind\": \"auction\""), "$.kind"),
                Arguments.of("kind as code", LISTING.replace("\"kind\": \"listing\"", "\"kind\": 0"), "$.kind"),
                Arguments.of("kind of another type", LISTING.replace("\"kind\": \"listing\"", "\"kind\": \"offer\""), "$.order.seller"),
                Arguments.of("unknown top-level field", LISTING.replace("\"kind\": \"listing\",", "\"kind\": \"listing\", \"v\": 1,"), "$.v"),
                Arguments.of("missing domain", LISTING.replaceFirst("(?s)\"domain\": \\{.*?\\},", ""), "$.domain"),
                Arguments.of("bad chain id", LISTING.replace("\"chainId\": \"31337\"", "\"chainId\": \"0\""), "$.domain.chainId"),
                Arguments.of("missing order field", LISTING.replace("\"minFill\": \"100\",", ""), "$.order.minFill"),
                Arguments.of("unknown order field", LISTING.replace("\"minFill\": \"100\",", "\"minFill\": \"100\", \"maxFill\": \"1\","), "$.order.maxFill"),
                Arguments.of("null field", LISTING.replace("\"minFill\": \"100\"", "\"minFill\": null"), "$.order.minFill"),
                Arguments.of("uint256 as number", LISTING.replace("\"units\": \"1000\"", "\"units\": 1000"), "$.order.units"),
                Arguments.of("negative uint256", LISTING.replace("\"units\": \"1000\"", "\"units\": \"-1000\""), "$.order.units"),
                Arguments.of("hex uint256", LISTING.replace("\"units\": \"1000\"", "\"units\": \"0x3e8\""), "$.order.units"),
                Arguments.of("leading zero", LISTING.replace("\"units\": \"1000\"", "\"units\": \"01000\""), "$.order.units"),
                Arguments.of("uint256 overflow", LISTING.replace("\"pricePerUnit\": \"25000\"", "\"pricePerUnit\": \"" + max.replace("935", "936") + "\""), "$.order.pricePerUnit"),
                Arguments.of("uint32 overflow", LISTING.replace("\"tokenNonce\": \"3\"", "\"tokenNonce\": \"4294967296\""), "$.order.tokenNonce"),
                Arguments.of("uint64 overflow", LISTING.replace("\"expiry\": \"1738281600\"", "\"expiry\": \"18446744073709551616\""), "$.order.expiry"),
                Arguments.of("boolean uint64", LISTING.replace("\"expiry\": \"1738281600\"", "\"expiry\": true"), "$.order.expiry"),
                Arguments.of("fractional uint32", LISTING.replace("\"tokenNonce\": \"3\"", "\"tokenNonce\": 3.5"), "$.order.tokenNonce"),
                Arguments.of("token id zero", LISTING.replace("\"tokenId\": \"7\"", "\"tokenId\": \"0\""), "$.order.tokenId"),
                Arguments.of("short address", LISTING.replace("\"currency\": \"0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0\"", "\"currency\": \"0x9fE4\""), "$.order.currency"),
                Arguments.of("bad checksum", LISTING.replace("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0", "0x9Fe46736679d2D9a65F0992F2272dE9f3c7fa6e0"), "$.order.currency"),
                Arguments.of("address as number", LISTING.replace("\"currency\": \"0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0\"", "\"currency\": 0"), "$.order.currency"),
                Arguments.of("zero units", LISTING.replace("\"units\": \"1000\"", "\"units\": \"0\"").replace("\"minFill\": \"100\"", "\"minFill\": \"0\""), "$.order.units"),
                Arguments.of("minFill above units", LISTING.replace("\"minFill\": \"100\"", "\"minFill\": \"1001\""), "$.order.minFill"),
                Arguments.of("zero price", LISTING.replace("\"pricePerUnit\": \"25000\"", "\"pricePerUnit\": \"0\""), "$.order.pricePerUnit"),
                Arguments.of("zero expiry", LISTING.replace("\"expiry\": \"1738281600\"", "\"expiry\": \"0\""), "$.order.expiry"),
                Arguments.of("zero maker", LISTING.replace("0x9a9BadE93986600f0D686190b0aA3C3921F96345", "0x0000000000000000000000000000000000000000"), "$.order"),
                Arguments.of("swap of a token for itself", SWAP.replace("\"wantTokenId\": \"12\"", "\"wantTokenId\": \"7\""), "$.order.wantTokenId"),
                Arguments.of("swap missing giveUnits", SWAP.replace("\"giveUnits\": \"1000\",", ""), "$.order.giveUnits"),
                Arguments.of("swap missing wantUnits", SWAP.replace("\"wantUnits\": \"250\",", ""), "$.order.wantUnits"),
                Arguments.of("swap without units (old format)", SWAP.replace("\"giveUnits\": \"1000\",", "")
                        .replace("\"wantUnits\": \"250\",", ""), "$.order.giveUnits"),
                Arguments.of("swap with units instead", SWAP.replace("\"giveUnits\": \"1000\"", "\"units\": \"1000\""), "$.order.units"),
                Arguments.of("null giveUnits", SWAP.replace("\"giveUnits\": \"1000\"", "\"giveUnits\": null"), "$.order.giveUnits"),
                Arguments.of("giveUnits as number", SWAP.replace("\"giveUnits\": \"1000\"", "\"giveUnits\": 1000"), "$.order.giveUnits"),
                Arguments.of("hex giveUnits", SWAP.replace("\"giveUnits\": \"1000\"", "\"giveUnits\": \"0x3e8\""), "$.order.giveUnits"),
                Arguments.of("negative giveUnits", SWAP.replace("\"giveUnits\": \"1000\"", "\"giveUnits\": \"-1000\""), "$.order.giveUnits"),
                Arguments.of("leading zero giveUnits", SWAP.replace("\"giveUnits\": \"1000\"", "\"giveUnits\": \"01000\""), "$.order.giveUnits"),
                Arguments.of("empty giveUnits", SWAP.replace("\"giveUnits\": \"1000\"", "\"giveUnits\": \"\""), "$.order.giveUnits"),
                Arguments.of("fractional giveUnits", SWAP.replace("\"giveUnits\": \"1000\"", "\"giveUnits\": \"1000.5\""), "$.order.giveUnits"),
                Arguments.of("giveUnits overflow", SWAP.replace("\"giveUnits\": \"1000\"", "\"giveUnits\": \"" + max.replace("935", "936") + "\""), "$.order.giveUnits"),
                Arguments.of("wantUnits as number", SWAP.replace("\"wantUnits\": \"250\"", "\"wantUnits\": 250"), "$.order.wantUnits"),
                Arguments.of("negative wantUnits", SWAP.replace("\"wantUnits\": \"250\"", "\"wantUnits\": \"-250\""), "$.order.wantUnits"),
                Arguments.of("wantUnits overflow", SWAP.replace("\"wantUnits\": \"250\"", "\"wantUnits\": \"" + max.replace("935", "936") + "\""), "$.order.wantUnits"),
                Arguments.of("zero giveUnits", SWAP.replace("\"giveUnits\": \"1000\"", "\"giveUnits\": \"0\""), "$.order.giveUnits"),
                Arguments.of("zero wantUnits", SWAP.replace("\"wantUnits\": \"250\"", "\"wantUnits\": \"0\""), "$.order.wantUnits"),
                Arguments.of("bad assetClass", OrderJson.toJson(MarketVectors.criteriaOffers().getFirst().signed())
                        .replaceFirst("\"assetClass\": \"0x[0-9a-f]{64}\"", "\"assetClass\": \"0x1234\""), "$.order.assetClass"),
                Arguments.of("empty signature", LISTING.replaceFirst("\"signature\": \"0x[0-9a-f]+\"", "\"signature\": \"0x\""), "$.signature"),
                Arguments.of("odd hex signature", LISTING.replaceFirst("\"signature\": \"0x[0-9a-f]+\"", "\"signature\": \"0x123\""), "$.signature"),
                Arguments.of("non-hex signature", LISTING.replaceFirst("\"signature\": \"0x[0-9a-f]+\"", "\"signature\": \"0xzz\""), "$.signature"),
                Arguments.of("signature as array", LISTING.replaceFirst("\"signature\": \"0x[0-9a-f]+\"", "\"signature\": []"), "$.signature"),
                Arguments.of("order as string", LISTING.replaceFirst("(?s)\"order\": \\{.*?\\},", "\"order\": \"x\","), "$.order"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedJsonNamesThePath(String what, String json, String path) {
        ProofJsonException e = assertThrows(ProofJsonException.class, () -> OrderJson.fromJson(json), what);
        assertEquals(path, e.path(), what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(e.path()), e.getMessage());
    }

    @Test
    void marketRuleFailuresKeepTheTypedCause() {
        String zeroPrice = LISTING.replace("\"pricePerUnit\": \"25000\"", "\"pricePerUnit\": \"0\"");
        ProofJsonException e = assertThrows(ProofJsonException.class, () -> OrderJson.fromJson(zeroPrice));
        OrderValidationException cause = assertInstanceOf(OrderValidationException.class, e.getCause());
        assertEquals(OrderValidationException.Reason.ZERO_PRICE, cause.reason());
        for (String field : List.of("giveUnits", "wantUnits")) {
            String zero = SWAP.replaceFirst("\"" + field + "\": \"\\d+\"", "\"" + field + "\": \"0\"");
            ProofJsonException z = assertThrows(ProofJsonException.class, () -> OrderJson.fromJson(zero), field);
            OrderValidationException rule = assertInstanceOf(OrderValidationException.class, z.getCause());
            assertEquals(OrderValidationException.Reason.ZERO_UNITS, rule.reason());
            assertEquals(field, rule.field().orElseThrow());
            assertEquals("$.order." + field, z.path());
        }
    }

    @Test
    void rejectsNullArguments() {
        assertThrows(IllegalArgumentException.class, () -> OrderJson.toNode(null));
        assertThrows(IllegalArgumentException.class, () -> OrderJson.orderToNode(null));
        assertThrows(IllegalArgumentException.class, () -> OrderJson.orderFromNode(null, JsonFields.newObject(), "$"));
    }
}
