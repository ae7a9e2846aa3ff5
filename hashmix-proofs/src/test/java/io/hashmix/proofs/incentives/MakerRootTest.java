package io.hashmix.proofs.incentives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.attestation.AttestorSignature;
import io.hashmix.proofs.attestation.BundleVerifier;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.vectors.Fixtures;
import io.hashmix.proofs.vectors.MakerRewardsVectors;
import io.hashmix.proofs.vectors.TestKeys;

class MakerRootTest {

    private static final Bytes32 ROOT = Bytes32.keccakUtf8("a maker rewards root");
    private static final MakerRoot BASE = new MakerRoot(3, 1_234_567, ROOT, BigInteger.TEN.pow(21), BigInteger.valueOf(42),
            Fixtures.JAN_2026, 5);

    @Test
    void typeStringIsPinned() {
        assertEquals("MakerRoot(uint64 period,uint64 toBlock,bytes32 root,uint256 total,uint256 nonce,uint64 deadline,uint64 committeeEpoch)",
                MakerRoot.TYPE_STRING);
        assertEquals(new Bytes32(Hash.sha3(MakerRoot.TYPE_STRING.getBytes(java.nio.charset.StandardCharsets.UTF_8))), MakerRoot.TYPE_HASH);
        assertEquals(MakerRoot.TYPE_STRING, BASE.typeString());
        assertEquals(MakerRoot.TYPE_HASH, BASE.typeHash());
    }

    private static String word(BigInteger v) {
        return String.format("%64s", v.toString(16)).replace(' ', '0');
    }

