package io.hashmix.proofs.lending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TestVectors;
import io.hashmix.proofs.attestation.AttestationJson;
import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.vectors.LendingVectors;
import io.hashmix.proofs.vectors.Web3jTypedData;

/**
 * The lending vectors (read by {@code contracts/test/LendingVectors.t.sol} too) equal what the code produces, and
 * hold up independently: web3j's generic EIP-712 encoder gives every order's digest, every signature recovers to
 * its maker, and a few interest figures worked by hand agree. Regenerate with
 * {@code -Dhashmix.vectors.regenerate=true}. Checklist A.6 for loan orders.
 */
class LendingVectorsTest {

    @ParameterizedTest
    @ValueSource(strings = {LendingVectors.ORDERS_FILE, LendingVectors.MATH_FILE})
    void committedVectorsEqualGeneratedOnes(String name) throws IOException {
        String generated = generate(name);
        assertEquals(generated, generate(name), "generation must be deterministic");
        Path file = TestVectors.dir().resolve(name);
        if (Boolean.getBoolean("hashmix.vectors.regenerate")) {
            Files.writeString(file, generated);
        }
        assertTrue(Files.exists(file), file + " is missing; run with -Dhashmix.vectors.regenerate=true");
        assertEquals(generated, Files.readString(file).replace("\r\n", "\n"),
                file + " differs from the generator; run with -Dhashmix.vectors.regenerate=true and commit");
    }

    @Test
    void orderVectorsHashAndVerifyIndependently() throws Exception {
        JsonNode root = JsonFields.parse(Files.readString(TestVectors.dir().resolve(LendingVectors.ORDERS_FILE)));
        Eip712Domain domain = AttestationJson.domainFromNode(root.get("domain"), "$.domain");
        assertEquals(domain.separator().toHex(), root.get("domainSeparator").asText());
        int count = 0;
        for (LoanOrderKind kind : LoanOrderKind.values()) {
            assertEquals(kind.typeHash().toHex(), root.get("types").get(kind.jsonName()).get("typeHash").asText());
            assertEquals(Integer.toString(kind.code()), root.get("types").get(kind.jsonName()).get("code").asText());
            for (JsonNode c : root.get(LendingVectors.arrayName(kind))) {
                LoanOrder order = LoanOrderJson.orderFromNode(kind, c.get("order"), "$.order");
                assertEquals(c.get("structHash").asText(), order.structHash().toHex());
                assertEquals(c.get("digest").asText(),
                        Web3jTypedData.digest(domain, kind.typeString(), (ObjectNode) c.get("order")).toHex(),
                        "web3j's independent encoder agrees: " + c.get("name").asText());
                SignedLoanOrder signed = new SignedLoanOrder(domain, order,
                        java.util.HexFormat.of().parseHex(c.get("signature").asText().substring(2)));
                assertEquals(EvmAddress.of(c.get("signer").get("address").asText()), signed.signer());
                assertEquals(order.maker(), signed.signer());
                count++;
            }
        }
        assertEquals(10, count);
    }

    /** Figures worked by hand: 0.1 BTC at 10% for 28 days is 76,712.33 sat of interest, rounded up. */
    @Test
    void interestFiguresWorkedByHand() {
        assertEquals(BigInteger.valueOf(76_713), LoanMath.interestFor(BigInteger.valueOf(10_000_000), 1_000, 28L * 86_400));
        assertEquals(BigInteger.ONE, LoanMath.interestFor(BigInteger.ONE, 1, 1));
        assertEquals(BigInteger.valueOf(100_000_000), LoanMath.interestFor(BigInteger.valueOf(1_000_000), 1_000_000, 365L * 86_400));
        // a 1 BTC token at 50% LTV with BTC at 1e15 numeraire per satoshi
        assertEquals(BigInteger.valueOf(50_000_000),
                LoanMath.maxPrincipal(new BigInteger("100000000000000000000000"), 5_000, new BigInteger("1000000000000000")));
    }

    private static String generate(String name) {
        return name.equals(LendingVectors.ORDERS_FILE) ? LendingVectors.orders() : LendingVectors.math();
    }
}
