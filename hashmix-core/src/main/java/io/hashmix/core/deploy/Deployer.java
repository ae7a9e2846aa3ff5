package io.hashmix.core.deploy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.utils.Numeric;

import io.hashmix.contracts.AccessWiring;
import io.hashmix.contracts.DeployedContract;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.HashMixAccessManager;
import io.hashmix.contracts.generated.HashMixMarket;
import io.hashmix.core.HashMix;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.internal.DeployContext;
import io.hashmix.core.internal.Domain;
import io.hashmix.core.internal.Domains;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;

import static io.hashmix.core.internal.DeployContext.address;

/**
 * Deploys the HashMix protocol to any EVM node through the SDK's transaction layer and returns the
 * {@link Deployment} manifest (write it with {@link Deployment#writeJson}). The protocol's
 * AccessManager comes first; then each domain deploys its contracts in order (asset classes,
 * committee, tokenization, fulfillment, market, ...); then every privileged hook is wired on the
 * AccessManager from the one wiring table ({@link AccessWiring#protocol()}), the same table the
 * Solidity tests wire from.
 */
public final class Deployer {

    private static final Logger log = LoggerFactory.getLogger(Deployer.class);

    /** The asset class whose committee threshold applies to Bitcoin header checkpoints. */
    public static final AssetClassId BITCOIN_ASSET_CLASS = Domains.BITCOIN_ASSET_CLASS;

    /** {@code HashMixMarket.CURRENCY_DELAY}: two days. */
    private static final Duration MARKET_CURRENCY_DELAY = Duration.ofDays(2);

    /** The AccessManager's admin role. */
    private static final BigInteger ADMIN_ROLE = BigInteger.ZERO;

    private final HashMix hm;

    /**
     * Creates a deployer that sends from {@code hm}'s account.
     *
     * @param hm a HashMix instance with credentials (no deployment needed)
     */
    public Deployer(HashMix hm) {
        this.hm = hm;
    }

    /**
     * Deploys every protocol contract in dependency order, plus dev tokens if asked for: the
     * {@code HashMixAccessManager}, then each domain's contracts ({@code AssetClassRegistry},
     * {@code AttestorRegistry}, {@code CollateralVault}, {@code HashPowerToken},
     * {@code HardwareRegistry}, {@code TokenMetadataRenderer}, the {@code EmissionController} (and
     * its {@code HMXToken}) with the issuers', attestors' and holders' programs and the market makers'
     * {@code MakerRewards} (roots signed under the committee threshold of {@link #BITCOIN_ASSET_CLASS};
     * the liquidity providers' and lenders' programs come with the swap pool and lending), the
     * {@code BtcSpvVerifier} and the
     * {@code BitcoinEvidence} binding unless {@link DeployOptions#bitcoinNetwork()} is null,
     * {@code FulfillmentVault} (then linked to the binding), {@code FulfillmentLens},
     * {@code HashMixMarket}, ...). Then it wires the AccessManager: each hook of the wiring table is
     * mapped to its role and the role granted to the contract that calls it (the token locks
     * collateral and bonds, the fulfillment vault takes collateral and marks defaults, the hardware
     * registry freezes, forfeits and slashes, the fulfillment vault and the Bitcoin evidence binding
     * consume SPV payments), and the admin gets the market's currency role. With dev tokens, the dev
     * payout token becomes a market currency (the local chain's clock is moved past the currency
     * delay).
     *
     * <p>The deploying account is the manager's first admin. With an {@link DeployOptions#owner()}
     * other than the deploying account, the admin role is granted to that owner and renounced by the
     * deployer at the end, so the owner alone administers every contract; the market's fee goes to
     * the owner.
     */
    public CompletableFuture<Deployment> deploy(DeployOptions options) {
        EvmAddress deployer = hm.transactions().sender();
        EvmAddress owner = options.owner() != null ? options.owner() : deployer;
        DeployContext ctx = new DeployContext(hm, options, deployer, owner);
        Deployment empty = new Deployment(hm.chainId(), deployer, Instant.now(), Map.of());
        CompletableFuture<Deployment> deployment = ctx.deploy(empty, ProtocolContract.ACCESS_MANAGER, List.of(address(deployer)));
        for (Domain<?> domain : Domains.ALL) {
            deployment = deployment.thenCompose(d -> domain.deploy(ctx, d));
        }
        deployment = deployment.thenCompose(d -> wire(ctx, d).thenApply(ignored -> d));
        if (options.withDevTokens()) {
            deployment = deployment.thenCompose(d -> deployTestToken("Wrapped Bitcoin (test)", "tWBTC", 8, owner)
                    .thenApply(token -> d.with(ProtocolContract.TEST_PAYOUT_TOKEN, token)))
                    .thenCompose(d -> allowDevCurrency(ctx, d).thenApply(ignored -> d));
        }
        return deployment.thenCompose(d -> handOver(ctx, d).thenApply(ignored -> d)).whenComplete((d, e) -> {
            if (e == null) {
                log.info("deployed HashMix to chain {}: {}", d.chainId(), d.contracts().keySet());
            }
        });
    }

