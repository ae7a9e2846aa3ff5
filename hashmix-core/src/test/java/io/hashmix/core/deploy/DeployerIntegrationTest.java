package io.hashmix.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.HashMix;
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

        // the owner given in the options administers the new registry, the deployer does not
        HashMix owner = chain.track(HashMix.builder().rpc(chain.rpcUrl()).credentials(chain.account(2)).deployment(loaded).build());
        // the token and the committee registry were wired by the deployer, then offered to the owner
        owner.tokenization().acceptOwnership().join();
        owner.committee().acceptOwnership().join();
        HashMix deployerAgain = chain.track(HashMix.builder().rpc(chain.rpcUrl()).credentials(chain.account(1)).deployment(loaded).build());
        assertTrue(deployerAgain.tokenization().acceptOwnership().handle((ok, e) -> e != null).join(), "only the pending owner accepts");
        var payout = loaded.contract(ProtocolContract.TEST_PAYOUT_TOKEN).address();
        owner.assetClasses().register(new NewAssetClass("FIL-STORAGE", "TiB", 0, payout)).join();
        HashMix notOwner = chain.track(HashMix.builder().rpc(chain.rpcUrl()).credentials(chain.account(1)).deployment(loaded).build());
        assertTrue(notOwner.assetClasses().register(new NewAssetClass("FIL-SEALING", "TiB/day", 0, payout))
                .handle((ok, e) -> e != null).join());
    }

    @Test
    void productionOptionsDeployNoDevToken(LocalChain chain) {
        HashMix hm = chain.client(1);
        Deployment d = new Deployer(hm).deploy(DeployOptions.PRODUCTION).join();
        assertTrue(d.find(ProtocolContract.TEST_PAYOUT_TOKEN).isEmpty());
        assertTrue(d.find(ProtocolContract.ASSET_CLASS_REGISTRY).isPresent());
    }
}
