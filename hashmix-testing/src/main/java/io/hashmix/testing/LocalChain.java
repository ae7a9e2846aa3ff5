package io.hashmix.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.web3j.crypto.Credentials;

import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.HashMix;
import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.testing.devnet.DevAccounts;
import io.hashmix.testing.devnet.DevChainControl;
import io.hashmix.testing.devnet.DevTokens;
import io.hashmix.testing.devnet.LocalHardhatNode;

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

    /** Address of the mintable dev token (ERC-20 "tWBTC", a wrapped-bitcoin stand-in) deployed with the protocol, owned by account 0. */
    public EvmAddress devToken() {
        return deployment.contract(ProtocolContract.TEST_PAYOUT_TOKEN).address();
    }

    /**
     * Mints the dev token as account 0 (its owner), through a client closed after the test:
     * {@code chain.devTokens().mint(chain.devToken(), to, amount).join()}.
     */
    public DevTokens devTokens() {
        return new DevTokens(client(0));
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
