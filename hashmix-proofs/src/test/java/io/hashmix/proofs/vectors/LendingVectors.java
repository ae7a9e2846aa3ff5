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
import io.hashmix.proofs.credit.CreditMath;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.lending.BorrowRequest;
import io.hashmix.proofs.lending.CollectionOffer;
import io.hashmix.proofs.lending.LoanMath;
import io.hashmix.proofs.lending.LoanOffer;
import io.hashmix.proofs.lending.LoanOrder;
import io.hashmix.proofs.lending.LoanOrderJson;
import io.hashmix.proofs.lending.LoanOrderKind;
import io.hashmix.proofs.lending.LoanOrderSigner;
import io.hashmix.proofs.lending.LoanState;
import io.hashmix.proofs.lending.SignedLoanOrder;

/**
 * The lending vectors, shared with {@code contracts/test/LendingVectors.t.sol}: {@value #ORDERS_FILE} (the three
 * loan order kinds, each signed by its maker, a {@link TestKeys} key) and {@value #MATH_FILE} (interest, payments,
 * repayment schedules, auction prices, loan-to-value bounds, computed by {@link LoanMath} and {@link LoanState}).
 */
public final class LendingVectors {

    /** Orders file under {@code test-vectors/}. */
    public static final String ORDERS_FILE = "lending-orders.json";
    /** Math file under {@code test-vectors/}. */
    public static final String MATH_FILE = "lending-math.json";
    /** The vectors' lending contract address. */
    public static final EvmAddress LENDING = EvmAddress.of("0x9A9f2CCfdE556A7E9Ff0848998Aa4a0CFD8863AE");
    /** The vectors' domain. */
    public static final Eip712Domain DOMAIN = Eip712Domain.hashMix(Fixtures.CHAIN_ID, LENDING);
    /** 28 days in seconds. */
    public static final long DAYS_28 = 28L * 86_400;
    /** The highest minimum credit score an offer may ask: the highest score ({@link CreditMath#MAX_SCORE}). */
    public static final int MAX_CREDIT_SCORE = (int) CreditMath.MAX_SCORE;
    /** The largest address. */
    public static final EvmAddress MAX_ADDRESS = EvmAddress.of("0xffffffffffffffffffffffffffffffffffffffff");

    /**
     * One order vector: the order and the index of its maker's {@link TestKeys} key.
     *
     * @param name the case name
     * @param order the order
     * @param key the maker's key index
     */
    public record Case(String name, LoanOrder order, int key) {
        /** The order signed by its maker in {@link #DOMAIN}. */
        public SignedLoanOrder signed() {
            return LoanOrderSigner.sign(DOMAIN, order, TestKeys.key(key));
        }
    }

    private LendingVectors() {
    }

    /**
     * Loan offers: a one-BTC loan, a refinance offer at a higher nonce, an offer asking a minimum credit score,
     * every field at its maximum (the highest credit score, 1000, for {@code minCreditScore}).
     */
    public static List<Case> loanOffers() {
        return List.of(
                new Case("btc-four-weeks", LoanOffer.builder().lender(TestKeys.address(1)).tokenId(TokenId.of(7))
                        .tokenNonce(3).units(1000).currency(MarketVectors.WBTC).principal(BigInteger.valueOf(10_000_000))
                        .maxRepayment(BigInteger.valueOf(20_000_000)).aprBps(1_000).duration(DAYS_28)
                        .salt(MarketVectors.salt("loan-offer-1")).expiry(Fixtures.JAN_2025 + 7 * 86_400).build(), 1),
                new Case("refinance-in-escrow", LoanOffer.builder().lender(TestKeys.address(2)).tokenId(TokenId.of(12))
                        .tokenNonce(4).units(250).currency(MarketVectors.WBTC).principal(BigInteger.valueOf(100_000_000))
                        .aprBps(500).duration(10 * 86_400).counter(2).salt(MarketVectors.salt("loan-offer-2"))
                        .expiry(Fixtures.JAN_2026).build(), 2),
                new Case("min-credit-score", LoanOffer.builder().lender(TestKeys.address(1)).tokenId(TokenId.of(9))
                        .units(500).currency(MarketVectors.WBTC).principal(BigInteger.valueOf(25_000_000)).aprBps(800)
                        .duration(DAYS_28).minCreditScore(650).salt(MarketVectors.salt("loan-offer-3"))
                        .expiry(Fixtures.JAN_2025 + 14 * 86_400).build(), 1),
                new Case("max-values", new LoanOffer(TestKeys.address(4), new TokenId(AbiWords.UINT256_MAX),
                        AbiWords.UINT32_MAX, AbiWords.UINT256_MAX, MAX_ADDRESS, AbiWords.UINT256_MAX, AbiWords.UINT256_MAX,
                        LoanMath.MAX_APR_BPS, -1L, MAX_CREDIT_SCORE, AbiWords.UINT256_MAX, AbiWords.UINT256_MAX, -1L), 4));
    }

