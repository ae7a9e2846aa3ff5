package io.hashmix.core.fulfillment;

import static io.hashmix.core.testing.FulfillmentFixture.EPOCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.core.HashMix;
import io.hashmix.core.errors.UnauthorizedAccountException;
import io.hashmix.core.testing.FulfillmentFixture;
import io.hashmix.core.testing.TokenizationFixture;
import io.hashmix.core.tokenization.MintedProduct;
import io.hashmix.core.errors.NonceAlreadyUsedException;
import io.hashmix.core.errors.NotTheIssuerException;
import io.hashmix.core.tokenization.Product;
import io.hashmix.core.tokenization.TokenHolding;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.fulfillment.FulfillmentReport;
import io.hashmix.proofs.fulfillment.ReportBundle;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;

@ExtendWith(LocalChainExtension.class)
class FulfillmentClientIntegrationTest {

    /** 1,234.567 TH/s: a capacity that does not divide 1e18, so the accumulator floors. */
    private static final BigInteger CAPACITY = BigInteger.valueOf(1_234_567);
    private static final BigInteger COLLATERAL = BigInteger.valueOf(50_000_000);
    private static final BigInteger PRECISION = BigInteger.TEN.pow(18);
    private static final long DAY = EPOCH.toSeconds();
    private static final int HOLDER_B = 7;
    private static final int RELAYER = 9;

    private FulfillmentFixture fx;
    private HashMix issuer;
    private HashMix relayer;

    @BeforeEach
    void setUp(LocalChain chain) {
        fx = new FulfillmentFixture(chain);
        issuer = fx.issuer();
        relayer = chain.client(RELAYER);
    }

