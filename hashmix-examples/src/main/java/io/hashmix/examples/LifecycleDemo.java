package io.hashmix.examples;

import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.web3j.crypto.Credentials;

import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.HashMix;
import io.hashmix.core.assetclass.AssetClass;
import io.hashmix.core.assetclass.AssetClassClient;
import io.hashmix.core.assetclass.NewAssetClass;
import io.hashmix.core.assetclass.PendingPayoutTokenChange;
import io.hashmix.core.deploy.DeployOptions;
import io.hashmix.core.deploy.Deployer;
import io.hashmix.core.fulfillment.DepositResult;
import io.hashmix.core.fulfillment.EpochStatus;
import io.hashmix.core.fulfillment.FulfillmentRecord;
import io.hashmix.core.fulfillment.SettledEpoch;
import io.hashmix.core.market.Fill;
import io.hashmix.core.market.Fillability;
import io.hashmix.core.tokenization.ChallengeResult;
import io.hashmix.core.tokenization.CollateralPosition;
import io.hashmix.core.tokenization.FrozenRedemption;
import io.hashmix.core.tokenization.MintedProduct;
import io.hashmix.core.tokenization.OwnershipProof;
import io.hashmix.core.tokenization.Product;
import io.hashmix.core.tx.Quantities;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.core.tx.TxRequest;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.AttestationBundle;
import io.hashmix.proofs.attestation.BundleVerifier;
import io.hashmix.proofs.attestation.Committee;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.fulfillment.FulfillmentReport;
import io.hashmix.proofs.fulfillment.ReportBundle;
import io.hashmix.proofs.fulfillment.SourceChain;
import io.hashmix.proofs.market.Listing;
import io.hashmix.proofs.market.OrderJson;
import io.hashmix.proofs.market.SignedOrder;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.proofs.ownership.OwnershipCertificate;
import io.hashmix.testing.devnet.DevAccounts;
import io.hashmix.testing.devnet.DevChainControl;
import io.hashmix.testing.devnet.DevTokens;
import io.hashmix.testing.devnet.LocalHardhatNode;

/**
 * The HashMix lifecycle demo: starts a local chain (unless {@code --rpc} is given), deploys the
 * protocol, and walks every part built so far, printing a step-by-step report.
 *
 * <pre>
 * usage: LifecycleDemo [--rpc URL] [--private-key HEX] [--manifest PATH]
 *   --rpc          use a running node instead of starting a local Hardhat chain
 *   --private-key  the deploying key (default: Hardhat's account #0, local chains only)
 *   --manifest     where to write the deployment manifest (default: target/demo-deployment.json)
 * </pre>
 */
public final class LifecycleDemo {

    private final PrintStream out;
    private int step;

