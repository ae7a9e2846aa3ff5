package io.hashmix.core.incentives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.core.HashMix;
import io.hashmix.core.fulfillment.EpochStatus;
import io.hashmix.core.testing.FulfillmentFixture;
import io.hashmix.core.tokenization.MintedProduct;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;

/**
 * {@code hm.incentives()} against a real chain, after the demo's three epochs (fulfilled, short,
 * missed): the issuer, an attestor and a holder each see claimable HMX in one batched read and claim
 * it; a claim is never paid twice; the gas of each claim is measured from its receipt.
 */
@ExtendWith(LocalChainExtension.class)
class IncentivesClientIntegrationTest {

    private static final BigInteger CAPACITY = BigInteger.valueOf(1_000_000);
    private static final BigInteger REVENUE = BigInteger.valueOf(5_000_000);
    private static final int HOLDER = 7;

    private FulfillmentFixture fx;
    private HashMix admin;
    private HashMix issuer;
    private HashMix holder;
    private HashMix attestor;

    @BeforeEach
    void setUp(LocalChain chain) {
        fx = new FulfillmentFixture(chain);
        admin = fx.admin();
        issuer = fx.issuer();
        holder = chain.client(HOLDER);
        attestor = chain.client(FulfillmentFixture.SIGNERS[0]);
    }

    private static Throwable cause(CompletableFuture<?> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    private void epoch(ProductId id, long e, long delivered, boolean deposit) {
        BigInteger revenue = REVENUE.multiply(BigInteger.valueOf(delivered)).divide(CAPACITY);
        admin.fulfillment().submitReport(fx.sign(fx.report(id, e, BigInteger.valueOf(delivered), revenue,
                REVENUE.divide(CAPACITY)))).join();
        if (deposit) {
            issuer.fulfillment().deposit(id, e).join();
        }
    }

    @Test
    void theProgramsAndTheirWeights() {
        List<ProgramInfo> programs = admin.incentives().programs().join();
        assertEquals(6, programs.size());
        Map<RewardProgram, Long> weights = new java.util.EnumMap<>(RewardProgram.class);
        programs.forEach(p -> weights.put(p.program(), p.weight()));
        assertEquals(Map.of(RewardProgram.ISSUERS, 50L, RewardProgram.HOLDERS, 30L, RewardProgram.ATTESTORS, 20L,
                RewardProgram.LIQUIDITY_PROVIDERS, 10L, RewardProgram.LENDERS, 10L, RewardProgram.MARKET_MAKERS, 5L), weights);
        assertInstanceOf(InvalidRequestException.class, cause(admin.incentives().claim(RewardProgram.HOLDERS)));
        assertEquals(BigInteger.ZERO, admin.incentives().claim(RewardProgram.LENDERS).join().amount(), "lent nothing");
    }

    @Test
    void afterTheDemosEpochsAHolderAnAttestorAndTheIssuerClaim() {
        MintedProduct p = fx.mint(CAPACITY, BigInteger.valueOf(20_000_000), 4);
        List<TokenId> slices = issuer.tokenization().split(p.tokenId(), List.of(BigInteger.valueOf(250_000),
                BigInteger.valueOf(750_000))).join();
        issuer.tokenization().transfer(slices.get(0), holder.account()).join();

        fx.advanceBy(FulfillmentFixture.EPOCH);
        epoch(p.productId(), 0, 1_000_000, true);
        fx.advanceBy(FulfillmentFixture.EPOCH);
        epoch(p.productId(), 1, 900_000, true);
        fx.advanceBy(FulfillmentFixture.EPOCH);
        epoch(p.productId(), 2, 1_000_000, false);
        fx.advanceBy(FulfillmentFixture.DEPOSIT_WINDOW.plusMinutes(1));
        assertEquals(EpochStatus.MISSED, admin.fulfillment().settle(p.productId(), 1).join().get(0).status());
        fx.advanceBy(Duration.ofDays(1));

        Rewards holderRewards = holder.incentives().claimable(holder.account()).join();
        assertTrue(holderRewards.of(RewardProgram.HOLDERS).signum() > 0, "the holder held 250 units over counted days");
        assertEquals(BigInteger.ZERO, holderRewards.of(RewardProgram.ATTESTORS));
        Rewards attestorRewards = attestor.incentives().claimable(attestor.account()).join();
        assertTrue(attestorRewards.of(RewardProgram.ATTESTORS).signum() > 0, "it signed three reports");
        Rewards issuerRewards = issuer.incentives().claimable(issuer.account()).join();
        assertTrue(issuerRewards.of(RewardProgram.ISSUERS).signum() > 0, "it delivered in two epochs");
        assertTrue(issuerRewards.of(RewardProgram.HOLDERS).signum() > 0, "and held 750 units");

        BigInteger heldBefore = holder.incentives().hmxBalance(holder.account()).join();
        BigInteger paid = holder.incentives().claimAll(holder.account()).join();
        assertEquals(holderRewards.total(), paid);
        assertEquals(heldBefore.add(paid), holder.incentives().hmxBalance(holder.account()).join());

        IncentivesClient.Claim attestorClaim = attestor.incentives().claim(RewardProgram.ATTESTORS).join();
        BigInteger shown = attestorRewards.of(RewardProgram.ATTESTORS);
        assertTrue(attestorClaim.amount().subtract(shown).abs().compareTo(shown.divide(BigInteger.valueOf(1000))) <= 0,
                "the claim pays what the batched read showed, but for index rounding");
        IncentivesClient.Claim issuerClaim = issuer.incentives().claim(RewardProgram.ISSUERS).join();
        assertTrue(issuerClaim.amount().signum() > 0);
        IncentivesClient.Claim holdingClaim = issuer.incentives().claimHoldings(issuerRewards.holdings().stream()
                .map(HolderReward::holding).toList()).join();
        assertTrue(holdingClaim.amount().signum() > 0);
        System.out.printf("claim gas (receipts): attestors %s, issuers %s, holders (%d holdings) %s%n",
                attestorClaim.receipt().gasUsed(), issuerClaim.receipt().gasUsed(), issuerRewards.holdings().size(),
                holdingClaim.receipt().gasUsed());

        // never twice
        assertEquals(BigInteger.ZERO, holder.incentives().claimAll(holder.account()).join());
        assertEquals(BigInteger.ZERO, attestor.incentives().claim(RewardProgram.ATTESTORS).join().amount());
        assertEquals(BigInteger.ZERO, attestor.incentives().claimable(attestor.account()).join().total());
        // every HMX in existence was claimed by a participant
        BigInteger paidOut = admin.incentives().programs().join().stream().map(ProgramInfo::paid)
                .reduce(BigInteger.ZERO, BigInteger::add);
        assertTrue(paidOut.compareTo(paid.add(attestorClaim.amount()).add(issuerClaim.amount())) >= 0);
    }
}
