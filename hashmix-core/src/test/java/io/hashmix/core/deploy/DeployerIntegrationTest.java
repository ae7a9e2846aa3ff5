package io.hashmix.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.HashMix;
import io.hashmix.core.errors.UnauthorizedAccountException;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.core.assetclass.NewAssetClass;
import io.hashmix.core.tx.Quantities;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;

@ExtendWith(LocalChainExtension.class)
class DeployerIntegrationTest {

    @Test
    void deploysWritesAndLoadsAManifest(LocalChain chain, @TempDir Path dir) throws Exception {
        HashMix deployerClient = chain.track(HashMix.builder().rpc(chain.rpcUrl()).credentials(chain.account(1)).build());
        Deployment d = new Deployer(deployerClient).deploy(DeployOptions.LOCAL.withOwner(chain.address(2))).join();

        assertEquals(31337, d.chainId());
        assertEquals(chain.address(1), d.deployer());
        long head = Quantities.toLong(deployerClient.rpc().call("eth_blockNumber").join());
        for (var c : d.contracts().values()) {
            assertTrue(c.blockNumber() > 0 && c.blockNumber() <= head);
            String code = deployerClient.rpc().call("eth_getCode", c.address().hex(), "latest").join().asText();
            assertTrue(code.length() > 2, "no code at " + c.address());
        }
        assertNotEquals(chain.deployment().contract(ProtocolContract.ASSET_CLASS_REGISTRY).address(),
                d.contract(ProtocolContract.ASSET_CLASS_REGISTRY).address());

        Path file = dir.resolve("deployment.json");
        d.writeJson(file);
        Deployment loaded = Deployment.fromJson(file);
        assertEquals(d, loaded);

        // the owner given in the options holds the AccessManager's admin role; the deployer, which
        // wired every hook first, renounced it
        HashMix owner = chain.track(HashMix.builder().rpc(chain.rpcUrl()).credentials(chain.account(2)).deployment(loaded).build());
        var payout = loaded.contract(ProtocolContract.TEST_PAYOUT_TOKEN).address();
        owner.assetClasses().register(new NewAssetClass("FIL-STORAGE", "TiB", 0, payout)).join();
        owner.committee().setThreshold(AssetClassId.ofSymbol("FIL-STORAGE"), 2).join();
        HashMix formerDeployer = chain.track(HashMix.builder().rpc(chain.rpcUrl()).credentials(chain.account(1)).deployment(loaded).build());
        UnauthorizedAccountException refused = assertInstanceOf(UnauthorizedAccountException.class, cause(formerDeployer.assetClasses()
                .register(new NewAssetClass("FIL-SEALING", "TiB/day", 0, payout))));
        assertEquals(chain.address(1), refused.account());
        // the hooks are wired to the contracts named in the wiring table, not to people
        assertEquals(owner.tokenization().collateralVaultAddress(), loaded.contract(ProtocolContract.COLLATERAL_VAULT).address());
    }

    @Test
    void productionOptionsDeployNoDevToken(LocalChain chain) {
        HashMix hm = chain.client(1);
        Deployment d = new Deployer(hm).deploy(DeployOptions.PRODUCTION).join();
        assertTrue(d.find(ProtocolContract.TEST_PAYOUT_TOKEN).isEmpty());
        assertTrue(d.find(ProtocolContract.ASSET_CLASS_REGISTRY).isPresent());
    }

    private static Throwable cause(CompletableFuture<?> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
