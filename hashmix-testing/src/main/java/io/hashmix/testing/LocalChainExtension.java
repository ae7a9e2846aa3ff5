package io.hashmix.testing;

import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

import io.hashmix.contracts.Deployment;
import io.hashmix.core.HashMix;
import io.hashmix.core.deploy.DeployOptions;
import io.hashmix.core.deploy.Deployer;
import io.hashmix.testing.devnet.LocalHardhatNode;

/**
 * JUnit 5 extension: one local Hardhat chain per test run (started on first use, on 127.0.0.1 and
 * a free port), the protocol deployed once, and every test isolated by {@code evm_snapshot} before
 * and {@code evm_revert} after it. Inject {@link LocalChain} into a test method or constructor.
 *
 * <p>The node runs from the Hardhat project {@link io.hashmix.testing.devnet.HardhatProject#locate()}
 * names: in a project of your own, the one bundled in hashmix-testing, installed with npm into a per-user
 * cache the first time (Node.js with npm on the PATH is the only requirement). The protocol is deployed
 * by {@link Deployer} with {@link DeployOptions#LOCAL} from account 0, with the mintable dev token.
 *
 * <p>The node is stopped when the test run ends (the root store closes it), and by a JVM shutdown
 * hook if the JVM dies first. Clients built through {@link LocalChain} are closed after each test,
 * so cached nonces never survive a revert.
 *
 * <pre>{@code
 * @ExtendWith(LocalChainExtension.class)
 * class MyTest {
 *     @Test void works(LocalChain chain) { HashMix hm = chain.client(0); ... }
 * }
 * }</pre>
 */
public final class LocalChainExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final Logger log = LoggerFactory.getLogger(LocalChainExtension.class);
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LocalChainExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        LocalChain chain = chain(context);
        context.getStore(NS).put("snapshot", chain.control().snapshot().join());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LocalChain chain = chain(context);
        chain.closeClients();
        String snapshot = context.getStore(NS).remove("snapshot", String.class);
        if (snapshot != null) {
            chain.control().setAutomine(true).join();
            chain.control().revert(snapshot).join();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalChain.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return chain(context);
    }

    private static LocalChain chain(ExtensionContext context) {
        return context.getRoot().getStore(NS)
                .getOrComputeIfAbsent(RunningChain.class, k -> RunningChain.start(), RunningChain.class).chain;
    }

    /** The per-run chain; closed by JUnit when the root store closes. */
    static final class RunningChain implements AutoCloseable {
        private final LocalHardhatNode node;
        private final HashMix admin;
        private final LocalChain chain;

        private RunningChain(LocalHardhatNode node, HashMix admin, LocalChain chain) {
            this.node = node;
            this.admin = admin;
            this.chain = chain;
        }

        static RunningChain start() {
            LocalHardhatNode node = LocalHardhatNode.start();
            try {
                List<Credentials> accounts = LocalChain.defaultAccounts();
                HashMix deployer = HashMix.builder().rpc(node.rpcUrl()).credentials(accounts.get(0)).build();
                Deployment deployment;
                try (deployer) {
                    deployment = new Deployer(deployer).deploy(DeployOptions.LOCAL).join();
                }
                HashMix admin = HashMix.builder().rpc(node.rpcUrl()).deployment(deployment).build();
                log.info("local chain for tests at {}: {}", node.rpcUrl(), deployment.contracts().keySet());
                return new RunningChain(node, admin, new LocalChain(node, deployment, accounts, admin));
            } catch (RuntimeException e) {
                node.close();
                throw e;
            }
        }

        @Override
        public void close() {
            chain.closeClients();
            admin.close();
            node.close();
        }
    }
}
