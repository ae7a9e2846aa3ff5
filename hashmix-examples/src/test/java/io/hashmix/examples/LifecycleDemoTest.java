package io.hashmix.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hashmix.contracts.Deployment;

/** Runs the README's first command's program end to end: it starts its own chain and checks every step. */
class LifecycleDemoTest {

    @Test
    void demoRunsEveryStepOnItsOwnLocalChain(@TempDir Path dir) {
        Path manifest = dir.resolve("deployment.json");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = LifecycleDemo.run(new String[] {"--manifest", manifest.toString()}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String report = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(0, code, report);
        assertTrue(Files.exists(manifest));
        assertEquals(31337, Deployment.fromJson(manifest).chainId());
        for (String expected : new String[] {"Start a local chain", "Deploy the protocol", "AssetClassAlreadyRegisteredException",
                "UnauthorizedAccountException", "UnknownAssetClassException", "PayoutTokenChangeNotReadyException",
                "now pays in", "40 mined", "threshold 3",
                "NonceAlreadyUsedException", "verified offline and on chain", "frozen; challenger paid",
                "slashed and burnt", "forfeited to its holders", "redeems the frozen tokens for their holders at the freeze: paid", "its share stays locked", "ProductIsFrozenException", "OverfillException", "remaining 450000 units",
                "-> SHORT", "-> MISSED", "1 fulfilled, 1 short, 1 missed", "a holding is never paid twice", "nothing settles (the issuer may still deposit)",
                "offline report and CreditRegistry agree", "CollateralBelowRequiredException", "after two clean epochs: score",
                "-> UNREPORTED; score", "the farm's offline credit report matches", "a newcomer needs",
                "the farm claims its issuer rewards", "attestor 1 claims its report rewards", "the buyer claims its holder rewards",
                "claiming again pays 0", "signed 3-of-4, published", "claims its maker rewards with the tree's proof",
                "Lending: borrow against", "revenue swept", "repaid by its own revenue", "the token is back with",
                "SPV evidence required (version 1)", "-> SpvEvidenceRequiredException", "-> ScriptNotCommittedException (SCRIPT_NOT_COMMITTED)",
                "bound to the committed script", "FULFILLED]", "71.35 sat per TH/s per day, offline and on chain agree",
                "Swap Bitcoin hash power for Filecoin storage power", "BoundsNotReadyException", "PriceUnusableException",
                "withdrew pro rata without a price",
                "Local chain stopped."}) {
            assertTrue(report.contains(expected), "report lacks '" + expected + "':\n" + report);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LifecycleDemo.run(new String[] {"--bogus", "x"}, System.out));
        assertThrows(IllegalArgumentException.class, () -> LifecycleDemo.run(new String[] {"--rpc"}, System.out));
        assertThrows(IllegalArgumentException.class, () -> LifecycleDemo.run(new String[] {"--private-key", "zz"}, System.out));
    }

    @Test
    void unreachableNodeFailsCleanly() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = LifecycleDemo.run(new String[] {"--rpc", "http://127.0.0.1:1"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("NodeUnavailableException"), bytes.toString(StandardCharsets.UTF_8));
    }
}
