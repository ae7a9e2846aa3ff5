package io.hashmix.examples;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.web3j.crypto.Credentials;

import io.hashmix.core.HashMix;
import io.hashmix.core.credit.CollateralQuote;
import io.hashmix.core.credit.CreditReportCheck;
import io.hashmix.core.credit.CreditScore;
import io.hashmix.core.fulfillment.SettledEpoch;
import io.hashmix.core.incentives.IncentivesClient;
import io.hashmix.core.incentives.MakerRewardsState;
import io.hashmix.core.incentives.RewardProgram;
import io.hashmix.core.incentives.Rewards;
import io.hashmix.core.tokenization.MintedProduct;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.AttestationBundle;
import io.hashmix.proofs.attestation.Committee;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.credit.CreditBreakdown;
import io.hashmix.proofs.credit.CreditEvent;
import io.hashmix.proofs.credit.CreditReport;
import io.hashmix.proofs.credit.LoanCounts;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.fulfillment.FulfillmentReport;
import io.hashmix.proofs.fulfillment.ReportBundle;
import io.hashmix.proofs.fulfillment.SourceChain;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.incentives.MakerAllocation;
import io.hashmix.proofs.incentives.MakerFill;
import io.hashmix.proofs.incentives.MakerRewardsAllocator;
import io.hashmix.proofs.incentives.MakerRoot;
import io.hashmix.proofs.incentives.MakerRootBundle;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.testing.devnet.DevAccounts;
import io.hashmix.testing.devnet.DevChainControl;
import io.hashmix.testing.devnet.DevTokens;

/**
 * The lifecycle demo's credit and incentives part, run after the fulfillment epochs: the demo
 * issuer's score as each record arrived (rebuilt offline from the registry's events and checked
 * against the contract: its duplicate-hardware fraud dominates), an honest farm's score and required
 * collateral before and after a bad (unreported) epoch, and every player's HMX rewards, with a
 * holder's, an attestor's and the market maker's claims.
 */
final class CreditIncentivesDemoStep {

    private static final AssetClassId BTC = AssetClassId.ofSymbol("BTC-SHA256");

    private final Consumer<String> header;
    private final BiConsumer<String, Object[]> line;

    private CreditIncentivesDemoStep(Consumer<String> header, BiConsumer<String, Object[]> line) {
        this.header = header;
        this.line = line;
    }

    /**
     * Runs the step.
     *
     * @param header     prints a numbered step title
     * @param line       prints a formatted line
     * @param admin      the protocol admin's client
     * @param issuer     the issuer's client
     * @param holders    clients of every holder of the product (the issuer among them)
     * @param accounts   the dev accounts (attestors are 1..5)
     * @param minted     the demo's product
     */
    static void run(Consumer<String> header, BiConsumer<String, Object[]> line, HashMix admin, HashMix issuer,
                    List<HashMix> holders, List<Credentials> accounts, MintedProduct minted) {
        new CreditIncentivesDemoStep(header, line).walk(admin, issuer, holders, accounts, minted);
    }

    private void line(String format, Object... args) {
        line.accept(format, args);
    }