    /** Borrow requests: a plain request, a zero-rate request with a raised counter. */
    public static List<Case> borrowRequests() {
        return List.of(
                new Case("btc-two-weeks", BorrowRequest.builder().borrower(TestKeys.address(3)).tokenId(TokenId.of(7))
                        .tokenNonce(1).units(1000).currency(MarketVectors.WBTC).principal(BigInteger.valueOf(5_000_000))
                        .maxRepayment(BigInteger.valueOf(6_000_000)).aprBps(1_200).duration(14 * 86_400)
                        .salt(MarketVectors.salt("borrow-request-1")).expiry(Fixtures.JAN_2025 + 86_400).build(), 3),
                new Case("zero-rate-raised-counter", BorrowRequest.builder().borrower(TestKeys.address(5))
                        .tokenId(TokenId.of(99)).tokenNonce(0).units(1).currency(MarketVectors.USDC)
                        .principal(BigInteger.ONE).aprBps(0).duration(1).counter(BigInteger.TWO.pow(128))
                        .salt(MarketVectors.salt("borrow-request-2")).expiry(Fixtures.JAN_2026).build(), 5));
    }

    /**
     * Collection offers: a BTC offer for any issuer, one for a given issuer, one asking a minimum credit score, every
     * field at its maximum (the highest credit score, 1000, for {@code minCreditScore}).
     */
    public static List<Case> collectionOffers() {
        return List.of(
                new Case("btc-any-issuer", CollectionOffer.builder().lender(TestKeys.address(1))
                        .assetClass(AssetClassId.ofSymbol("BTC-SHA256")).minUnits(BigInteger.valueOf(100))
                        .minRemainingTerm(30 * 86_400).maxLtvBps(5_000).currency(MarketVectors.WBTC)
                        .totalPrincipal(BigInteger.valueOf(100_000_000)).aprBps(900).duration(DAYS_28)
                        .salt(MarketVectors.salt("collection-1")).expiry(Fixtures.JAN_2025 + 30 * 86_400).build(), 1),
                new Case("fil-given-issuer", CollectionOffer.builder().lender(TestKeys.address(2))
                        .assetClass(AssetClassId.ofSymbol("FIL-STORAGE"))
                        .issuer(EvmAddress.of("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC")).minUnits(BigInteger.ONE)
                        .maxLtvBps(2_500).currency(MarketVectors.USDC).totalPrincipal(BigInteger.TEN.pow(24)).aprBps(2_000)
                        .duration(90 * 86_400).counter(7).salt(MarketVectors.salt("collection-2"))
                        .expiry(Fixtures.JAN_2026).build(), 2),
                new Case("btc-min-credit-score", CollectionOffer.builder().lender(TestKeys.address(2))
                        .assetClass(AssetClassId.ofSymbol("BTC-SHA256")).minUnits(BigInteger.valueOf(10))
                        .maxLtvBps(6_000).currency(MarketVectors.WBTC).totalPrincipal(BigInteger.valueOf(500_000_000))
                        .aprBps(700).duration(DAYS_28).minCreditScore(500).salt(MarketVectors.salt("collection-3"))
                        .expiry(Fixtures.JAN_2025 + 30 * 86_400).build(), 2),
                new Case("max-values", new CollectionOffer(TestKeys.address(5),
                        new AssetClassId(Bytes32.fromHex("0x" + "ff".repeat(32))), MAX_ADDRESS, AbiWords.UINT256_MAX, -1L,
                        AbiWords.UINT32_MAX, MAX_ADDRESS, AbiWords.UINT256_MAX, LoanMath.MAX_APR_BPS, -1L, MAX_CREDIT_SCORE,
                        AbiWords.UINT256_MAX, AbiWords.UINT256_MAX, -1L), 5));
    }

    /** The cases of a kind. */
    public static List<Case> cases(LoanOrderKind kind) {
        return switch (kind) {
            case LOAN_OFFER -> loanOffers();
            case BORROW_REQUEST -> borrowRequests();
            case COLLECTION_OFFER -> collectionOffers();
        };
    }

