package io.hashmix.core.lending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.HashMix;
import io.hashmix.core.incentives.IncentivesClient;
import io.hashmix.core.incentives.RewardProgram;
import io.hashmix.core.swap.PriceFeed;
import io.hashmix.core.swap.PriceUnusableException;
import io.hashmix.core.swap.SwapClient;
import io.hashmix.core.testing.FulfillmentFixture;
import io.hashmix.core.testing.TokenizationFixture;
import io.hashmix.core.tokenization.MintedProduct;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.credit.CreditMath;
import io.hashmix.proofs.fulfillment.FulfillmentReport;
import io.hashmix.proofs.lending.BorrowRequest;
import io.hashmix.proofs.lending.CollectionOffer;
import io.hashmix.proofs.lending.LoanMath;
import io.hashmix.proofs.lending.LoanOffer;
import io.hashmix.proofs.lending.LoanOrderJson;
import io.hashmix.proofs.lending.LoanOrderKind;
import io.hashmix.proofs.lending.LoanState;
import io.hashmix.proofs.lending.SignedLoanOrder;
import io.hashmix.proofs.oracle.PriceReport;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;
import io.hashmix.testing.devnet.DevTokens;

/**
 * Lending against a real local node: a loan repaid entirely from three epochs of revenue, an early repayment, a
 * refinance, a default foreclosed by a third account's bid and a default with no bid; plus a borrow request, a
 * collection offer, offers asking a minimum credit score, typed exceptions and events. The receipts' gas of each operation is printed (docs/benchmarks.md).
 */
@ExtendWith(LocalChainExtension.class)
class LendingClientIntegrationTest {

    private static final BigInteger CAPACITY = BigInteger.valueOf(1_000_000); // 1,000 TH/s (3 decimals)
    private static final BigInteger COLLATERAL = BigInteger.valueOf(50_000_000);
    private static final BigInteger PRINCIPAL = BigInteger.valueOf(200_000);
    private static final BigInteger REVENUE = BigInteger.valueOf(80_000);
    private static final long APR = 1_000;
    private static final long DAY = FulfillmentFixture.EPOCH.toSeconds();
    private static final BigInteger PRECISION = BigInteger.TEN.pow(18);
    private static final int BORROWER = 7;
    private static final int LENDER = 8;
    private static final int KEEPER = 9;
    private static final int BIDDER = 10;
    private static final int LENDER2 = 11;
    /** Committee prices, as in the swap tests: 0.05 USD per TH/s per day = 5e-5 USD per 0.001 TH/s (3 decimals). */
    private static final BigInteger BTC_HASHPRICE = BigInteger.valueOf(50_000_000_000_000L);
    /** A BTC of 8 decimals at 100,000 USD: 1e15 numeraire per satoshi. */
    private static final BigInteger BTC_PAYOUT_PRICE = new BigInteger("1000000000000000");

    /** Gas of each operation's receipt, printed after the class for docs/benchmarks.md. */
    private static final Map<String, BigInteger> GAS = new ConcurrentSkipListMap<>();

    private FulfillmentFixture fx;
    private HashMix issuer;
    private HashMix borrower;
    private HashMix lender;
    private HashMix lender2;
    private HashMix keeper;
    private HashMix bidder;
    private EvmAddress wbtc;
    private MintedProduct product;
    private long productStart;

    @BeforeEach
    void setUp(LocalChain chain) {
        fx = new FulfillmentFixture(chain);
        issuer = fx.issuer();
        borrower = chain.client(BORROWER);
        lender = chain.client(LENDER);
        lender2 = chain.client(LENDER2);
        keeper = chain.client(KEEPER);
        bidder = chain.client(BIDDER);
        // lending values tokens with the protocol's valuation (swap domain): the admin sets the BTC-SHA256 oracle
        // bounds (heartbeat 1 day, 20% move), applies them after their delay, and the committee reports a price;
        // before the products are minted, so the delay eats none of their epochs
        SwapClient swap = fx.admin().swap();
        swap.scheduleBounds(TokenizationFixture.BTC, Duration.ofDays(1), 2_000).join();
        fx.advanceBy(Duration.ofDays(2).plusSeconds(1));
        swap.applyBounds(TokenizationFixture.BTC).join();
        relayPrices();
        wbtc = fx.tokens().payoutToken();
        DevTokens dev = new DevTokens(fx.admin());
        for (int who : new int[] {BORROWER, LENDER, LENDER2, BIDDER}) {
            dev.mint(wbtc, chain.address(who), BigInteger.valueOf(100_000_000)).join();
        }
        product = fx.mint(CAPACITY, COLLATERAL, 15);
        productStart = issuer.tokenization().product(product.productId()).join().start().getEpochSecond();
        issuer.tokenization().transfer(product.tokenId(), borrower.account()).join();
        borrower.lending().approveCollateral().join();
        lender.lending().approveCurrency(wbtc, BigInteger.valueOf(100_000_000)).join();
        lender2.lending().approveCurrency(wbtc, BigInteger.valueOf(100_000_000)).join();
        warmUp();
    }

