package io.hashmix.examples;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.web3j.crypto.Credentials;

import io.hashmix.core.HashMix;
import io.hashmix.core.lending.Loan;
import io.hashmix.core.lending.PayoffProjection;
import io.hashmix.core.lending.StartedLoan;
import io.hashmix.core.lending.Sweep;
import io.hashmix.core.tokenization.MintedProduct;
import io.hashmix.core.tokenization.Product;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.attestation.Committee;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.fulfillment.FulfillmentReport;
import io.hashmix.proofs.fulfillment.ReportBundle;
import io.hashmix.proofs.fulfillment.SourceChain;
import io.hashmix.proofs.lending.LoanOffer;
import io.hashmix.proofs.lending.LoanOrderJson;
import io.hashmix.proofs.lending.SignedLoanOrder;
import io.hashmix.testing.devnet.DevChainControl;
import io.hashmix.testing.devnet.DevTokens;

/**
 * The lifecycle demo's lending part: a holder borrows against its 250 TH/s slice on a lender's signed offer, and
 * the slice's own revenue, epoch by epoch, pays the loan down until the token goes back to the holder.
 */
final class LendingDemoStep {

    /** Prints a formatted line of the demo's report. */
    @FunctionalInterface
    interface Printer {
        void line(String format, Object... args);
    }

    private static final BigInteger PRECISION = BigInteger.TEN.pow(18);

    private final Consumer<String> header;
    private final Printer out;

    LendingDemoStep(Consumer<String> header, Printer out) {
        this.header = header;
        this.out = out;
    }

