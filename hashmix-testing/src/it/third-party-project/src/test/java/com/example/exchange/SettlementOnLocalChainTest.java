package com.example.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.hashmix.core.HashMix;
import io.hashmix.core.assetclass.AssetClass;
import io.hashmix.core.assetclass.NewAssetClass;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;
import io.hashmix.testing.devnet.HardhatProject;

/** A third party's test: the HashMix protocol on a local chain, from nothing but Maven artifacts and npm. */
@ExtendWith(LocalChainExtension.class)
class SettlementOnLocalChainTest {

    @Test
    void registersAnAssetClassAndPaysInTheDevToken(LocalChain chain) {
        HashMix admin = chain.client(0);                          // account 0 deployed and owns the protocol
        AssetClass btc = admin.assetClasses()
                .register(new NewAssetClass("BTC-SHA256", "TH/s", 3, chain.devToken())).join();
        assertEquals(AssetClassId.ofSymbol("BTC-SHA256"), btc.id());

        chain.devTokens().mint(chain.devToken(), chain.address(1), BigInteger.valueOf(500)).join();
        HashMix trader = chain.client(1);
        assertEquals(BigInteger.valueOf(500), trader.erc20().balanceOf(chain.devToken(), chain.address(1)).join());
    }

    @Test
    void theChainCameFromTheBundledProjectInstalledIntoTheCache() {
        // no hashmix.contracts.dir here: the node runs from hashmix-testing's own Hardhat project, which the
        // first test installed with npm into the cache the invoker named (a fresh folder every build)
        Path cache = Path.of(System.getenv(HardhatProject.CACHE_ENV)).toAbsolutePath();
        Path project = HardhatProject.locate();
        assertTrue(project.startsWith(cache), project + " is not under " + cache);
        assertTrue(project.getFileName().toString().startsWith("hardhat-"), project.toString());
    }

    @Test
    void theClasspathHasNoneOfWhatTheSdkNeverLoads() {
        for (String absent : new String[] {"io.netty.buffer.ByteBuf", "io.vertx.core.Vertx", "io.reactivex.Flowable",
                "jnr.ffi.LibraryLoader", "org.apache.tuweni.bytes.Bytes", "ethereum.ckzg4844.CKZG4844JNI"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(absent), absent + " is on the classpath");
        }
    }
}