    /**
     * Wires the AccessManager from the wiring table: only entries whose target and grantee are in
     * the deployment; one {@code setTargetFunctionRole} per (target, role), one {@code grantRole} per
     * (role, grantee). The grantee {@code $admin} is the final owner.
     */
    private CompletableFuture<Void> wire(DeployContext ctx, Deployment d) {
        BoundContract managerBinding = ctx.bind(d, ProtocolContract.ACCESS_MANAGER);
        HashMixAccessManager manager = managerBinding.encoder(HashMixAccessManager::load);
        AccessWiring wiring = AccessWiring.protocol();
        Map<String, List<byte[]>> selectors = new LinkedHashMap<>();
        Map<String, String> targetOf = new LinkedHashMap<>();
        Map<String, BigInteger> roleOf = new LinkedHashMap<>();
        Set<String> grants = new LinkedHashSet<>();
        for (AccessWiring.FunctionGrant f : wiring.functions()) {
            if (d.find(f.targetContract()).isEmpty() || f.granteeContract().map(c -> d.find(c).isEmpty()).orElse(false)) {
                continue;
            }
            String target = d.contract(f.targetContract()).address().hex();
            BigInteger role = BigInteger.valueOf(wiring.roleId(f.role()));
            String key = target + "/" + role;
            targetOf.put(key, target);
            roleOf.put(key, role);
            selectors.computeIfAbsent(key, k -> new ArrayList<>()).add(Numeric.hexStringToByteArray(f.selector()));
            String grantee = f.granteeContract().map(c -> d.contract(c).address()).orElse(ctx.owner()).hex();
            grants.add(role + "/" + grantee);
        }
        CompletableFuture<TxReceipt> done = CompletableFuture.completedFuture(null);
        for (String key : selectors.keySet()) {
            done = done.thenCompose(r -> managerBinding.send("setTargetFunctionRole",
                    manager.setTargetFunctionRole(targetOf.get(key), selectors.get(key), roleOf.get(key))));
        }
        for (String grant : grants) {
            String[] parts = grant.split("/", 2);
            done = done.thenCompose(r -> managerBinding.send("grantRole",
                    manager.grantRole(new BigInteger(parts[0]), parts[1], BigInteger.ZERO)));
        }
        return done.thenAccept(r -> { });
    }

    /** Grants the admin role to the owner and renounces the deployer's, when they differ. */
    private CompletableFuture<Void> handOver(DeployContext ctx, Deployment d) {
        if (ctx.owner().equals(ctx.deployer())) {
            return CompletableFuture.completedFuture(null);
        }
        BoundContract managerBinding = ctx.bind(d, ProtocolContract.ACCESS_MANAGER);
        HashMixAccessManager manager = managerBinding.encoder(HashMixAccessManager::load);
        return managerBinding.send("grantRole", manager.grantRole(ADMIN_ROLE, ctx.owner().hex(), BigInteger.ZERO))
                .thenCompose(r -> managerBinding.send("renounceRole", manager.renounceRole(ADMIN_ROLE, ctx.deployer().hex())))
                .thenAccept(r -> { });
    }

    /**
     * Makes the dev payout token a market currency on a local chain: schedules it, moves the chain's
     * clock past the market's currency delay ({@code evm_increaseTime}: dev chains only, which is
     * the only place dev tokens exist) and allows it. Needs the currency role, so only when the
     * deployer is also the owner.
     */
    private CompletableFuture<Void> allowDevCurrency(DeployContext ctx, Deployment d) {
        if (!ctx.owner().equals(ctx.deployer())) {
            return CompletableFuture.completedFuture(null);
        }
        BoundContract marketBinding = ctx.bind(d, ProtocolContract.HASH_MIX_MARKET);
        HashMixMarket market = marketBinding.encoder(HashMixMarket::load);
        String token = d.contract(ProtocolContract.TEST_PAYOUT_TOKEN).address().hex();
        return marketBinding.send("scheduleCurrency", market.scheduleCurrency(token))
                .thenCompose(r -> hm.rpc().call("evm_increaseTime", MARKET_CURRENCY_DELAY.toSeconds()))
                .thenCompose(r -> hm.rpc().call("evm_mine"))
                .thenCompose(r -> marketBinding.send("allowCurrency", market.allowCurrency(token)))
                .thenAccept(r -> { });
    }

    /**
     * Deploys a mintable ERC-20 payout token for local chains and tests.
     *
     * @param name     token name
     * @param symbol   token symbol
     * @param decimals token decimals
     * @param owner    the account allowed to mint
     */
    public CompletableFuture<DeployedContract> deployTestToken(String name, String symbol, int decimals, EvmAddress owner) {
        return new DeployContext(hm, DeployOptions.LOCAL, hm.account(), owner).deploy(ProtocolContract.TEST_PAYOUT_TOKEN,
                List.of(new Utf8String(name), new Utf8String(symbol), new Uint8(BigInteger.valueOf(decimals)), address(owner)));
    }
}