    private static Throwable cause(CompletableFuture<?> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    private BigInteger balance(EvmAddress who) {
        return issuer.erc20().balanceOf(fx.tokens().payoutToken(), who).join();
    }

    private SubmittedReport report(ProductId id, long epoch, long delivered, long revenue, long unitRevenue) {
        ReportBundle bundle = fx.sign(fx.report(id, epoch, big(delivered), big(revenue), big(unitRevenue)));
        SubmittedReport r = relayer.fulfillment().submitReport(bundle).join();
        assertEquals(bundle.digest(), r.digest());
        return r;
    }

    /**
     * The vault's accounting, mirrored: the accumulator {@code floor(cumulative * 1e18 / capacity)}
     * at epoch ends, linear (floored) inside an epoch ({@code _accAt}), and a holding's value
     * {@code floor(units * (A(b) - A(a)) / 1e18)} over its time clipped to the term and the settled
     * epochs ({@code _owed}).
     */
    private record Mirror(long start, long end, long length, BigInteger capacity, List<BigInteger> entitlements) {

        BigInteger accEnd(int epoch) {
            BigInteger cumulative = BigInteger.ZERO;
            for (int e = 0; e <= epoch; e++) {
                cumulative = cumulative.add(entitlements.get(e));
            }
            return cumulative.multiply(PRECISION).divide(capacity);
        }

        long settledUntil() {
            return Math.min(start + entitlements.size() * length, end);
        }

        BigInteger accAt(long t) {
            if (t <= start) {
                return BigInteger.ZERO;
            }
            int e = (int) ((t - start) / length);
            BigInteger prev = e == 0 ? BigInteger.ZERO : accEnd(e - 1);
            long epochStart = start + e * length;
            if (e >= entitlements.size() || t == epochStart) {
                return prev;
            }
            long epochEnd = Math.min(epochStart + length, end);
            return prev.add(accEnd(e).subtract(prev).multiply(big(t - epochStart)).divide(big(epochEnd - epochStart)));
        }

        BigInteger value(TokenHolding h) {
            long a = Math.max(h.start().getEpochSecond(), start);
            long holdingEnd = h.end().map(i -> i.getEpochSecond()).orElse(Long.MAX_VALUE);
            long b = Math.min(Math.min(holdingEnd, end), settledUntil());
            if (b <= a) {
                return BigInteger.ZERO;
            }
            return h.units().multiply(accAt(b).subtract(accAt(a))).divide(PRECISION);
        }

        Mirror settled(BigInteger entitlement) {
            List<BigInteger> more = new java.util.ArrayList<>(entitlements);
            more.add(entitlement);
            return new Mirror(start, end, length, capacity, more);
        }
    }

    /**
     * The whole life of a 3-epoch product: epoch 0 fulfilled in full, the issuer carves 400,000 units
     * to a second holder in the middle of epoch 1, epoch 1 short (compensated from the collateral),
     * epoch 2 reported but not deposited (settled from the collateral after the deposit deadline),
     * claims by both holders (one mid-life), the record, and the collateral withdrawal.
     */
    /** A negative holding index or nonce fails as IllegalArgumentException, without a call. */
    @Test
    void badInputFailsOffline() {
        assertInstanceOf(InvalidRequestException.class,
                cause(relayer.fulfillment().claimable(new TokenId(BigInteger.ONE), -1)));
        assertInstanceOf(InvalidRequestException.class,
                cause(relayer.fulfillment().isNonceUsed(BigInteger.valueOf(-1))));
        assertInstanceOf(InvalidRequestException.class,
                cause(relayer.fulfillment().isNonceUsed(BigInteger.TWO.pow(256))));
    }

    @Test
    void wholeProductLife() {
        // epoch 0: delivered in full; epoch 1: 1,000,000 of 1,234,567 delivered; epoch 2: 1,100,000, deposit missed
        final long r0 = 6_172_837;
        final long r1 = 5_000_003;
        final long r2 = 4_400_001;
        final BigInteger short1 = big(1_234_567 - 1_000_000).multiply(big(5));    // 1,172,835
        final BigInteger missed2 = big(r2).add(big(1_234_567 - 1_100_000).multiply(big(4))); // 4,938,269
        assertEquals(big(1_172_835), short1);
        assertEquals(big(4_938_269), missed2);

        MintedProduct m = fx.mint(CAPACITY, COLLATERAL, 3);
        ProductId id = m.productId();
        TokenId token = m.tokenId();
        Product p = issuer.tokenization().product(id).join();
        long start = p.start().getEpochSecond();
        long end = p.end().getEpochSecond();
        assertEquals(start + 3 * DAY, end);
        EvmAddress holderB = fx.chain().address(HOLDER_B);
        EvmAddress vault = issuer.fulfillment().address();
        BigInteger issuerStart = balance(issuer.account());

        ProductState untracked = issuer.fulfillment().productState(id).join();
        assertFalse(untracked.tracked());
        assertEquals(3, untracked.epochCount());
        assertEquals(EPOCH, untracked.config().epochLength());

        // ---- epoch 0: reported, deposited in full, settled Fulfilled ----
        fx.advanceTo(start + DAY + 10);
        FulfillmentReport report0 = fx.report(id, 0, CAPACITY, big(r0), big(5));
        ReportBundle bundle0 = fx.sign(report0);
        assertEquals(fx.domain(), bundle0.domain());
        assertEquals(bundle0.digest(), relayer.fulfillment().hashOnChain(report0).join());
        SubmittedReport sr0 = relayer.fulfillment().submitReport(bundle0).join();
        assertEquals(bundle0.digest(), sr0.digest());
        assertEquals(0, sr0.epoch());
        assertTrue(relayer.fulfillment().isNonceUsed(report0.nonce()).join());
        EpochInfo reported0 = issuer.fulfillment().epochInfo(id, 0).join();
        assertEquals(EpochStatus.REPORTED, reported0.status());
        assertEquals(big(r0), reported0.revenue());
        assertEquals(Optional.of(sr0.depositDeadline()), reported0.depositDeadline());

        DepositResult d0 = issuer.fulfillment().deposit(id, 0).join();
        assertEquals(big(r0), d0.amount());
        assertEquals(List.of(new SettledEpoch(id, 0, EpochStatus.FULFILLED, big(r0), BigInteger.ZERO)), d0.settled());
        assertEquals(issuerStart.subtract(big(r0)), balance(issuer.account()));

        Mirror mirror = new Mirror(start, end, DAY, CAPACITY, List.of()).settled(big(r0));
        // mid-life claim by the issuer: its one open holding, over epoch 0
        TokenHolding first = issuer.tokenization().holdings(token).join().get(0);
        BigInteger paidEarly = mirror.value(first);
        assertEquals(CAPACITY.multiply(big(r0).multiply(PRECISION).divide(CAPACITY)).divide(PRECISION), paidEarly);
        List<ClaimableHolding> early = issuer.fulfillment().holdingsOf(issuer.account()).join();
        assertEquals(1, early.size());
        assertEquals(paidEarly, early.get(0).claimable());
        assertEquals(paidEarly, issuer.fulfillment().claimAll(issuer.account()).join());

        // ---- middle of epoch 1: the issuer carves 400,000 units to holder B ----
        fx.nextBlockAt(start + DAY + DAY / 2);
        TokenId carved = issuer.tokenization().carve(token, big(400_000), holderB).join();

        // ---- epoch 1: reported short, deposited, shortfall compensated ----
        fx.advanceTo(start + 2 * DAY + 10);
        report(id, 1, 1_000_000, r1, 5);
        DepositResult d1 = issuer.fulfillment().deposit(id, 1).join();
        assertEquals(List.of(new SettledEpoch(id, 1, EpochStatus.SHORT, big(r1), short1)), d1.settled());
        mirror = mirror.settled(big(r1).add(short1));

        // ---- epoch 2: reported, not deposited; settled Missed from the collateral ----
        fx.advanceTo(start + 3 * DAY + 10);
        SubmittedReport sr2 = report(id, 2, 1_100_000, r2, 4);
        long depositDeadline = sr2.depositDeadline().getEpochSecond();
        ProductNotSettledException early2 = assertInstanceOf(ProductNotSettledException.class,
                cause(issuer.fulfillment().withdrawCollateral(id)));
        assertEquals(2, early2.settledEpochs());
        assertEquals(3, early2.epochCount());
        assertEquals(List.of(), relayer.fulfillment().settle(id, 10).join(), "epoch 2 awaits its deposit");
        fx.advanceTo(depositDeadline + 1);
        DepositWindowClosedException late = assertInstanceOf(DepositWindowClosedException.class,
                cause(issuer.fulfillment().deposit(id, 2)));
        assertEquals(depositDeadline, late.depositDeadline());
        assertEquals(List.of(new SettledEpoch(id, 2, EpochStatus.MISSED, BigInteger.ZERO, missed2)),
                relayer.fulfillment().settle(id, 10).join());
        mirror = mirror.settled(missed2);

        // ---- the chain's accounting equals the mirror ----
        List<EpochInfo> history = relayer.fulfillment().history(id).join();
        assertEquals(List.of(EpochStatus.FULFILLED, EpochStatus.SHORT, EpochStatus.MISSED),
                history.stream().map(EpochInfo::status).toList());
        assertEquals(List.of(big(r0), big(r1).add(short1), missed2), history.stream().map(EpochInfo::entitlement).toList());
        for (int e = 0; e < 3; e++) {
            assertEquals(mirror.accEnd(e), history.get(e).accumulator(), "accumulator at the end of epoch " + e);
            assertEquals(start + e * DAY, history.get(e).start().getEpochSecond());
        }
        assertEquals(big(234_567).multiply(big(5)), history.get(1).shortfallDue());
        ProductState state = relayer.fulfillment().productState(id).join();
        assertTrue(state.fullySettled());
        assertEquals(end, state.settledUntil().getEpochSecond());
        assertEquals(mirror.accEnd(2), state.accumulator());
        assertEquals(big(4).multiply(BigInteger.TEN.pow(18)), state.lastUnitRevenue(), "scaled by 10^18");

        // ---- claims: holdings read from the chain (times as mined), values by hand ----
        List<TokenHolding> issuerHoldings = issuer.tokenization().holdings(token).join();
        List<TokenHolding> bHoldings = issuer.tokenization().holdings(carved).join();
        assertEquals(2, issuerHoldings.size());
        assertEquals(1, bHoldings.size());
        long carvedAt = issuerHoldings.get(1).start().getEpochSecond();
        assertEquals(carvedAt, bHoldings.get(0).start().getEpochSecond());
        assertTrue(carvedAt > start + DAY && carvedAt < start + 2 * DAY, "carved mid-epoch 1");
        assertEquals(CAPACITY, issuerHoldings.get(0).units());
        assertEquals(big(834_567), issuerHoldings.get(1).units());
        assertEquals(big(400_000), bHoldings.get(0).units());

        BigInteger valueH0 = mirror.value(issuerHoldings.get(0));
        BigInteger valueH1 = mirror.value(issuerHoldings.get(1));
        BigInteger valueB = mirror.value(bHoldings.get(0));
        // the carve was mined at exactly start + 1.5 days, so the values are also known literally:
        // A(end of epoch 0) = floor(6,172,837e18 / 1,234,567) = 5,000,001,620,001,182,600
        // A(end of epoch 1) = floor(12,345,675e18 / 1,234,567) = 10,000,004,050,002,956,502
        // A(end of epoch 2) = floor(17,283,944e18 / 1,234,567) = 14,000,004,860,003,547,802
        // A(carve) = A0 + floor((A1 - A0) * 43,200 / 86,400)
        assertEquals(start + DAY + DAY / 2, carvedAt);
        assertEquals(List.of(new BigInteger("5000001620001182600"), new BigInteger("10000004050002956502"),
                new BigInteger("14000004860003547802")), List.of(mirror.accEnd(0), mirror.accEnd(1), mirror.accEnd(2)));
        assertEquals(big(6_172_836), paidEarly);
        assertEquals(big(9_259_255), valueH0);   // 1,234,567 units over [start, start + 1.5 d)
        assertEquals(big(5_424_687), valueH1);   // 834,567 units over [start + 1.5 d, end)
        assertEquals(big(2_600_000), valueB);    // 400,000 units over [start + 1.5 d, end)
        // holding 0 was paid for epoch 0 already; it is owed the rest of its span
        List<ClaimableHolding> issuerClaims = issuer.fulfillment().holdingsOf(issuer.account()).join();
        assertEquals(List.of(valueH0.subtract(paidEarly), valueH1),
                issuerClaims.stream().map(ClaimableHolding::claimable).toList());
        assertEquals(List.of(new HoldingRef(token, 0), new HoldingRef(token, 1)),
                issuerClaims.stream().map(ClaimableHolding::ref).toList());
        List<ClaimableHolding> bClaims = relayer.fulfillment().holdingsOf(holderB).join();
        assertEquals(List.of(valueB), bClaims.stream().map(ClaimableHolding::claimable).toList());
        assertEquals(List.of(), relayer.fulfillment().holdingsOf(fx.chain().address(8)).join());

        BigInteger issuerBefore = balance(issuer.account());
        BigInteger bBefore = balance(holderB);
        BigInteger paidIssuer = issuer.fulfillment().claimAll(issuer.account()).join();
        assertEquals(valueH0.subtract(paidEarly).add(valueH1), paidIssuer);
        assertEquals(big(3_086_419 + 5_424_687), paidIssuer);
        // anyone may claim for B: the payout goes to B
        BigInteger paidB = relayer.fulfillment().claim(List.of(new HoldingRef(carved, 0))).join();
        assertEquals(valueB, paidB);
        assertEquals(issuerBefore.add(paidIssuer), balance(issuer.account()));
        assertEquals(bBefore.add(valueB), balance(holderB));

        // claiming again pays nothing
        List<HoldingRef> all = List.of(new HoldingRef(token, 0), new HoldingRef(token, 1), new HoldingRef(carved, 0));
        assertEquals(BigInteger.ZERO, relayer.fulfillment().claim(all).join());
        assertEquals(List.of(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO), relayer.fulfillment().claimableMany(all).join());
        assertEquals(BigInteger.ZERO, issuer.fulfillment().claimAll(issuer.account()).join());
        assertEquals(bBefore.add(valueB), balance(holderB));

        // what was claimed never exceeds deposits + compensation; the floor dust stays in the vault
        BigInteger deposits = big(r0 + r1);
        BigInteger compensation = short1.add(missed2);
        BigInteger entitled = deposits.add(compensation);
        BigInteger claimed = valueH0.add(valueH1).add(valueB);
        assertTrue(claimed.compareTo(entitled) <= 0);
        BigInteger dust = entitled.subtract(claimed);
        assertTrue(dust.compareTo(big(3 + 1)) <= 0, "dust " + dust + " within #holdings + capacity / 1e18 + 1");
        assertEquals(big(17_283_944), entitled);
        assertEquals(big(17_283_942), claimed);
        assertEquals(big(2), dust);
        assertEquals(dust, balance(vault));

        FulfillmentRecord record = relayer.fulfillment().record(id).join();
        assertEquals(new FulfillmentRecord(id, 1, 1, 1, 0, false, deposits, compensation, claimed), record);
        assertEquals(3, record.epochsSettled());
        assertEquals(big(11_172_840), record.totalDeposited());
        assertEquals(big(6_111_104), record.totalCompensation());

        // ---- the issuer takes back what is left of the collateral ----
        BigInteger left = COLLATERAL.subtract(compensation);
        assertEquals(big(43_888_896), left);
        assertEquals(left, issuer.tokenization().collateral(id).join().amount());
        assertEquals(COLLATERAL, issuer.tokenization().product(id).join().collateral(), "the product keeps its attested collateral");
        BigInteger issuerBeforeWithdraw = balance(issuer.account());
        assertEquals(left, issuer.fulfillment().withdrawCollateral(id).join());
        assertEquals(issuerBeforeWithdraw.add(left), balance(issuer.account()));
        assertEquals(BigInteger.ZERO, issuer.tokenization().collateral(id).join().amount());
        assertEquals(dust, balance(vault));
        assertEquals(BigInteger.ZERO, balance(issuer.tokenization().address()));
    }

    /** A relayed report cannot be relayed again, nor can another report of the same epoch. */
    @Test
    void replayedReportIsRefused() {
        MintedProduct m = fx.mint(CAPACITY, COLLATERAL, 2);
        fx.advanceTo(issuer.tokenization().product(m.productId()).join().start().getEpochSecond() + DAY + 1);
        ReportBundle bundle = fx.sign(fx.report(m.productId(), 0, CAPACITY, big(1_000), big(1)));
        relayer.fulfillment().submitReport(bundle).join();

        // the very same report: its epoch is already reported (checked before the nonce)
        EpochAlreadyReportedException replay = assertInstanceOf(EpochAlreadyReportedException.class,
                cause(relayer.fulfillment().submitReport(bundle)));
        assertEquals(0, replay.epoch());
        // its nonce cannot be reused for another epoch either
        fx.advanceTo(issuer.tokenization().product(m.productId()).join().start().getEpochSecond() + 2 * DAY + 1);
        ReportBundle sameNonce = fx.sign(fx.report(m.productId(), 1, CAPACITY, big(1_000), big(1)).toBuilder()
                .nonce(bundle.report().nonce()).build());
        NonceAlreadyUsedException reused = assertInstanceOf(NonceAlreadyUsedException.class,
                cause(relayer.fulfillment().submitReport(sameNonce)));
        assertEquals(bundle.report().nonce(), reused.nonce());

        ReportBundle second = fx.sign(fx.report(m.productId(), 0, CAPACITY, big(2_000), big(2)), 3, 4, 5);
        EpochAlreadyReportedException again = assertInstanceOf(EpochAlreadyReportedException.class,
                cause(relayer.fulfillment().submitReport(second)));
        assertEquals(m.productId(), again.productId());
        assertEquals(0, again.epoch());
        assertFalse(relayer.fulfillment().isNonceUsed(second.report().nonce()).join());
        assertEquals(big(1_000), relayer.fulfillment().epochInfo(m.productId(), 0).join().revenue());
    }

    /** An epoch can be reported only once it has ended, and only epochs of the term exist. */
    @Test
    void reportForAnEpochNotEndedIsRefused() {
        MintedProduct m = fx.mint(CAPACITY, COLLATERAL, 3);
        long start = issuer.tokenization().product(m.productId()).join().start().getEpochSecond();
        EpochNotEndedException early = assertInstanceOf(EpochNotEndedException.class,
                cause(relayer.fulfillment().submitReport(fx.sign(fx.report(m.productId(), 0, CAPACITY, big(1), big(1))))));
        assertEquals(m.productId(), early.productId());
        assertEquals(0, early.epoch());
        assertEquals(start + DAY, early.epochEnd());

        EpochOutOfRangeException outside = assertInstanceOf(EpochOutOfRangeException.class,
                cause(relayer.fulfillment().submitReport(fx.sign(fx.report(m.productId(), 3, CAPACITY, big(1), big(1))))));
        assertEquals(3, outside.epoch());
        assertEquals(3, outside.epochCount());

        InvalidReportException tooMuch = assertInstanceOf(InvalidReportException.class, cause(relayer.fulfillment()
                .submitReport(fx.sign(fx.report(m.productId(), 0, CAPACITY.add(BigInteger.ONE), big(1), big(1))))));
        assertEquals("InvalidReport", tooMuch.errorName());
    }

    /** Only the issuer deposits; a refused deposit approves nothing. */
    @Test
    void depositByNonIssuerIsRefused() {
        MintedProduct m = fx.mint(CAPACITY, COLLATERAL, 1);
        fx.advanceTo(issuer.tokenization().product(m.productId()).join().end().getEpochSecond() + 1);
        report(m.productId(), 0, 1_234_567, 777, 1);
        HashMix stranger = fx.chain().client(HOLDER_B);

        NotTheIssuerException e = assertInstanceOf(NotTheIssuerException.class,
                cause(stranger.fulfillment().deposit(m.productId(), 0)));
        assertEquals(stranger.account(), e.caller());
        assertEquals(issuer.account(), e.issuer());
        assertEquals(BigInteger.ZERO, stranger.erc20().allowance(fx.tokens().payoutToken(), stranger.account(),
                stranger.fulfillment().address()).join());

        EpochNotReportedException notYet = assertInstanceOf(EpochNotReportedException.class,
                cause(issuer.fulfillment().deposit(m.productId(), 0).thenCompose(ok -> issuer.fulfillment().deposit(m.productId(), 0))));
        assertEquals(EpochStatus.FULFILLED, notYet.status());
    }

    /** The collateral stays locked until the product is tracked, over, and fully settled. */
    @Test
    void withdrawBeforeSettlementIsRefused() {
        MintedProduct m = fx.mint(CAPACITY, COLLATERAL, 1);
        ProductId id = m.productId();
        assertInstanceOf(ProductNotTrackedException.class, cause(issuer.fulfillment().withdrawCollateral(id)));

        assertEquals(List.of(), relayer.fulfillment().settle(id, 1).join()); // tracks it, settles nothing
        long end = issuer.tokenization().product(id).join().end().getEpochSecond();
        ProductNotEndedException notOver = assertInstanceOf(ProductNotEndedException.class,
                cause(issuer.fulfillment().withdrawCollateral(id)));
        assertEquals(end, notOver.end());

        fx.advanceTo(end + 1);
        ProductNotSettledException unsettled = assertInstanceOf(ProductNotSettledException.class,
                cause(issuer.fulfillment().withdrawCollateral(id)));
        assertEquals(0, unsettled.settledEpochs());
        assertEquals(1, unsettled.epochCount());

        NotTheIssuerException stranger = assertInstanceOf(NotTheIssuerException.class,
                cause(relayer.fulfillment().withdrawCollateral(id)));
        assertEquals(relayer.account(), stranger.caller());
        assertEquals(COLLATERAL, issuer.tokenization().product(id).join().collateral());
    }

    /** A bundle signed for another chain, contract or domain is refused before anything is sent. */
    @Test
    void wrongChainBundleIsRefusedOffline() {
        MintedProduct m = fx.mint(CAPACITY, COLLATERAL, 1);
        fx.advanceTo(issuer.tokenization().product(m.productId()).join().end().getEpochSecond() + 1);
        FulfillmentReport r = fx.report(m.productId(), 0, CAPACITY, big(1), big(1));
        Eip712Domain vaultDomain = fx.domain();
        List<Eip712Domain> foreign = List.of(
                Eip712Domain.hashMix(1, vaultDomain.verifyingContract()),
                Eip712Domain.hashMix(vaultDomain.chainId(), issuer.tokenization().address()),
                new Eip712Domain("HashMix", "2", vaultDomain.chainId(), vaultDomain.verifyingContract()));
        long blockBefore = fx.now();
        for (Eip712Domain domain : foreign) {
            ReportBundle bundle = ReportBundle.builder(domain, r).signWith(fx.tokens().attestor(1), fx.tokens().attestor(2),
                    fx.tokens().attestor(3)).build();
            assertInstanceOf(InvalidRequestException.class, cause(relayer.fulfillment().submitReport(bundle)));
            assertInstanceOf(InvalidRequestException.class, cause(relayer.fulfillment().submitReportWithPayment(bundle, null)));
        }
        assertEquals(blockBefore, fx.now());
        assertFalse(relayer.fulfillment().isNonceUsed(r.nonce()).join());
        assertEquals(EpochStatus.PENDING, relayer.fulfillment().epochInfo(m.productId(), 0).join().status());
    }

    /** A claim pays what settled since the last one: twice in a row, the second pays nothing. */
    @Test
    void claimTwicePaysNothingTheSecondTime() {
        MintedProduct m = fx.mint(CAPACITY, COLLATERAL, 1);
        fx.advanceTo(issuer.tokenization().product(m.productId()).join().end().getEpochSecond() + 1);
        report(m.productId(), 0, 1_234_567, 9_999_999, 8);
        issuer.fulfillment().deposit(m.productId(), 0).join();
        List<HoldingRef> refs = List.of(new HoldingRef(m.tokenId(), 0));
        // one holding over the whole term: floor(C * floor(R * 1e18 / C) / 1e18)
        BigInteger expected = CAPACITY.multiply(big(9_999_999).multiply(PRECISION).divide(CAPACITY)).divide(PRECISION);
        assertEquals(big(9_999_998), expected);
        assertEquals(expected, issuer.fulfillment().claimable(m.tokenId(), 0).join());
        // more than MAX_CLAIM_ITEMS: read in two claimableMany calls (one batch), claimed in two transactions;
        // a holding listed many times is counted each time by claimableMany but paid once by claim
        List<HoldingRef> many = java.util.Collections.nCopies(FulfillmentClient.MAX_CLAIM_ITEMS + 44, refs.get(0));
        assertEquals(java.util.Collections.nCopies(300, expected), relayer.fulfillment().claimableMany(many).join());
        BigInteger before = balance(issuer.account());
        assertEquals(expected, relayer.fulfillment().claim(many).join());
        assertEquals(BigInteger.ZERO, relayer.fulfillment().claim(refs).join());
        assertEquals(BigInteger.ZERO, issuer.fulfillment().claimable(m.tokenId(), 0).join());
        assertEquals(before.add(expected), balance(issuer.account()));
        assertEquals(expected, relayer.fulfillment().record(m.productId()).join().totalClaimed());
    }

    /**
     * An epoch never reported is priced at the last unit revenue; when the collateral cannot cover
     * it, what is left is paid and the product defaults.
     */
    @Test
    void unreportedEpochDefaultsWhenCollateralRunsOut() {
        BigInteger collateral = big(1_000_000);
        MintedProduct m = fx.mint(CAPACITY, collateral, 2);
        ProductId id = m.productId();
        long start = issuer.tokenization().product(id).join().start().getEpochSecond();
        fx.advanceTo(start + DAY + 1);
        report(id, 0, 1_234_567, 6_172_835, 5);
        issuer.fulfillment().deposit(id, 0).join();

        long reportDeadline = start + 2 * DAY + FulfillmentFixture.REPORT_WINDOW.toSeconds();
        fx.advanceTo(reportDeadline - 5);
        assertEquals(List.of(), relayer.fulfillment().settle(id, 5).join(), "the report window is still open");
        fx.advanceTo(reportDeadline + 1);
        ReportWindowClosedException closed = assertInstanceOf(ReportWindowClosedException.class,
                cause(relayer.fulfillment().submitReport(fx.sign(fx.report(id, 1, CAPACITY, big(1), big(1))))));
        assertEquals(reportDeadline, closed.reportDeadline());
        // due = capacity * 5 = 6,172,835 > 1,000,000 of collateral
        assertEquals(List.of(new SettledEpoch(id, 1, EpochStatus.UNREPORTED, BigInteger.ZERO, collateral)),
                relayer.fulfillment().settle(id, 5).join());

        FulfillmentRecord record = relayer.fulfillment().record(id).join();
        assertEquals(new FulfillmentRecord(id, 1, 0, 0, 1, true, big(6_172_835), collateral, BigInteger.ZERO), record);
        assertTrue(relayer.fulfillment().productState(id).join().defaulted());
        Product p = issuer.tokenization().product(id).join();
        assertTrue(p.defaulted());
        assertEquals(BigInteger.ZERO, issuer.tokenization().collateral(id).join().amount());
        // the holder is paid epoch 0 and the whole collateral (less the floor dust)
        BigInteger entitled = big(6_172_835).add(collateral);
        BigInteger expected = CAPACITY.multiply(entitled.multiply(PRECISION).divide(CAPACITY)).divide(PRECISION);
        assertEquals(expected, issuer.fulfillment().claimAll(issuer.account()).join());
        assertEquals(BigInteger.ZERO, issuer.fulfillment().withdrawCollateral(id).join());
    }

    /** The epoch configuration: the owner sets it, zero lengths are refused, others may not. */
    @Test
    void epochConfigIsOwnerOnly() {
        EpochConfig btc = fx.admin().fulfillment().epochConfig(TokenizationFixture.BTC).join();
        assertEquals(new EpochConfig(EPOCH, FulfillmentFixture.REPORT_WINDOW, FulfillmentFixture.DEPOSIT_WINDOW), btc);
        assertTrue(btc.isSet());
        var other = io.hashmix.proofs.asset.AssetClassId.ofSymbol("FIL-STORAGE");
        assertFalse(fx.admin().fulfillment().epochConfig(other).join().isSet());

        assertInstanceOf(InvalidEpochConfigException.class, cause(fx.admin().fulfillment()
                .setEpochConfig(other, Duration.ofDays(1), Duration.ZERO, Duration.ofDays(1))));
        assertInstanceOf(InvalidRequestException.class, cause(fx.admin().fulfillment()
                .setEpochConfig(other, Duration.ofMillis(1500), Duration.ofDays(1), Duration.ofDays(1))));
        UnauthorizedAccountException notOwner = assertInstanceOf(UnauthorizedAccountException.class,
                cause(issuer.fulfillment().setEpochConfig(other, Duration.ofDays(7), Duration.ofDays(1), Duration.ofDays(1))));
        assertEquals("AccessManagedUnauthorized", notOwner.errorName());
    }
}