    private void walk(HashMix admin, HashMix issuer, List<HashMix> holders, List<Credentials> accounts, MintedProduct minted) {
        EvmAddress farm = issuer.account();
        DevChainControl clock = new DevChainControl(admin.rpc());

        header.accept("Credit: the issuer's score as each epoch was recorded (offline report from the registry's events)");
        List<CreditEvent> events = admin.credit().events(farm).join();
        List<CreditEvent> upTo = new ArrayList<>();
        for (CreditEvent e : events) {
            upTo.add(e);
            if (e instanceof CreditEvent.FulfillmentRecorded f) {
                CreditBreakdown b = CreditReport.replay(farm, upTo).breakdownAt(f.timestamp(), LoanCounts.NONE);
                line("settle pass: %d fulfilled, %d short, %d missed -> score %d (reliability %.3f, penalty %s points)",
                        f.fulfilled(), f.shortfall(), f.missed(), b.score(), ratio(b.reliability()), b.penaltyPoints());
            } else if (e instanceof CreditEvent.FrozenRecorded fr) {
                line("product %s frozen for pledging a machine twice -> score %d", fr.productId(),
                        CreditReport.replay(farm, upTo).breakdownAt(fr.timestamp(), LoanCounts.NONE).score());
            }
        }
        CreditReportCheck check = admin.credit().checkReport(farm, Instant.EPOCH).join();
        check(check.matches(), "offline report equals the contract");
        line("offline report and CreditRegistry agree field for field at %s: score %d", Instant.ofEpochSecond(check.at()),
                check.onChain().score());

        header.accept("Credit sets the collateral a product needs (the base rate waits out its 7-day delay)");
        admin.credit().scheduleBaseRate(BTC, BigInteger.valueOf(5).multiply(BigInteger.TEN.pow(17))).join();
        clock.increaseTime(Duration.ofDays(7)).join();
        admin.credit().applyBaseRate(BTC).join();
        line("BTC-SHA256 base rate: 0.5 payout base units per unit-day (a tenth of a day's revenue); a newcomer posts"
                + " 3x, a perfect record 1x");

        honestFarm(admin, accounts, clock);

        header.accept("Incentives: every player's HMX (one batched read per player)");
        IncentivesClient incentives = admin.incentives();
        incentives.programs().join().forEach(p -> line("program %-10s weight %d, pulled %s HMX wei", p.program(), p.weight(),
                p.pulled()));
        List<String> roles = List.of("issuer", "buyer", "second buyer");
        for (int i = 0; i < holders.size(); i++) {
            Rewards r = holders.get(i).incentives().claimable(holders.get(i).account()).join();
            line("%-13s issuers %s, holders %s (%d holdings) HMX wei", roles.get(i), r.of(RewardProgram.ISSUERS),
                    r.of(RewardProgram.HOLDERS), r.holdings().size());
        }
        for (int i = 1; i <= 5; i++) {
            EvmAddress a = EvmAddress.of(accounts.get(i).getAddress());
            Rewards r = incentives.claimable(a).join();
            line("attestor %d   attestors %s HMX wei (slashes on record: %d)", i, r.of(RewardProgram.ATTESTORS),
                    admin.credit().record(a).join().slashes());
        }
        line("liquidity providers and lenders: their programs are deployed with the swap pool and lending");
        marketMaker(admin, issuer, accounts);

        HashMix buyer = holders.get(1);
        BigInteger paid = buyer.incentives().claimAll(buyer.account()).join();
        line("the buyer claims its holder rewards: %s HMX wei (balance %s)", paid, buyer.incentives().hmxBalance(buyer.account()).join());
        try (HashMix attestor = HashMix.builder().rpc(admin.rpc().url()).credentials(accounts.get(1))
                .deployment(admin.deployment().orElseThrow()).build()) {
            BigInteger got = attestor.incentives().claim(RewardProgram.ATTESTORS).join().amount();
            line("attestor 1 claims its report rewards: %s HMX wei", got);
            check(attestor.incentives().claim(RewardProgram.ATTESTORS).join().amount().signum() == 0, "never twice");
            line("claiming again pays 0 (never twice)");
        }
    }

