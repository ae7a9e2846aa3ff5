package io.hashmix.examples;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.web3j.crypto.Credentials;

import io.hashmix.contracts.Deployment;
import io.hashmix.core.HashMix;
import io.hashmix.core.incentives.RewardProgram;
import io.hashmix.core.swap.LiquidityDeposit;
import io.hashmix.core.swap.PriceFeed;
import io.hashmix.core.swap.SwapClient;
import io.hashmix.core.swap.SwapQuote;
import io.hashmix.core.swap.SwapResult;
import io.hashmix.core.swap.Withdrawal;
import io.hashmix.core.tokenization.MintedProduct;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.AttestationBundle;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.proofs.oracle.PriceReport;
import io.hashmix.testing.devnet.DevChainControl;
import io.hashmix.testing.devnet.DevTokens;

/**
 * The swap part of the lifecycle demo: the committee prices Bitcoin hash power and Filecoin storage power on one
 * basis, a storage provider puts FIL-STORAGE power into the swap pool, a miner swaps part of its BTC-SHA256 token
 * for FIL-STORAGE units at value parity in one transaction, a stale price stops swaps, and the provider withdraws
 * in kind with the fee earned. Runs on a local chain (it moves the clock).
 */
final class SwapDemoStep {

    private static final AssetClassId BTC = AssetClassId.ofSymbol("BTC-SHA256");
    private static final AssetClassId FIL = AssetClassId.ofSymbol("FIL-STORAGE");

    private final Consumer<String> header;
    private final Consumer<String> line;

    /**
     * @param header prints a numbered step title
     * @param line   prints a line of the report
     */
    SwapDemoStep(Consumer<String> header, Consumer<String> line) {
        this.header = header;
        this.line = line;
    }

    /**
     * Runs the step.
     *
     * @param rpc        the node
     * @param deployment the deployment
     * @param admin      the admin key
     * @param accounts   the local chain's accounts (1..5 attestors, 6 issuer)
     * @param observers  indexes of three active attestors
     */
    void run(String rpc, Deployment deployment, Credentials admin, List<Credentials> accounts, int[] observers) {
        try (HashMix hm = HashMix.builder().rpc(rpc).credentials(admin).deployment(deployment).build();
             HashMix provider = HashMix.builder().rpc(rpc).credentials(accounts.get(6)).deployment(deployment).build();
             HashMix miner = HashMix.builder().rpc(rpc).credentials(accounts.get(8)).deployment(deployment).build()) {
            DevChainControl clock = new DevChainControl(hm.rpc());
            SwapClient swap = hm.swap();

            header.accept("Prices: the committee puts BTC hashprice and FIL storage economics on one basis");
            hm.committee().setThreshold(FIL, 3).join();
            swap.scheduleBounds(BTC, Duration.ofDays(1), 2_000).join();
            swap.scheduleBounds(FIL, Duration.ofDays(1), 2_000).join();
            swap.scheduleClass(BTC, BigInteger.valueOf(10_000_000), Duration.ofDays(30)).join();
            swap.scheduleClass(FIL, BigInteger.valueOf(10_000_000_000L), Duration.ofDays(30)).join();
            expect("apply oracle bounds before their delay", () -> swap.applyBounds(BTC).join());
            clock.increaseTime(Duration.ofDays(2)).join();
            clock.mine().join();
            swap.applyBounds(BTC).join();
            swap.applyBounds(FIL).join();
            swap.applyClass(BTC).join();
            swap.applyClass(FIL).join();
            line.accept("bounds: heartbeat 1 day, at most 20% move per report (applied after the 2-day delay)");
            // BTC: 0.05 USD per TH/s per day (3 decimals: per 0.001 TH/s); FIL: 0.02 USD per TiB per day (6 decimals)
            PriceFeed btcFeed = relay(miner, accounts, observers, BTC, 50_000_000_000_000L, "1000000000000000");
            PriceFeed filFeed = relay(miner, accounts, observers, FIL, 20_000_000_000L, "1000000000000000");
            line.accept(String.format("BTC-SHA256: median hashprice %s (numeraire per 0.001 TH/s per day), usable %s",
                    btcFeed.hashprice(), btcFeed.usable()));
            line.accept(String.format("FIL-STORAGE: median hashprice %s (numeraire per 0.000001 TiB per day), usable %s",
                    filFeed.hashprice(), filFeed.usable()));

            header.accept("A storage provider adds 500 TiB of FIL-STORAGE power to the swap pool");
            MintedProduct fil = mint(hm, provider, accounts, observers, FIL, BigInteger.valueOf(500_000_000), "FIL-SP-");
            MintedProduct btc = mint(hm, provider, accounts, observers, BTC, BigInteger.valueOf(200_000), "S21-");
            provider.tokenization().transfer(btc.tokenId(), miner.account()).join();
            provider.swap().approvePool().join();
            // the liquidity providers' emission, forwarded while the pool is empty, is never paid
            BigInteger quiet = hm.incentives().forwardLiquidityRewards().join();
            line.accept(String.format("LP emission forwarded into the empty pool: %s HMX wei paid (the rest is never paid)",
                    quiet));
            LiquidityDeposit deposit = provider.swap().deposit(fil.tokenId(), BigInteger.valueOf(500_000_000), BigInteger.ONE)
                    .join();
            line.accept(String.format("deposited token %s worth %s (18 decimals) for %s pool shares", deposit.tokenId(),
                    deposit.value(), deposit.shares()));

            header.accept("Swap Bitcoin hash power for Filecoin storage power at value parity, in one transaction");
            miner.swap().approvePool().join();
            BigInteger unitsIn = BigInteger.valueOf(50_000); // 50 of the miner's 200 TH/s
            SwapQuote q = miner.swap().quote(btc.tokenId(), unitsIn, fil.tokenId()).join();
            line.accept(String.format("quote: 50 TH/s worth %s -> fee %s -> %s FIL-STORAGE units", q.valueIn(), q.fee(),
                    q.unitsOut()));
            SwapResult r = miner.swap().swap(btc.tokenId(), unitsIn, fil.tokenId(), 50, Duration.ofMinutes(10)).join();
            BigInteger valueOut = miner.swap().valueOf(r.received()).join();
            line.accept(String.format("swapped: gave 50 TH/s, received token %s with %s units (%.3f TiB) worth %s",
                    r.received(), r.unitsOut(), r.unitsOut().doubleValue() / 1e6, valueOut));
            line.accept(String.format("parity: value in - fee - value out = %s (under one FIL unit, in the pool's favour)",
                    r.valueIn().subtract(r.fee()).subtract(valueOut)));
            line.accept(String.format("gas used %s (two carves: the miner's slice in, the pool's slice out)",
                    r.receipt().gasUsed()));

            header.accept("A stale price stops swaps; liquidity can always leave in kind");
            clock.increaseTime(Duration.ofDays(1).plusSeconds(1)).join();
            clock.mine().join();
            expect("swap on a price older than its heartbeat",
                    () -> miner.swap().swap(btc.tokenId(), BigInteger.valueOf(1_000), fil.tokenId(), BigInteger.ONE,
                            miner.swap().chainTime().join().plusSeconds(600)).join());

            header.accept("Liquidity providers earn HMX by pool shares x time, and keep their shares");
            BigInteger forwarded = hm.incentives().forwardLiquidityRewards().join(); // anyone may
            clock.increaseTime(SwapClient.REVENUE_UNLOCK).join();
            clock.mine().join();
            BigInteger hmx = provider.incentives().claim(RewardProgram.LIQUIDITY_PROVIDERS).join().amount();
            line.accept(String.format("a day of LP emission, %s HMX wei, paid into the pool; unlocked over a day to the "
                    + "shares held meanwhile: the provider (all the shares) claimed %s with its pool revenue", forwarded, hmx));
            if (hmx.signum() <= 0 || hmx.compareTo(forwarded) > 0) {
                throw new IllegalStateException("check failed: the provider earns the LP emission, never more");
            }
            Withdrawal w = provider.swap().withdrawProRata(deposit.shares()).join();
            List<String> parts = new ArrayList<>();
            for (Withdrawal.Payout p : w.payouts()) {
                parts.add(p.units() + " units of pool token " + p.poolToken());
            }
            line.accept("the provider withdrew pro rata without a price: " + String.join(", ", parts));
            line.accept("its share now includes the miner's BTC units: the fee stays with the liquidity providers");
        }
    }

