package io.hashmix.proofs.vectors;

import java.math.BigInteger;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.AttestationJson;
import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.market.CriteriaOffer;
import io.hashmix.proofs.market.Listing;
import io.hashmix.proofs.market.Offer;
import io.hashmix.proofs.market.Order;
import io.hashmix.proofs.market.OrderJson;
import io.hashmix.proofs.market.OrderKind;
import io.hashmix.proofs.market.OrderSigner;
import io.hashmix.proofs.market.SignedOrder;
import io.hashmix.proofs.market.SwapOrder;

/**
 * The market order vectors ({@value #FILE}), shared with {@code contracts/test/MarketOrderVectors.t.sol}:
 * deterministic orders of the four kinds, each signed by its maker (a {@link TestKeys} key).
 */
public final class MarketVectors {

    /** File name under {@code test-vectors/}. */
    public static final String FILE = "market-orders.json";
    /** The vectors' market address (Hardhat's second deployment address). */
    public static final EvmAddress MARKET = EvmAddress.of("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
    /** The vectors' domain. */
    public static final Eip712Domain DOMAIN = Eip712Domain.hashMix(Fixtures.CHAIN_ID, MARKET);
    /** A payout token (8 decimals). */
    public static final EvmAddress WBTC = EvmAddress.of("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0");
    /** A stable coin (6 decimals). */
    public static final EvmAddress USDC = EvmAddress.of("0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9");
    /** The largest address. */
    public static final EvmAddress MAX_ADDRESS = EvmAddress.of("0xffffffffffffffffffffffffffffffffffffffff");
    /** The largest token id. */
    public static final TokenId MAX_TOKEN = new TokenId(AbiWords.UINT256_MAX);
    /** 30 days in seconds. */
    public static final long DAYS_30 = 30L * 86_400;

    /**
     * One vector: an order and the index of the {@link TestKeys} key of its maker.
     *
     * @param name the case name
     * @param order the order
     * @param key the maker's key index
     */
    public record Case(String name, Order order, int key) {
        /** The order signed by its maker in {@link #DOMAIN}. */
        public SignedOrder signed() {
            return OrderSigner.sign(DOMAIN, order, TestKeys.key(key));
        }
    }

    private MarketVectors() {
    }

    /** A deterministic salt. */
    public static BigInteger salt(String label) {
        return new BigInteger(1, Bytes32.keccakUtf8("hashmix-vector-salt:" + label).value());
    }

    /** Listing cases: ERC-20 partial fills, two in the native coin, every field at its maximum. */
    public static List<Case> listings() {
        return List.of(
                new Case("erc20-partial-fills", Listing.builder().seller(TestKeys.address(1)).tokenId(TokenId.of(7))
                        .tokenNonce(3).units(1000).minFill(100).currency(WBTC).pricePerUnit(BigInteger.valueOf(25_000))
                        .salt(salt("listing-1")).expiry(Fixtures.JAN_2025 + DAYS_30).build(), 1),
                new Case("native-whole-token", Listing.builder().seller(TestKeys.address(2)).tokenId(TokenId.of(12))
                        .tokenNonce(0).units(250).nativeCurrency().pricePerUnit(new BigInteger("2000000000000000"))
                        .counter(1).salt(salt("listing-2")).expiry(Fixtures.JAN_2025 + 7 * 86_400).build(), 2),
                new Case("native-any-fill-size", Listing.builder().seller(TestKeys.address(3)).tokenId(TokenId.of(1))
                        .tokenNonce(42).units(1).minFill(0).nativeCurrency().pricePerUnit(BigInteger.ONE).counter(5)
                        .salt(salt("listing-3")).expiry(Fixtures.JAN_2026).build(), 3),
                new Case("max-values", new Listing(TestKeys.address(4), MAX_TOKEN, AbiWords.UINT32_MAX, AbiWords.UINT256_MAX,
                        AbiWords.UINT256_MAX, MAX_ADDRESS, AbiWords.UINT256_MAX, AbiWords.UINT256_MAX, AbiWords.UINT256_MAX,
                        -1L), 4));
    }

    /** Offer cases: ERC-20 partial, whole token, any fill size with a large counter, maxima. */
    public static List<Case> offers() {
        return List.of(
                new Case("erc20-partial-fills", Offer.builder().buyer(TestKeys.address(2)).tokenId(TokenId.of(7)).units(400)
                        .minFill(50).currency(USDC).pricePerUnit(BigInteger.valueOf(30_000_000)).salt(salt("offer-1"))
                        .expiry(Fixtures.JAN_2025 + DAYS_30).build(), 2),
                new Case("whole-token-only", Offer.builder().buyer(TestKeys.address(3)).tokenId(TokenId.of(12)).units(250)
                        .currency(WBTC).pricePerUnit(BigInteger.valueOf(21_000)).salt(salt("offer-2"))
                        .expiry(Fixtures.JAN_2025 + 86_400).build(), 3),
                new Case("any-fill-size-large-counter", Offer.builder().buyer(TestKeys.address(5)).tokenId(TokenId.of(99))
                        .units(10).minFill(0).currency(USDC).pricePerUnit(BigInteger.ONE).counter(BigInteger.TWO.pow(128))
                        .salt(salt("offer-3")).expiry(Fixtures.JAN_2026).build(), 5),
                new Case("max-values", new Offer(TestKeys.address(1), MAX_TOKEN, AbiWords.UINT256_MAX, AbiWords.UINT256_MAX,
                        MAX_ADDRESS, AbiWords.UINT256_MAX, AbiWords.UINT256_MAX, AbiWords.UINT256_MAX, -1L), 1));
    }

    /** Criteria offer cases: any issuer (zero address), a given issuer, any fill size, maxima. */
    public static List<Case> criteriaOffers() {
        return List.of(
                new Case("btc-any-issuer", CriteriaOffer.builder().buyer(TestKeys.address(1))
                        .assetClass(AssetClassId.ofSymbol("BTC-SHA256")).units(5000).minFill(500).minRemainingTerm(90 * 86_400)
                        .currency(WBTC).pricePerUnit(BigInteger.valueOf(24_000)).salt(salt("criteria-1"))
                        .expiry(Fixtures.JAN_2025 + DAYS_30).build(), 1),
                new Case("fil-given-issuer", CriteriaOffer.builder().buyer(TestKeys.address(2))
                        .assetClass(AssetClassId.ofSymbol("FIL-STORAGE"))
                        .issuer(EvmAddress.of("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC")).units(2048)
                        .currency(USDC).pricePerUnit(BigInteger.valueOf(1_500_000)).counter(7).salt(salt("criteria-2"))
                        .expiry(Fixtures.JAN_2025 + 86_400).build(), 2),
                new Case("any-issuer-any-fill-no-term", CriteriaOffer.builder().buyer(TestKeys.address(3))
                        .assetClass(AssetClassId.ofSymbol("BTC-SHA256")).issuer(EvmAddress.ZERO).units(1).minFill(0)
                        .currency(USDC).pricePerUnit(BigInteger.ONE).salt(salt("criteria-3")).expiry(Fixtures.JAN_2026)
                        .build(), 3),
                new Case("max-values", new CriteriaOffer(TestKeys.address(5), new AssetClassId(Bytes32.fromHex("0x" + "ff".repeat(32))),
                        MAX_ADDRESS, AbiWords.UINT256_MAX, AbiWords.UINT256_MAX, -1L, MAX_ADDRESS, AbiWords.UINT256_MAX,
                        AbiWords.UINT256_MAX, AbiWords.UINT256_MAX, -1L), 5));
    }

    /**
     * Swap cases: a plain swap, a fresh token under a raised counter, a token that kept its id and nonce through a
     * carve (fewer units), maxima (last: giveUnits and wantUnits at {@code uint256} max). Every case signs both
     * sides' units.
     */
    public static List<Case> swaps() {
        return List.of(
                new Case("plain", SwapOrder.builder().maker(TestKeys.address(1)).giveTokenId(TokenId.of(7)).giveTokenNonce(3)
                        .giveUnits(1000).wantTokenId(TokenId.of(12)).wantUnits(250).salt(salt("swap-1"))
                        .expiry(Fixtures.JAN_2025 + DAYS_30).build(), 1),
                new Case("fresh-token-raised-counter", SwapOrder.builder().maker(TestKeys.address(2)).giveTokenId(TokenId.of(12))
                        .giveTokenNonce(0).giveUnits(250).wantTokenId(TokenId.of(7)).wantUnits(1000).counter(3)
                        .salt(salt("swap-2")).expiry(Fixtures.JAN_2025 + 86_400).build(), 2),
                new Case("carved-token-same-nonce", SwapOrder.builder().maker(TestKeys.address(1)).giveTokenId(TokenId.of(7))
                        .giveTokenNonce(3).giveUnits(900).wantTokenId(TokenId.of(12)).wantUnits(250).salt(salt("swap-3"))
                        .expiry(Fixtures.JAN_2025 + DAYS_30).build(), 1),
                new Case("max-values", new SwapOrder(TestKeys.address(4), MAX_TOKEN, AbiWords.UINT32_MAX, AbiWords.UINT256_MAX,
                        new TokenId(AbiWords.UINT256_MAX.subtract(BigInteger.ONE)), AbiWords.UINT256_MAX, AbiWords.UINT256_MAX,
                        AbiWords.UINT256_MAX, -1L), 4));
    }

    /** The cases of a kind. */
    public static List<Case> cases(OrderKind kind) {
        return switch (kind) {
            case LISTING -> listings();
            case OFFER -> offers();
            case CRITERIA_OFFER -> criteriaOffers();
            case SWAP -> swaps();
        };
    }

    /** The JSON array holding a kind's cases in the file. */
    public static String arrayName(OrderKind kind) {
        return switch (kind) {
            case LISTING -> "listings";
            case OFFER -> "offers";
            case CRITERIA_OFFER -> "criteriaOffers";
            case SWAP -> "swaps";
        };
    }

    /** The vector file's text. */
    public static String generate() {
        ObjectNode root = JsonFields.newObject();
        root.put("description", "HashMix market order EIP-712 vectors, generated by the Java SDK (hashmix-proofs "
                + "MarketVectors; TestVectorsTest fails if this file drifts); read by contracts/test/MarketOrderVectors.t.sol. "
                + "structHash = keccak256(abi.encode(typeHash, fields...)) is domain-independent; "
                + "digest = keccak256(0x1901 || domainSeparator || structHash) is what HashMixMarket.hashListing/hashOffer/"
                + "hashCriteriaOffer/hashSwapOrder return under this domain. Each case is signed by its maker: 65 bytes "
                + "r||s||v, low s, v in {27,28}, RFC 6979 nonces. Every integer is a decimal string; addresses and "
                + "bytes32 are 0x hex; currency 0x0 is the native coin; issuer 0x0 in a criteria offer means any issuer. "
                + "Private keys are keccak256(\"hashmix-test-signer-<i>\"): PUBLIC TEST-ONLY KEYS, never use them on a real network.");
        root.set("domain", AttestationJson.domainToNode(DOMAIN));
        root.put("domainTypeString", Eip712Domain.TYPE_STRING);
        root.put("domainTypeHash", Eip712Domain.TYPE_HASH.toHex());
        root.put("domainSeparator", DOMAIN.separator().toHex());
        ObjectNode types = root.putObject("types");
        for (OrderKind kind : OrderKind.values()) {
            Order sample = cases(kind).getFirst().order();
            ObjectNode t = types.putObject(kind.jsonName());
            t.put("code", Integer.toString(kind.code()));
            t.put("typeString", sample.typeString());
            t.put("typeHash", sample.typeHash().toHex());
        }
        for (OrderKind kind : OrderKind.values()) {
            ArrayNode array = root.putArray(arrayName(kind));
            for (Case c : cases(kind)) {
                SignedOrder signed = c.signed();
                ObjectNode n = array.addObject();
                n.put("name", c.name());
                n.put("kind", kind.jsonName());
                n.set("order", OrderJson.orderToNode(c.order()));
                n.put("typeHash", c.order().typeHash().toHex());
                n.put("structHash", c.order().structHash().toHex());
                n.put("digest", signed.digest().toHex());
                n.set("signer", TestKeys.signerNode(c.key()));
                n.put("signature", signed.signatureHex());
            }
        }
        return JsonFields.write(root) + "\n";
    }
}
