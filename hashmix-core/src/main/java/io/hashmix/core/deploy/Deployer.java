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
import org.web3j.abi.datatypes.generated.Uint8;

import io.hashmix.contracts.DeployedContract;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.HashMix;
import io.hashmix.core.HashMixException;
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

    /** Deploys every protocol contract, plus dev tokens if asked for. */
    public CompletableFuture<Deployment> deploy(DeployOptions options) {
        TransactionSender tx = hm.transactions();
        EvmAddress owner = options.owner() != null ? options.owner() : tx.sender();
        Deployment empty = new Deployment(hm.chainId(), tx.sender(), Instant.now(), Map.of());
        CompletableFuture<Deployment> deployment = deploy(ProtocolContract.ASSET_CLASS_REGISTRY, List.of(new Address(owner.hex())))
                .thenApply(registry -> empty.with(ProtocolContract.ASSET_CLASS_REGISTRY, registry));
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
