package io.hashmix.core.committee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.core.HashMix;
import io.hashmix.core.deploy.DeployOptions;
import io.hashmix.core.errors.UnauthorizedAccountException;
import io.hashmix.core.testing.TokenizationFixture;
import io.hashmix.core.tokenization.MintedProduct;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;

@ExtendWith(LocalChainExtension.class)
class CommitteeClientIntegrationTest {

    private static final BigInteger ONE_COIN = BigInteger.TEN.pow(18);

    private static Throwable cause(CompletableFuture<?> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    @Test
    void membershipBondsAndEpochs(LocalChain chain) {
        TokenizationFixture fx = new TokenizationFixture(chain);
        CommitteeClient committee = chain.readOnlyClient().committee();
        assertEquals(List.of(1, 2, 3, 4, 5).stream().map(chain::address).toList(), committee.members().join());
        assertEquals(TokenizationFixture.THRESHOLD, committee.threshold(TokenizationFixture.BTC).join());
        assertEquals(DeployOptions.DEFAULT_MIN_BOND, committee.minBond().join());
        assertEquals(DeployOptions.DEFAULT_EXIT_DELAY, committee.exitDelay().join());
        AttestorInfo info = committee.info(chain.address(1)).join();
        assertTrue(info.member() && info.active());
        assertEquals(ONE_COIN, info.bond());

        // an unbonded member is on the committee but its signatures do not count: the verifier's committee omits it
        fx.admin().committee().addAttestor(chain.address(7)).join();
        assertTrue(committee.members().join().contains(chain.address(7)));
        assertFalse(committee.committee().join().members().contains(chain.address(7)));
        assertEquals(5, committee.committee().join().size());

        long epoch = committee.epoch().join();
        fx.admin().committee().removeAttestor(chain.address(5)).join();
        assertEquals(epoch + 1, committee.epoch().join());
        assertFalse(committee.isActive(chain.address(5)).join());
        assertEquals(5, committee.members().join().size());
        assertEquals(4, committee.committee().join().size());
    }

    /** SECURITY-CHECKLIST item 31: admin functions refuse other accounts. */
    @Test
    void item31_adminFunctionsRefuseOthers(LocalChain chain) {
        CommitteeClient stranger = chain.client(9).committee();
        for (CompletableFuture<?> attempt : List.of(stranger.addAttestor(chain.address(9)),
                stranger.removeAttestor(chain.address(1)), stranger.setThreshold(TokenizationFixture.BTC, 1))) {
            UnauthorizedAccountException e = assertInstanceOf(UnauthorizedAccountException.class, cause(attempt));
            assertEquals(chain.address(9), e.account());
        }
    }

    /** SECURITY-CHECKLIST item 8: a leaving attestor cannot take its bond before its products end and the delay passes. */
    @Test
    void item8_exitWaitsForTheDelayAndForSignedProducts(LocalChain chain) {
        TokenizationFixture fx = new TokenizationFixture(chain);
        HashMix issuer = chain.client(TokenizationFixture.ISSUER);
        MerkleTree hardware = MerkleTree.of(TokenizationFixture.asics("EXIT-", 3));
        MintedProduct m = issuer.tokenization().mintProduct(fx.sign(fx.attestation(hardware, BigInteger.TEN, BigInteger.ONE), 1, 2, 3)).join();
        long productEnd = issuer.tokenization().product(m.productId()).join().end().getEpochSecond();

        HashMix attestor = chain.client(1);
        attestor.committee().requestExit().join();
        BondLockedException early = assertInstanceOf(BondLockedException.class, cause(attestor.committee().withdrawBond()));
        assertEquals(chain.address(1), early.attestor());
        assertTrue(early.until() >= productEnd, "locked at least until the signed product ends");

        chain.control().increaseTime(Duration.ofDays(31)).join();
        BigInteger before = balance(attestor);
        attestor.committee().withdrawBond().join();
        assertTrue(balance(attestor).compareTo(before) > 0);
        assertInstanceOf(NothingToWithdrawException.class, cause(attestor.committee().withdrawBond()));
    }

    private static BigInteger balance(HashMix hm) {
        return hm.erc20().nativeBalance(hm.account()).join();
    }

    @Test
    void badInputFailsBeforeSending(LocalChain chain) {
        CommitteeClient committee = chain.client(1).committee();
        assertInstanceOf(InvalidRequestException.class, cause(committee.depositBond(BigInteger.ZERO)));
        assertInstanceOf(InvalidRequestException.class, cause(committee.setThreshold(TokenizationFixture.BTC, 0)));
        assertInstanceOf(NotAMemberException.class, cause(chain.client(12).committee().depositBond(ONE_COIN)));
    }
}