    /**
     * Steady state, as in the Solidity gas benchmark: the accounts already borrowed and lent once (their loan
     * records exist, the currency is known to the contract) and another loan stays open (the contract escrows a
     * token), so the receipts measure a loan, not the contract's first one.
     */
    private void warmUp() {
        for (int i = 0; i < 2; i++) {
            MintedProduct other = fx.mint(CAPACITY, COLLATERAL, 15);
            issuer.tokenization().transfer(other.tokenId(), borrower.account()).join();
            StartedLoan warm = borrower.lending().borrow(lender.lending().sign(offer(lender, other.tokenId()).build())).join();
            if (i == 0) {
                borrower.lending().repay(warm.id()).join();
            }
        }
    }

    /** A 3-of-5 committee report of the BTC-SHA256 prices (median of h-1, h, h+1), relayed by the keeper. */
    private PriceFeed relayPrices() {
        long now = fx.now();
        PriceReport.Builder b = PriceReport.builder(keeper.swap().oracleDomain(), TokenizationFixture.BTC, now, now + 3_600,
                keeper.committee().epoch().join());
        for (int i = 1; i <= 3; i++) {
            b.observe(fx.tokens().attestor(i).getEcKeyPair(), BTC_HASHPRICE.add(BigInteger.valueOf(i - 2)), BTC_PAYOUT_PRICE);
        }
        return keeper.swap().relayPrices(b.build()).join();
    }

    @AfterAll
    static void printGas() {
        GAS.forEach((op, gas) -> System.out.printf("LENDING-GAS %-44s %,d%n", op, gas));
    }

    private static void gas(String op, TxReceipt r) {
        GAS.merge(op, r.gasUsed(), BigInteger::max);
    }