    /**
     * The market makers' period: the committee allocates what the makers' program can pay by the fees of the
     * market's fills (the issuer's listing bought by the second buyer), signs the tree's root 3-of-N, anyone publishes
     * it, and the issuer claims its share with the tree.
     */
    private void marketMaker(HashMix admin, HashMix issuer, List<Credentials> accounts) {
        IncentivesClient incentives = admin.incentives();
        MakerRewardsState state = incentives.makerRewardsState().join();
        long toBlock = admin.market().blockNumber().join();
        List<MakerFill> fills = incentives.makerFills(admin.market().deployBlock(), toBlock).join();
        // fees valued per wei of the native coin (the demo's listing is priced in it)
        MakerAllocation allocation = MakerRewardsAllocator.allocate(Map.of(), incentives.makerRewardsUnallocated().join(),
                fills, Map.of(EvmAddress.ZERO, BigInteger.ONE));
        Committee committee = admin.committee().committee().join();
        Credentials[] signers = accounts.stream().filter(c -> committee.contains(EvmAddress.of(c.getAddress()))).limit(3)
                .toArray(Credentials[]::new);
        long now = new DevChainControl(admin.rpc()).latestTimestamp().join();
        MakerRoot root = MakerRoot.of(state.nextPeriod(), toBlock, allocation.tree(), BigInteger.valueOf(now), now + 3600,
                committee.epoch());
        incentives.publishMakerRoot(MakerRootBundle.builder(incentives.makerRewardsDomain(), root).signWith(signers).build())
                .join();
        line("market makers: %d fill(s) to block %d, %d maker(s); period %d's root (%s HMX wei) signed %d-of-%d, published",
                fills.size(), toBlock, allocation.cumulative().size(), root.period(), root.total(), signers.length,
                committee.size());
        BigInteger earned = issuer.incentives().claimMakerReward(allocation.tree(), issuer.account()).join().amount();
        check(earned.equals(allocation.cumulative().get(issuer.account())), "the maker is paid its leaf");
        line("the issuer, maker of the listing, claims its maker rewards with the tree's proof: %s HMX wei", earned);
    }

