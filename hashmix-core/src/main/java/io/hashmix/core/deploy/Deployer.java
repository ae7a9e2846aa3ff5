package io.hashmix.core.deploy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

import io.hashmix.contracts.DeployedContract;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.AttestorRegistry;
import io.hashmix.contracts.generated.BtcSpvVerifier;
import io.hashmix.contracts.generated.HashPowerToken;
import io.hashmix.core.HashMix;
import io.hashmix.core.HashMixException;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.core.tx.TxRequest;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.spv.NetworkParams;

/**
 * Deploys the HashMix protocol to any EVM node through the SDK's transaction layer and returns the
 * {@link Deployment} manifest (write it with {@link Deployment#writeJson}). Later protocol parts add
 * their contracts here, in dependency order.
 */
public final class Deployer {

    private static final Logger log = LoggerFactory.getLogger(Deployer.class);

    /** The asset class whose committee threshold applies to Bitcoin header checkpoints. */
    public static final AssetClassId BITCOIN_ASSET_CLASS = AssetClassId.ofSymbol("BTC-SHA256");

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
     * Deploys every protocol contract in dependency order, plus dev tokens if asked for:
     * {@code AssetClassRegistry}, {@code AttestorRegistry}, {@code HashPowerToken}, the
     * {@code BtcSpvVerifier} (unless {@link DeployOptions#bitcoinNetwork()} is null), the
     * {@code FulfillmentVault} and the {@code HashMixMarket}; then wires them: the token becomes the
     * committee registry's consumer (it locks and slashes bonds), the vault becomes the token's
     * fulfillment vault (it takes and releases collateral) and the verifier's consumer (it claims
     * Bitcoin payments as report evidence).
     *
     * <p>With an {@link DeployOptions#owner()} other than the deploying account, the asset class
     * registry, the vault and the market are created owned by that account; the attestor registry,
     * the token and the verifier, which the deployer must wire first, are then offered to the owner
     * (two-step), who accepts each with {@code acceptOwnership()} ({@code hm.committee().acceptOwnership()},
     * {@code hm.tokenization().acceptOwnership()}, and a plain {@code acceptOwnership()} transaction to the
     * verifier's address in the manifest). The market's fee goes to the owner.
     */
    public CompletableFuture<Deployment> deploy(DeployOptions options) {
        TransactionSender tx = hm.transactions();
        EvmAddress deployer = tx.sender();
        EvmAddress owner = options.owner() != null ? options.owner() : deployer;
        Deployment empty = new Deployment(hm.chainId(), deployer, Instant.now(), Map.of());
        CompletableFuture<Deployment> deployment = deploy(ProtocolContract.ASSET_CLASS_REGISTRY, List.of(address(owner)))
                .thenApply(registry -> empty.with(ProtocolContract.ASSET_CLASS_REGISTRY, registry))
                .thenCompose(d -> deploy(ProtocolContract.ATTESTOR_REGISTRY, List.of(address(deployer),
                        new Uint256(options.minAttestorBond()), new Uint64(BigInteger.valueOf(options.attestorExitDelay().toSeconds()))))
                        .thenApply(attestors -> d.with(ProtocolContract.ATTESTOR_REGISTRY, attestors)))
                .thenCompose(d -> deploy(ProtocolContract.HASH_POWER_TOKEN, List.of(address(deployer),
                        address(d, ProtocolContract.ASSET_CLASS_REGISTRY), address(d, ProtocolContract.ATTESTOR_REGISTRY)))
                        .thenApply(token -> d.with(ProtocolContract.HASH_POWER_TOKEN, token)));
        if (options.bitcoinNetwork() != null) {
            NetworkParams btc = options.bitcoinNetwork();
            deployment = deployment.thenCompose(d -> deploy(ProtocolContract.BTC_SPV_VERIFIER, List.of(address(deployer),
                    address(d, ProtocolContract.ATTESTOR_REGISTRY), new Bytes32(BITCOIN_ASSET_CLASS.value()),
                    new Uint256(btc.powLimit()), new Uint256(BigInteger.valueOf(btc.retargetInterval())), new Bool(btc.retargeting())))
                    .thenApply(verifier -> d.with(ProtocolContract.BTC_SPV_VERIFIER, verifier)));
        }
        deployment = deployment
                .thenCompose(d -> deploy(ProtocolContract.FULFILLMENT_VAULT, List.of(address(owner),
                        address(d, ProtocolContract.HASH_POWER_TOKEN), address(d, ProtocolContract.ATTESTOR_REGISTRY),
                        d.find(ProtocolContract.BTC_SPV_VERIFIER).isPresent() ? address(d, ProtocolContract.BTC_SPV_VERIFIER) : address(EvmAddress.ZERO)))
                        .thenApply(vault -> d.with(ProtocolContract.FULFILLMENT_VAULT, vault)))
                .thenCompose(d -> deploy(ProtocolContract.HASH_MIX_MARKET, List.of(address(owner),
                        address(d, ProtocolContract.HASH_POWER_TOKEN), address(owner), new Uint16(options.marketFeeBps())))
                        .thenApply(market -> d.with(ProtocolContract.HASH_MIX_MARKET, market)))
                .thenCompose(d -> wire(d, deployer, owner).thenApply(ignored -> d));
        if (options.withDevTokens()) {
            deployment = deployment.thenCompose(d -> deployTestToken("Wrapped Bitcoin (test)", "tWBTC", 8, owner)
                    .thenApply(token -> d.with(ProtocolContract.TEST_PAYOUT_TOKEN, token)));
        }
        return deployment.whenComplete((d, e) -> {
            if (e == null) {
                log.info("deployed HashMix to chain {}: {}", d.chainId(), d.contracts().keySet());
            }
        });
    }

    /** The wiring only the deployer can do, then the hand-over of what it still owns. */
    private CompletableFuture<Void> wire(Deployment d, EvmAddress deployer, EvmAddress owner) {
        BoundContract registryBinding = bind(d, ProtocolContract.ATTESTOR_REGISTRY);
        AttestorRegistry registry = registryBinding.encoder(AttestorRegistry::load);
        BoundContract tokenBinding = bind(d, ProtocolContract.HASH_POWER_TOKEN);
        HashPowerToken token = tokenBinding.encoder(HashPowerToken::load);
        String vault = d.contract(ProtocolContract.FULFILLMENT_VAULT).address().hex();
        boolean handOver = !owner.equals(deployer);

        CompletableFuture<TxReceipt> done = registryBinding.send("setConsumer",
                        registry.setConsumer(d.contract(ProtocolContract.HASH_POWER_TOKEN).address().hex(), true))
                .thenCompose(r -> tokenBinding.send("setFulfillmentVault", token.setFulfillmentVault(vault)));
        if (d.find(ProtocolContract.BTC_SPV_VERIFIER).isPresent()) {
            BoundContract verifierBinding = bind(d, ProtocolContract.BTC_SPV_VERIFIER);
            BtcSpvVerifier verifier = verifierBinding.encoder(BtcSpvVerifier::load);
            done = done.thenCompose(r -> verifierBinding.send("setConsumer", verifier.setConsumer(vault, true)));
            if (handOver) {
                done = done.thenCompose(r -> verifierBinding.send("transferOwnership", verifier.transferOwnership(owner.hex())));
            }
        }
        if (handOver) {
            done = done.thenCompose(r -> registryBinding.send("transferOwnership", registry.transferOwnership(owner.hex())))
                    .thenCompose(r -> tokenBinding.send("transferOwnership", token.transferOwnership(owner.hex())));
        }
        return done.thenAccept(r -> { });
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