    /** The JSON array holding a kind's cases. */
    public static String arrayName(LoanOrderKind kind) {
        return kind.jsonName() + "s";
    }

    /** The orders file's text. */
    public static String orders() {
        ObjectNode root = JsonFields.newObject();
        root.put("description", "HashMix loan order EIP-712 vectors, generated by the Java SDK (hashmix-proofs "
                + "LendingVectors; LendingVectorsTest fails if this file drifts); read by contracts/test/LendingVectors.t.sol. "
                + "structHash = keccak256(abi.encode(typeHash, fields...)); digest = keccak256(0x1901 || domainSeparator || "
                + "structHash) is what HashPowerLending.hashLoanOffer/hashBorrowRequest/hashCollectionOffer return under this "
                + "domain. Each case is signed by its maker: 65 bytes r||s||v, low s, v in {27,28}, RFC 6979 nonces. Every "
                + "integer is a decimal string; issuer 0x0 in a collection offer means any issuer; minCreditScore 0 in an offer "
                + "means no credit check (at most 1000, the highest score). Private keys are "
                + "keccak256(\"hashmix-test-signer-<i>\"): PUBLIC TEST-ONLY KEYS, never use them on a real network.");
        root.set("domain", AttestationJson.domainToNode(DOMAIN));
        root.put("domainTypeString", Eip712Domain.TYPE_STRING);
        root.put("domainTypeHash", Eip712Domain.TYPE_HASH.toHex());
        root.put("domainSeparator", DOMAIN.separator().toHex());
        ObjectNode types = root.putObject("types");
        for (LoanOrderKind kind : LoanOrderKind.values()) {
            ObjectNode t = types.putObject(kind.jsonName());
            t.put("code", Integer.toString(kind.code()));
            t.put("typeString", kind.typeString());
            t.put("typeHash", kind.typeHash().toHex());
        }
        for (LoanOrderKind kind : LoanOrderKind.values()) {
            ArrayNode array = root.putArray(arrayName(kind));
            for (Case c : cases(kind)) {
                SignedLoanOrder signed = c.signed();
                ObjectNode n = array.addObject();
                n.put("name", c.name());
                n.put("kind", kind.jsonName());
                n.set("order", LoanOrderJson.orderToNode(c.order()));
                n.put("typeHash", c.order().typeHash().toHex());
                n.put("structHash", c.order().structHash().toHex());
                n.put("digest", signed.digest().toHex());
                n.set("signer", TestKeys.signerNode(c.key()));
                n.put("signature", signed.signatureHex());
            }
        }
        return JsonFields.write(root) + "\n";
    }

    private static BigInteger big(String s) {
        return new BigInteger(s);
    }

