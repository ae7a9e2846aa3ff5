package io.hashmix.proofs.market;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.crypto.Credentials;

import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.crypto.InvalidSignatureException;
import io.hashmix.proofs.crypto.SignatureRules;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.vectors.MarketVectors;
import io.hashmix.proofs.vectors.TestKeys;

/** Makers sign orders canonically, and the signer recovers from the signed order. */
class OrderSignerTest {

    @ParameterizedTest
    @EnumSource(OrderKind.class)
    void signaturesAreCanonicalAndRecoverToTheMaker(OrderKind kind) {
        for (MarketVectors.Case c : MarketVectors.cases(kind)) {
            SignedOrder s = c.signed();
            byte[] sig = s.signature();
            assertEquals(65, sig.length);
            assertTrue(new BigInteger(1, Arrays.copyOfRange(sig, 32, 64)).compareTo(SignatureRules.HALF_CURVE_N) <= 0, "low s");
            assertTrue(sig[64] == 27 || sig[64] == 28, "v");
            assertEquals(c.order().maker(), s.signer(), c.name());
            assertEquals(Eip712.digest(MarketVectors.DOMAIN, c.order()), s.digest());
            assertEquals(kind, s.kind());
        }
    }

    @Test
    void everyBackendGivesTheSameBytes() {
        MarketVectors.Case c = MarketVectors.listings().getFirst();
        SignedOrder java = OrderSigner.sign(MarketVectors.DOMAIN, c.order(), TestKeys.key(c.key()), CryptoBackends.pureJava());
        assertEquals(c.signed(), java);
        if (CryptoBackends.nativeAvailable()) {
            CryptoBackend nat = CryptoBackends.nativeSecp256k1();
            assertEquals(java, OrderSigner.sign(MarketVectors.DOMAIN, c.order(), TestKeys.key(c.key()), nat));
            assertEquals(c.order().maker(), java.signer(nat));
        }
        assertEquals(c.order().maker(), java.signer(CryptoBackends.pureJava()));
    }

    @Test
    void signsWithCredentials() {
        MarketVectors.Case c = MarketVectors.offers().getFirst();
        assertEquals(c.signed(), OrderSigner.sign(MarketVectors.DOMAIN, c.order(), Credentials.create(TestKeys.key(c.key()))));
    }

    @Test
    void refusesAKeyThatIsNotTheMaker() {
        MarketVectors.Case c = MarketVectors.swaps().getFirst();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OrderSigner.sign(MarketVectors.DOMAIN, c.order(), TestKeys.key(c.key() + 1)));
        assertTrue(e.getMessage().contains(c.order().maker().toChecksumHex()), e.getMessage());
    }

    /** A swap's signature covers both sides' units: the same signature under other units recovers to someone else. */
    @Test
    void swapSignaturesCoverBothSidesUnits() {
        MarketVectors.Case c = MarketVectors.swaps().getFirst();
        SwapOrder order = (SwapOrder) c.order();
        SignedOrder signed = c.signed();
        for (SwapOrder changed : List.of(order.toBuilder().giveUnits(order.giveUnits().subtract(BigInteger.ONE)).build(),
                order.toBuilder().wantUnits(order.wantUnits().subtract(BigInteger.ONE)).build())) {
            SignedOrder replayed = new SignedOrder(signed.domain(), changed, signed.signature());
            assertNotEquals(signed.digest(), replayed.digest());
            assertNotEquals(order.maker(), replayed.signer());
            assertEquals(order.maker(), OrderSigner.sign(MarketVectors.DOMAIN, changed, TestKeys.key(c.key())).signer());
        }
        // the carved-token case keeps the token id and nonce of the plain one but signs other units
        SwapOrder carved = (SwapOrder) MarketVectors.swaps().get(2).order();
        assertEquals(order.giveTokenId(), carved.giveTokenId());
        assertEquals(order.giveTokenNonce(), carved.giveTokenNonce());
        assertNotEquals(order.giveUnits(), carved.giveUnits());
    }

    @Test
    void rejectsNulls() {
        MarketVectors.Case c = MarketVectors.swaps().getFirst();
        assertThrows(IllegalArgumentException.class, () -> OrderSigner.sign(null, c.order(), TestKeys.key(1)));
        assertThrows(IllegalArgumentException.class, () -> OrderSigner.sign(MarketVectors.DOMAIN, null, TestKeys.key(1)));
        assertThrows(IllegalArgumentException.class,
                () -> OrderSigner.sign(MarketVectors.DOMAIN, c.order(), (org.web3j.crypto.ECKeyPair) null));
        assertThrows(IllegalArgumentException.class,
                () -> OrderSigner.sign(MarketVectors.DOMAIN, c.order(), (Credentials) null));
        assertThrows(IllegalArgumentException.class, () -> c.signed().signer(null));
    }

    @Test
    void signedOrderCopiesItsSignatureAndComparesByValue() {
        SignedOrder s = MarketVectors.listings().getFirst().signed();
        byte[] raw = s.signature();
        raw[0] ^= 1;
        assertNotEquals(raw[0], s.signature()[0]);
        SignedOrder same = new SignedOrder(s.domain(), s.order(), s.signature());
        assertEquals(s, same);
        assertEquals(s.hashCode(), same.hashCode());
        assertNotEquals(s, new SignedOrder(s.domain(), s.order(), raw));
        assertTrue(s.toString().contains(s.signatureHex()));
        assertArrayEquals(s.signature(), same.signature());
        assertThrows(IllegalArgumentException.class, () -> new SignedOrder(s.domain(), s.order(), new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new SignedOrder(null, s.order(), raw));
        assertThrows(IllegalArgumentException.class, () -> new SignedOrder(s.domain(), null, raw));
        assertThrows(IllegalArgumentException.class, () -> new SignedOrder(s.domain(), s.order(), null));
    }

    @Test
    void recoveryRefusesNonCanonicalSignatures() {
        SignedOrder s = MarketVectors.listings().getFirst().signed();
        byte[] bad = s.signature();
        bad[64] = 29;
        SignedOrder badV = new SignedOrder(s.domain(), s.order(), bad);
        InvalidSignatureException e = assertThrows(InvalidSignatureException.class, badV::signer);
        assertEquals(InvalidSignatureException.Kind.NON_CANONICAL, e.kind());
    }
}
