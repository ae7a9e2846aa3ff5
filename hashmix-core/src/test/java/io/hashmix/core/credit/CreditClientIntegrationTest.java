package io.hashmix.core.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.CollateralVault;
import io.hashmix.core.HashMix;
import io.hashmix.core.errors.UnauthorizedAccountException;
import io.hashmix.core.fulfillment.EpochStatus;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.testing.FulfillmentFixture;
import io.hashmix.core.testing.TokenizationFixture;
import io.hashmix.core.tokenization.MintedProduct;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.credit.CreditBreakdown;
import io.hashmix.proofs.credit.CreditMath;
import io.hashmix.proofs.credit.CreditParams;
import io.hashmix.proofs.credit.CreditReport;
import io.hashmix.proofs.credit.LoanCounts;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;

/**
 * {@code hm.credit()} against a real chain: the demo's three epochs (fulfilled, short, missed) become
 * the issuer's record, score and collateral terms; the offline report rebuilt from the registry's
 * events equals the contract; base rates and parameters wait for their delay; the mint is refused
 * below the required collateral; and the gas credit adds to a mint, measured from real receipts.
 */
@ExtendWith(LocalChainExtension.class)
class CreditClientIntegrationTest {

    private static final BigInteger CAPACITY = BigInteger.valueOf(1_000_000);
    private static final BigInteger REVENUE = BigInteger.valueOf(5_000_000);
    /** One payout base unit per 1,000 unit-days (x 1e18). */
    private static final BigInteger RATE = BigInteger.TEN.pow(15);

    private FulfillmentFixture fx;
    private HashMix admin;
    private HashMix issuer;
    private EvmAddress issuerAddress;

    @BeforeEach
    void setUp(LocalChain chain) {
        fx = new FulfillmentFixture(chain);
        admin = fx.admin();
        issuer = fx.issuer();
        issuerAddress = issuer.account();
    }

