package io.hashmix.core.internal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;

import io.hashmix.contracts.DeployedContract;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.HashMix;
import io.hashmix.HashMixException;
import io.hashmix.core.deploy.DeployOptions;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.core.tx.TxRequest;
import io.hashmix.proofs.EvmAddress;

/**
 * What a domain's deployment step gets: the sending SDK instance, the options, the deploying account
 * and the final owner, and helpers to deploy a contract and bind one. Internal to the SDK.
 *
 * @param hm       the SDK instance that sends (with credentials)
 * @param options  the deployment options
 * @param deployer the deploying account (the AccessManager's first admin)
 * @param owner    the account that administers the protocol once deployed
 */
public record DeployContext(HashMix hm, DeployOptions options, EvmAddress deployer, EvmAddress owner) {

    /** Checks the parts. */
    public DeployContext {
        Objects.requireNonNull(hm, "hm");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(deployer, "deployer");
        Objects.requireNonNull(owner, "owner");
    }

    /** Deploys {@code contract} with ABI-encoded constructor arguments and adds it to {@code d}. */
    public CompletableFuture<Deployment> deploy(Deployment d, ProtocolContract contract, List<Type> constructorArgs) {
        return deploy(contract, constructorArgs).thenApply(deployed -> d.with(contract, deployed));
    }

    /** Deploys {@code contract} with ABI-encoded constructor arguments. */
    public CompletableFuture<DeployedContract> deploy(ProtocolContract contract, List<Type> constructorArgs) {
        String code = contract.artifact().bytecode() + FunctionEncoder.encodeConstructor(constructorArgs);
        return hm.transactions().send(TxRequest.deploy(code, "deploy " + contract.artifactName()))
                .thenApply((TxReceipt r) -> new DeployedContract(r.createdContract().orElseThrow(() ->
                        new HashMixException("deployment of " + contract.artifactName() + " in " + r.transactionHash()
                                + " created no contract")), r.blockNumber(), r.transactionHash()));
    }

    /** A contract of the deployment, bound for sending from the deployer. */
    public BoundContract bind(Deployment d, ProtocolContract contract) {
        return new BoundContract(contract.artifactName(), d.contract(contract).address(), hm.calls(), hm.transactions());
    }

    /** The ABI address of a deployed contract (a constructor argument). */
    public static Address address(Deployment d, ProtocolContract contract) {
        return address(d.contract(contract).address());
    }

    /** The ABI address of an account. */
    public static Address address(EvmAddress a) {
        return new Address(a.hex());
    }
}