    /** The math file's text. */
    public static String math() {
        ObjectNode root = JsonFields.newObject();
        root.put("description", "HashMix loan arithmetic vectors, generated by the Java SDK (hashmix-proofs LoanMath and "
                + "LoanState via LendingVectors; LendingVectorsTest fails if this file drifts); read by "
                + "contracts/test/LendingVectors.t.sol, which recomputes every case with the contract's LoanMath library. "
                + "Scaled interest = principal * aprBps * seconds; interest = ceil(scaled / yearBps), yearBps = 365 days * "
                + "10,000. A payment pays interest (rounded up) then principal; a schedule applies revenue in time order "
                + "from a loan's start, as sweeps do. Every integer is a decimal string.");
        root.put("yearBps", LoanMath.YEAR_BPS.toString());
        ObjectNode constants = root.putObject("constants");
        constants.put("maxAprBps", Long.toString(LoanMath.MAX_APR_BPS));
        constants.put("gracePeriod", Long.toString(LoanMath.GRACE_PERIOD));
        constants.put("auctionDuration", Long.toString(LoanMath.AUCTION_DURATION));
        constants.put("minRefinanceInterval", Long.toString(LoanMath.MIN_REFINANCE_INTERVAL));
        constants.put("auctionStartBps", Long.toString(LoanMath.AUCTION_START_BPS));
        constants.put("auctionStartCapBps", Long.toString(LoanMath.AUCTION_START_CAP_BPS));
        constants.put("auctionFloorBps", Long.toString(LoanMath.AUCTION_FLOOR_BPS));
        constants.put("foreclosureBountyBps", Long.toString(LoanMath.FORECLOSURE_BOUNTY_BPS));

        ArrayNode interest = root.putArray("interest");
        long[][] iCases = {{10_000_000, 1_000, DAYS_28}, {10_000_000, 1_000, 1}, {1, 1, 1}, {123_456_789, 777, 3_600},
                {100_000_000, 1_000_000, 365L * 86_400}, {0, 500, 86_400}, {5_000_000, 0, DAYS_28}};
        for (long[] c : iCases) {
            ObjectNode n = interest.addObject();
            BigInteger p = BigInteger.valueOf(c[0]);
            n.put("principal", p.toString());
            n.put("aprBps", Long.toString(c[1]));
            n.put("seconds", Long.toString(c[2]));
            n.put("accrued", LoanMath.accrued(p, c[1], c[2]).toString());
            n.put("interest", LoanMath.interestFor(p, c[1], c[2]).toString());
        }
        // large values near the contract's bounds
        ObjectNode big = interest.addObject();
        BigInteger p128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        big.put("principal", p128.toString());
        big.put("aprBps", Long.toString(LoanMath.MAX_APR_BPS));
        big.put("seconds", Long.toString(0xFFFF_FFFFL));
        big.put("accrued", LoanMath.accrued(p128, LoanMath.MAX_APR_BPS, 0xFFFF_FFFFL).toString());
        big.put("interest", LoanMath.interestFor(p128, LoanMath.MAX_APR_BPS, 0xFFFF_FFFFL).toString());

        ArrayNode payments = root.putArray("payments");
        String[][] pCases = {
                // interestScaled, principal, capLeft, amount
                {"0", "10000000", "20000000", "10000000"},
                {LoanMath.accrued(big("10000000"), 1_000, 86_400).toString(), "10000000", "20000000", "27398"},
                {LoanMath.accrued(big("10000000"), 1_000, 86_400).toString(), "10000000", "20000000", "1000"},
                {LoanMath.accrued(big("10000000"), 1_000, 86_400).toString(), "10000000", "20000000", "5027398"},
                {"31536000000000", "10000000", "10000050", "10000050"},
                {"31536000000001", "0", "20000000", "2"},
                {"999", "0", "20000000", "1"}};
        for (String[] c : pCases) {
            ObjectNode n = payments.addObject();
            BigInteger iS = big(c[0]);
            BigInteger p = big(c[1]);
            BigInteger cap = big(c[2]);
            BigInteger amount = big(c[3]);
            LoanMath.Payment r = LoanMath.applyPayment(iS, p, cap, amount);
            n.put("interestScaled", c[0]);
            n.put("principal", c[1]);
            n.put("capLeft", c[2]);
            n.put("debt", LoanMath.debt(p, iS, cap).toString());
            n.put("amount", c[3]);
            ObjectNode out = n.putObject("expected");
            out.put("interestScaled", r.interestScaled().toString());
            out.put("principal", r.principal().toString());
            out.put("capLeft", r.capLeft().toString());
            out.put("toInterest", r.toInterest().toString());
            out.put("toPrincipal", r.toPrincipal().toString());
            out.put("debtLeft", r.debtLeft().toString());
        }

        ArrayNode schedules = root.putArray("schedules");
        long start = Fixtures.JAN_2025 + 3_600;
        long week = 7L * 86_400;
        schedule(schedules, "three-epochs-repay-the-loan", LoanState.start(big("10000000"), big("20000000"), 1_000, start),
                List.of(new LoanState.Revenue(start + week - 3_600 + 1, big("3976190")),
                        new LoanState.Revenue(start + 2 * week - 3_600 + 1, big("4000000")),
                        new LoanState.Revenue(start + 3 * week - 3_600 + 1, big("4000000"))));
        schedule(schedules, "revenue-below-interest", LoanState.start(big("10000000"), big("20000000"), 5_000, start),
                List.of(new LoanState.Revenue(start + 20 * 86_400, big("1000")),
                        new LoanState.Revenue(start + 27 * 86_400, big("5")),
                        new LoanState.Revenue(start + 34 * 86_400, big("100000"))));
        schedule(schedules, "capped-by-max-repayment", LoanState.start(big("10000000"), big("10001000"), 100_000, start),
                List.of(new LoanState.Revenue(start + 30 * 86_400, big("2000000")),
                        new LoanState.Revenue(start + 60 * 86_400, big("9000000"))));
        schedule(schedules, "many-small-sweeps", LoanState.start(big("777777"), big("2000000"), 1_234, start),
                List.of(new LoanState.Revenue(start + 1, big("1")), new LoanState.Revenue(start + 2, big("1")),
                        new LoanState.Revenue(start + 86_400, big("3")), new LoanState.Revenue(start + 86_401, big("0")),
                        new LoanState.Revenue(start + 3 * 86_400, big("500000")),
                        new LoanState.Revenue(start + 4 * 86_400, big("500000"))));

        ArrayNode auctions = root.putArray("auctionPrices");
        String[][] aCases = {{"100000000", "2000000", "0"}, {"100000000", "2000000", "129600"},
                {"100000000", "2000000", "259199"}, {"20000000", "2000000", "1"}, {"7", "1", "100000"}, {"5", "5", "1234"}};
        for (String[] c : aCases) {
            ObjectNode n = auctions.addObject();
            n.put("startPrice", c[0]);
            n.put("floorPrice", c[1]);
            n.put("elapsed", c[2]);
            n.put("price", LoanMath.auctionPrice(big(c[0]), big(c[1]), Long.parseLong(c[2])).toString());
        }
        ArrayNode starts = root.putArray("startPrices");
        String[][] sCases = {{"10008334", null}, {"10008334", "100000000"}, {"10008334", "1000000000000"},
                {"10008334", "15000000"}, {"1", "0"}, {"99999", "99999"}};
        for (String[] c : sCases) {
            ObjectNode n = starts.addObject();
            BigInteger debt = big(c[0]);
            BigInteger value = c[1] == null ? null : big(c[1]);
            n.put("debt", c[0]);
            if (value == null) {
                n.putNull("valueInCurrency");
            } else {
                n.put("valueInCurrency", c[1]);
            }
            n.put("startPrice", LoanMath.startPrice(debt, value).toString());
            n.put("floorPrice", LoanMath.floorPrice(debt).toString());
            n.put("bountyAtStartPrice", LoanMath.bounty(debt, LoanMath.startPrice(debt, value)).toString());
        }
        ArrayNode ltv = root.putArray("maxPrincipal");
        String[][] lCases = {{"100000000000000000000000", "5000", "1000000000000000"},
                {"100000000000000000000000", "1", "1000000000000000"}, {"0", "10000", "1"},
                {"123456789012345678901234567", "7777", "333333333333"}, {"1", "10000", "2"}};
        for (String[] c : lCases) {
            ObjectNode n = ltv.addObject();
            n.put("value", c[0]);
            n.put("maxLtvBps", c[1]);
            n.put("payoutTokenPrice", c[2]);
            n.put("maxPrincipal", LoanMath.maxPrincipal(big(c[0]), Long.parseLong(c[1]), big(c[2])).toString());
        }
        ArrayNode caps = root.putArray("collectionMaxRepayment");
        long[][] cCases = {{50_000_000, 900, DAYS_28}, {1, 1, 1}, {100_000_000, 0, 86_400}};
        for (long[] c : cCases) {
            ObjectNode n = caps.addObject();
            n.put("principal", Long.toString(c[0]));
            n.put("aprBps", Long.toString(c[1]));
            n.put("duration", Long.toString(c[2]));
            n.put("maxRepayment", LoanMath.collectionMaxRepayment(BigInteger.valueOf(c[0]), c[1], c[2]).toString());
        }
        return JsonFields.write(root) + "\n";
    }