    /** The struct hash against the ABI words written out by hand: eight 32-byte words, uint64s left-padded. */
    @Test
    void structHashIsTheKeccakOfTheHandWrittenAbiWords() {
        String words = MakerRoot.TYPE_HASH.toHex().substring(2)
                + word(BigInteger.valueOf(3))
                + word(BigInteger.valueOf(1_234_567))
                + ROOT.toHex().substring(2)
                + word(BigInteger.TEN.pow(21))
                + word(BigInteger.valueOf(42))
                + word(BigInteger.valueOf(Fixtures.JAN_2026))
                + word(BigInteger.valueOf(5));
        assertEquals(8 * 64, words.length());
        assertEquals(new Bytes32(Hash.sha3(HexFormat.of().parseHex(words))), BASE.structHash());
        // uint64s are unsigned: -1L is 2^64-1
        MakerRoot max = new MakerRoot(-1L, -1L, ROOT, AbiWords.UINT256_MAX, AbiWords.UINT256_MAX, -1L, -1L);
        String u64max = word(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        String maxWords = MakerRoot.TYPE_HASH.toHex().substring(2) + u64max + u64max + ROOT.toHex().substring(2)
                + "f".repeat(64) + "f".repeat(64) + u64max + u64max;
        assertEquals(new Bytes32(Hash.sha3(HexFormat.of().parseHex(maxWords))), max.structHash());
    }

    @Test
    void digestIsTheEip712DigestInTheMakerRewardsDomain() {
        Eip712Domain domain = MakerRewardsVectors.DOMAIN;
        assertEquals(Eip712.digest(domain.separator(), BASE.structHash()), BASE.digest(domain));
        assertNotEquals(BASE.digest(domain), BASE.digest(Eip712Domain.hashMix(1, domain.verifyingContract())));
        assertThrows(IllegalArgumentException.class, () -> BASE.digest(null));
    }

    @Test
    void everyFieldChangesTheStructHash() {
        MakerRoot b = BASE;
        List<MakerRoot> variants = List.of(
                new MakerRoot(b.period() + 1, b.toBlock(), b.root(), b.total(), b.nonce(), b.deadline(), b.committeeEpoch()),
                new MakerRoot(b.period(), b.toBlock() + 1, b.root(), b.total(), b.nonce(), b.deadline(), b.committeeEpoch()),
                new MakerRoot(b.period(), b.toBlock(), Bytes32.ZERO, b.total(), b.nonce(), b.deadline(), b.committeeEpoch()),
                new MakerRoot(b.period(), b.toBlock(), b.root(), b.total().add(BigInteger.ONE), b.nonce(), b.deadline(), b.committeeEpoch()),
                new MakerRoot(b.period(), b.toBlock(), b.root(), b.total(), b.nonce().add(BigInteger.ONE), b.deadline(), b.committeeEpoch()),
                new MakerRoot(b.period(), b.toBlock(), b.root(), b.total(), b.nonce(), b.deadline() + 1, b.committeeEpoch()),
                new MakerRoot(b.period(), b.toBlock(), b.root(), b.total(), b.nonce(), b.deadline(), b.committeeEpoch() + 1));
        for (MakerRoot v : variants) {
            assertNotEquals(b.structHash(), v.structHash(), v.toString());
        }
    }

    @Test
    void rejectsInvalidFields() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new MakerRoot(0, 1, ROOT, BigInteger.ONE, BigInteger.ONE, 1, 1));
        assertTrue(zero.getMessage().contains("from 1"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MakerRoot(1, 1, null, BigInteger.ONE, BigInteger.ONE, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MakerRoot(1, 1, ROOT, null, BigInteger.ONE, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MakerRoot(1, 1, ROOT, BigInteger.ONE, null, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MakerRoot(1, 1, ROOT, BigInteger.ONE.negate(), BigInteger.ONE, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new MakerRoot(1, 1, ROOT, AbiWords.UINT256_MAX.add(BigInteger.ONE), BigInteger.ONE, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new MakerRoot(1, 1, ROOT, BigInteger.ONE, AbiWords.UINT256_MAX.add(BigInteger.ONE), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> MakerRoot.of(1, 1, null, BigInteger.ONE, 1, 1));
        // the unsigned maxima are valid
        MakerRoot max = new MakerRoot(-1L, -1L, ROOT, AbiWords.UINT256_MAX, AbiWords.UINT256_MAX, -1L, -1L);
        assertTrue(max.toString().contains("period=18446744073709551615"), max.toString());
    }

    @Test
    void ofTakesTheTreesRootAndTotal() {
        MakerRewardsTree tree = MakerRewardsTree.of(List.of(new MakerReward(EvmAddress.of("0x" + "12".repeat(20)), BigInteger.TWO),
                new MakerReward(EvmAddress.of("0x" + "34".repeat(20)), BigInteger.TEN)));
        MakerRoot r = MakerRoot.of(1, 99, tree, BigInteger.ONE, Fixtures.JAN_2026, 2);
        assertEquals(new MakerRoot(1, 99, tree.root(), BigInteger.valueOf(12), BigInteger.ONE, Fixtures.JAN_2026, 2), r);
    }

    /** Signed like every committee message: sorted by signer, low s, 3-of-5 against the committee of the epoch. */
    @Test
    void bundleSignsSortsAndVerifiesAsACommitteeMessage() {
        Eip712Domain domain = MakerRewardsVectors.DOMAIN;
        MakerRootBundle bundle = MakerRootBundle.builder(domain, BASE)
                .signWith(TestKeys.key(5), TestKeys.key(1), TestKeys.key(3)).build();
        assertEquals(BASE, bundle.message());
        assertEquals(BASE.digest(domain), bundle.digest());
        List<AttestorSignature> sigs = bundle.signatures();
        for (int i = 1; i < sigs.size(); i++) {
            assertTrue(sigs.get(i - 1).signer().hex().compareTo(sigs.get(i).signer().hex()) < 0, "ascending signers");
        }
        for (AttestorSignature s : sigs) {
            assertEquals(s.signer(), BundleVerifier.recoverSigner(bundle.digest(), s.signature()));
        }
        BundleVerifier verifier = new BundleVerifier(domain, TestKeys.committee(BASE.committeeEpoch()), 3,
                Clock.fixed(Instant.ofEpochSecond(Fixtures.JAN_2025), ZoneOffset.UTC));
        assertEquals(3, verifier.verify(bundle).signers().size());
        assertTrue(BASE.isExpiredAt(Fixtures.JAN_2026 + 1));
        assertThrows(IllegalArgumentException.class, () -> new MakerRootBundle(domain, null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> MakerRootBundle.builder(domain, BASE)
                .signWith(TestKeys.key(2), TestKeys.key(2)).build());
    }
}
