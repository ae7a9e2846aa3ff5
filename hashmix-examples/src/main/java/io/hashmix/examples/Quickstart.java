package io.hashmix.examples;

import java.nio.file.Path;

import org.web3j.crypto.Credentials;

import io.hashmix.contracts.Deployment;
import io.hashmix.core.HashMix;
import io.hashmix.core.assetclass.AssetClass;
import io.hashmix.core.assetclass.UnknownAssetClassException;
import io.hashmix.proofs.asset.AssetClassId;

/**
 * The README's quick-start snippet, kept here so it always compiles.
 * Usage: {@code Quickstart <rpc-url> <deployment.json> <private-key-hex>}.
 */
public final class Quickstart {

    private Quickstart() {
    }

    /** Reads the BTC-SHA256 asset class from a deployment. */
    public static void main(String[] args) {
        // --- README snippet start
        try (HashMix hm = HashMix.builder()
                .rpc(args[0])                                        // e.g. http://127.0.0.1:8545
                .deployment(Deployment.fromJson(Path.of(args[1])))   // chain id is checked on build()
                .credentials(Credentials.create(args[2]))            // omit for a read-only client
                .build()) {
            AssetClass btc = hm.assetClasses().get(AssetClassId.ofSymbol("BTC-SHA256")).join();
            System.out.println(btc.symbol() + " is measured in " + btc.unitName() + ", paid in " + btc.payoutToken());
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof UnknownAssetClassException unknown) {
                System.out.println("not registered: " + unknown.assetClassId());
            } else {
                throw e;
            }
        }
        // --- README snippet end
    }
}
