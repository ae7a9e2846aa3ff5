package io.hashmix.core.testing;

import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.hashmix.core.HashMix;
import io.hashmix.core.tokenization.MintedProduct;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.fulfillment.FulfillmentReport;
import io.hashmix.proofs.fulfillment.ReportBundle;
import io.hashmix.proofs.fulfillment.SourceChain;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.testing.LocalChain;

/**
 * A {@link TokenizationFixture} plus what fulfillment needs: the BTC-SHA256 epoch configuration
 * ({@link #EPOCH} epochs, {@link #REPORT_WINDOW} report window, {@link #DEPOSIT_WINDOW} deposit
 * window) set by the vault owner (account 0), products minted for a whole number of epochs, reports
 * signed 3-of-5 by the fixture's attestors, and exact time travel. Build one per test (the chain is
 * reverted after each test).
 */
public final class FulfillmentFixture {

    /** Epoch length of the BTC-SHA256 class. */
    public static final Duration EPOCH = Duration.ofDays(1);
    /** Report window of the BTC-SHA256 class. */
    public static final Duration REPORT_WINDOW = Duration.ofDays(1);
    /** Deposit window of the BTC-SHA256 class. */
    public static final Duration DEPOSIT_WINDOW = Duration.ofDays(1);
    /** The attestors that sign reports by default (3 of the 5). */
    public static final int[] SIGNERS = {1, 2, 3};

    private final TokenizationFixture tokens;
    private final HashMix issuer;
    private final AtomicLong products = new AtomicLong();
    private final AtomicLong nonces = new AtomicLong(1);

    /** Sets up the committee, the issuer and the epoch configuration on the chain. */
    public FulfillmentFixture(LocalChain chain) {
        this(new TokenizationFixture(chain));
    }

    /** Adds the epoch configuration to an existing tokenization fixture. */
    public FulfillmentFixture(TokenizationFixture tokens) {
        this.tokens = tokens;
        this.issuer = tokens.chain().client(TokenizationFixture.ISSUER);
        tokens.admin().fulfillment().setEpochConfig(TokenizationFixture.BTC, EPOCH, REPORT_WINDOW, DEPOSIT_WINDOW).join();
    }

    /** The underlying tokenization fixture. */
    public TokenizationFixture tokens() {
        return tokens;
    }

    /** The chain. */
    public LocalChain chain() {
        return tokens.chain();
    }

    /** The admin client (account 0, owner of the vault). */
    public HashMix admin() {
        return tokens.admin();
    }

    /** The issuer's client (account {@link TokenizationFixture#ISSUER}). */
    public HashMix issuer() {
        return issuer;
    }

    /** The EIP-712 domain of fulfillment reports on this deployment (the vault's). */
    public Eip712Domain domain() {
        return admin().fulfillment().domain();
    }

    /**
     * Mints, as the issuer, a product of {@code epochs} whole epochs starting now (the latest block's
     * time), over fresh hardware, signed by attestors 1, 2, 3.
     */
    public MintedProduct mint(BigInteger capacity, BigInteger collateral, int epochs) {
        MerkleTree hardware = MerkleTree.of(TokenizationFixture.asics("FF-" + products.incrementAndGet() + "-", 4));
        ProductAttestation a = tokens.attestation(hardware, capacity, collateral);
        ProductAttestation term = a.toBuilder().end(a.start() + epochs * EPOCH.toSeconds()).build();
        return issuer.tokenization().mintProduct(tokens.sign(term, SIGNERS)).join();
    }

    /**
     * A report of an epoch with a fresh nonce, Bitcoin main net as source chain, a made-up payout
     * txid as evidence, the current committee epoch, and a deadline a week from now.
     *
     * @param unitRevenuePerUnit what one promised unit earned, in whole payout base units (the
     *                           report carries it scaled by 10^18, as the vault expects)
     */
    public FulfillmentReport report(ProductId product, long epoch, BigInteger delivered, BigInteger revenue,
                                    BigInteger unitRevenuePerUnit) {
        BigInteger unitRevenue = unitRevenuePerUnit.multiply(BigInteger.TEN.pow(18));
        long nonce = nonces.getAndIncrement();
        return FulfillmentReport.builder()
                .productId(product)
                .epoch(epoch)
                .deliveredUnits(delivered)
                .revenue(revenue)
                .unitRevenue(unitRevenue)
                .sourceChain(SourceChain.BITCOIN_MAINNET)
                .evidence(Bytes32.keccakUtf8("payout " + product + "/" + epoch + "/" + nonce))
                .nonce(BigInteger.valueOf(nonce))
                .deadline(now() + Duration.ofDays(7).toSeconds())
                .committeeEpoch(admin().committee().epoch().join())
                .build();
    }

    /** A bundle of a report signed by attestors 1, 2, 3 for this deployment's vault. */
    public ReportBundle sign(FulfillmentReport report) {
        return sign(report, SIGNERS);
    }

    /** A bundle of a report signed by the given attestors (1..5) for this deployment's vault. */
    public ReportBundle sign(FulfillmentReport report, int... attestors) {
        ReportBundle.Builder b = ReportBundle.builder(domain(), report);
        for (int i : attestors) {
            b.signWith(tokens.attestor(i));
        }
        return b.build();
    }

    /** The latest block's timestamp. */
    public long now() {
        return chain().control().latestTimestamp().join();
    }

    /**
     * Mines a block at exactly {@code unixSecond} (later transactions get later times).
     *
     * @throws IllegalStateException if the chain is already past it
     */
    public void advanceTo(long unixSecond) {
        long now = now();
        if (unixSecond <= now) {
            throw new IllegalStateException("the chain is at " + now + ", past " + unixSecond);
        }
        chain().rpc().call("evm_setNextBlockTimestamp", unixSecond).join();
        chain().control().mine().join();
    }

    /**
     * Makes the next mined block (e.g. the next transaction's) carry exactly {@code unixSecond},
     * without mining now.
     *
     * @throws IllegalStateException if the chain is already at or past it
     */
    public void nextBlockAt(long unixSecond) {
        long now = now();
        if (unixSecond <= now) {
            throw new IllegalStateException("the chain is at " + now + ", past " + unixSecond);
        }
        chain().rpc().call("evm_setNextBlockTimestamp", unixSecond).join();
    }

    /** Moves the chain's clock forward and mines a block. */
    public void advanceBy(Duration by) {
        advanceTo(now() + by.toSeconds());
    }
}
