package io.hashmix.core.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;

import io.hashmix.contracts.DeployedContract;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.BitcoinEvidence;
import io.hashmix.contracts.generated.EmissionController;
import io.hashmix.contracts.generated.HashPowerToken;
import io.hashmix.contracts.generated.ObserverRouter;
import io.hashmix.core.assetclass.AssetClassClient;
import io.hashmix.core.assetclass.AssetClassErrors;
import io.hashmix.core.committee.CommitteeClient;
import io.hashmix.core.committee.CommitteeErrors;
import io.hashmix.core.credit.CreditClient;
import io.hashmix.core.credit.CreditErrors;
import io.hashmix.core.errors.RevertDecoder;
import io.hashmix.core.fulfillment.FulfillmentClient;
import io.hashmix.core.fulfillment.FulfillmentErrors;
import io.hashmix.core.incentives.IncentivesClient;
import io.hashmix.core.incentives.IncentivesErrors;
import io.hashmix.core.lending.LendingClient;
import io.hashmix.core.lending.LendingErrors;
import io.hashmix.core.market.MarketClient;
import io.hashmix.core.market.MarketErrors;
import io.hashmix.core.swap.SwapClient;
import io.hashmix.core.swap.SwapErrors;
import io.hashmix.core.tokenization.TokenizationClient;
import io.hashmix.core.tokenization.TokenizationErrors;
import io.hashmix.core.tx.Quantities;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.spv.NetworkParams;

import static io.hashmix.core.internal.DeployContext.address;

/**
 * The protocol's domains, in deployment order: the one list {@code HashMix}, the {@code Deployer} and
 * the revert decoder read. Internal to the SDK.
 */
public final class Domains {

    /** The asset class whose committee threshold applies to Bitcoin header checkpoints. */
    public static final AssetClassId BITCOIN_ASSET_CLASS = AssetClassId.ofSymbol("BTC-SHA256");

    /** Asset classes: the kinds of hash power and their payout tokens. */
    public static final Domain<AssetClassClient> ASSET_CLASSES = new Simple<>("asset classes",
            List.of(ProtocolContract.ASSET_CLASS_REGISTRY), AssetClassErrors::register,
            AssetClassClient::new,
            (ctx, d) -> ctx.deploy(d, ProtocolContract.ASSET_CLASS_REGISTRY,
                    List.of(address(d, ProtocolContract.ACCESS_MANAGER))));

    /** The attestor committee. */
    public static final Domain<CommitteeClient> COMMITTEE = new Simple<>("committee",
            List.of(ProtocolContract.ATTESTOR_REGISTRY), CommitteeErrors::register,
            CommitteeClient::new,
            (ctx, d) -> ctx.deploy(d, ProtocolContract.ATTESTOR_REGISTRY, List.of(address(d, ProtocolContract.ACCESS_MANAGER),
                    new Uint256(ctx.options().minAttestorBond()),
                    new Uint64(BigInteger.valueOf(ctx.options().attestorExitDelay().toSeconds())))));

    /**
     * Credit: the registry of scores, the collateral policy (1x for a perfect score, 3x for a newcomer;
     * no base rate until the admin schedules one) and the fulfillment observer router. Deployed before
     * tokenization and fulfillment, which take them as constructor arguments.
     */
    public static final Domain<CreditClient> CREDIT = new Simple<>("credit",
            List.of(ProtocolContract.CREDIT_REGISTRY, ProtocolContract.COLLATERAL_POLICY, ProtocolContract.OBSERVER_ROUTER),
            CreditErrors::register, CreditClient::new,
            Domains::deployCredit);

    /** Tokenization: collateral custody, the hash power token, hardware proofs, metadata. */
    public static final Domain<TokenizationClient> TOKENIZATION = new Simple<>("tokenization",
            List.of(ProtocolContract.COLLATERAL_VAULT, ProtocolContract.HASH_POWER_TOKEN, ProtocolContract.HARDWARE_REGISTRY),
            TokenizationErrors::register,
            TokenizationClient::new,
            Domains::deployTokenization);

