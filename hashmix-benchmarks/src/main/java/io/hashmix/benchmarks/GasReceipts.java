package io.hashmix.benchmarks;

import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.HashPowerToken;
import io.hashmix.core.HashMix;
import io.hashmix.core.assetclass.NewAssetClass;
import io.hashmix.core.deploy.DeployOptions;
import io.hashmix.core.deploy.Deployer;
import io.hashmix.core.fulfillment.ClaimableHolding;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.market.ListingFill;
import io.hashmix.core.tokenization.MintedProduct;
import io.hashmix.core.tx.Quantities;
import io.hashmix.core.tx.TxRequest;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.AttestationBundle;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.fulfillment.FulfillmentReport;
import io.hashmix.proofs.fulfillment.ReportBundle;
import io.hashmix.proofs.fulfillment.SourceChain;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.market.CriteriaOffer;
import io.hashmix.proofs.market.Listing;
import io.hashmix.proofs.market.Offer;
import io.hashmix.proofs.market.SignedOrder;
import io.hashmix.proofs.market.SwapOrder;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.testing.devnet.DevAccounts;
import io.hashmix.testing.devnet.DevChainControl;
import io.hashmix.testing.devnet.DevTokens;
import io.hashmix.testing.devnet.LocalHardhatNode;

/**
 * Gas of real transactions: starts a local Hardhat node, deploys the protocol with the SDK's
 * {@link Deployer}, performs through the SDK's clients the scenarios of the Hardhat gas benchmarks
 * ({@code contracts/test/HashMixMarket.gas.t.sol}, {@code HashPowerToken.gas.t.sol}) plus the
 * fulfillment calls (report, deposit, claim), and prints each transaction receipt's
 * {@code gasUsed}. Run with {@code scripts/bench-gas.sh} (see docs/benchmarks.md); never part of
 * the test run.
 *
 * <p>The state mirrors the Solidity fixtures: a 2.5% market fee, the payment currencies in use
 * (a native and an ERC-20 sale already accrued fees), a seller holding the ERC-20 and the native
 * coin, a taker who never held a hash power token and approved the ERC-20 without limit, holdings
 * an hour old, the collateral and deposits approved without limit. Every scenario starts from the
 * same chain snapshot ({@code evm_snapshot}/{@code evm_revert}, with new SDK clients, as the
 * Solidity tests start from one {@code setUp}), so the measured transaction meets cold storage, as
 * a transaction on a live chain does. The fulfillment scenarios run in sequence (each needs the one
 * before).
 *
 * <pre>
 * usage: GasReceipts [--trace]
 *   --trace   also print an opcode-level breakdown (debug_traceTransaction) of every measured
 *             transaction: per call frame, its storage writes, cold and warm reads, events, calls
 * </pre>
 */
public final class GasReceipts {

    // the values of contracts/test/utils/HashPowerFixtures.sol and MarketFixtures.sol
    static final BigInteger CAPACITY = BigInteger.valueOf(1_000_000_000L); // 1,000 TH/s with 6 decimals
    static final BigInteger COLLATERAL = BigInteger.valueOf(1_000_000_000L); // 10 tWBTC
    static final BigInteger PRICE = BigInteger.valueOf(3_000_000_000L); // wei per unit
    static final BigInteger USD_PRICE = BigInteger.TWO; // payout-token base units per unit
    static final int FEE_BPS = 250;
    static final AssetClassId BTC = AssetClassId.ofSymbol("BTC-SHA256");
    static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    static final Duration EPOCH = Duration.ofDays(1);
    /** Orders expire at a fixed time (2096), so their calldata, hence the gas, is the same in every run. */
    static final long EXPIRY = 4_000_000_000L;

    // account indexes (Hardhat's mnemonic); FRESH is past the 20 funded ones: it never held anything
    static final int ADMIN = 0;
    static final int ISSUER = 6;
    static final int SELLER = 7;
    static final int BUYER = 8;
    static final int SWAPPER = 9;
    static final int TAKER = 10;
    static final int HOLDER = 11;
    static final int FRESH = 20;

