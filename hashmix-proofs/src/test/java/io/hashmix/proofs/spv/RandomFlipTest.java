package io.hashmix.proofs.spv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.spv.SpvFixtures.Scenario;
import io.hashmix.proofs.spv.SpvVerificationException.Reason;

/**
 * Checklist item 12: random bit flips anywhere in the evidence (headers, transaction, coinbase, branches, indexes)
 * never verify. The chain is mined at nBits 0x1f00ffff, so a changed header meets its target only with odds of
 * about 2^-16 (at regtest's 0x207fffff half of all changed tip headers would still "meet" it: that would be a new,
 * valid block, not a forgery). Seeded, so the run is reproducible.
 */
class RandomFlipTest {

    private static final int ROUNDS = 4000;
    private static final Scenario HARD = SpvFixtures.scenario("fuzz", NetworkParams.REGTEST, 700, SpvFixtures.HARD_BITS,
            SpvFixtures.standardBlock(701, 7), 1, 3);
    private static final PaymentProof VALID = HARD.proof(5, SpvFixtures.PAYEE, 5000, 4);

    @Test
    void item12_randomFlipsInHeadersAndProofsNeverVerify() {
        SpvResult ok = HARD.verify(VALID);
        assertEquals(4, ok.confirmations());
        Random rnd = new Random(0x5eed_b17cL);
        Map<Reason, Integer> seen = new EnumMap<>(Reason.class);
        for (int round = 0; round < ROUNDS; round++) {
            PaymentProof mutated = mutate(VALID, rnd);
            try {
                SpvResult r = HARD.verify(mutated);
                fail("round " + round + ": a mutated proof verified: " + mutated + " -> " + r);
            } catch (SpvVerificationException e) {
                seen.merge(e.reason(), 1, Integer::sum);
            }
        }
        for (Reason r : List.of(Reason.BROKEN_LINK, Reason.INSUFFICIENT_WORK, Reason.BAD_TARGET,
                Reason.WRONG_MERKLE_BRANCH, Reason.WRONG_INDEX, Reason.MALFORMED)) {
            assertTrue(seen.getOrDefault(r, 0) > 0, "flips should also produce " + r + ": " + seen);
        }
    }

    /** Flips one random bit of one random part of the evidence (the claim parameters are left alone). */
    static PaymentProof mutate(PaymentProof p, Random rnd) {
        int part = rnd.nextInt(7);
        switch (part) {
            case 0, 1 -> {
                List<BlockHeader> headers = new ArrayList<>(p.headers());
                int i = rnd.nextInt(headers.size());
                byte[] raw = headers.get(i).serialize();
                raw[rnd.nextInt(raw.length)] ^= (byte) (1 << rnd.nextInt(8));
                headers.set(i, BlockHeader.parse(raw));
                return SpvFixtures.withHeaders(p, headers, p.headerIndex());
            }
            case 2 -> {
                byte[] tx = p.transaction();
                tx[rnd.nextInt(tx.length)] ^= (byte) (1 << rnd.nextInt(8));
                return SpvFixtures.withTx(p, tx, p.txIndex(), p.merkleBranch());
            }
            case 3 -> {
                byte[] cb = p.coinbaseTransaction();
                cb[rnd.nextInt(cb.length)] ^= (byte) (1 << rnd.nextInt(8));
                return SpvFixtures.withCoinbase(p, cb, p.coinbaseBranch());
            }
            case 4 -> {
                int level = rnd.nextInt(p.merkleBranch().size());
                return SpvFixtures.withBranch(p, SpvFixtures.replace(p.merkleBranch(), level,
                        SpvFixtures.flipBit(p.merkleBranch().get(level), rnd.nextInt(256))));
            }
            case 5 -> {
                int level = rnd.nextInt(p.coinbaseBranch().size());
                return SpvFixtures.withCoinbase(p, p.coinbaseTransaction(), SpvFixtures.replace(p.coinbaseBranch(), level,
                        SpvFixtures.flipBit(p.coinbaseBranch().get(level), rnd.nextInt(256))));
            }
            default -> {
                if (rnd.nextBoolean()) {
                    return SpvFixtures.withIndex(p, p.txIndex() ^ (1L << rnd.nextInt(32)));
                }
                return SpvFixtures.withHeaders(p, p.headers(), p.headerIndex() ^ (1 << rnd.nextInt(4)));
            }
        }
    }

    @Test
    void item12_randomCharacterChangesInTheJsonNeverForgeEvidence() {
        String json = PaymentProofJson.toJson(VALID);
        Random rnd = new Random(12);
        String alphabet = "0123456789abcdefABCDEF\"{}[],:x -";
        int rejected = 0;
        for (int round = 0; round < 1500; round++) {
            char[] chars = json.toCharArray();
            int at = rnd.nextInt(chars.length);
            chars[at] = alphabet.charAt(rnd.nextInt(alphabet.length()));
            PaymentProof parsed;
            try {
                parsed = PaymentProofJson.fromJson(new String(chars));
            } catch (ProofJsonException e) {
                rejected++;
                continue;
            }
            try {
                HARD.verify(parsed);
            } catch (SpvVerificationException e) {
                rejected++;
                continue;
            }
            // it verified: then the evidence is unchanged (a hex digit's case, or a claim parameter, was changed)
            assertEquals(VALID.headers(), parsed.headers(), "round " + round);
            assertEquals(VALID.merkleBranch(), parsed.merkleBranch());
            assertEquals(VALID.coinbaseBranch(), parsed.coinbaseBranch());
            assertArrayEquals(VALID.transaction(), parsed.transaction());
            assertArrayEquals(VALID.coinbaseTransaction(), parsed.coinbaseTransaction());
            assertEquals(VALID.txIndex(), parsed.txIndex());
        }
        assertTrue(rejected > 1000, "most changes are rejected: " + rejected);
    }
}
