package io.hashmix.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Keeps {@code scripts/bench-gas.sh} working: runs {@link GasReceipts} once (a local node, about
 * 15 s) and checks that every scenario was measured from a successful receipt, in the order the
 * scenarios' costs must have. The figures themselves are checked by the Solidity gas snapshot
 * ({@code npm run gas:check}), not here.
 */
class GasReceiptsSmokeTest {

    @Test
    void measuresEveryScenarioFromAReceipt() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<GasReceipts.Measurement> all = GasReceipts.run(new PrintStream(buffer, true, StandardCharsets.UTF_8), false);
        String printed = buffer.toString(StandardCharsets.UTF_8);

        assertEquals(24, all.size(), printed);
        Map<String, Long> gas = all.stream().collect(Collectors.toMap(GasReceipts.Measurement::scenario,
                GasReceipts.Measurement::gasUsed));
        for (GasReceipts.Measurement m : all) {
            assertTrue(m.gasUsed() > 21_000 + m.calldataGas(), m.scenario() + ": " + m.gasUsed());
            assertTrue(m.txHash().matches("0x[0-9a-f]{64}"), m.txHash());
            assertTrue(printed.contains(m.scenario()), m.scenario());
        }
        // every Hardhat gas test has its receipt
        assertEquals(17, all.stream().filter(m -> !m.hardhatTest().isEmpty()).count());
        long whole = gas.get("whole token, native coin (fresh taker)");
        assertTrue(gas.get("whole token, ERC-20 (fresh taker)") > whole, "an ERC-20 fill costs more than a native one");
        assertTrue(gas.get("partial fill (carve), native coin") > whole, "a carve costs more than a transfer");
        assertTrue(gas.get("later partial fill (token carved before), native coin") > gas.get("partial fill (carve), native coin"),
                "a token's later carve moves the holding its slice kept to a slot of its own");
        assertTrue(gas.get("carve of a token carved before, to a fresh holder") > gas.get("carve to a fresh holder"),
                "a token's later carve moves the holding its slice kept to a slot of its own");
        assertTrue(gas.get("safeTransferFrom to a fresh holder (TokenizationClient.transfer)")
                > gas.get("transferFrom to a fresh holder"), "safeTransferFrom adds the receiver check");
    }
}