    /**
     * One measured transaction.
     *
     * @param group       fills, token or fulfillment
     * @param scenario    what was done
     * @param hardhatTest the Solidity gas test of the same scenario, or "" if none
     * @param gasUsed     the receipt's gasUsed
     * @param bytes       calldata bytes
     * @param zeroBytes   zero calldata bytes
     * @param txHash      the transaction
     */
    public record Measurement(String group, String scenario, String hardhatTest, long gasUsed, int bytes, int zeroBytes,
                              String txHash) {

        /** Calldata gas (EIP-2028: 4 per zero byte, 16 per other byte). */
        public long calldataGas() {
            return 4L * zeroBytes + 16L * (bytes - zeroBytes);
        }

        /** The EIP-7623 floor: 21,000 + 10 per token (zero bytes + 4 x other bytes). */
        public long floor() {
            return 21_000 + 10L * (zeroBytes + 4L * (bytes - zeroBytes));
        }

        /** gasUsed - 21,000 - calldata gas: the execution gas less the refund (when the floor does not bind). */
        public long executionLessRefund() {
            return gasUsed - 21_000 - calldataGas();
        }
    }

    private final PrintStream out;
    private final boolean trace;
    private final List<Credentials> keys = DevAccounts.fromMnemonic(DevAccounts.HARDHAT_MNEMONIC, FRESH + 1);
    private final List<HashMix> open = new ArrayList<>();
    private final List<Measurement> measurements = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private String rpcUrl;
    private Deployment deployment;
    private DevChainControl control;
    private HashMix reader;
    private EvmAddress usd;
    private long salt;
    private long attestationNonce;

    // prepared in setUp, used by the scenarios
    private SignedOrder nativeWhole;
    private SignedOrder nativePartial;
    private SignedOrder nativePartListing;
    private SignedOrder usdWhole;
    private SignedOrder usdPartial;
    private SignedOrder offer;
    private SignedOrder criteria;
    private SignedOrder swap;
    private final List<ListingFill> batch = new ArrayList<>();
    private TokenId usdToken;
    private TokenId wholeToken;
    private TokenId partA;
    private TokenId partB;
    private TokenId moveToken;
    private AttestationBundle nextProduct;
    private MintedProduct served;

    private GasReceipts(PrintStream out, boolean trace) {
        this.out = out;
        this.trace = trace;
    }