    /**
     * Incentives: the emission controller (and the HMX it creates: cap one billion, 1 HMX a second
     * from an hour after deployment, halving yearly) and the issuers' and holders' programs of
     * BTC-SHA256 and the attestors' program, with initial weights 50, 30 and 20, told by the observer
     * router; and the market makers' program ({@code MakerRewards}: committee-attested Merkle roots of
     * makers' cumulative rewards, under the committee threshold of BTC-SHA256, the Bitcoin header
     * checkpoints' class), weight 5, which no contract tells. Liquidity-provider
     * and lender programs are deployed when the swap pool and lending are.
     */
    public static final Domain<IncentivesClient> INCENTIVES = new Simple<>("incentives",
            List.of(ProtocolContract.EMISSION_CONTROLLER, ProtocolContract.HMX_TOKEN, ProtocolContract.ISSUER_REWARDS,
                    ProtocolContract.ATTESTOR_REWARDS, ProtocolContract.HOLDER_REWARDS),
            IncentivesErrors::register, IncentivesClient::new,
            Domains::deployIncentives);

    /**
     * Fulfillment: the SPV verifier and the Bitcoin evidence binding (optional, deployed together), the vault and its
     * lens; the binding is then told the vault's address.
     */
    public static final Domain<FulfillmentClient> FULFILLMENT = new Simple<>("fulfillment",
            List.of(ProtocolContract.FULFILLMENT_VAULT, ProtocolContract.FULFILLMENT_LENS), FulfillmentErrors::register,
            FulfillmentClient::new,
            Domains::deployFulfillment);

    /** The market. */
    public static final Domain<MarketClient> MARKET = new Simple<>("market",
            List.of(ProtocolContract.HASH_MIX_MARKET), MarketErrors::register,
            MarketClient::new,
            (ctx, d) -> ctx.deploy(d, ProtocolContract.HASH_MIX_MARKET, List.of(address(d, ProtocolContract.ACCESS_MANAGER),
                    address(d, ProtocolContract.HASH_POWER_TOKEN), address(ctx.owner()),
                    new Uint16(ctx.options().marketFeeBps()))));

    /** Fee of the swap pool the deployer deploys, basis points of the value swapped. */
    public static final int SWAP_FEE_BPS = 30;

    /** Swap: the price oracle, the valuation and the swap pool. */
    public static final Domain<SwapClient> SWAP = new Simple<>("swap",
            List.of(ProtocolContract.HASH_PRICE_ORACLE, ProtocolContract.HASH_POWER_VALUATION,
                    ProtocolContract.HASH_POWER_SWAP_POOL), SwapErrors::register,
            SwapClient::new,
            Domains::deploySwap);


    /**
     * Lending: the refinance and foreclosure module, the lending contract and its lens. Needs the protocol's
     * valuation ({@code HashPowerValuation}) from the deployment; on a local chain without it (dev tokens asked
     * for), a fixed-price dev valuation is deployed in its place; otherwise lending is left out.
     */
    public static final Domain<LendingClient> LENDING = new Simple<>("lending",
            List.of(ProtocolContract.LENDING_MODULE, ProtocolContract.HASH_POWER_LENDING, ProtocolContract.LENDING_LENS),
            LendingErrors::register, LendingClient::new,
            Domains::deployLending);

    /** The dev valuation's hashprice: numeraire (1e18 = 1 USD) per unit per day: 0.05 USD per TH/s and day in units of 0.001 TH/s. */
    static final BigInteger DEV_HASHPRICE = new BigInteger("50000000000000");
    /** The dev valuation's payout token price: numeraire per base unit (a BTC of 8 decimals at 100,000 USD). */
    static final BigInteger DEV_PAYOUT_PRICE = new BigInteger("1000000000000000");
    /** The artifact name of the protocol's valuation, once the deployment has it. */
    static final String VALUATION_ARTIFACT = "HashPowerValuation";

    /** Every domain, in deployment order (lending after swap: it values tokens with the swap domain's valuation). */
    public static final List<Domain<?>> ALL = List.of(ASSET_CLASSES, COMMITTEE, CREDIT, TOKENIZATION, INCENTIVES, FULFILLMENT, MARKET,
            SWAP, LENDING);

    private Domains() {
    }