    private PriceFeed relay(HashMix relayer, List<Credentials> accounts, int[] observers, AssetClassId cls, long hashprice,
            String payoutPrice) {
        SwapClient swap = relayer.swap();
        long now = swap.chainTime().join().getEpochSecond();
        PriceReport.Builder b = PriceReport.builder(swap.oracleDomain(), cls, now - 1, now + 600,
                relayer.committee().epoch().join());
        long[] spread = {-1, 0, 1};
        for (int i = 0; i < 3; i++) {
            b.observe(accounts.get(observers[i]).getEcKeyPair(), BigInteger.valueOf(hashprice + spread[i] * (hashprice / 100)),
                    new BigInteger(payoutPrice));
        }
        return swap.relayPrices(b.build()).join();
    }

    private MintedProduct mint(HashMix hm, HashMix issuer, List<Credentials> accounts, int[] signers, AssetClassId cls,
            BigInteger capacity, String serials) {
        EvmAddress collateralToken = hm.assetClasses().get(cls).join().payoutToken();
        long now = hm.swap().chainTime().join().getEpochSecond();
        long end = now + 180L * 24 * 3600;
        // at least what the credit policy asks of this issuer (the credit step set a BTC-SHA256 base rate)
        BigInteger collateral = BigInteger.valueOf(10_000_000).max(hm.credit().requiredCollateral(issuer.account(), cls,
                capacity, Instant.ofEpochSecond(now), Instant.ofEpochSecond(end)).join().required());
        new DevTokens(hm).mint(collateralToken, issuer.account(), collateral).join();
        List<HardwareId> machines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            machines.add(HardwareId.asic("Demo", serials + i, String.format("02:aa:bb:cc:%02x:%02x", serials.length(), i)));
        }
        MerkleTree hardware = MerkleTree.of(machines);
        ProductAttestation a = ProductAttestation.builder()
                .issuer(issuer.account()).assetClass(cls).capacity(capacity).start(now).end(end)
                .hardwareRoot(hardware.root()).hardwareCount(hardware.size())
                .metadataHash(Bytes32.keccakUtf8("swap demo " + serials)).collateralToken(collateralToken)
                .collateral(collateral).nonce(BigInteger.valueOf(1_000 + serials.length())).deadline(now + 3600)
                .committeeEpoch(hm.committee().epoch().join()).build();
        Eip712Domain domain = Eip712Domain.hashMix(hm.chainId(), hm.tokenization().address());
        AttestationBundle bundle = AttestationBundle.builder(domain, a)
                .signWith(accounts.get(signers[0]), accounts.get(signers[1]), accounts.get(signers[2])).build();
        return issuer.tokenization().mintProduct(bundle).join();
    }

    private void expect(String what, Runnable attempt) {
        try {
            attempt.run();
            throw new IllegalStateException(what + " unexpectedly succeeded");
        } catch (CompletionException e) {
            line.accept(String.format("%-44s -> %s", what, e.getCause().getClass().getSimpleName()));
        }
    }
}
