package io.hashmix.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.web3j.crypto.Credentials;

import io.hashmix.contracts.Deployment;
import io.hashmix.core.HashMix;
import io.hashmix.core.devnet.DevAccounts;
import io.hashmix.core.devnet.DevChainControl;
import io.hashmix.core.devnet.LocalHardhatNode;
import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.proofs.EvmAddress;

/**
 * What {@link LocalChainExtension} hands a test: a running local chain with the protocol deployed,
 * funded accounts, and SDK clients that are closed after the test. Account 0 deployed and owns
 * the protocol.
 */
public final class LocalChain {

    private final LocalHardhatNode node;
    private final Deployment deployment;
    private final List<Credentials> accounts;
    private final List<HashMix> opened = new CopyOnWriteArrayList<>();
    private final HashMix admin;

    LocalChain(LocalHardhatNode node, Deployment deployment, List<Credentials> accounts, HashMix admin) {
        this.node = node;
        this.deployment = deployment;
        this.accounts = accounts;
        this.admin = admin;
    }

    /** The node's JSON-RPC URL. */
    public String rpcUrl() {
        return node.rpcUrl();
    }

    /** The deployment every test starts from. */
    public Deployment deployment() {
        return deployment;
    }

    /** Funded account {@code i} (0 is the protocol owner). */
    public Credentials account(int i) {
        return accounts.get(i);
    }

    /** Address of funded account {@code i}. */
    public EvmAddress address(int i) {
        return EvmAddress.of(accounts.get(i).getAddress());
    }

    /** A fresh SDK client signing with account {@code i}, closed after the test. */
    public HashMix client(int i) {
        return client(i, UnaryOperator.identity());
    }

    /** A fresh SDK client signing with account {@code i}, customized, closed after the test. */
    public HashMix client(int i, UnaryOperator<HashMix.Builder> customize) {
        return track(customize.apply(HashMix.builder().rpc(rpcUrl()).credentials(accounts.get(i)).deployment(deployment)).build());
    }

    /** A fresh SDK client without a key (read-only), closed after the test. */
    public HashMix readOnlyClient() {
        return track(HashMix.builder().rpc(rpcUrl()).deployment(deployment).build());
    }

    /** Registers a client built elsewhere for closing after the test. */
    public HashMix track(HashMix hm) {
        opened.add(hm);
        return hm;
    }

    /** The raw RPC client of the admin connection. */
    public JsonRpcClient rpc() {
        return admin.rpc();
    }

    /** Snapshot, time-travel and mining controls. */
    public DevChainControl control() {
        return new DevChainControl(admin.rpc());
    }

    void closeClients() {
        opened.forEach(HashMix::close);
        opened.clear();
    }

    static List<Credentials> defaultAccounts() {
        return DevAccounts.hardhat();
    }
}
