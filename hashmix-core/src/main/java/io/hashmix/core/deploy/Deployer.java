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
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

import io.hashmix.contracts.DeployedContract;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.AttestorRegistry;
import io.hashmix.core.HashMix;
import io.hashmix.core.HashMixException;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.core.tx.TxRequest;
import io.hashmix.proofs.EvmAddress;

/**
 * Deploys the HashMix protocol to any EVM node through the SDK's transaction layer and returns the
 * {@link Deployment} manifest (write it with {@link Deployment#writeJson}). Later protocol parts add
 * their contracts here, in dependency order.
 */
public final class Deployer {

    private static final Logger log = LoggerFactory.getLogger(Deployer.class);

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
     * {@code AssetClassRegistry}, {@code AttestorRegistry}, {@code HashPowerToken}, then registers
     * the token as the committee registry's consumer (so it may lock and slash bonds).
     *
     * <p>With an {@link DeployOptions#owner()} other than the deploying account, the registries and
     * the token are created owned by that account, except the attestor registry, which the deployer
     * must configure first: its ownership is then offered to the owner (two-step), who accepts it
     * with {@code hm.committee().acceptOwnership()}.
     */
    public CompletableFuture<Deployment> deploy(DeployOptions options) {
        TransactionSender tx = hm.transactions();
        EvmAddress deployer = tx.sender();
        EvmAddress owner = options.owner() != null ? options.owner() : deployer;
        Deployment empty = new Deployment(hm.chainId(), deployer, Instant.now(), Map.of());
        CompletableFuture<Deployment> deployment = deploy(ProtocolContract.ASSET_CLASS_REGISTRY, List.of(new Address(owner.hex())))
                .thenApply(registry -> empty.with(ProtocolContract.ASSET_CLASS_REGISTRY, registry))
                .thenCompose(d -> deploy(ProtocolContract.ATTESTOR_REGISTRY, List.of(new Address(deployer.hex()),
                        new Uint256(options.minAttestorBond()), new Uint64(BigInteger.valueOf(options.attestorExitDelay().toSeconds()))))
                        .thenApply(attestors -> d.with(ProtocolContract.ATTESTOR_REGISTRY, attestors)))
                .thenCompose(d -> deploy(ProtocolContract.HASH_POWER_TOKEN, List.of(new Address(owner.hex()),
                        new Address(d.contract(ProtocolContract.ASSET_CLASS_REGISTRY).address().hex()),
                        new Address(d.contract(ProtocolContract.ATTESTOR_REGISTRY).address().hex())))
                        .thenApply(token -> d.with(ProtocolContract.HASH_POWER_TOKEN, token)))
                .thenCompose(d -> configureAttestorRegistry(d, deployer, owner).thenApply(ignored -> d));
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

    private CompletableFuture<Void> configureAttestorRegistry(Deployment d, EvmAddress deployer, EvmAddress owner) {
        BoundContract bound = new BoundContract("AttestorRegistry", d.contract(ProtocolContract.ATTESTOR_REGISTRY).address(),
                hm.calls(), hm.transactions());
        AttestorRegistry registry = bound.encoder(AttestorRegistry::load);
        EvmAddress token = d.contract(ProtocolContract.HASH_POWER_TOKEN).address();
        CompletableFuture<TxReceipt> consumer = bound.send("setConsumer", registry.setConsumer(token.hex(), true));
        if (owner.equals(deployer)) {
            return consumer.thenAccept(r -> { });
        }
        return consumer.thenCompose(r -> bound.send("transferOwnership", registry.transferOwnership(owner.hex())))
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
        return deploy(ProtocolContract.TEST_PAYOUT_TOKEN, List.of(new Utf8String(name), new Utf8String(symbol),
                new Uint8(BigInteger.valueOf(decimals)), new Address(owner.hex())));
    }

    private CompletableFuture<DeployedContract> deploy(ProtocolContract contract, List<Type> constructorArgs) {
        String code = contract.artifact().bytecode() + FunctionEncoder.encodeConstructor(constructorArgs);
        return hm.transactions().send(TxRequest.deploy(code, "deploy " + contract.artifactName()))
                .thenApply((TxReceipt r) -> new DeployedContract(r.createdContract().orElseThrow(() ->
                        new HashMixException("deployment of " + contract.artifactName() + " in " + r.transactionHash()
                                + " created no contract")), r.blockNumber(), r.transactionHash()));
    }
}
