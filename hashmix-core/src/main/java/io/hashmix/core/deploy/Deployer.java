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
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.utils.Numeric;

import io.hashmix.contracts.AccessWiring;
import io.hashmix.contracts.DeployedContract;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.HashMixAccessManager;
import io.hashmix.contracts.generated.HashMixMarket;
import io.hashmix.contracts.generated.HashPowerToken;
import io.hashmix.core.HashMix;
import io.hashmix.core.HashMixException;
import io.hashmix.core.devnet.DevChainControl;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.core.tx.TxRequest;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.spv.NetworkParams;

/**
 * Deploys the HashMix protocol to any EVM node through the SDK's transaction layer and returns the
 * {@link Deployment} manifest (write it with {@link Deployment#writeJson}). Contracts are deployed in
 * dependency order; their privileged hooks are then wired on the protocol's AccessManager from the
 * one wiring table ({@link AccessWiring#protocol()}), the same table the Solidity tests wire from.
 */
public final class Deployer {

    private static final Logger log = LoggerFactory.getLogger(Deployer.class);

    /** The asset class whose committee threshold applies to Bitcoin header checkpoints. */
    public static final AssetClassId BITCOIN_ASSET_CLASS = AssetClassId.ofSymbol("BTC-SHA256");

    /** {@code HashMixMarket.CURRENCY_DELAY}: two days. */
    private static final long MARKET_CURRENCY_DELAY_SECONDS = 2 * 24 * 3600;

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
     * {@code HashMixAccessManager}, {@code AssetClassRegistry}, {@code AttestorRegistry},
     * {@code CollateralVault}, {@code HashPowerToken}, {@code HardwareRegistry},
     * {@code TokenMetadataRenderer}, the {@code BtcSpvVerifier} (unless
     * {@link DeployOptions#bitcoinNetwork()} is null), the {@code FulfillmentVault}, the
     * {@code FulfillmentLens} and the {@code HashMixMarket}. Then it wires the AccessManager: each
     * hook of the wiring table is mapped to its role and the role granted to the contract that calls
     * it (the token locks collateral and bonds, the vault takes collateral and marks defaults, the
     * hardware registry freezes, forfeits and slashes, the vault consumes SPV payments), the admin
     * gets the market's currency role, and the token gets its metadata renderer.
     *
     * <p>The deploying account is the manager's first admin. With an {@link DeployOptions#owner()}
     * other than the deploying account, the admin role (and the currency role) is granted to that
     * owner and renounced by the deployer at the end, so the owner alone administers every contract;
     * the market's fee goes to the owner.
     */
    public CompletableFuture<Deployment> deploy(DeployOptions options) {
        TransactionSender tx = hm.transactions();
        EvmAddress deployer = tx.sender();
        EvmAddress owner = options.owner() != null ? options.owner() : deployer;
        Deployment empty = new Deployment(hm.chainId(), deployer, Instant.now(), Map.of());
        CompletableFuture<Deployment> deployment = CompletableFuture.completedFuture(empty)
                .thenCompose(d -> step(d, ProtocolContract.ACCESS_MANAGER, List.of(address(deployer))))
                .thenCompose(d -> step(d, ProtocolContract.ASSET_CLASS_REGISTRY, List.of(address(d, ProtocolContract.ACCESS_MANAGER))))
                .thenCompose(d -> step(d, ProtocolContract.ATTESTOR_REGISTRY, List.of(address(d, ProtocolContract.ACCESS_MANAGER),
                        new Uint256(options.minAttestorBond()), new Uint64(BigInteger.valueOf(options.attestorExitDelay().toSeconds())))))
                .thenCompose(d -> step(d, ProtocolContract.COLLATERAL_VAULT, List.of(address(d, ProtocolContract.ACCESS_MANAGER))))
                .thenCompose(d -> step(d, ProtocolContract.HASH_POWER_TOKEN, List.of(address(d, ProtocolContract.ACCESS_MANAGER),
                        address(d, ProtocolContract.ASSET_CLASS_REGISTRY), address(d, ProtocolContract.ATTESTOR_REGISTRY),
                        address(d, ProtocolContract.COLLATERAL_VAULT))))
                .thenCompose(d -> step(d, ProtocolContract.HARDWARE_REGISTRY, List.of(address(d, ProtocolContract.HASH_POWER_TOKEN),
                        address(d, ProtocolContract.COLLATERAL_VAULT), address(d, ProtocolContract.ATTESTOR_REGISTRY))))
                .thenCompose(d -> step(d, ProtocolContract.TOKEN_METADATA_RENDERER, List.of(
                        address(d, ProtocolContract.HASH_POWER_TOKEN), address(d, ProtocolContract.ASSET_CLASS_REGISTRY))));
        if (options.bitcoinNetwork() != null) {
            NetworkParams btc = options.bitcoinNetwork();
            deployment = deployment.thenCompose(d -> step(d, ProtocolContract.BTC_SPV_VERIFIER, List.of(
                    address(d, ProtocolContract.ACCESS_MANAGER), address(d, ProtocolContract.ATTESTOR_REGISTRY),
                    new Bytes32(BITCOIN_ASSET_CLASS.value()), new Uint256(btc.powLimit()),
                    new Uint256(BigInteger.valueOf(btc.retargetInterval())), new Bool(btc.retargeting()))));
        }
        deployment = deployment
                .thenCompose(d -> step(d, ProtocolContract.FULFILLMENT_VAULT, List.of(address(d, ProtocolContract.ACCESS_MANAGER),
                        address(d, ProtocolContract.HASH_POWER_TOKEN), address(d, ProtocolContract.COLLATERAL_VAULT),
                        address(d, ProtocolContract.ATTESTOR_REGISTRY),
                        d.find(ProtocolContract.BTC_SPV_VERIFIER).isPresent() ? address(d, ProtocolContract.BTC_SPV_VERIFIER) : address(EvmAddress.ZERO))))
                .thenCompose(d -> step(d, ProtocolContract.FULFILLMENT_LENS, List.of(address(d, ProtocolContract.FULFILLMENT_VAULT),
                        address(d, ProtocolContract.HASH_POWER_TOKEN), address(d, ProtocolContract.COLLATERAL_VAULT))))
                .thenCompose(d -> step(d, ProtocolContract.HASH_MIX_MARKET, List.of(address(d, ProtocolContract.ACCESS_MANAGER),
                        address(d, ProtocolContract.HASH_POWER_TOKEN), address(owner), new Uint16(options.marketFeeBps()))))
                .thenCompose(d -> wire(d, deployer, owner).thenApply(ignored -> d));
        if (options.withDevTokens()) {
            deployment = deployment.thenCompose(d -> deployTestToken("Wrapped Bitcoin (test)", "tWBTC", 8, owner)
                    .thenApply(token -> d.with(ProtocolContract.TEST_PAYOUT_TOKEN, token)))
                    .thenCompose(d -> allowDevCurrency(d, owner).thenApply(ignored -> d));
        }
        return deployment.whenComplete((d, e) -> {
            if (e == null) {
                log.info("deployed HashMix to chain {}: {}", d.chainId(), d.contracts().keySet());
            }
        });
    }

    private CompletableFuture<Deployment> step(Deployment d, ProtocolContract contract, List<Type> constructorArgs) {
        return deploy(contract, constructorArgs).thenApply(deployed -> d.with(contract, deployed));
    }

    /**
     * Wires the AccessManager from the wiring table (only entries whose target and grantee are in the
     * deployment), sets the token's renderer, then hands the admin role to the owner if it is not the
     * deployer.
     */
    private CompletableFuture<Void> wire(Deployment d, EvmAddress deployer, EvmAddress owner) {
        BoundContract managerBinding = bind(d, ProtocolContract.ACCESS_MANAGER);
        HashMixAccessManager manager = managerBinding.encoder(HashMixAccessManager::load);
        AccessWiring wiring = AccessWiring.protocol();
        // one setTargetFunctionRole per (target, role), one grantRole per (role, grantee)
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
            String grantee = f.granteeContract().map(c -> d.contract(c).address()).orElse(owner).hex();
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
        BoundContract tokenBinding = bind(d, ProtocolContract.HASH_POWER_TOKEN);
        HashPowerToken token = tokenBinding.encoder(HashPowerToken::load);
        done = done.thenCompose(r -> tokenBinding.send("setMetadataRenderer",
                token.setMetadataRenderer(d.contract(ProtocolContract.TOKEN_METADATA_RENDERER).address().hex())));
        if (!owner.equals(deployer)) {
            done = done.thenCompose(r -> managerBinding.send("grantRole", manager.grantRole(ADMIN_ROLE, owner.hex(), BigInteger.ZERO)))
                    .thenCompose(r -> managerBinding.send("renounceRole", manager.renounceRole(ADMIN_ROLE, deployer.hex())));
        }
        return done.thenAccept(r -> { });
    }

    /**
     * Makes the dev payout token a market currency on a local chain: schedules it, moves the chain's
     * clock past the market's currency delay ({@code evm_increaseTime}: dev chains only, which is
     * the only place dev tokens exist) and allows it. Needs the currency role, so only when the
     * deployer is still the admin.
     */
    private CompletableFuture<Void> allowDevCurrency(Deployment d, EvmAddress owner) {
        if (!owner.equals(hm.transactions().sender())) {
            return CompletableFuture.completedFuture(null);
        }
        BoundContract marketBinding = bind(d, ProtocolContract.HASH_MIX_MARKET);
        HashMixMarket market = marketBinding.encoder(HashMixMarket::load);
        String token = d.contract(ProtocolContract.TEST_PAYOUT_TOKEN).address().hex();
        DevChainControl clock = new DevChainControl(hm.rpc());
        return marketBinding.send("scheduleCurrency", market.scheduleCurrency(token))
                .thenCompose(r -> clock.increaseTime(Duration.ofSeconds(MARKET_CURRENCY_DELAY_SECONDS)))
                .thenCompose(r -> clock.mine())
                .thenCompose(r -> marketBinding.send("allowCurrency", market.allowCurrency(token)))
                .thenAccept(r -> { });
    }

    private BoundContract bind(Deployment d, ProtocolContract contract) {
        return new BoundContract(contract.artifactName(), d.contract(contract).address(), hm.calls(), hm.transactions());
    }

    private static Address address(EvmAddress a) {
        return new Address(a.hex());
    }

    private static Address address(Deployment d, ProtocolContract contract) {
        return address(d.contract(contract).address());
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
        return deploy(ProtocolContract.TEST_PAYOUT_TOKEN, List.of(new Utf8String(name), new Utf8String(symbol),
                new Uint8(BigInteger.valueOf(decimals)), address(owner)));
    }

    private CompletableFuture<DeployedContract> deploy(ProtocolContract contract, List<Type> constructorArgs) {
        String code = contract.artifact().bytecode() + FunctionEncoder.encodeConstructor(constructorArgs);
        return hm.transactions().send(TxRequest.deploy(code, "deploy " + contract.artifactName()))
                .thenApply((TxReceipt r) -> new DeployedContract(r.createdContract().orElseThrow(() ->
                        new HashMixException("deployment of " + contract.artifactName() + " in " + r.transactionHash()
                                + " created no contract")), r.blockNumber(), r.transactionHash()));
    }
}