    private static Throwable cause(CompletableFuture<?> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    private LoanOffer.Builder offer(HashMix maker, TokenId tokenId) {
        var slice = borrower.tokenization().token(tokenId).join();
        long nonce = borrower.tokenization().tradeState(tokenId).join().nonce();
        return LoanOffer.builder().lender(maker.account()).tokenId(tokenId).tokenNonce(nonce).units(slice.units())
                .currency(wbtc).principal(PRINCIPAL).maxRepayment(PRINCIPAL.shiftLeft(1)).aprBps(APR)
                .duration(Duration.ofDays(8)).expiry(fx.now() + DAY);
    }

    private StartedLoan borrowOn(LoanOffer offer) {
        SignedLoanOrder signed = lenderFor(offer.lender()).lending().sign(offer);
        // the offer travels as JSON, as it would between a lender and a borrower
        SignedLoanOrder received = LoanOrderJson.fromJson(LoanOrderJson.toJson(signed));
        borrower.lending().validator(Clock.fixed(Instant.ofEpochSecond(fx.now()), ZoneOffset.UTC)).validate(received);
        StartedLoan loan = borrower.lending().borrow(received).join();
        gas("start (loan offer)", loan.receipt());
        return loan;
    }

    private HashMix lenderFor(EvmAddress who) {
        return who.equals(lender.account()) ? lender : lender2;
    }

    /** Reports epoch {@code e} with {@code revenue} for the whole product (all delivered), deposits it. */
    private void payEpoch(long e, BigInteger revenue) {
        long end = productStart + (e + 1) * DAY;
        if (fx.now() <= end) {
            fx.advanceTo(end + 1);
        }
        FulfillmentReport r = fx.report(product.productId(), e, CAPACITY, revenue, BigInteger.ZERO).toBuilder()
                .unitRevenue(revenue.multiply(PRECISION).divide(CAPACITY)).build();
        keeper.fulfillment().submitReport(fx.sign(r)).join();
        issuer.fulfillment().deposit(product.productId(), e).join();
    }

    private BigInteger balance(HashMix who) {
        return who.erc20().balanceOf(wbtc, who.account()).join();
    }

    private EvmAddress ownerOf(TokenId id) {
        return borrower.tokenization().ownerOf(id).join();
    }

    // ---------------------------------------------------------------------------------------

    /** The headline: three epochs of the escrowed token's revenue repay the loan, which returns the token. */
    @Test
    void aLoanIsRepaidEntirelyFromThreeEpochsOfRevenue() {
        BigInteger lenderBefore = balance(lender);
        BorrowerRecord recordBefore = keeper.lending().borrowerRecord(borrower.account(), wbtc).join();
        StartedLoan loan = borrowOn(offer(lender, product.tokenId()).build());
        LoanId id = loan.id();
        assertEquals(product.tokenId(), id.tokenId());
        assertEquals(LoanOrderKind.LOAN_OFFER, loan.kind());
        assertEquals(borrower.lending().address(), ownerOf(product.tokenId()));
        BigInteger borrowerBefore = balance(borrower);

        BigInteger claimedTotal = BigInteger.ZERO;
        Sweep last = null;
        for (long e = 0; e < 3; e++) {
            payEpoch(e, REVENUE);
            Loan before = keeper.lending().loan(id).join();
            long sweepTime = fx.now() + 1;
            fx.nextBlockAt(sweepTime);
            last = keeper.lending().sweep(id).join();
            gas(last.repaid() ? "sweep (repays the loan, token returned)" : "sweep (revenue pays part of the debt)",
                    last.receipt());
            claimedTotal = claimedTotal.add(last.claimed());
            assertTrue(last.claimed().signum() > 0, "epoch " + e + " paid the escrow");
            // the offline arithmetic predicts the sweep to the base unit
            LoanState.Step predicted = before.state().pay(sweepTime, last.claimed());
            assertEquals(predicted.toInterest(), last.toInterest(), "epoch " + e);
            assertEquals(predicted.toInterest().add(predicted.toPrincipal()), last.toLender(), "epoch " + e);
            assertEquals(predicted.surplus(), last.surplus(), "epoch " + e);
            if (e == 0) {
                PayoffProjection p = keeper.lending().projectPayoff(id).join();
                assertEquals(java.util.Optional.of(2L), p.payoffEpoch(), "the revenue so far repays it in epoch 2");
            }
        }
        assertTrue(last.repaid(), "the third epoch repaid the loan");
        assertEquals(borrower.account(), ownerOf(product.tokenId()), "the token went back");
        Loan closed = keeper.lending().loan(id).join();
        assertEquals(LoanStatus.REPAID, closed.status());
        assertEquals(BigInteger.ZERO, closed.debt());
        BigInteger toLender = balance(lender).subtract(lenderBefore).add(PRINCIPAL);
        assertTrue(toLender.compareTo(PRINCIPAL) > 0, "the lender earned interest");
        assertEquals(claimedTotal, toLender.subtract(PRINCIPAL).add(PRINCIPAL).add(balance(borrower).subtract(borrowerBefore)),
                "every satoshi of revenue reached the lender or the borrower");
        BorrowerRecord record = keeper.lending().borrowerRecord(borrower.account(), wbtc).join();
        assertEquals(recordBefore.repaid() + 1, record.repaid());
        assertEquals(recordBefore.amountRepaid().add(toLender), record.amountRepaid());
        assertEquals(2, keeper.lending().lenderRecord(lender.account(), wbtc).join().paidOff(), "with the warm-up loan");
        assertEquals(0, keeper.lending().credit(lender.account(), wbtc).join().signum());

        List<LendingEvent> events = keeper.lending().events(keeper.lending().deployBlock(), keeper.logs().head().join()).join();
        assertTrue(events.stream().anyMatch(ev -> ev instanceof LendingEvent.Started s && s.loanId().equals(id)));
        assertEquals(3, events.stream().filter(ev -> ev instanceof LendingEvent.RevenueSwept s && s.loanId().equals(id)).count());
        assertTrue(events.stream().anyMatch(ev -> ev instanceof LendingEvent.Repaid r && r.loanId().equals(id) && !r.late()));
    }

    /** An early repayment pays interest to date only: exactly what the offline math says. */
    @Test
    void anEarlyRepaymentPaysInterestToDateOnly() {
        StartedLoan loan = borrowOn(offer(lender, product.tokenId()).build());
        Loan started = borrower.lending().loan(loan.id()).join();
        fx.advanceBy(Duration.ofHours(30));
        long at = fx.now() + 1;
        fx.nextBlockAt(at);
        BigInteger expected = started.state().debtAt(at);
        assertEquals(PRINCIPAL.add(LoanMath.interestFor(PRINCIPAL, APR, at - started.lastAccrual().getEpochSecond())), expected);
        BigInteger before = balance(borrower);
        Repayment r = borrower.lending().repay(loan.id()).join();
        gas("repay (token returned)", r.receipt());
        assertEquals(expected, r.paid());
        assertFalse(r.late());
        assertEquals(before.subtract(expected), balance(borrower));
        assertEquals(borrower.account(), ownerOf(product.tokenId()));
        LoanNotOpenException again = assertInstanceOf(LoanNotOpenException.class, cause(borrower.lending().repay(loan.id())));
        assertEquals(LoanStatus.REPAID, again.status());
        // the offer died with the token's nonce
        assertInstanceOf(TokenNonceMismatchException.class, cause(borrower.lending().borrow(
                lender.lending().sign(offer(lender, product.tokenId()).tokenNonce(loan.id().escrowNonce() - 1).build()))));
    }

    /** A better offer refinances the loan: the old lender is paid off, the token never leaves escrow. */
    @Test
    void aRefinancePaysTheOldLenderOffInOneTransaction() {
        StartedLoan loan = borrowOn(offer(lender, product.tokenId()).build());
        Loan before = borrower.lending().loan(loan.id()).join();
        LoanOffer better = offer(lender2, product.tokenId()).expiry(fx.now() + 7 * DAY).aprBps(APR / 2).principal(PRINCIPAL.shiftLeft(2))
                .maxRepayment(PRINCIPAL.shiftLeft(2)).duration(before.maturity().getEpochSecond() - fx.now()).build();
        SignedLoanOrder signed = lender2.lending().sign(better);
        assertInstanceOf(RefinanceTooSoonException.class, cause(lender2.lending().refinance(loan.id(), signed)));
        fx.advanceBy(Duration.ofDays(1).plusMinutes(1));
        LoanOffer worse = better.toBuilder().aprBps(APR + 1).salt(BigInteger.TWO).duration(better.duration() - 120).build();
        assertInstanceOf(TermsNotBetterException.class, cause(lender2.lending().refinance(loan.id(), lender2.lending().sign(worse))));
        BigInteger oldBefore = balance(lender);
        // the same maturity (the next block is a second later) at half the rate
        LoanOffer fresh = better.toBuilder().duration(before.maturity().getEpochSecond() - fx.now() - 1)
                .salt(BigInteger.TEN).build();
        Refinance r = lender2.lending().refinance(loan.id(), lender2.lending().sign(fresh)).join();
        gas("refinance (loan offer)", r.receipt());
        assertTrue(r.refinanced());
        assertEquals(lender.account(), r.oldLender());
        assertEquals(lender2.account(), r.newLender());
        assertEquals(oldBefore.add(r.payoff()), balance(lender), "old lender paid in full");
        assertEquals(borrower.lending().address(), ownerOf(product.tokenId()), "never left escrow");
        Loan after = borrower.lending().loan(loan.id()).join();
        assertEquals(lender2.account(), after.lender());
        assertEquals(APR / 2, after.aprBps());
        assertTrue(borrower.lending().orderState(fresh).join().used());
        assertEquals(2, borrower.lending().lenderRecord(lender.account(), wbtc).join().paidOff(), "with the warm-up loan");
    }

    /**
     * The lenders' reward program: once the admin sets it for the currency, each lender's outstanding principal is
     * its stake, moved by starts, refinances and repayments, and lenders earn HMX by principal x time.
     */
    @Test
    void lendersEarnHmxByPrincipalTimesTime() {
        EvmAddress program = fx.chain().deployment().contract(ProtocolContract.HOOK_STAKE_PROGRAM).address();
        fx.admin().lending().setLenderProgram(wbtc, program).join();
        assertEquals(Optional.of(program), keeper.lending().lenderProgram(wbtc).join());
        // not through borrowOn: its receipt is not the steady-state start the gas table reports
        StartedLoan loan = borrower.lending().borrow(lender.lending().sign(offer(lender, product.tokenId()).build())).join();
        gas("start (loan offer, lenders' program set, first counted loan)", loan.receipt());
        assertEquals(PRINCIPAL, keeper.lending().outstandingPrincipal(lender.account(), wbtc).join());
        fx.advanceBy(Duration.ofDays(1).plusMinutes(1));
        BigInteger earned = lender.incentives().claimable(lender.account()).join().byProgram().get(RewardProgram.LENDERS);
        assertTrue(earned.signum() > 0, "a day of principal x time");

        Loan before = borrower.lending().loan(loan.id()).join();
        LoanOffer better = offer(lender2, product.tokenId()).expiry(fx.now() + 7 * DAY).aprBps(APR / 2)
                .principal(PRINCIPAL.shiftLeft(2)).maxRepayment(PRINCIPAL.shiftLeft(2))
                .duration(before.maturity().getEpochSecond() - fx.now() - 1).build();
        lender2.lending().refinance(loan.id(), lender2.lending().sign(better)).join();
        assertEquals(BigInteger.ZERO, keeper.lending().outstandingPrincipal(lender.account(), wbtc).join());
        assertEquals(PRINCIPAL, keeper.lending().outstandingPrincipal(lender2.account(), wbtc).join(),
                "the principal moved, not the payoff");
        borrower.lending().repay(loan.id()).join();
        assertEquals(BigInteger.ZERO, keeper.lending().outstandingPrincipal(lender2.account(), wbtc).join());
        IncentivesClient.Claim claim = lender.incentives().claim(RewardProgram.LENDERS).join();
        assertTrue(claim.amount().compareTo(earned) >= 0, claim.amount() + " >= " + earned);
        assertEquals(claim.amount(), lender.incentives().hmxBalance(lender.account()).join());
    }

    /** A default foreclosed by a third account, bought by another: debt, bounty, then the borrower. */
    @Test
    void aDefaultIsForeclosedAndSoldToAThirdAccountsBid() {
        StartedLoan loan = borrowOn(offer(lender, product.tokenId()).duration(Duration.ofDays(2)).build());
        assertInstanceOf(LoanNotForeclosableException.class, cause(keeper.lending().startForeclosure(loan.id())));
        assertFalse(keeper.lending().isForeclosable(loan.id()).join());
        fx.advanceTo(loan.maturity().getEpochSecond() + LoanMath.GRACE_PERIOD + 1);
        assertTrue(keeper.lending().isForeclosable(loan.id()).join());
        Foreclosure f = keeper.lending().startForeclosure(loan.id()).join();
        gas("startForeclosure", f.receipt());
        assertTrue(f.started());
        Auction a = f.auction().orElseThrow();
        assertEquals(keeper.account(), a.initiator());
        BigInteger debt = keeper.lending().debt(loan.id()).join();
        assertEquals(LoanMath.floorPrice(debt), a.floorPrice());
        fx.advanceBy(Duration.ofHours(1));
        BigInteger price = bidder.lending().currentPrice(loan.id()).join().orElseThrow();
        assertInstanceOf(PriceAboveMaxException.class, cause(bidder.lending().bid(loan.id(), price.subtract(BigInteger.TEN))));
        BigInteger lenderBefore = balance(lender);
        BigInteger keeperBefore = balance(keeper);
        BigInteger borrowerBefore = balance(borrower);
        Sale s = bidder.lending().bid(loan.id(), price).join();
        gas("bid (token sold)", s.receipt());
        assertTrue(s.settled());
        assertEquals(bidder.account(), s.winner());
        assertEquals(bidder.account(), ownerOf(product.tokenId()));
        assertEquals(debt, s.toLender());
        assertEquals(lenderBefore.add(debt), balance(lender));
        assertEquals(keeperBefore.add(s.bounty()), balance(keeper));
        assertEquals(borrowerBefore.add(s.toBorrower()), balance(borrower));
        assertEquals(s.price(), s.toLender().add(s.bounty()).add(s.toBorrower()));
        assertEquals(1, keeper.lending().borrowerRecord(borrower.account(), wbtc).join().defaulted());
        assertEquals(debt, keeper.lending().borrowerRecord(borrower.account(), wbtc).join().amountDefaulted());
        assertEquals(LoanStatus.SOLD, keeper.lending().loan(loan.id()).join().status());
    }

    /** A default with no bid: the lender takes the token, the debt left is bad debt. */
    @Test
    void aDefaultWithNoBidGivesTheTokenToTheLender() {
        StartedLoan loan = borrowOn(offer(lender, product.tokenId()).duration(Duration.ofDays(2)).build());
        fx.advanceTo(loan.maturity().getEpochSecond() + LoanMath.GRACE_PERIOD + 1);
        Foreclosure f = keeper.lending().startForeclosure(loan.id()).join();
        Auction a = f.auction().orElseThrow();
        BigInteger debt = keeper.lending().debt(loan.id()).join();
        assertInstanceOf(AuctionRunningException.class, cause(keeper.lending().claimCollateral(loan.id())));
        fx.advanceTo(a.endsAt().getEpochSecond());
        assertInstanceOf(AuctionEndedException.class, cause(bidder.lending().bid(loan.id(), debt.shiftLeft(4))));
        Sale s = keeper.lending().claimCollateral(loan.id()).join();
        gas("claimCollateral (no bid)", s.receipt());
        assertEquals(lender.account(), s.winner());
        assertEquals(lender.account(), ownerOf(product.tokenId()));
        assertEquals(debt, s.badDebt());
        LenderRecord record = keeper.lending().lenderRecord(lender.account(), wbtc).join();
        assertEquals(1, record.defaulted());
        assertEquals(debt, record.badDebt());
    }

    /** A lender fills a holder's borrow request; a collection offer lends within its LTV of the valuation. */
    @Test
    void borrowRequestsAndCollectionOffers() {
        long nonce = borrower.tokenization().tradeState(product.tokenId()).join().nonce();
        BorrowRequest request = BorrowRequest.builder().borrower(borrower.account()).tokenId(product.tokenId())
                .tokenNonce(nonce).units(CAPACITY).currency(wbtc).principal(PRINCIPAL).aprBps(APR)
                .duration(Duration.ofDays(5)).expiry(fx.now() + DAY).build();
        StartedLoan byRequest = lender.lending().lend(borrower.lending().sign(request)).join();
        gas("start (borrow request)", byRequest.receipt());
        assertEquals(LoanOrderKind.BORROW_REQUEST, byRequest.kind());
        assertEquals(lender.account(), byRequest.lender());
        borrower.lending().repay(byRequest.id()).join();

        // the protocol's valuation: 1,000,000 units x remaining seconds x the committee's hashprice / 1 day x the
        // delivery ratio, in satoshi at the reported BTC price; a price older than its heartbeat stops new borrowing
        fx.advanceBy(Duration.ofDays(1).plusSeconds(1));
        assertInstanceOf(PriceUnusableException.class, cause(borrower.lending().maxPrincipal(product.tokenId(), 5_000)));
        assertTrue(relayPrices().usable(), "a fresh report makes the price usable again");
        BigInteger max = borrower.lending().maxPrincipal(product.tokenId(), 5_000).join();
        assertTrue(max.signum() > 0);
        BigInteger value = borrower.swap().valueOf(product.tokenId()).join();
        assertEquals(value.multiply(BigInteger.valueOf(5_000)).divide(BigInteger.valueOf(10_000)).divide(BTC_PAYOUT_PRICE), max,
                "half the token's value, in satoshi, rounded down");
        CollectionOffer c = CollectionOffer.builder().lender(lender.account()).assetClass(TokenizationFixture.BTC)
                .minUnits(BigInteger.ONE).maxLtvBps(5_000).currency(wbtc).totalPrincipal(BigInteger.valueOf(1_000_000))
                .aprBps(APR).duration(Duration.ofDays(5)).expiry(fx.now() + DAY).build();
        SignedLoanOrder signed = lender.lending().sign(c);
        assertInstanceOf(LtvExceededException.class, cause(borrower.lending().borrowFromCollectionOffer(signed,
                product.tokenId(), max.add(BigInteger.ONE))));
        StartedLoan byCollection = borrower.lending().borrowFromCollectionOffer(signed, product.tokenId(), max).join();
        gas("start (collection offer)", byCollection.receipt());
        assertEquals(LoanMath.collectionMaxRepayment(max, APR, Duration.ofDays(5).toSeconds()), byCollection.maxRepayment());
        assertEquals(max, borrower.lending().orderState(c).join().lent());
        assertEquals(byCollection.id(), borrower.lending().loanOfToken(product.tokenId()).join().orElseThrow());
        // a cancelled order can no longer be used; the counter kills every order
        lender.lending().cancel(List.of(c)).join();
        assertTrue(borrower.lending().orderState(c).join().cancelled());
        assertEquals(BigInteger.ONE, lender.lending().incrementCounter().join());
        assertEquals(BigInteger.ONE, borrower.lending().counter(lender.account()).join());
        assertEquals(List.of(), keeper.lending().events(10, 9).join());
    }

    /**
     * Offers asking a minimum credit score: the lending contract reads the borrower's score in the credit registry
     * (300 for a newcomer, as {@code hm.credit()} reads it); above it a loan offer and a collection offer are refused
     * with the score and the minimum, and nothing moves; at it the same offer fills.
     */
    @Test
    void offersAskingAHigherCreditScoreThanTheBorrowersAreRefused() {
        EvmAddress registry = fx.chain().deployment().contract(ProtocolContract.CREDIT_REGISTRY).address();
        assertEquals(Optional.of(registry), keeper.lending().creditScores().join(), "lending reads the protocol's registry");
        long score = keeper.credit().score(borrower.account()).join();
        assertEquals(CreditMath.NEWCOMER_SCORE, score, "a newcomer's score");
        BigInteger lenderBefore = balance(lender);
        BigInteger borrowerBefore = balance(borrower);
        int min = 650;

        LoanOffer picky = offer(lender, product.tokenId()).minCreditScore(min).build();
        // the minimum travels in the signed JSON
        SignedLoanOrder received = LoanOrderJson.fromJson(LoanOrderJson.toJson(lender.lending().sign(picky)));
        assertEquals(min, ((LoanOffer) received.order()).minCreditScore());
        BorrowerScoreTooLowException e = assertInstanceOf(BorrowerScoreTooLowException.class,
                cause(borrower.lending().borrow(received)));
        assertEquals(borrower.account(), e.borrower());
        assertEquals(score, e.score());
        assertEquals(min, e.minScore());

        BigInteger max = borrower.lending().maxPrincipal(product.tokenId(), 5_000).join();
        CollectionOffer collection = CollectionOffer.builder().lender(lender.account()).assetClass(TokenizationFixture.BTC)
                .minUnits(BigInteger.ONE).maxLtvBps(5_000).currency(wbtc).totalPrincipal(BigInteger.valueOf(1_000_000))
                .aprBps(APR).duration(Duration.ofDays(5)).minCreditScore(min).expiry(fx.now() + DAY).build();
        BorrowerScoreTooLowException ce = assertInstanceOf(BorrowerScoreTooLowException.class, cause(
                borrower.lending().borrowFromCollectionOffer(lender.lending().sign(collection), product.tokenId(), max)));
        assertEquals(borrower.account(), ce.borrower());
        assertEquals(score, ce.score());
        assertEquals(min, ce.minScore());

        assertEquals(borrower.account(), ownerOf(product.tokenId()), "the token did not move");
        assertEquals(lenderBefore, balance(lender), "nothing was lent");
        assertEquals(borrowerBefore, balance(borrower));
        assertEquals(BigInteger.ZERO, keeper.lending().orderState(collection).join().lent());

        // the same offer asking exactly the borrower's score fills
        LoanOffer atScore = picky.toBuilder().minCreditScore((int) score).build();
        StartedLoan loan = borrower.lending().borrow(lender.lending().sign(atScore)).join();
        gas("start (loan offer, min credit score checked)", loan.receipt());
        assertEquals(borrower.lending().address(), ownerOf(product.tokenId()));
        assertEquals(lenderBefore.subtract(PRINCIPAL), balance(lender));
        assertEquals(borrowerBefore.add(PRINCIPAL), balance(borrower));
        assertEquals(borrower.account(), keeper.lending().loan(loan.id()).join().borrower());
    }

    /** The admin's circuit breaker stops new loans, and only the admin may pull it. */
    @Test
    void pauseStopsNewLoansAndIsAdminOnly() {
        assertInstanceOf(io.hashmix.core.errors.UnauthorizedAccountException.class, cause(keeper.lending().pause()));
        fx.admin().lending().pause().join();
        assertTrue(keeper.lending().paused().join());
        Throwable t = cause(borrower.lending().borrow(lender.lending().sign(offer(lender, product.tokenId()).build())));
        assertEquals("EnforcedPause", assertInstanceOf(io.hashmix.core.errors.CustomErrorException.class, t).errorName());
        fx.admin().lending().unpause().join();
        assertFalse(keeper.lending().paused().join());
        assertEquals(fx.chain().deployment().contract(ProtocolContract.HASH_POWER_LENDING).address(), keeper.lending().address());
    }
}
