package io.hashmix.proofs.spv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.attestation.BundleVerifier;
import io.hashmix.proofs.attestation.Committee;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;

/** The payout commitment: field rules, the EIP-712 encoding of {@code bytes[]}, JSON, signing and offline checking. */
class PayoutCommitmentTest {

    static final byte[] A = SpvFixtures.p2wpkh(1);
    static final byte[] B = SpvFixtures.p2tr(2);

    static PayoutCommitment commitment() {
        return new PayoutCommitment(ProductId.of(7), List.of(A, B), true, 2, BigInteger.valueOf(9), 1_800_000_000L, 3);
    }

    @Test
    void typeStringAndStructHash() {
        assertEquals("PayoutCommitment(uint256 productId,bytes[] payoutScripts,bool spvRequired,uint64 version,"
                + "uint256 nonce,uint64 deadline,uint64 committeeEpoch)", PayoutCommitment.TYPE_STRING);
        assertEquals(Bytes32.keccakUtf8(PayoutCommitment.TYPE_STRING), PayoutCommitment.TYPE_HASH);
        PayoutCommitment c = commitment();
        byte[] hashes = new byte[64];
        Bytes32.keccak(A).copyTo(hashes, 0);
        Bytes32.keccak(B).copyTo(hashes, 32);
        Bytes32 expected = AbiWords.of(8).bytes32(PayoutCommitment.TYPE_HASH).uint256(BigInteger.valueOf(7))
                .bytes32(Bytes32.keccak(hashes)).bool(true).uint64(2).uint256(BigInteger.valueOf(9)).uint64(1_800_000_000L)
                .uint64(3).keccak();
        assertEquals(expected, c.structHash());
        assertEquals(List.of(Bytes32.keccak(A), Bytes32.keccak(B)), c.scriptHashes());
        assertTrue(c.commits(A));
        assertFalse(c.commits(SpvFixtures.p2wpkh(3)));
        assertFalse(c.commits(null));
        // the order of the scripts is signed
        PayoutCommitment swapped = new PayoutCommitment(ProductId.of(7), List.of(B, A), true, 2, BigInteger.valueOf(9),
                1_800_000_000L, 3);
        assertNotEquals(c.structHash(), swapped.structHash());
        assertNotEquals(c, swapped);
    }

    @Test
    void fieldRules() {
        ProductId p = ProductId.of(1);
        BigInteger n = BigInteger.ONE;
        assertThrows(IllegalArgumentException.class, () -> new PayoutCommitment(null, List.of(A), true, 1, n, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PayoutCommitment(p, List.of(), true, 1, n, 1, 1));
        List<byte[]> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(new byte[] {(byte) i});
        }
        assertThrows(IllegalArgumentException.class, () -> new PayoutCommitment(p, nine, true, 1, n, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PayoutCommitment(p, List.of(new byte[0]), true, 1, n, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new PayoutCommitment(p, List.of(new byte[10_001]), true, 1, n, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PayoutCommitment(p, List.of(A, A.clone()), true, 1, n, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PayoutCommitment(p, List.of(A), true, 0, n, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PayoutCommitment(p, List.of(A), true, 1, n.negate(), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PayoutCommitment(p, List.of(A), true, 1, n, 0, 1));
        // copies in and out
        byte[] script = A.clone();
        PayoutCommitment c = new PayoutCommitment(p, List.of(script), true, 1, n, 1, 1);
        script[0] = 9;
        assertArrayEquals(A, c.payoutScripts().get(0));
        c.payoutScripts().get(0)[0] = 9;
        assertArrayEquals(A, c.payoutScripts().get(0));
        assertEquals(c, new PayoutCommitment(p, List.of(A), true, 1, n, 1, 1));
        assertEquals(c.hashCode(), new PayoutCommitment(p, List.of(A), true, 1, n, 1, 1).hashCode());
        assertTrue(c.toString().contains(HexFormatHolder.hex(A)));
        // uint64 fields are unsigned
        PayoutCommitment max = new PayoutCommitment(p, List.of(A), false, -1L, n, -1L, -1L);
        assertTrue(max.toString().contains("18446744073709551615"));
    }

    @Test
    void signedBundleVerifiesOfflineAndRoundTripsThroughJson() {
        List<ECKeyPair> keys = new ArrayList<>();
        List<EvmAddress> members = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ECKeyPair k = ECKeyPair.create(Bytes32.keccakUtf8("commitment-signer-" + i).value());
            keys.add(k);
            members.add(EvmAddress.of("0x" + Keys.getAddress(k.getPublicKey())));
        }
        Eip712Domain domain = Eip712Domain.hashMix(31337, EvmAddress.of("0x5FbDB2315678afecb367f032d93F642f64180aa3"));
        PayoutCommitment c = commitment();
        PayoutCommitmentBundle bundle = PayoutCommitmentBundle.builder(domain, c).signWith(keys).build();
        assertEquals(3, bundle.signatures().size());
        assertEquals(c, bundle.message());
        Committee committee = new Committee(3, new java.util.HashSet<>(members));
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        new BundleVerifier(domain, committee, 3, clock).verify(bundle);

        String json = PayoutCommitmentJson.toJson(bundle);
        PayoutCommitmentBundle back = PayoutCommitmentJson.fromJson(json);
        assertEquals(bundle, back);
        assertEquals(bundle.digest(), back.digest());
        assertEquals(json, PayoutCommitmentJson.toJson(back));
    }

    @Test
    void jsonIsStrict() {
        Eip712Domain domain = Eip712Domain.hashMix(1, EvmAddress.of("0x5FbDB2315678afecb367f032d93F642f64180aa3"));
        String good = PayoutCommitmentJson.toJson(new PayoutCommitmentBundle(domain, commitment(), List.of()));
        assertTrue(good.contains("\"spvRequired\": true"), good);
        assertThrows(ProofJsonException.class, () -> PayoutCommitmentJson.fromJson(good.replace("\"spvRequired\": true",
                "\"spvRequired\": \"yes\"")));
        assertThrows(ProofJsonException.class, () -> PayoutCommitmentJson.fromJson(good.replace("\"0x0014", "\"0014")));
        assertThrows(ProofJsonException.class, () -> PayoutCommitmentJson.fromJson(good.replace("\"0x0014", "\"0x0z14")));
        assertThrows(ProofJsonException.class, () -> PayoutCommitmentJson.fromJson(good.replace("\"version\": \"2\"",
                "\"version\": \"0\"")));
        assertThrows(ProofJsonException.class, () -> PayoutCommitmentJson.fromJson(good.replace("\"nonce\"", "\"nonse\"")));
        assertThrows(IllegalArgumentException.class, () -> PayoutCommitmentJson.toNode(null));
        assertThrows(IllegalArgumentException.class, () -> PayoutCommitmentJson.commitmentToNode(null));
    }

    /** Hex of a byte array (tests). */
    static final class HexFormatHolder {
        static String hex(byte[] b) {
            return java.util.HexFormat.of().formatHex(b);
        }
    }
}