    private static Throwable cause(CompletableFuture<?> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    private void enableRate() {
        admin.credit().scheduleBaseRate(TokenizationFixture.BTC, RATE).join();
        assertInstanceOf(RateNotReadyException.class, cause(admin.credit().applyBaseRate(TokenizationFixture.BTC)));
        fx.advanceBy(Duration.ofDays(7));
        admin.credit().applyBaseRate(TokenizationFixture.BTC).join();
        assertEquals(RATE, admin.credit().baseRate(TokenizationFixture.BTC).join());
    }

    private CollateralQuote quote() {
        long now = fx.now();
        return issuer.credit().requiredCollateral(issuerAddress, TokenizationFixture.BTC, CAPACITY, Instant.ofEpochSecond(now),
                Instant.ofEpochSecond(now + 30 * 86_400L)).join();
    }

    /** Epoch e of the product: reported with {@code delivered} units, deposited if asked. */
    private void epoch(ProductId id, long e, long delivered, boolean deposit) {
        BigInteger revenue = REVENUE.multiply(BigInteger.valueOf(delivered)).divide(CAPACITY);
        BigInteger unitRevenue = REVENUE.divide(CAPACITY); // 5 base units per unit and epoch
        admin.fulfillment().submitReport(fx.sign(fx.report(id, e, BigInteger.valueOf(delivered), revenue, unitRevenue))).join();
        if (deposit) {
            issuer.fulfillment().deposit(id, e).join();
        }
    }

    @Test
    void aNewcomerHasTheFloorScoreAndPostsTheMost() {
        CreditScore fresh = issuer.credit().credit(issuerAddress).join();
        assertTrue(fresh.newcomer());
        assertEquals(300, fresh.score());
        assertEquals(LoanCounts.NONE, fresh.loans());
        assertEquals(BigInteger.ZERO, quote().required(), "no base rate, no requirement");
        enableRate();
        CollateralQuote q = quote();
        assertEquals(30_000, q.multiplierBps());
        assertEquals(BigInteger.ZERO, q.covered());
        // 1,000,000 units x 30 days x 3 / 1,000 = 90,000
        assertEquals(BigInteger.valueOf(90_000), q.required());
        assertEquals(CreditParams.DEFAULT, admin.credit().params().join());
        assertEquals(10_000, admin.credit().multipliers().join()[0]);
    }

    /** The demo's three epochs: the record, the score and the collateral terms follow them. */
    @Test
    void fulfilledShortAndMissedEpochsAreTheIssuersRecord() {
        enableRate();
        BigInteger newcomerRequired = quote().required();
        // collateral enough for every compensation below (no default)
        MintedProduct p = fx.mint(CAPACITY, BigInteger.valueOf(20_000_000), 3);

        fx.advanceBy(FulfillmentFixture.EPOCH);
        epoch(p.productId(), 0, 1_000_000, true);
        CreditScore afterFulfilled = issuer.credit().credit(issuerAddress).join();
        assertEquals(1, afterFulfilled.record().fulfilled());
        assertTrue(afterFulfilled.score() > 300, "a clean epoch lifts a newcomer");
        assertTrue(quote().required().compareTo(newcomerRequired) < 0, "and lowers the collateral it needs");

        fx.advanceBy(FulfillmentFixture.EPOCH);
        epoch(p.productId(), 1, 900_000, true);
        CreditScore afterShort = issuer.credit().credit(issuerAddress).join();
        assertEquals(1, afterShort.record().shortfall());
        assertTrue(afterShort.breakdown().reliability().compareTo(CreditMath.ONE) < 0, "90% delivered shows");

        fx.advanceBy(FulfillmentFixture.EPOCH);
        epoch(p.productId(), 2, 1_000_000, false);
        fx.advanceBy(FulfillmentFixture.DEPOSIT_WINDOW.plusMinutes(1));
        assertEquals(EpochStatus.MISSED, admin.fulfillment().settle(p.productId(), 1).join().get(0).status());

        CreditScore afterMissed = issuer.credit().credit(issuerAddress).join();
        assertEquals(1, afterMissed.record().fulfilled());
        assertEquals(1, afterMissed.record().shortfall());
        assertEquals(1, afterMissed.record().missed());
        assertEquals(BigInteger.valueOf(40), afterMissed.breakdown().penaltyPoints());
        assertTrue(afterMissed.score() < 300, "a missed deposit drops it below a newcomer: " + afterMissed.score());
        CollateralQuote q = quote();
        assertEquals(30_000, q.multiplierBps());
        assertEquals(newcomerRequired, q.required(), "and it posts a newcomer's collateral again");
        assertEquals(afterMissed.score(), issuer.credit().score(issuerAddress).join());
        // (1,000,000 + 900,000) units x 1 day delivered, decayed a little between the records
        BigInteger delivered = afterMissed.record().delivered();
        assertTrue(delivered.compareTo(BigInteger.valueOf(1_900_000L * 86_400)) < 0);
        assertTrue(delivered.compareTo(BigInteger.valueOf(1_850_000L * 86_400)) > 0);

        CreditReportCheck check = admin.credit().checkReport(issuerAddress, Instant.EPOCH).join();
        assertTrue(check.matches(), () -> check.offline() + " vs " + check.onChain());
        CreditReport report = check.report();
        assertEquals(afterMissed.record(), report.record());
        // 200 days later the missed epoch has faded: offline and on chain agree again
        long later = fx.now() + 200 * 86_400L;
        CreditBreakdown offline = report.breakdownAt(later, LoanCounts.NONE);
        assertEquals(offline, admin.credit().creditAt(issuerAddress, Instant.ofEpochSecond(later)).join());
        assertEquals(BigInteger.valueOf(19), offline.penaltyPoints(),
                "40 points: 20 after 180 days, 19 after 200 (linear between half-lives, rounded up)");
        // a record is never decayed backwards: a time before the last record is refused, typed
        long lastRecord = afterMissed.record().lastUpdate();
        TimeBeforeRecordException early = assertInstanceOf(TimeBeforeRecordException.class,
                cause(admin.credit().creditAt(issuerAddress, Instant.ofEpochSecond(lastRecord - 1))));
        assertEquals(lastRecord - 1, early.at());
        assertEquals(lastRecord, early.lastUpdate());
        assertEquals(report.requiredCollateralAt(TokenizationFixture.BTC.bytes(), RATE, CAPACITY, 30 * 86_400L, 10_000, 30_000,
                check.at(), LoanCounts.NONE), newcomerRequired);
    }

    @Test
    void aMintBelowTheRequiredCollateralIsRefused() {
        enableRate();
        BigInteger required = quote().required();
        MerkleTree hardware = MerkleTree.of(TokenizationFixture.asics("CR-", 2));
        ProductAttestation a = fx.tokens().attestation(hardware, CAPACITY, required.subtract(BigInteger.ONE));
        CollateralBelowRequiredException e = assertInstanceOf(CollateralBelowRequiredException.class,
                cause(issuer.tokenization().mintProduct(fx.tokens().sign(a, 1, 2, 3))));
        assertEquals(required, e.required());
        assertEquals(required.subtract(BigInteger.ONE), e.given());
    }

    @Test
    void parametersAndRatesChangeOnlyThroughTheAdminAfterTheirDelay(LocalChain chain) {
        HashMix stranger = chain.client(9);
        assertInstanceOf(UnauthorizedAccountException.class,
                cause(stranger.credit().scheduleBaseRate(TokenizationFixture.BTC, RATE)));
        assertInstanceOf(UnauthorizedAccountException.class, cause(stranger.credit().scheduleParams(CreditParams.DEFAULT)));
        assertInstanceOf(NoPendingCreditChangeException.class, cause(admin.credit().applyParams()));
        assertInstanceOf(NoPendingRateException.class, cause(admin.credit().applyBaseRate(TokenizationFixture.BTC)));
        CreditParams faster = new CreditParams(30 * 86_400L, 86_400L, 40, 60, 300, 500, 300, 5, 50, 20, 200);
        admin.credit().scheduleParams(faster).join();
        assertEquals(faster, admin.credit().pendingParams().join().orElseThrow().value());
        assertInstanceOf(CreditChangeNotReadyException.class, cause(admin.credit().applyParams()));
        fx.advanceBy(Duration.ofDays(7));
        stranger.credit().applyParams().join();
        assertEquals(faster, admin.credit().params().join());
        assertTrue(admin.credit().pendingParams().join().isEmpty());
    }

    /**
     * The gas credit adds to a mint, from real receipts: the same mint with the policy and a base
     * rate in force, then after the policy is removed (through its delay).
     */
    @Test
    void creditAddsLittleGasToAMint(LocalChain chain) {
        enableRate();
        BigInteger collateral = quote().required();
        fx.mint(CAPACITY, collateral, 30); // first mint: pays the zero-to-nonzero writes both others skip
        MintedProduct withPolicy = fx.mint(CAPACITY, collateral, 30);

        BoundContract vault = new BoundContract("CollateralVault",
                chain.deployment().contract(ProtocolContract.COLLATERAL_VAULT).address(), admin.calls(), admin.transactions());
        CollateralVault v = vault.encoder(CollateralVault::load);
        vault.send("schedulePolicy", v.schedulePolicy(EvmAddress.ZERO.hex())).join();
        assertInstanceOf(PolicyNotReadyException.class, cause(vault.send("applyPolicy", v.applyPolicy())));
        fx.advanceBy(Duration.ofDays(7));
        vault.send("applyPolicy", v.applyPolicy()).join();
        MintedProduct withoutPolicy = fx.mint(CAPACITY, collateral, 30);

        BigInteger extra = withPolicy.receipt().gasUsed().subtract(withoutPolicy.receipt().gasUsed());
        System.out.printf("mint gas: with collateral policy %s, without %s, extra %s%n", withPolicy.receipt().gasUsed(),
                withoutPolicy.receipt().gasUsed(), extra);
        assertTrue(extra.signum() > 0);
        assertTrue(extra.compareTo(BigInteger.valueOf(30_000)) <= 0, "credit adds " + extra + " gas to a mint (goal 30,000)");
    }
}