    /**
     * A second, honest farm: refused below the newcomer collateral, two clean epochs (score up,
     * collateral down), then a bad one (never reported: score down, newcomer terms again).
     */
    private void honestFarm(HashMix admin, List<Credentials> accounts, DevChainControl clock) {
        Credentials farmKey = DevAccounts.fromMnemonic(DevAccounts.HARDHAT_MNEMONIC, 12).get(11);
        try (HashMix farm = HashMix.builder().rpc(admin.rpc().url()).credentials(farmKey)
                .deployment(admin.deployment().orElseThrow()).build()) {
            header.accept("Credit: an honest farm's score before and after a bad epoch, and the collateral it needs");
            EvmAddress payout = admin.assetClasses().get(BTC).join().payoutToken();
            new DevTokens(admin).mint(payout, farm.account(), BigInteger.TEN.pow(12)).join();
            long now = clock.latestTimestamp().join();
            BigInteger capacity = BigInteger.valueOf(1_000_000);
            Instant start = Instant.ofEpochSecond(now);
            Instant planEnd = start.plus(Duration.ofDays(30));
            CollateralQuote newcomer = farm.credit().requiredCollateral(farm.account(), BTC, capacity, start, planEnd).join();
            line("a newcomer needs %s for 1,000 TH/s over 30 days (x%.2f)", newcomer.required(), newcomer.multiplierBps() / 10_000.0);

            Committee committee = admin.committee().committee().join();
            List<Credentials> signers = accounts.stream().filter(c -> committee.contains(EvmAddress.of(c.getAddress())))
                    .limit(3).toList();
            MerkleTree hardware = MerkleTree.of(List.of(HardwareId.asic("MicroBT", "M60S-HONEST-1", "02:1a:2b:3c:4e:01"),
                    HardwareId.asic("MicroBT", "M60S-HONEST-2", "02:1a:2b:3c:4e:02")));
            ProductAttestation.Builder a = ProductAttestation.builder().issuer(farm.account()).assetClass(BTC).capacity(capacity)
                    .start(now).end(now + 30L * 86_400).hardwareRoot(hardware.root()).hardwareCount(hardware.size())
                    .metadataHash(Bytes32.keccakUtf8("Farm B: 2 x M60S")).collateralToken(payout)
                    .deadline(now + 3600).committeeEpoch(committee.epoch());
            Eip712Domain domain = Eip712Domain.hashMix(farm.chainId(), farm.tokenization().address());
            ProductAttestation low = a.collateral(newcomer.required().subtract(BigInteger.ONE)).nonce(BigInteger.valueOf(77))
                    .build();
            try {
                farm.tokenization().mintProduct(AttestationBundle.builder(domain, low)
                        .signWith(signers.toArray(Credentials[]::new)).build()).join();
                throw new IllegalStateException("a mint below the required collateral went through");
            } catch (java.util.concurrent.CompletionException e) {
                line("mint with %s collateral -> %s", low.collateral(), e.getCause().getClass().getSimpleName());
            }
            MintedProduct product = farm.tokenization().mintProduct(AttestationBundle.builder(domain,
                    a.collateral(newcomer.required()).nonce(BigInteger.valueOf(78)).build())
                    .signWith(signers.toArray(Credentials[]::new)).build()).join();
            line("mint with %s collateral: product %s", newcomer.required(), product.productId());

            BigInteger revenue = BigInteger.valueOf(5_000_000);
            BigInteger unitRevenue = revenue.multiply(BigInteger.TEN.pow(18)).divide(capacity);
            for (int epoch = 0; epoch < 2; epoch++) {
                clock.increaseTime(Duration.ofDays(1)).join();
                long t = clock.latestTimestamp().join();
                FulfillmentReport report = FulfillmentReport.builder().productId(product.productId()).epoch(epoch)
                        .deliveredUnits(capacity).revenue(revenue).unitRevenue(unitRevenue).sourceChain(SourceChain.BITCOIN_MAINNET)
                        .evidence(Bytes32.keccakUtf8("farm B payout " + epoch)).deadline(t + 3600)
                        .committeeEpoch(committee.epoch()).build();
                admin.fulfillment().submitReport(ReportBundle.builder(admin.fulfillment().domain(), report)
                        .signWith(signers.toArray(Credentials[]::new)).build()).join();
                farm.fulfillment().deposit(product.productId(), epoch).join();
            }
            CreditScore before = farm.credit().credit(farm.account()).join();
            CollateralQuote clean = quote(farm, capacity, clock);
            line("after two clean epochs: score %d (reliability %.3f, confidence %.3f); the same plan needs %s (x%.4f, %s of %s "
                    + "unit-seconds proven)", before.score(), ratio(before.breakdown().reliability()),
                    ratio(before.breakdown().confidence()), clean.required(), clean.multiplierBps() / 10_000.0, clean.covered(),
                    clean.promised());
            check(clean.required().compareTo(newcomer.required()) < 0, "a clean record lowers the collateral");

            clock.increaseTime(Duration.ofDays(2).plusMinutes(1)).join();
            List<SettledEpoch> settled = admin.fulfillment().settle(product.productId(), 1).join();
            CreditScore after = farm.credit().credit(farm.account()).join();
            CollateralQuote bad = quote(farm, capacity, clock);
            line("epoch %d is never reported -> %s; score %d -> %d (penalty %s points); the plan needs %s again (x%.2f)",
                    settled.get(0).epoch(), settled.get(0).status(), before.score(), after.score(),
                    after.breakdown().penaltyPoints(), bad.required(), bad.multiplierBps() / 10_000.0);
            check(after.score() < before.score(), "a bad epoch lowers the score");
            CreditReportCheck check = admin.credit().checkReport(farm.account(), Instant.EPOCH).join();
            check(check.matches(), "offline report equals the contract");
            line("the farm's offline credit report matches the contract: score %d", check.offline().score());
            BigInteger earned = farm.incentives().claim(RewardProgram.ISSUERS).join().amount();
            line("the farm claims its issuer rewards (delivered unit-seconds x score): %s HMX wei", earned);
        }
    }

    private static CollateralQuote quote(HashMix farm, BigInteger capacity, DevChainControl clock) {
        Instant start = Instant.ofEpochSecond(clock.latestTimestamp().join());
        return farm.credit().requiredCollateral(farm.account(), BTC, capacity, start, start.plus(Duration.ofDays(30))).join();
    }

    private static double ratio(BigInteger scaled) {
        return scaled.doubleValue() / 1e18;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("check failed: " + what);
        }
    }
}