    /**
     * Runs the part.
     *
     * @param admin      the protocol owner (relays reports)
     * @param issuer     the product's issuer (deposits revenue)
     * @param borrower   the holder of {@code slice}
     * @param lender     the lender
     * @param minted     the product the slice belongs to (one-day epochs)
     * @param slice      the borrower's slice
     * @param accounts   the dev accounts (the committee signs reports with its members' keys)
     */
    void run(HashMix admin, HashMix issuer, HashMix borrower, HashMix lender, MintedProduct minted, TokenId slice,
             List<Credentials> accounts) {
        header.accept("Lending: borrow against the 250 TH/s slice; its own revenue pays the loan down");
        DevChainControl clock = new DevChainControl(admin.rpc());
        Product product = admin.tokenization().product(minted.productId()).join();
        EvmAddress wbtc = admin.assetClasses().get(product.assetClass()).join().payoutToken();
        Committee committee = admin.committee().committee().join();
        List<Credentials> signers = accounts.stream()
                .filter(c -> committee.contains(EvmAddress.of(c.getAddress()))).limit(3).toList();
        long day = Duration.ofDays(1).toSeconds();
        long start = product.start().getEpochSecond();
        BigInteger dailyRevenue = BigInteger.valueOf(5_000_000); // 0.05 (test) BTC a day for 1,000 TH/s
        new DevTokens(admin).mint(wbtc, issuer.account(), dailyRevenue.multiply(BigInteger.valueOf(20))).join();
        new DevTokens(admin).mint(wbtc, lender.account(), BigInteger.valueOf(100_000_000)).join();

        // settle every epoch that has ended, so the loan's epochs settle in turn
        long now = clock.latestTimestamp().join();
        long epoch = admin.fulfillment().productState(minted.productId()).join().settledEpochs();
        while (start + (epoch + 1) * day <= now) {
            report(admin, issuer, minted, epoch++, dailyRevenue, signers);
        }

        lender.lending().approveCurrency(wbtc, BigInteger.valueOf(100_000_000)).join();
        BigInteger principal = BigInteger.valueOf(3_000_000); // 0.03 (test) BTC
        LoanOffer offer = LoanOffer.builder().lender(lender.account()).tokenId(slice)
                .tokenNonce(borrower.tokenization().tradeState(slice).join().nonce())
                .units(borrower.tokenization().token(slice).join().units()).currency(wbtc).principal(principal)
                .maxRepayment(principal.multiply(BigInteger.valueOf(11)).divide(BigInteger.TEN)).aprBps(1_200)
                .duration(Duration.ofDays(20)).minCreditScore(300).expiry(now + day).build();
        String json = LoanOrderJson.toJson(lender.lending().sign(offer));
        SignedLoanOrder received = borrower.lending().validator(Clock.systemUTC()).validateJson(json);
        out.line("lender signs a loan offer offline: %s at %d bps for 20 days, cap %s, borrower's credit score at least %d"
                + " (%d bytes of JSON, validated)", principal, offer.aprBps(), offer.maxRepayment(), offer.minCreditScore(),
                json.length());
        borrower.lending().approveCollateral().join();
        StartedLoan loan = borrower.lending().borrow(received).join();
        out.line("%s started: the borrower's credit score was checked, the slice is escrowed, %s paid to the borrower"
                + " (%s gas)", loan.id(), loan.principal(), loan.receipt().gasUsed());

        BigInteger claimedTotal = BigInteger.ZERO;
        boolean projected = false;
        for (int i = 0; i < 10; i++) {
            long end = start + (epoch + 1) * day;
            now = clock.latestTimestamp().join();
            if (end >= now) {
                clock.increaseTime(Duration.ofSeconds(end - now + 1)).join();
                clock.mine().join();
            }
            report(admin, issuer, minted, epoch, dailyRevenue, signers);
            Sweep sweep = admin.lending().sweep(loan.id()).join();
            claimedTotal = claimedTotal.add(sweep.claimed());
            Loan after = admin.lending().loan(loan.id()).join();
            out.line("epoch %d: revenue swept %s -> interest %s, principal %s%s; debt left %s", epoch, sweep.claimed(),
                    sweep.toInterest(), sweep.toLender().subtract(sweep.toInterest()),
                    sweep.surplus().signum() > 0 ? ", surplus to the borrower " + sweep.surplus() : "", after.debt());
            if (!projected && !sweep.repaid()) {
                PayoffProjection p = admin.lending().projectPayoff(loan.id()).join();
                out.line("    projection at %s per epoch: repaid by epoch %s", p.revenuePerEpoch(),
                        p.payoffEpoch().map(String::valueOf).orElse("(not within the term)"));
                projected = true;
            }
            epoch++;
            if (sweep.repaid()) {
                break;
            }
        }
        Loan closed = admin.lending().loan(loan.id()).join();
        EvmAddress holder = borrower.tokenization().ownerOf(slice).join();
        if (!closed.status().name().equals("REPAID") || !holder.equals(borrower.account())) {
            throw new IllegalStateException("check failed: the loan is repaid and the token back with its borrower");
        }
        out.line("the loan is repaid by its own revenue (%s swept in all): the token is back with %s", claimedTotal, holder);
        var record = admin.lending().borrowerRecord(borrower.account(), wbtc).join();
        out.line("borrower's record for the credit system: %d repaid on time, %d late, %d defaulted, %s repaid in all",
                record.repaid(), record.repaidLate(), record.defaulted(), record.amountRepaid());
    }

    /** Reports an epoch delivered in full, signed 3-of-N, and deposits it. */
    private static void report(HashMix admin, HashMix issuer, MintedProduct minted, long epoch, BigInteger revenue,
                               List<Credentials> signers) {
        Product product = admin.tokenization().product(minted.productId()).join();
        long now = new DevChainControl(admin.rpc()).latestTimestamp().join();
        FulfillmentReport report = FulfillmentReport.builder().productId(minted.productId()).epoch(epoch)
                .deliveredUnits(product.capacity()).revenue(revenue)
                .unitRevenue(revenue.multiply(PRECISION).divide(product.capacity()))
                .sourceChain(SourceChain.BITCOIN_MAINNET).evidence(Bytes32.keccakUtf8("pool payout of epoch " + epoch))
                .deadline(now + 3600).committeeEpoch(admin.committee().committee().join().epoch()).build();
        admin.fulfillment().submitReport(ReportBundle.builder(admin.fulfillment().domain(), report)
                .signWith(signers.toArray(Credentials[]::new)).build()).join();
        issuer.fulfillment().deposit(minted.productId(), epoch).join();
    }
}