    private static void schedule(ArrayNode schedules, String name, LoanState start, List<LoanState.Revenue> revenue) {
        ObjectNode n = schedules.addObject();
        n.put("name", name);
        n.put("principal", start.principal().toString());
        n.put("maxRepayment", start.capLeft().toString());
        n.put("aprBps", Long.toString(start.aprBps()));
        n.put("start", Long.toString(start.lastAccrual()));
        LoanState.RepaymentSchedule s = start.project(revenue);
        ArrayNode steps = n.putArray("steps");
        for (int i = 0; i < revenue.size(); i++) {
            ObjectNode st = steps.addObject();
            st.put("at", Long.toString(revenue.get(i).at()));
            st.put("amount", revenue.get(i).amount().toString());
            if (i < s.steps().size()) {
                LoanState.Step step = s.steps().get(i);
                st.put("toInterest", step.toInterest().toString());
                st.put("toPrincipal", step.toPrincipal().toString());
                st.put("surplus", step.surplus().toString());
                st.put("debtAfter", step.debtAfter().toString());
            } else {
                st.put("toInterest", "0");
                st.put("toPrincipal", "0");
                st.put("surplus", revenue.get(i).amount().toString());
                st.put("debtAfter", "0");
            }
        }
        n.put("payoffStep", s.payoffStep().map(String::valueOf).orElse("none"));
    }
}