    private LifecycleDemo(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo; exits non-zero on failure. */
    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: LifecycleDemo [--rpc URL] [--private-key HEX] [--manifest PATH]");
            code = 2;
        }
        System.exit(code);
    }

    /**
     * Runs the demo, printing to {@code out}.
     *
     * @return 0 on success, 1 on failure
     * @throws IllegalArgumentException on bad arguments
     */
    public static int run(String[] args, PrintStream out) {
        Options options = Options.parse(args);
        LifecycleDemo demo = new LifecycleDemo(out);
        try {
            demo.run(options);
            return 0;
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            out.println();
            out.println("FAILED: " + cause);
            return 1;
        }
    }

    private void run(Options options) {
        out.println("HashMix lifecycle demo");
        out.println("======================");
        LocalHardhatNode node = null;
        try {
            String rpc = options.rpc;
            if (rpc == null) {
                header("Start a local chain");
                node = LocalHardhatNode.start();
                rpc = node.rpcUrl();
                line("hardhat node on %s (log: %s)", rpc, node.logFile());
            }
            walk(rpc, options);
            out.println();
            out.println("Done: every step above ran against the chain and was checked.");
        } finally {
            if (node != null) {
                node.close();
                out.println("Local chain stopped.");
            }
        }
    }

    private void walk(String rpc, Options options) {
        Credentials admin;
        List<Credentials> dev = DevAccounts.fromMnemonic(DevAccounts.HARDHAT_MNEMONIC, 4);

        header("Deploy the protocol");
        Deployment deployment;
        long chainId;
        try (HashMix bootstrap = HashMix.builder().rpc(rpc).credentials(options.key != null ? options.key : dev.get(0)).build()) {
            chainId = bootstrap.chainId();
            if (options.key == null && chainId != LocalHardhatNode.CHAIN_ID) {
                throw new IllegalArgumentException("chain " + chainId + " is not a local chain: pass --private-key");
            }
            admin = options.key != null ? options.key : dev.get(0);
            deployment = new Deployer(bootstrap).deploy(chainId == LocalHardhatNode.CHAIN_ID ? DeployOptions.LOCAL
                    : DeployOptions.PRODUCTION).join();
        }
        deployment.contracts().forEach((name, c) -> line("%-20s %s (block %d)", name, c.address(), c.blockNumber()));
        try {
            deployment.writeJson(options.manifest);
            line("manifest written to %s", options.manifest.toAbsolutePath());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write manifest " + options.manifest + ": " + e.getMessage(), e);
        }

        header("Connect the SDK with the manifest (chain id checked)");
        Deployment loaded = Deployment.fromJson(options.manifest);
        try (HashMix hm = HashMix.builder().rpc(rpc).credentials(admin).deployment(loaded).build()) {
            line("connected to chain %d as %s", hm.chainId(), hm.account());
            EvmAddress payout = loaded.find(ProtocolContract.TEST_PAYOUT_TOKEN)
                    .orElseThrow(() -> new IllegalStateException("this demo needs the dev payout token (local chains)"))
                    .address();
            AssetClassClient classes = hm.assetClasses();

            header("Register asset classes (kinds of hash power)");
            List<NewAssetClass> specs = List.of(
                    new NewAssetClass("BTC-SHA256", "TH/s", 3, payout),
                    new NewAssetClass("ETC-ETCHASH", "MH/s", 3, payout),
                    new NewAssetClass("FIL-STORAGE", "TiB", 6, payout),
                    new NewAssetClass("FIL-SEALING", "TiB/day", 6, payout));
            for (NewAssetClass spec : specs) {
                AssetClass c = classes.register(spec).join();
                line("%-12s id %s…  unit %-8s decimals %d  payout %s", c.symbol(), c.id().toHex().substring(0, 14),
                        c.unitName(), c.unitDecimals(), c.payoutToken());
            }
            List<AssetClass> all = classes.list().join();
            check(all.size() == specs.size(), "registry lists " + all.size() + " classes");
            line("registry now lists %d classes, all active: %s", all.size(), all.stream().allMatch(AssetClass::active));

            header("Bad input gets a typed error and costs nothing");
            AssetClassId btc = AssetClassId.ofSymbol("BTC-SHA256");
            expectFailure("register BTC-SHA256 again", classes.register(specs.get(0)));
            try (HashMix stranger = HashMix.builder().rpc(rpc).credentials(dev.get(3)).deployment(loaded).build()) {
                expectFailure("a non-owner deactivates BTC-SHA256", stranger.assetClasses().setActive(btc, false));
            }
            expectFailure("read an unregistered class", classes.get(AssetClassId.ofSymbol("DOGE-SCRYPT")));
            try {
                new NewAssetClass("btc sha256", "TH/s", 3, payout);
            } catch (IllegalArgumentException e) {
                line("%-44s -> rejected offline: %s", "a lowercase symbol with a space", e.getMessage());
            }

            if (chainId == LocalHardhatNode.CHAIN_ID) {
                header("Change a payout token through the 2-day time lock");
                EvmAddress newToken = new Deployer(hm).deployTestToken("Wrapped BTC v2 (test)", "tWBTC2", 8, hm.account())
                        .join().address();
                PendingPayoutTokenChange pending = classes.schedulePayoutTokenChange(btc, newToken).join();
                line("scheduled %s, applicable from %s", pending.newToken(), pending.eta());
                expectFailure("apply it at once", classes.applyPayoutTokenChange(btc));
                new DevChainControl(hm.rpc()).increaseTime(Duration.ofDays(2)).join();
                line("local chain clock moved forward 2 days");
                classes.applyPayoutTokenChange(btc).join();
                AssetClass changed = classes.get(btc).join();
                check(changed.payoutToken().equals(newToken), "payout token changed");
                line("BTC-SHA256 now pays in %s", changed.payoutToken());
            }

            header("Transaction layer: 40 transfers pipelined from one key");
            long nonceBefore = Quantities.toLong(hm.rpc().call("eth_getTransactionCount", hm.account().hex(), "latest").join());
            List<CompletableFuture<TxReceipt>> sends = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sends.add(hm.transactions().send(TxRequest.transfer(EvmAddress.of(dev.get(1 + i % 3).getAddress()), BigInteger.ONE)));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
            long nonceAfter = Quantities.toLong(hm.rpc().call("eth_getTransactionCount", hm.account().hex(), "latest").join());
            check(nonceAfter - nonceBefore == 40, "40 nonces used");
            line("40 mined, nonces %d..%d used once each, none skipped", nonceBefore, nonceAfter - 1);
        }

        if (chainId == LocalHardhatNode.CHAIN_ID) {
            tokenize(rpc, loaded, admin);
        } else {
            header("Tokenization");
            line("skipped: it uses the local chain's funded accounts as attestors and issuer");
        }

        header("Done");
        line("every part of the protocol ran on this chain; open limits are listed per part in docs/.");
    }

    /** Committee, minting from a 3-of-5 attestation, slices, ownership proof, a duplicate-hardware challenge. */
    private void tokenize(String rpc, Deployment deployment, Credentials admin) {
        List<Credentials> accounts = DevAccounts.fromMnemonic(DevAccounts.HARDHAT_MNEMONIC, 10);
        AssetClassId btc = AssetClassId.ofSymbol("BTC-SHA256");
        try (HashMix hm = HashMix.builder().rpc(rpc).credentials(admin).deployment(deployment).build();
             HashMix issuer = HashMix.builder().rpc(rpc).credentials(accounts.get(6)).deployment(deployment).build();
             HashMix buyer = HashMix.builder().rpc(rpc).credentials(accounts.get(7)).deployment(deployment).build();
             HashMix watcher = HashMix.builder().rpc(rpc).credentials(accounts.get(8)).deployment(deployment).build()) {

            header("Attestor committee: 5 bonded attestors, 3 signatures per BTC-SHA256 product");
            BigInteger bond = hm.committee().minBond().join();
            for (int i = 1; i <= 5; i++) {
                hm.committee().addAttestor(EvmAddress.of(accounts.get(i).getAddress())).join();
                try (HashMix attestor = HashMix.builder().rpc(rpc).credentials(accounts.get(i)).deployment(deployment).build()) {
                    attestor.committee().depositBond(bond).join();
                }
            }
            hm.committee().setThreshold(btc, 3).join();
            Committee committee = hm.committee().committee().join();
            line("epoch %d, members %d, bond %s wei each, threshold %d", committee.epoch(), committee.size(), bond,
                    hm.committee().threshold(btc).join());

            header("Tokenize 1,000 TH/s of S19 XP machines backed by collateral");
            EvmAddress collateralToken = hm.assetClasses().get(btc).join().payoutToken();
            BigInteger collateral = BigInteger.valueOf(50_000_000); // 0.5 (test) BTC at 8 decimals
            new DevTokens(hm).mint(collateralToken, issuer.account(), collateral.multiply(BigInteger.TWO)).join();
            List<HardwareId> machines = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                machines.add(HardwareId.asic("Bitmain", "S19XP-FARM-A-" + i, String.format("02:1a:2b:3c:4d:%02x", i)));
            }
            MerkleTree hardware = MerkleTree.of(machines);
            long now = new DevChainControl(hm.rpc()).latestTimestamp().join();
            ProductAttestation attestation = ProductAttestation.builder()
                    .issuer(issuer.account()).assetClass(btc).capacity(BigInteger.valueOf(1_000_000))
                    .start(now).end(now + 365L * 24 * 3600)
                    .hardwareRoot(hardware.root()).hardwareCount(hardware.size())
                    .metadataHash(Bytes32.keccakUtf8("Farm A, hall 2: 8 x Antminer S19 XP, 1,000 TH/s"))
                    .collateralToken(collateralToken).collateral(collateral)
                    .nonce(BigInteger.ONE).deadline(now + 3600).committeeEpoch(committee.epoch()).build();
            Eip712Domain domain = Eip712Domain.hashMix(hm.chainId(), hm.tokenization().address());
            AttestationBundle bundle = AttestationBundle.builder(domain, attestation)
                    .signWith(accounts.get(1), accounts.get(3), accounts.get(5)).build();
            var verified = new BundleVerifier(domain, committee, 3, java.time.Clock.systemUTC()).verifyIgnoringDeadline(bundle);
            line("committee signed offline: %d signatures, digest %s…, verified offline by %s",
                    bundle.signatures().size(), verified.digest().toHex().substring(0, 14), "BundleVerifier");
            MintedProduct minted = issuer.tokenization().mintProduct(bundle).join();
            Product product = issuer.tokenization().product(minted.productId()).join();
            line("product %s: %s units of BTC-SHA256 (3 decimals => 1,000 TH/s) until %s, collateral %s locked",
                    product.id(), product.capacity(), product.end(), product.collateral());
            expectFailure("mint the same attestation again", issuer.tokenization().mintProduct(bundle));

            header("Split the token and hand a slice to a buyer");
            List<TokenId> slices = issuer.tokenization().split(minted.tokenId(),
                    List.of(BigInteger.valueOf(250_000), BigInteger.valueOf(750_000))).join();
            issuer.tokenization().transfer(slices.get(0), buyer.account()).join();
            line("token %s split into %s (250 TH/s) and %s (750 TH/s); %s now holds %s", minted.tokenId(),
                    slices.get(0), slices.get(1), buyer.account(), buyer.tokenization().tokensOf(buyer.account()).join());

            header("Ownership confirmation: which holders does machine #5 back?");
            HardwareId machine = machines.get(5);
            OwnershipCertificate certificate = new OwnershipCertificate(machine, hardware.proof(machine).proof(), bundle,
                    minted.productId(), slices);
            certificate.verify(committee, 3, domain, java.time.Clock.systemUTC());
            OwnershipProof proof = watcher.tokenization().verifyOnChain(OwnershipCertificate.fromJson(certificate.toJson())).join();
            line("certificate (%d bytes of JSON) verified offline and on chain", certificate.toJson().length());
            for (OwnershipProof.Holding h : proof.holdings()) {
                line("  token %s: %s units held by %s", h.tokenId(), h.units(), h.holder());
            }

            header("Fraud: the same machine pledged to a second product is challenged");
            List<HardwareId> second = new ArrayList<>(machines.subList(4, 8));
            MerkleTree secondHardware = MerkleTree.of(second);
            ProductAttestation again = attestation.toBuilder().hardwareRoot(secondHardware.root())
                    .hardwareCount(secondHardware.size()).capacity(BigInteger.valueOf(500_000)).nonce(BigInteger.TWO).build();
            MintedProduct duplicate = issuer.tokenization().mintProduct(AttestationBundle.builder(domain, again)
                    .signWith(accounts.get(2), accounts.get(3), accounts.get(4)).build()).join();
            List<TokenId> duplicateSlices = issuer.tokenization().split(duplicate.tokenId(),
                    List.of(BigInteger.valueOf(300_000), BigInteger.valueOf(200_000))).join();
            issuer.tokenization().transfer(duplicateSlices.get(0), buyer.account()).join();
            line("the issuer sells 300,000 of the duplicate's 500,000 units to %s and keeps the rest", buyer.account());
            ChallengeResult challenge = watcher.tokenization().challengeDuplicateHardware(machine,
                    minted.productId(), hardware.proof(machine).proof(),
                    duplicate.productId(), secondHardware.proof(machine).proof()).join();
            line("product %s frozen; challenger paid %s (10%%) from its collateral", challenge.frozenProductId(), challenge.bounty());
            for (ChallengeResult.Slash slash : challenge.slashedAttestors()) {
                line("  attestor %s signed both: whole bond of %s wei slashed and burnt, removed from the committee",
                        slash.attestor(), slash.amount());
            }
            CollateralPosition forfeited = watcher.tokenization().collateral(duplicate.productId()).join();
            line("the rest of the fraudulent product's collateral, %s, is forfeited to its holders (never back to the issuer)",
                    forfeited.forfeited());
            expectFailure("split a token of the frozen product", issuer.tokenization().split(duplicateSlices.get(1),
                    List.of(BigInteger.ONE, BigInteger.valueOf(199_999))));
            FrozenRedemption redeemed = watcher.tokenization().redeemFrozen(duplicateSlices).join();
            for (FrozenRedemption.Payout payout : redeemed.payouts()) {
                line("  token %s, held at the freeze by %s: paid %s%s", payout.tokenId(), payout.holder(), payout.amount(),
                        payout.holder().equals(issuer.account()) ? " (the issuer's own units: its share stays locked)" : "");
            }
            line("anyone redeems the frozen tokens for their holders at the freeze: paid %s", redeemed.total());

            try (HashMix secondBuyer = HashMix.builder().rpc(rpc).credentials(accounts.get(9)).deployment(deployment).build()) {
                trade(issuer, secondBuyer, slices.get(1));
                List<HashMix> holders = List.of(issuer, buyer, secondBuyer);
                fulfill(hm, issuer, holders, accounts, minted);
                // right after the fulfillment epochs, while the product's next epochs can still be reported: the
                // credit and swap steps move the clock by about two weeks, past those epochs' report windows
                new LendingDemoStep(this::header, this::line).run(hm, issuer, buyer, secondBuyer, minted, slices.get(0), accounts);
                CreditIncentivesDemoStep.run(this::header, this::line, hm, issuer, holders, accounts, minted);
                new SwapDemoStep(this::header, s -> line("%s", s)).run(rpc, deployment, admin, accounts, new int[] {1, 2, 4});
                // after lending: the evidence step makes the product's reports require SPV proofs
                new BitcoinEvidenceDemoStep(this::header, text -> line("%s", text)).run(hm, issuer, accounts, minted.productId());
            }
        }
    }

    /** Market: the issuer lists its 750 TH/s slice; a second buyer takes 300 TH/s of it (partial fill). */
    private void trade(HashMix seller, HashMix taker, TokenId slice) {
        header("Market: list 750 TH/s, sell 300 TH/s of it to a second buyer (nothing escrowed)");
        seller.market().approveMarket().join();
        long now = new DevChainControl(seller.rpc()).latestTimestamp().join();
        Listing listing = Listing.builder().seller(seller.account()).tokenId(slice)
                .tokenNonce(seller.tokenization().tradeState(slice).join().nonce())
                .units(750_000).minFill(50_000).nativeCurrency()
                .pricePerUnit(BigInteger.valueOf(10_000_000_000L)) // 10 gwei per 0.001 TH/s
                .expiry(now + 24 * 3600).build();
        String json = OrderJson.toJson(seller.market().sign(listing));
        line("listing signed offline: %d bytes of JSON, %s units at %s wei each", json.length(), listing.units(),
                listing.pricePerUnit());

        SignedOrder received = taker.market().validator(java.time.Clock.systemUTC()).validateJson(json);
        Fillability vetted = taker.market().checkFillable(List.of(received)).join().get(0);
        check(vetted.fillable(), "listing fillable: " + vetted.problems());
        line("buyer validated it offline (signature, chain, contract, expiry) and on chain: %s units fillable",
                vetted.fillableUnits());
        Fill fill = taker.market().fillListing(received, BigInteger.valueOf(300_000)).join();
        line("bought %s units as new token %s for %s wei (protocol fee %s wei, seller gets the rest)",
                fill.units(), fill.tokenId(), fill.payment(), fill.fee());
        // the listing covers its whole token, so what is left is bounded by the token's units (no status slot written)
        BigInteger left = taker.market().checkFillable(List.of(received)).join().get(0).fillableUnits();
        check(left.equals(BigInteger.valueOf(450_000)), "450,000 units left, got " + left);
        line("the listing stays open for the remaining %s units on the same token %s", left, slice);
        expectFailure("buy 500 TH/s more than is left", taker.market().fillListing(received, BigInteger.valueOf(500_000)));
    }

    /**
     * Fulfillment over three one-day epochs: fulfilled, short (compensated from collateral), deposit
     * missed (paid from collateral); then every holder claims its units x time share.
     */
    private void fulfill(HashMix admin, HashMix issuer, List<HashMix> holders, List<Credentials> accounts,
                         MintedProduct minted) {
        AssetClassId btc = AssetClassId.ofSymbol("BTC-SHA256");
        header("Fulfillment: one-day epochs, reports signed 3-of-N by the committee");
        admin.fulfillment().setEpochConfig(btc, Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)).join();
        DevChainControl clock = new DevChainControl(admin.rpc());
        EvmAddress payout = admin.assetClasses().get(btc).join().payoutToken();
        BigInteger revenue = BigInteger.valueOf(5_000_000); // 0.05 (test) BTC a day for 1,000 TH/s
        BigInteger capacity = BigInteger.valueOf(1_000_000);
        BigInteger unitRevenue = revenue.multiply(BigInteger.TEN.pow(18)).divide(capacity); // per unit, x 1e18
        new DevTokens(admin).mint(payout, issuer.account(), revenue.multiply(BigInteger.TEN)).join();
        Committee committee = admin.committee().committee().join();
        List<Credentials> signers = accounts.stream()
                .filter(c -> committee.contains(EvmAddress.of(c.getAddress()))).limit(3).toList();
        line("committee epoch %d: %s sign", committee.epoch(), signers.stream().map(Credentials::getAddress).toList());

        long[] delivered = {1_000_000, 900_000, 1_000_000};
        for (int epoch = 0; epoch < 3; epoch++) {
            clock.increaseTime(Duration.ofDays(1)).join();
            BigInteger epochRevenue = revenue.multiply(BigInteger.valueOf(delivered[epoch])).divide(capacity);
            long now = clock.latestTimestamp().join();
            FulfillmentReport report = FulfillmentReport.builder().productId(minted.productId()).epoch(epoch)
                    .deliveredUnits(BigInteger.valueOf(delivered[epoch])).revenue(epochRevenue).unitRevenue(unitRevenue)
                    .sourceChain(SourceChain.BITCOIN_MAINNET)
                    .evidence(Bytes32.keccakUtf8("pool payout of epoch " + epoch)).deadline(now + 3600)
                    .committeeEpoch(committee.epoch()).build();
            ReportBundle bundle = ReportBundle.builder(admin.fulfillment().domain(), report)
                    .signWith(signers.toArray(Credentials[]::new)).build();
            admin.fulfillment().submitReport(bundle).join();
            if (epoch < 2) {
                DepositResult deposit = issuer.fulfillment().deposit(minted.productId(), epoch).join();
                SettledEpoch settled = deposit.settled().get(0);
                line("epoch %d: %s of %s units delivered, issuer deposited %s -> %s, compensation from collateral %s",
                        epoch, delivered[epoch], capacity, deposit.amount(), settled.status(), settled.compensation());
            } else {
                line("epoch %d: reported, but the issuer does not deposit", epoch);
                List<SettledEpoch> early = admin.fulfillment().settle(minted.productId(), 1).join();
                check(early.isEmpty(), "nothing settles while the deposit window is open");
                line("settle before the deposit deadline: nothing settles (the issuer may still deposit)");
                clock.increaseTime(Duration.ofDays(1).plusMinutes(1)).join();
                SettledEpoch missed = admin.fulfillment().settle(minted.productId(), 1).join().get(0);
                check(missed.status() == EpochStatus.MISSED, "epoch 2 missed");
                line("epoch %d: deposit deadline passed -> %s, holders paid %s from the issuer's collateral", epoch,
                        missed.status(), missed.compensation());
            }
        }

        header("Holders claim their share: units x time held, fair across the mid-epoch sale");
        BigInteger claimed = BigInteger.ZERO;
        for (HashMix holder : holders) {
            BigInteger before = holder.erc20().balanceOf(payout, holder.account()).join();
            BigInteger paid = holder.fulfillment().claimAll(holder.account()).join();
            check(holder.erc20().balanceOf(payout, holder.account()).join().subtract(before).equals(paid), "paid in full");
            claimed = claimed.add(paid);
            line("%s claimed %s", holder.account(), paid);
        }
        FulfillmentRecord record = admin.fulfillment().record(minted.productId()).join();
        BigInteger owed = record.totalDeposited().add(record.totalCompensation());
        check(claimed.compareTo(owed) <= 0 && owed.subtract(claimed).compareTo(BigInteger.valueOf(100)) < 0,
                "claims add up to what was deposited and compensated, minus rounding dust");
        line("deposited %s + compensation %s = %s; claimed %s (rounding dust %s base units stays in the vault)",
                record.totalDeposited(), record.totalCompensation(), owed, claimed, owed.subtract(claimed));
        line("record: %d fulfilled, %d short, %d missed, %d unreported, defaulted %s", record.epochsFulfilled(),
                record.epochsShort(), record.epochsMissed(), record.epochsUnreported(), record.defaulted());
        BigInteger again = admin.fulfillment().claimAll(holders.get(1).account()).join();
        check(again.signum() == 0, "a holding is never paid twice");
        line("claim everything again: %s paid (a holding is never paid twice)", again);
    }

    private void expectFailure(String what, CompletableFuture<?> attempt) {
        try {
            attempt.join();
            throw new IllegalStateException(what + " unexpectedly succeeded");
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            line("%-44s -> %s", what, cause.getClass().getSimpleName());
            line("%-44s    %s", "", cause.getMessage());
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("check failed: " + what);
        }
    }

    private void header(String title) {
        out.println();
        out.printf("[%d] %s%n", ++step, title);
    }

    private void line(String format, Object... args) {
        out.println("    " + String.format(format, args));
    }

    private record Options(String rpc, Credentials key, Path manifest) {
        static Options parse(String[] args) {
            String rpc = null;
            Credentials key = null;
            Path manifest = Path.of("target", "demo-deployment.json");
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                switch (a) {
                    case "--rpc" -> rpc = args[++i];
                    case "--private-key" -> {
                        try {
                            key = Credentials.create(args[++i]);
                        } catch (RuntimeException e) {
                            throw new IllegalArgumentException("--private-key is not a valid hex private key");
                        }
                    }
                    case "--manifest" -> manifest = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            return new Options(rpc, key, manifest);
        }
    }
}