    private static CompletableFuture<Deployment> deployCredit(DeployContext ctx, Deployment start) {
        return ctx.deploy(start, ProtocolContract.CREDIT_REGISTRY, List.of(address(start, ProtocolContract.ACCESS_MANAGER)))
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.COLLATERAL_POLICY, List.of(
                        address(d, ProtocolContract.ACCESS_MANAGER), address(d, ProtocolContract.CREDIT_REGISTRY),
                        new Uint256(10_000), new Uint256(30_000))))
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.OBSERVER_ROUTER, List.of(
                        address(d, ProtocolContract.ACCESS_MANAGER), address(d, ProtocolContract.CREDIT_REGISTRY))));
    }

    private static CompletableFuture<Deployment> deployIncentives(DeployContext ctx, Deployment start) {
        BigInteger cap = BigInteger.TEN.pow(27);
        BigInteger rate = BigInteger.TEN.pow(18);
        long halving = 365L * 24 * 3600;
        Bytes32 btc = new Bytes32(BITCOIN_ASSET_CLASS.value());
        return ctx.hm().rpc().call("eth_getBlockByNumber", "latest", false)
                .thenApply(block -> Quantities.toLong(block.get("timestamp")))
                .thenCompose(now -> ctx.deploy(start, ProtocolContract.EMISSION_CONTROLLER, List.of(
                        address(start, ProtocolContract.ACCESS_MANAGER), new Uint256(cap),
                        new Uint64(BigInteger.valueOf(now + 3600)), new Uint256(rate), new Uint64(BigInteger.valueOf(halving)))))
                .thenCompose(d -> {
                    BoundContract controller = ctx.bind(d, ProtocolContract.EMISSION_CONTROLLER);
                    DeployedContract c = d.contract(ProtocolContract.EMISSION_CONTROLLER);
                    return controller.read("hmx", controller.encoder(EmissionController::load).hmx(),
                            v -> d.with(ProtocolContract.HMX_TOKEN, new DeployedContract(
                                    EvmAddress.of((String) v.get(0).getValue()), c.blockNumber(), c.transactionHash())));
                })
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.ISSUER_REWARDS, List.of(address(d, ProtocolContract.ACCESS_MANAGER),
                        address(d, ProtocolContract.EMISSION_CONTROLLER), address(d, ProtocolContract.CREDIT_REGISTRY), btc)))
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.ATTESTOR_REWARDS, List.of(
                        address(d, ProtocolContract.ACCESS_MANAGER), address(d, ProtocolContract.EMISSION_CONTROLLER),
                        address(d, ProtocolContract.CREDIT_REGISTRY))))
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.HOLDER_REWARDS, List.of(address(d, ProtocolContract.ACCESS_MANAGER),
                        address(d, ProtocolContract.EMISSION_CONTROLLER), address(d, ProtocolContract.HASH_POWER_TOKEN), btc)))
                .thenCompose(d -> {
                    BoundContract controller = ctx.bind(d, ProtocolContract.EMISSION_CONTROLLER);
                    EmissionController ec = controller.encoder(EmissionController::load);
                    BoundContract router = ctx.bind(d, ProtocolContract.OBSERVER_ROUTER);
                    ObserverRouter r = router.encoder(ObserverRouter::load);
                    CompletableFuture<?> done = CompletableFuture.completedFuture(null);
                    // the router keeps a floor for every later program, so the costliest on reports (holders:
                    // it finishes every day since its last touch) goes last, where nothing is kept back
                    ProtocolContract[] programs = {ProtocolContract.ISSUER_REWARDS, ProtocolContract.ATTESTOR_REWARDS,
                            ProtocolContract.HOLDER_REWARDS};
                    long[] weights = {50, 20, 30};
                    for (int i = 0; i < programs.length; i++) {
                        String program = d.contract(programs[i]).address().hex();
                        BigInteger weight = BigInteger.valueOf(weights[i]);
                        done = done.thenCompose(x -> controller.send("addProgram", ec.addProgram(program)))
                                .thenCompose(x -> controller.send("setInitialWeight", ec.setInitialWeight(program, weight)))
                                .thenCompose(x -> router.send("addProgram", r.addProgram(program)));
                    }
                    return done.thenApply(x -> d);
                })
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.MAKER_REWARDS, List.of(
                        address(d, ProtocolContract.ATTESTOR_REGISTRY), address(d, ProtocolContract.EMISSION_CONTROLLER), btc)))
                .thenCompose(d -> addEmissionProgram(ctx, d, ProtocolContract.MAKER_REWARDS, MAKERS_WEIGHT));
    }

    /** The address of an optional contract of the deployment, or the zero address. */
    private static org.web3j.abi.datatypes.Address optional(Deployment d, ProtocolContract contract) {
        return d.find(contract).isPresent() ? address(d, contract) : address(EvmAddress.ZERO);
    }

    private static CompletableFuture<Deployment> deployTokenization(DeployContext ctx, Deployment start) {
        return ctx.deploy(start, ProtocolContract.COLLATERAL_VAULT, List.of(address(start, ProtocolContract.ACCESS_MANAGER),
                        optional(start, ProtocolContract.COLLATERAL_POLICY)))
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.HASH_POWER_TOKEN, List.of(
                        address(d, ProtocolContract.ACCESS_MANAGER), address(d, ProtocolContract.ASSET_CLASS_REGISTRY),
                        address(d, ProtocolContract.ATTESTOR_REGISTRY), address(d, ProtocolContract.COLLATERAL_VAULT))))
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.HARDWARE_REGISTRY, List.of(
                        address(d, ProtocolContract.HASH_POWER_TOKEN), address(d, ProtocolContract.COLLATERAL_VAULT),
                        address(d, ProtocolContract.ATTESTOR_REGISTRY), optional(d, ProtocolContract.CREDIT_REGISTRY))))
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.TOKEN_METADATA_RENDERER, List.of(
                        address(d, ProtocolContract.HASH_POWER_TOKEN), address(d, ProtocolContract.ASSET_CLASS_REGISTRY))))
                .thenCompose(d -> {
                    BoundContract token = ctx.bind(d, ProtocolContract.HASH_POWER_TOKEN);
                    return token.send("setMetadataRenderer", token.encoder(HashPowerToken::load).setMetadataRenderer(
                            d.contract(ProtocolContract.TOKEN_METADATA_RENDERER).address().hex())).thenApply(r -> d);
                });
    }

    private static CompletableFuture<Deployment> deployFulfillment(DeployContext ctx, Deployment start) {
        CompletableFuture<Deployment> deployment = CompletableFuture.completedFuture(start);
        NetworkParams btc = ctx.options().bitcoinNetwork();
        if (btc != null) {
            deployment = deployment.thenCompose(d -> ctx.deploy(d, ProtocolContract.BTC_SPV_VERIFIER, List.of(
                    address(d, ProtocolContract.ACCESS_MANAGER), address(d, ProtocolContract.ATTESTOR_REGISTRY),
                    new Bytes32(BITCOIN_ASSET_CLASS.value()), new Uint256(btc.powLimit()),
                    new Uint256(BigInteger.valueOf(btc.retargetInterval())), new Bool(btc.retargeting()))))
                    // the Bitcoin evidence binding comes before the vault, which takes its address
                    .thenCompose(d -> ctx.deploy(d, ProtocolContract.BITCOIN_EVIDENCE, List.of(
                            address(d, ProtocolContract.ACCESS_MANAGER), address(d, ProtocolContract.ATTESTOR_REGISTRY),
                            address(d, ProtocolContract.HASH_POWER_TOKEN), address(d, ProtocolContract.BTC_SPV_VERIFIER),
                            address(d, ProtocolContract.ASSET_CLASS_REGISTRY))));
        }
        return deployment
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.FULFILLMENT_VAULT, List.of(
                        address(d, ProtocolContract.ACCESS_MANAGER), address(d, ProtocolContract.HASH_POWER_TOKEN),
                        address(d, ProtocolContract.COLLATERAL_VAULT), address(d, ProtocolContract.ATTESTOR_REGISTRY),
                        d.find(ProtocolContract.BTC_SPV_VERIFIER).isPresent()
                                ? address(d, ProtocolContract.BTC_SPV_VERIFIER) : address(EvmAddress.ZERO),
                        d.find(ProtocolContract.BITCOIN_EVIDENCE).isPresent()
                                ? address(d, ProtocolContract.BITCOIN_EVIDENCE) : address(EvmAddress.ZERO),
                        optional(d, ProtocolContract.OBSERVER_ROUTER))))
                .thenCompose(d -> linkEvidenceToVault(ctx, d))
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.FULFILLMENT_LENS, List.of(
                        address(d, ProtocolContract.FULFILLMENT_VAULT), address(d, ProtocolContract.HASH_POWER_TOKEN),
                        address(d, ProtocolContract.COLLATERAL_VAULT))));
    }

    private static CompletableFuture<Deployment> deployLending(DeployContext ctx, Deployment start) {
        Optional<ProtocolContract> real = java.util.Arrays.stream(ProtocolContract.values())
                .filter(c -> c.artifactName().equals(VALUATION_ARTIFACT) && start.find(c).isPresent()).findFirst();
        CompletableFuture<Deployment> withValuation;
        ProtocolContract valuation;
        if (real.isPresent()) {
            valuation = real.get();
            withValuation = CompletableFuture.completedFuture(start);
        } else if (ctx.options().withDevTokens()) {
            valuation = ProtocolContract.FIXED_PRICE_VALUATION;
            withValuation = ctx.deploy(start, valuation, List.of(address(start, ProtocolContract.HASH_POWER_TOKEN),
                    new Uint256(DEV_HASHPRICE), new Uint256(DEV_PAYOUT_PRICE)));
        } else {
            return CompletableFuture.completedFuture(start);
        }
        return withValuation
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.LENDING_MODULE, List.of(
                        address(d, ProtocolContract.HASH_POWER_TOKEN), address(d, ProtocolContract.FULFILLMENT_VAULT),
                        address(d, ProtocolContract.HARDWARE_REGISTRY), address(d, valuation),
                        optional(d, ProtocolContract.CREDIT_REGISTRY))))
                // the same credit registry as the module's (the lending contract checks it: ModuleMismatch)
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.HASH_POWER_LENDING, List.of(
                        address(d, ProtocolContract.ACCESS_MANAGER), address(d, ProtocolContract.HASH_POWER_TOKEN),
                        address(d, ProtocolContract.FULFILLMENT_VAULT), address(d, ProtocolContract.HARDWARE_REGISTRY),
                        address(d, valuation), optional(d, ProtocolContract.CREDIT_REGISTRY),
                        address(d, ProtocolContract.LENDING_MODULE), address(d, ProtocolContract.COLLATERAL_VAULT))))
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.LENDING_LENS,
                        List.of(address(d, ProtocolContract.HASH_POWER_LENDING))))
                .thenCompose(d -> d.find(ProtocolContract.EMISSION_CONTROLLER).isEmpty() ? CompletableFuture.completedFuture(d)
                        : ctx.deploy(d, ProtocolContract.HOOK_STAKE_PROGRAM, List.of(address(d, ProtocolContract.ACCESS_MANAGER),
                                address(d, ProtocolContract.EMISSION_CONTROLLER)))
                        .thenCompose(x -> addEmissionProgram(ctx, x, ProtocolContract.HOOK_STAKE_PROGRAM, LENDERS_WEIGHT)));
    }

    /** Tells the Bitcoin evidence binding, if deployed, which vault it relays reports to (once, as admin). */
    private static CompletableFuture<Deployment> linkEvidenceToVault(DeployContext ctx, Deployment d) {
        if (d.find(ProtocolContract.BITCOIN_EVIDENCE).isEmpty()) {
            return CompletableFuture.completedFuture(d);
        }
        BoundContract evidence = ctx.bind(d, ProtocolContract.BITCOIN_EVIDENCE);
        return evidence.send("setFulfillmentVault", evidence.encoder(BitcoinEvidence::load)
                .setFulfillmentVault(d.contract(ProtocolContract.FULFILLMENT_VAULT).address().hex())).thenApply(r -> d);
    }

    private static CompletableFuture<Deployment> deploySwap(DeployContext ctx, Deployment start) {
        return ctx.deploy(start, ProtocolContract.HASH_PRICE_ORACLE, List.of(address(start, ProtocolContract.ACCESS_MANAGER),
                        address(start, ProtocolContract.ATTESTOR_REGISTRY)))
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.HASH_POWER_VALUATION, List.of(
                        address(d, ProtocolContract.HASH_POWER_TOKEN), address(d, ProtocolContract.FULFILLMENT_VAULT),
                        address(d, ProtocolContract.HASH_PRICE_ORACLE))))
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.HASH_POWER_SWAP_POOL, List.of(
                        address(d, ProtocolContract.ACCESS_MANAGER), address(d, ProtocolContract.HASH_POWER_TOKEN),
                        address(d, ProtocolContract.HASH_POWER_VALUATION), address(d, ProtocolContract.FULFILLMENT_VAULT),
                        address(d, ProtocolContract.HARDWARE_REGISTRY), address(d, ProtocolContract.ASSET_CLASS_REGISTRY),
                        new Uint256(BigInteger.valueOf(SWAP_FEE_BPS)), optional(d, ProtocolContract.HMX_TOKEN))))
                .thenCompose(d -> ctx.deploy(d, ProtocolContract.SWAP_POOL_LENS,
                        List.of(address(d, ProtocolContract.HASH_POWER_SWAP_POOL))))
                .thenCompose(d -> d.find(ProtocolContract.EMISSION_CONTROLLER).isEmpty()
                        ? CompletableFuture.completedFuture(d) : deployLiquidityRewards(ctx, d));
    }

    /**
     * The liquidity providers' program (HMX paid into the pool, shared by pool shares x time), added to the
     * emission with weight {@value #LIQUIDITY_WEIGHT} next to the incentives domain's programs.
     */
    private static CompletableFuture<Deployment> deployLiquidityRewards(DeployContext ctx, Deployment start) {
        return ctx.deploy(start, ProtocolContract.REVENUE_SHARE_PROGRAM, List.of(
                        address(start, ProtocolContract.EMISSION_CONTROLLER), address(start, ProtocolContract.HASH_POWER_SWAP_POOL)))
                .thenCompose(d -> addEmissionProgram(ctx, d, ProtocolContract.REVENUE_SHARE_PROGRAM, LIQUIDITY_WEIGHT));
    }

    /** Adds a deployed program to the emission controller with its initial weight (before emission starts). */
    private static CompletableFuture<Deployment> addEmissionProgram(DeployContext ctx, Deployment d, ProtocolContract program,
                                                                   long weight) {
        BoundContract controller = ctx.bind(d, ProtocolContract.EMISSION_CONTROLLER);
        EmissionController ec = controller.encoder(EmissionController::load);
        String address = d.contract(program).address().hex();
        return controller.send("addProgram", ec.addProgram(address))
                .thenCompose(x -> controller.send("setInitialWeight", ec.setInitialWeight(address, BigInteger.valueOf(weight))))
                .thenApply(x -> d);
    }

    /** Emission weight of the liquidity providers' program (the incentives domain's: issuers 50, attestors 20, holders 30). */
    static final long LIQUIDITY_WEIGHT = 10;

    /**
     * Emission weight of the market makers' program (issuers 50, holders 30, attestors 20, liquidity providers 10,
     * lenders 10).
     */
    static final long MAKERS_WEIGHT = 5;

    /**
     * Emission weight of the lenders' program (one program; the admin sets it for a loan currency with
     * {@code hm.lending().setLenderProgram}).
     */
    static final long LENDERS_WEIGHT = 10;

    /** A domain made of functions. */
    private record Simple<C>(String name, List<ProtocolContract> contracts, ErrorRegistration errors,
                             java.util.function.Function<ClientContext, C> factory, DeployStep deployer) implements Domain<C> {

        @Override
        public void registerErrors(RevertDecoder.Builder decoder) {
            errors.register(decoder);
        }

        @Override
        public C create(ClientContext context) {
            return factory.apply(context);
        }

        @Override
        public CompletableFuture<Deployment> deploy(DeployContext context, Deployment soFar) {
            return deployer.deploy(context, soFar);
        }
    }

    @FunctionalInterface
    private interface ErrorRegistration {
        void register(RevertDecoder.Builder decoder);
    }

    @FunctionalInterface
    private interface DeployStep {
        CompletableFuture<Deployment> deploy(DeployContext context, Deployment soFar);
    }
}