    /** Runs the measurements on a local node it starts and stops; exits non-zero on failure. */
    public static void main(String[] args) {
        boolean trace = false;
        for (String a : args) {
            if ("--trace".equals(a)) {
                trace = true;
            } else {
                System.err.println("usage: GasReceipts [--trace]");
                System.exit(2);
            }
        }
        try {
            run(System.out, trace);
            System.exit(0);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * Starts a local node, measures every scenario, prints the table and stops the node.
     *
     * @param trace also print the opcode breakdown of every measured transaction
     * @return the measurements, in the order printed
     */
    public static List<Measurement> run(PrintStream out, boolean trace) {
        try (LocalHardhatNode node = LocalHardhatNode.start()) {
            return new GasReceipts(out, trace).measure(node.rpcUrl());
        }
    }

    private List<Measurement> measure(String rpc) {
        this.rpcUrl = rpc;
        try (HashMix bootstrap = HashMix.builder().rpc(rpc).credentials(keys.get(ADMIN)).build()) {
            deployment = new Deployer(bootstrap).deploy(DeployOptions.LOCAL).join();
        }
        reader = HashMix.builder().rpc(rpc).deployment(deployment).build();
        try {
            control = new DevChainControl(reader.rpc());
            usd = deployment.contract(ProtocolContract.TEST_PAYOUT_TOKEN).address();
            deployment.contracts().forEach((name, c) -> names.put(c.address().hex().toLowerCase(Locale.ROOT), name));
            setUp();
            closeClients();
            control.increaseTime(Duration.ofHours(1)).join(); // every holding opened above is an hour old
            control.mine().join();
            fills();
            tokenCalls();
            fulfillment();
            printTable();
            return List.copyOf(measurements);
        } finally {
            closeClients();
            reader.close();
        }
    }

    // ------------------------------------------------------------------ setUp (the Solidity fixtures' state)

    private void setUp() {
        HashMix admin = client(ADMIN);
        HashMix issuer = client(ISSUER);
        HashMix seller = client(SELLER);
        HashMix buyer = client(BUYER);
        HashMix swapper = client(SWAPPER);
        HashMix taker = client(TAKER);
        HashMix fresh = client(FRESH);
        DevTokens dev = new DevTokens(admin);

        admin.market().setFee(admin.account(), FEE_BPS).join();
        admin.assetClasses().register(new NewAssetClass("BTC-SHA256", "TH/s", 6, usd)).join();
        BigInteger bond = admin.committee().minBond().join();
        for (int i = 1; i <= 5; i++) {
            admin.committee().addAttestor(address(i)).join();
            client(i).committee().depositBond(bond).join();
        }
        admin.committee().setThreshold(BTC, 3).join();
        admin.fulfillment().setEpochConfig(BTC, EPOCH, EPOCH, EPOCH).join();

        // the issuer: collateral and revenue, approved without limit (as the fixtures do)
        dev.mint(usd, issuer.account(), BigInteger.valueOf(1_000_00000000L)).join();
        issuer.erc20().approve(usd, issuer.tokenization().collateralVaultAddress(), MAX).join();
        issuer.erc20().approve(usd, issuer.fulfillment().address(), MAX).join();

        // MarketFixtures.setUp: the default product's token goes to the seller; approvals
        TokenId token = mint(issuer, "default", 365).tokenId();
        issuer.tokenization().transfer(token, seller.account()).join();
        for (HashMix who : List.of(seller, buyer, issuer)) {
            who.market().approveMarket().join();
            who.erc20().approve(usd, who.market().address(), MAX).join();
        }

        // HashMixMarketGasTest._warmUp: one sale per currency, so the fee balances are in use
        TokenId warm = mint(issuer, "warm", 365).tokenId();
        issuer.tokenization().transfer(warm, seller.account()).join();
        fundUsd(dev, taker, BigInteger.TEN.pow(18));
        taker.market().fillListing(seller.market().sign(listing(seller, warm, CAPACITY, 1).nativeCurrency()
                .pricePerUnit(BigInteger.ONE).build()), BigInteger.valueOf(1_000)).join();
        taker.market().fillListing(seller.market().sign(listing(seller, warm, CAPACITY, 1).currency(usd)
                .pricePerUnit(BigInteger.ONE).build()), BigInteger.valueOf(1_000)).join();
        check(reader.market().accruedFees(EvmAddress.ZERO).join().signum() > 0, "native fees accrued");
        check(reader.market().accruedFees(usd).join().signum() > 0, "ERC-20 fees accrued");
        fundUsd(dev, seller, BigInteger.valueOf(1_000_000));
        admin.transactions().send(TxRequest.transfer(fresh.account(), BigInteger.TEN.pow(21))).join();
        fundUsd(dev, fresh, BigInteger.TEN.pow(18));
        fundUsd(dev, buyer, BigInteger.TEN.pow(18));

        // the seller's token: whole and partial native listings, a listing of half of it
        nativeWhole = seller.market().sign(listing(seller, token, CAPACITY, 0).nativeCurrency().pricePerUnit(PRICE).build());
        nativePartial = seller.market().sign(listing(seller, token, CAPACITY, 1).nativeCurrency().pricePerUnit(PRICE).build());
        nativePartListing = seller.market().sign(listing(seller, token, CAPACITY.divide(BigInteger.TWO), 1).nativeCurrency()
                .pricePerUnit(PRICE).build());

        // a second seller token for the ERC-20 listings and the offers
        usdToken = mint(issuer, "usd", 365).tokenId();
        issuer.tokenization().transfer(usdToken, seller.account()).join();
        usdWhole = seller.market().sign(listing(seller, usdToken, CAPACITY, 0).currency(usd).pricePerUnit(USD_PRICE).build());
        usdPartial = seller.market().sign(listing(seller, usdToken, CAPACITY, 1).currency(usd).pricePerUnit(USD_PRICE).build());
        criteria = buyer.market().sign(CriteriaOffer.builder().buyer(buyer.account()).assetClass(BTC).issuer(issuer.account())
                .units(CAPACITY).minFill(0).minRemainingTerm(Duration.ofDays(30).toSeconds()).currency(usd)
                .pricePerUnit(USD_PRICE).counter(0).salt(BigInteger.valueOf(++salt)).expiry(EXPIRY).build());
        offer = buyer.market().sign(Offer.builder().buyer(buyer.account()).tokenId(usdToken).units(CAPACITY).minFill(0)
                .currency(usd).pricePerUnit(USD_PRICE).counter(0).salt(BigInteger.valueOf(++salt))
                .expiry(EXPIRY).build());

        // swap: the seller gives its token for the swapper's
        TokenId want = mint(issuer, "swap", 365).tokenId();
        issuer.tokenization().transfer(want, swapper.account()).join();
        swapper.market().approveMarket().join();
        fresh.market().approveMarket().join();
        swap = seller.market().sign(SwapOrder.builder().maker(seller.account()).giveTokenId(token)
                .giveTokenNonce(seller.tokenization().tradeState(token).join().nonce()).giveUnits(CAPACITY)
                .wantTokenId(want).wantUnits(CAPACITY).counter(0).salt(BigInteger.valueOf(++salt))
                .expiry(EXPIRY).build());

        // batch: 10 whole native listings of 10 slices of one seller token
        TokenId batchToken = mint(issuer, "batch", 365).tokenId();
        issuer.tokenization().transfer(batchToken, seller.account()).join();
        BigInteger tenth = CAPACITY.divide(BigInteger.TEN);
        List<TokenId> slices = seller.tokenization().split(batchToken, java.util.Collections.nCopies(10, tenth)).join();
        for (TokenId slice : slices) {
            batch.add(new ListingFill(seller.market().sign(listing(seller, slice, tenth, 0).nativeCurrency()
                    .pricePerUnit(PRICE).build()), tenth));
        }

        // HashPowerTokenGasTest.setUp: the issuer's whole token, two halves to merge, a token to move,
        // and the next product's attestation (ending later: the signers' bond locks are extended)
        wholeToken = mint(issuer, "lifecycle-1", 365).tokenId();
        List<TokenId> halves = issuer.tokenization().split(mint(issuer, "lifecycle-2", 365).tokenId(),
                List.of(CAPACITY.divide(BigInteger.TWO), CAPACITY.divide(BigInteger.TWO))).join();
        partA = halves.get(0);
        partB = halves.get(1);
        moveToken = mint(issuer, "lifecycle-3", 365).tokenId();
        nextProduct = bundle(attestation(issuer, "lifecycle-4", 400).toBuilder().deadline(now() + 2 * 86_400).build());

        // fulfillment: a product served for the fulfillment scenarios, held whole by a holder who
        // already holds the payout token; minted last, so its epochs start at the end of setUp
        served = mint(issuer, "served", 30);
        issuer.tokenization().transfer(served.tokenId(), address(HOLDER)).join();
        dev.mint(usd, address(HOLDER), BigInteger.valueOf(1_000_000)).join();

        names.put(seller.account().hex().toLowerCase(Locale.ROOT), "seller");
        names.put(fresh.account().hex().toLowerCase(Locale.ROOT), "fresh taker");
        for (String sig : List.of("fillListing((address,uint256,uint32,uint256,uint256,address,uint256,uint256,uint256,uint64),bytes,uint256)",
                "tradeState(uint256)", "transferFrom(address,address,uint256)", "carve(uint256,uint256,address)",
                "isApprovedForAll(address,address)", "transfer(address,uint256)")) {
            names.put(Hash.sha3String(sig).substring(2, 10), sig.substring(0, sig.indexOf('(')));
        }
    }

    // ------------------------------------------------------------------ scenarios

    private void fills() {
        BigInteger third = CAPACITY.divide(BigInteger.valueOf(3));
        isolated(() -> {
            HashMix fresh = client(FRESH);
            return measure("fills", "whole token, native coin (fresh taker)", "test_gas_fillListing_wholeNative",
                    fresh, () -> fresh.market().fillListing(nativeWhole, CAPACITY).join().receipt().transactionHash());
        });
        isolated(() -> {
            HashMix fresh = client(FRESH);
            return measure("fills", "whole token, ERC-20 (fresh taker)", "test_gas_fillListing_wholeErc20", fresh,
                    () -> fresh.market().fillListing(usdWhole, CAPACITY).join().receipt().transactionHash());
        });
        isolated(() -> {
            HashMix swapper = client(SWAPPER);
            return measure("fills", "swap order, token for token", "test_gas_fillSwap", swapper,
                    () -> swapper.market().fillSwap(swap).join().receipt().transactionHash());
        });
        isolated(() -> {
            HashMix fresh = client(FRESH);
            return measure("fills", "partial fill (carve), native coin", "test_gas_fillListing_partialNative",
                    fresh, () -> fresh.market().fillListing(nativePartial, third).join().receipt().transactionHash());
        });
        isolated(() -> {
            HashMix fresh = client(FRESH);
            return measure("fills", "partial fill (carve), ERC-20", "test_gas_fillListing_partialErc20", fresh,
                    () -> fresh.market().fillListing(usdPartial, third).join().receipt().transactionHash());
        });
        isolated(() -> {
            // an earlier buyer carved the same token an hour before: this carve moves the holding the
            // token's slice kept to a slot of its own
            HashMix taker = client(TAKER);
            taker.market().fillListing(nativePartial, CAPACITY.divide(BigInteger.valueOf(4))).join();
            closeClients();
            control.increaseTime(Duration.ofHours(1)).join();
            control.mine().join();
            HashMix fresh = client(FRESH);
            return measure("fills", "later partial fill (token carved before), native coin",
                    "test_gas_fillListing_laterPartialNative", fresh,
                    () -> fresh.market().fillListing(nativePartial, third).join().receipt().transactionHash());
        });
        isolated(() -> {
            HashMix fresh = client(FRESH);
            return measure("fills", "partial fill of a listing of half the token (status written), native",
                    "test_gas_fillListing_partialOfPartListingNative", fresh,
                    () -> fresh.market().fillListing(nativePartListing, third).join().receipt().transactionHash());
        });
        isolated(() -> {
            HashMix seller = client(SELLER);
            return measure("fills", "offer, whole token, ERC-20 (seller takes)", "test_gas_fillOffer_whole", seller,
                    () -> seller.market().fillOffer(offer, CAPACITY).join().receipt().transactionHash());
        });
        isolated(() -> {
            HashMix seller = client(SELLER);
            return measure("fills", "criteria offer, whole token, ERC-20 (seller takes)", "test_gas_fillCriteriaOffer_whole",
                    seller, () -> seller.market().fillCriteriaOffer(criteria, usdToken, CAPACITY).join().receipt()
                            .transactionHash());
        });
        isolated(() -> {
            HashMix fresh = client(FRESH);
            return measure("fills", "batch of 10 whole native listings", "test_gas_fillListings_batchOf10", fresh,
                    () -> fresh.market().fillListings(batch).join().get(0).receipt().transactionHash());
        });
    }

    private void tokenCalls() {
        EvmAddress freshHolder = address(FRESH);
        isolated(() -> {
            HashMix issuer = client(ISSUER);
            HashPowerToken encoder = new BoundContract("HashPowerToken", issuer.tokenization().address(), issuer.calls(), null)
                    .encoder(HashPowerToken::load);
            TxRequest transferFrom = TxRequest.call(issuer.tokenization().address(), encoder.transferFrom(
                    issuer.account().hex(), freshHolder.hex(), moveToken.value()).encodeFunctionCall(), "HashPowerToken.transferFrom");
            return measure("token", "transferFrom to a fresh holder", "test_gas_transferFrom_toFreshHolder", issuer,
                    () -> issuer.transactions().send(transferFrom).join().transactionHash());
        });
        isolated(() -> {
            HashMix issuer = client(ISSUER);
            return measure("token", "safeTransferFrom to a fresh holder (TokenizationClient.transfer)", "", issuer,
                    () -> issuer.tokenization().transfer(moveToken, freshHolder).join().transactionHash());
        });
        isolated(() -> {
            HashMix issuer = client(ISSUER);
            return measure("token", "mintProduct, 3-of-5 signatures, collateral locked", "test_gas_mintProduct_3of5", issuer,
                    () -> issuer.tokenization().mintProduct(nextProduct).join().receipt().transactionHash());
        });
        isolated(() -> {
            HashMix issuer = client(ISSUER);
            BigInteger quarter = CAPACITY.divide(BigInteger.valueOf(4));
            return measure("token", "split into 2", "test_gas_split_intoTwo", issuer,
                    () -> hashOf(issuer.tokenization().split(wholeToken, List.of(quarter, CAPACITY.subtract(quarter))).join()));
        });
        isolated(() -> {
            HashMix issuer = client(ISSUER);
            return measure("token", "merge 2", "test_gas_merge_two", issuer,
                    () -> hashOf(issuer.tokenization().merge(List.of(partA, partB)).join()));
        });
        isolated(() -> {
            HashMix issuer = client(ISSUER);
            return measure("token", "carve to a fresh holder", "test_gas_carve", issuer,
                    () -> hashOf(issuer.tokenization().carve(wholeToken, CAPACITY.divide(BigInteger.valueOf(3)), freshHolder).join()));
        });
        isolated(() -> {
            HashMix issuer = client(ISSUER);
            issuer.tokenization().carve(wholeToken, CAPACITY.divide(BigInteger.valueOf(4)), issuer.account()).join();
            control.increaseTime(Duration.ofHours(1)).join();
            control.mine().join();
            return measure("token", "carve of a token carved before, to a fresh holder", "test_gas_carve_again", issuer,
                    () -> hashOf(issuer.tokenization().carve(wholeToken, CAPACITY.divide(BigInteger.valueOf(3)), freshHolder).join()));
        });
        isolated(() -> {
            HashMix issuer = client(ISSUER);
            return measure("token", "bumpTokenNonce", "test_gas_bumpTokenNonce", issuer,
                    () -> issuer.tokenization().bumpTokenNonce(moveToken).join().transactionHash());
        });
    }

    /** Two one-day epochs of the served product: report, deposit, report, deposit, then the holder claims. */
    private void fulfillment() {
        isolated(() -> {
            HashMix admin = client(ADMIN);
            HashMix issuer = client(ISSUER);
            HashMix holder = client(HOLDER);
            ProductId product = served.productId();
            long start = issuer.tokenization().product(product).join().start().getEpochSecond();
            BigInteger revenue = BigInteger.valueOf(5_000_000);
            for (int epoch = 0; epoch < 2; epoch++) {
                long end = start + (epoch + 1) * EPOCH.toSeconds();
                if (now() < end + 60) {
                    reader.rpc().call("evm_setNextBlockTimestamp", end + 60).join();
                    control.mine().join();
                }
                ReportBundle report = reportBundle(admin, product, epoch, revenue);
                measure("fulfillment", epoch == 0 ? "submitReport, 3-of-5, first report of the product (snapshots it)"
                        : "submitReport, 3-of-5, a later epoch", "", admin,
                        () -> admin.fulfillment().submitReport(report).join().receipt().transactionHash());
                int e = epoch;
                measure("fulfillment", epoch == 0 ? "deposit (pull + settle), the vault's first deposit"
                        : "deposit (pull + settle), vault balance in use", "", issuer,
                        () -> issuer.fulfillment().deposit(product, e).join().receipt().transactionHash());
            }
            // the issuer's holding (from the mint to the transfer, a second or two) is the product's first claim
            claimOne(issuer, "claim, one holding, the product's first claim");
            return claimOne(holder, "claim, one holding (2 settled epochs), steady state");
        });
    }

    /** Claims the one claimable holding of {@code who} (who holds the payout token already). */
    private Measurement claimOne(HashMix who, String scenario) {
        List<ClaimableHolding> owed = who.fulfillment().holdingsOf(who.account()).join().stream()
                .filter(h -> h.holding().productId().equals(served.productId()) && h.claimable().signum() > 0).toList();
        check(owed.size() == 1, scenario + ": one holding to claim, found " + owed.size());
        return measure("fulfillment", scenario, "", who, () -> {
            who.fulfillment().claim(List.of(owed.get(0).ref())).join();
            return null;
        });
    }

    // ------------------------------------------------------------------ measuring

    /**
     * Runs {@code action} (exactly one transaction, from {@code from}) and records its receipt's
     * gasUsed. The action may return its transaction hash, or null when the client does not expose
     * it (then the one transaction of the block it was mined in is taken, checked to be {@code from}'s).
     */
    private Measurement measure(String group, String scenario, String hardhatTest, HashMix from, Supplier<String> action) {
        long before = Quantities.toLong(reader.rpc().call("eth_blockNumber").join());
        String reported = action.get();
        long after = Quantities.toLong(reader.rpc().call("eth_blockNumber").join());
        check(after == before + 1, scenario + ": expected exactly one transaction, " + (after - before) + " blocks were mined");
        JsonNode block = reader.rpc().call("eth_getBlockByNumber", Quantities.encode(after), true).join();
        JsonNode txs = block.path("transactions");
        check(txs.size() == 1, scenario + ": expected one transaction in block " + after + ", found " + txs.size());
        JsonNode tx = txs.get(0);
        String hash = tx.path("hash").asText();
        check(reported == null || reported.equalsIgnoreCase(hash), scenario + ": the client's receipt is not the block's transaction");
        check(EvmAddress.of(tx.path("from").asText()).equals(from.account()), scenario + ": sent by another account");
        JsonNode receipt = reader.rpc().call("eth_getTransactionReceipt", hash).join();
        check(Quantities.toBigInteger(receipt.path("status")).signum() == 1, scenario + ": the transaction reverted");
        String input = tx.path("input").asText().substring(2);
        int bytes = input.length() / 2;
        int zeros = 0;
        for (int i = 0; i < bytes; i++) {
            if (input.charAt(2 * i) == '0' && input.charAt(2 * i + 1) == '0') {
                zeros++;
            }
        }
        Measurement m = new Measurement(group, scenario, hardhatTest, Quantities.toLong(receipt.path("gasUsed")), bytes, zeros, hash);
        measurements.add(m);
        out.printf("  %-84s %,9d%n", group + ": " + scenario, m.gasUsed());
        return traceIfAsked(m);
    }

    /** With --trace, prints the opcode breakdown of a measured transaction (before the scenario is reverted). */
    private Measurement traceIfAsked(Measurement m) {
        if (!trace) {
            return m;
        }
        JsonNode tx = reader.rpc().call("eth_getTransactionByHash", m.txHash()).join();
        out.println();
        out.println("  trace: " + m.scenario() + " (" + m.txHash() + ")");
        GasTrace.of(reader.rpc(), m.txHash(), tx.path("to").asText(), tx.path("input").asText())
                .print(out, names, m.gasUsed(), 21_000 + m.calldataGas());
        out.println();
        return m;
    }

    /** Runs a scenario from the current state, then reverts the chain to it and closes the scenario's clients. */
    private <T> T isolated(Supplier<T> scenario) {
        String snapshot = control.snapshot().join();
        try {
            return scenario.get();
        } finally {
            closeClients();
            control.revert(snapshot).join();
        }
    }

    private void printTable() {
        out.println();
        out.println("Receipts (gasUsed), calldata, and gasUsed - 21,000 - calldata gas (= execution - refund):");
        out.printf("| %-84s | %9s | %13s | %8s | %9s | %s |%n", "scenario", "gasUsed", "calldata B/0s", "cd gas",
                "exec-ref", "Hardhat test");
        for (Measurement m : measurements) {
            out.printf("| %-84s | %,9d | %7d/%-5d | %,8d | %,9d | %s |%n", m.group() + ": " + m.scenario(), m.gasUsed(),
                    m.bytes(), m.zeroBytes(), m.calldataGas(), m.executionLessRefund(), m.hardhatTest());
        }
    }

    // ------------------------------------------------------------------ helpers

    private HashMix client(int i) {
        HashMix hm = HashMix.builder().rpc(rpcUrl).credentials(keys.get(i)).deployment(deployment).build();
        open.add(hm);
        return hm;
    }

    private void closeClients() {
        open.forEach(HashMix::close);
        open.clear();
    }

    private EvmAddress address(int i) {
        return EvmAddress.of(keys.get(i).getAddress());
    }

    private long now() {
        return control.latestTimestamp().join();
    }

    private void fundUsd(DevTokens dev, HashMix who, BigInteger amount) {
        dev.mint(usd, who.account(), amount).join();
        who.erc20().approve(usd, who.market().address(), MAX).join();
    }

    private Listing.Builder listing(HashMix seller, TokenId token, BigInteger units, long minFill) {
        return Listing.builder().seller(seller.account()).tokenId(token)
                .tokenNonce(seller.tokenization().tradeState(token).join().nonce()).units(units).minFill(minFill)
                .counter(0).salt(BigInteger.valueOf(++salt)).expiry(EXPIRY);
    }

    private ProductAttestation attestation(HashMix issuer, String tag, int days) {
        MerkleTree hardware = MerkleTree.of(List.of(
                HardwareId.asic("BITMAIN", tag + "-0", "02:00:00:00:00:00"),
                HardwareId.asic("BITMAIN", tag + "-1", "02:00:00:00:00:01")));
        long now = now();
        return ProductAttestation.builder().issuer(issuer.account()).assetClass(BTC).capacity(CAPACITY)
                .start(now).end(now + days * 86_400L).hardwareRoot(hardware.root()).hardwareCount(hardware.size())
                .metadataHash(Bytes32.keccakUtf8("ipfs://product-metadata")).collateralToken(usd).collateral(COLLATERAL)
                .nonce(BigInteger.valueOf(++attestationNonce)).deadline(now + 86_400)
                .committeeEpoch(issuer.committee().epoch().join()).build();
    }

    private AttestationBundle bundle(ProductAttestation a) {
        Eip712Domain domain = Eip712Domain.hashMix(deployment.chainId(), deployment.contract(ProtocolContract.HASH_POWER_TOKEN).address());
        return AttestationBundle.builder(domain, a).signWith(keys.get(1), keys.get(2), keys.get(3)).build();
    }

    private MintedProduct mint(HashMix issuer, String tag, int days) {
        return issuer.tokenization().mintProduct(bundle(attestation(issuer, tag, days))).join();
    }

    private ReportBundle reportBundle(HashMix admin, ProductId product, long epoch, BigInteger revenue) {
        BigInteger unitRevenue = revenue.multiply(BigInteger.TEN.pow(18)).divide(CAPACITY);
        FulfillmentReport report = FulfillmentReport.builder().productId(product).epoch(epoch).deliveredUnits(CAPACITY)
                .revenue(revenue).unitRevenue(unitRevenue).sourceChain(SourceChain.BITCOIN_MAINNET)
                .evidence(Bytes32.keccakUtf8("pool payout " + product + "/" + epoch)).nonce(BigInteger.valueOf(1_000 + epoch))
                .deadline(now() + 7 * 86_400).committeeEpoch(admin.committee().epoch().join()).build();
        return ReportBundle.builder(admin.fulfillment().domain(), report).signWith(keys.get(1), keys.get(2), keys.get(3)).build();
    }

    /** For client calls that return no receipt: the measurement takes the block's one transaction. */
    private static String hashOf(Object ignored) {
        return null;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("check failed: " + what);
        }
    }
}
