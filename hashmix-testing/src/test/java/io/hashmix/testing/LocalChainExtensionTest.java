package io.hashmix.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import io.hashmix.core.HashMix;
import io.hashmix.testing.devnet.LocalHardhatNode;

/** The extension as a user sees it: a deployed protocol, funded accounts, the dev token, isolation. */
@ExtendWith(LocalChainExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalChainExtensionTest {

    private static final BigInteger AMOUNT = BigInteger.valueOf(1_234_567);

    @Test
    @Order(1)
    void aTestGetsADeployedChainAndCanMintTheDevToken(LocalChain chain) {
        assertTrue(chain.rpcUrl().startsWith("http://127.0.0.1:"), chain.rpcUrl());
        HashMix user = chain.client(5);
        assertEquals(LocalHardhatNode.CHAIN_ID, user.chainId());
        chain.devTokens().mint(chain.devToken(), chain.address(5), AMOUNT).join();
        assertEquals(AMOUNT, user.erc20().balanceOf(chain.devToken(), chain.address(5)).join());
    }

    @Test
    @Order(2)
    void theNextTestStartsFromTheDeployment(LocalChain chain) {
        // the mint of the test before was reverted with its snapshot
        assertEquals(BigInteger.ZERO, chain.readOnlyClient().erc20().balanceOf(chain.devToken(), chain.address(5)).join());
    }
}
