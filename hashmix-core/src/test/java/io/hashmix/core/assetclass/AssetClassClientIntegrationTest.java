package io.hashmix.core.assetclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.HashMix;
import io.hashmix.core.deploy.Deployer;
import io.hashmix.core.errors.UnauthorizedAccountException;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;

@ExtendWith(LocalChainExtension.class)
class AssetClassClientIntegrationTest {

    private static NewAssetClass btc(LocalChain chain) {
        return new NewAssetClass("BTC-SHA256", "TH/s", 3, payoutToken(chain));
    }

    private static EvmAddress payoutToken(LocalChain chain) {
        return chain.deployment().contract(ProtocolContract.TEST_PAYOUT_TOKEN).address();
    }

    private static Throwable cause(CompletableFuture<?> f) {
        CompletionException e = assertThrows(CompletionException.class, f::join);
        return e.getCause();
    }

    @Test
    void registersAndReadsBack(LocalChain chain) {
        HashMix admin = chain.client(0);
        AssetClassClient classes = admin.assetClasses();

        AssetClass registered = classes.register(btc(chain)).join();

        assertEquals(AssetClassId.ofSymbol("BTC-SHA256"), registered.id());
        assertEquals("BTC-SHA256", registered.symbol());
        assertEquals("TH/s", registered.unitName());
        assertEquals(3, registered.unitDecimals());
        assertEquals(payoutToken(chain), registered.payoutToken());
        assertTrue(registered.active());
        assertTrue(registered.registeredAt().getEpochSecond() > 0);
        assertEquals(registered, classes.get(registered.id()).join());
        assertEquals(registered, chain.readOnlyClient().assetClasses().find(registered.id()).join().orElseThrow());
        assertTrue(classes.isRegistered(registered.id()).join());
        assertTrue(classes.isActive(registered.id()).join());
    }

    @Test
    void listsEveryClassInRegistrationOrder(LocalChain chain) {
        AssetClassClient classes = chain.client(0).assetClasses();
        List<String> symbols = List.of("BTC-SHA256", "ETC-ETCHASH", "FIL-STORAGE", "FIL-SEALING");
        for (String s : symbols) {
            classes.register(new NewAssetClass(s, "UNIT", 0, payoutToken(chain))).join();
        }
        assertEquals(4L, classes.count().join());
        assertEquals(symbols, classes.list().join().stream().map(AssetClass::symbol).toList());
        assertEquals(List.of(AssetClassId.ofSymbol("FIL-STORAGE")), classes.ids(2, 1).join());
    }

    @Test
    void unknownClassIsATypedError(LocalChain chain) {
        AssetClassId id = AssetClassId.ofSymbol("NOPE");
        Throwable e = cause(chain.readOnlyClient().assetClasses().get(id));
        UnknownAssetClassException unknown = assertInstanceOf(UnknownAssetClassException.class, e);
        assertEquals(id, unknown.assetClassId());
        assertTrue(unknown.getMessage().contains("UnknownAssetClass"), unknown.getMessage());
        assertTrue(chain.readOnlyClient().assetClasses().find(id).join().isEmpty());
    }

    @Test
    void duplicateRegistrationIsRefusedAtEstimateWithoutSpendingANonce(LocalChain chain) {
        HashMix admin = chain.client(0);
        admin.assetClasses().register(btc(chain)).join();
        String nonceBefore = admin.rpc().call("eth_getTransactionCount", chain.address(0).hex(), "latest").join().asText();

        Throwable e = cause(admin.assetClasses().register(btc(chain)));

        AssetClassAlreadyRegisteredException dup = assertInstanceOf(AssetClassAlreadyRegisteredException.class, e);
        assertEquals(AssetClassId.ofSymbol("BTC-SHA256"), dup.assetClassId());
        assertTrue(dup.context().contains("gas estimate"), dup.context());
        assertEquals(nonceBefore, admin.rpc().call("eth_getTransactionCount", chain.address(0).hex(), "latest").join().asText());
    }

    /** SECURITY-CHECKLIST item 31: every admin function refuses other accounts. */
    @Test
    void adminFunctionsRefuseOtherAccounts(LocalChain chain) {
        chain.client(0).assetClasses().register(btc(chain)).join();
        AssetClassClient stranger = chain.client(3).assetClasses();
        AssetClassId id = AssetClassId.ofSymbol("BTC-SHA256");
        List<CompletableFuture<?>> attempts = List.of(
                stranger.register(new NewAssetClass("FIL-STORAGE", "TiB", 0, payoutToken(chain))),
                stranger.setActive(id, false),
                stranger.schedulePayoutTokenChange(id, chain.deployment().contract(ProtocolContract.ASSET_CLASS_REGISTRY).address()),
                stranger.cancelPayoutTokenChange(id));
        for (CompletableFuture<?> attempt : attempts) {
            UnauthorizedAccountException e = assertInstanceOf(UnauthorizedAccountException.class, cause(attempt));
            assertEquals(chain.address(3), e.account());
        }
    }

    @Test
    void payoutTokenThatIsNotAContractIsRefused(LocalChain chain) {
        Throwable e = cause(chain.client(0).assetClasses().register(new NewAssetClass("BTC-SHA256", "TH/s", 3, chain.address(5))));
        InvalidAssetClassParameterException invalid = assertInstanceOf(InvalidAssetClassParameterException.class, e);
        assertEquals("payoutToken", invalid.parameter());
        assertEquals(chain.address(5), invalid.value());
    }

    @Test
    void deactivateAndUnchangedStatus(LocalChain chain) {
        AssetClassClient classes = chain.client(0).assetClasses();
        AssetClassId id = classes.register(btc(chain)).join().id();
        classes.setActive(id, false).join();
        assertFalse(classes.isActive(id).join());
        AssetClassStatusUnchangedException e = assertInstanceOf(AssetClassStatusUnchangedException.class,
                cause(classes.setActive(id, false)));
        assertEquals(id, e.assetClassId());
        assertFalse(e.active());
    }

    /** SECURITY-CHECKLIST item 31: a change that can hurt holders waits out a delay. */
    @Test
    void payoutTokenChangeIsTimeLocked(LocalChain chain) {
        HashMix admin = chain.client(0);
        AssetClassClient classes = admin.assetClasses();
        AssetClassId id = classes.register(btc(chain)).join().id();
        EvmAddress newToken = new Deployer(admin).deployTestToken("Wrapped BTC v2", "tWBTC2", 8, chain.address(0)).join().address();

        PendingPayoutTokenChange pending = classes.schedulePayoutTokenChange(id, newToken).join();
        assertEquals(newToken, pending.newToken());
        assertEquals(pending, classes.pendingPayoutTokenChange(id).join().orElseThrow());
        long now = chain.control().latestTimestamp().join();
        assertEquals(now + Duration.ofDays(2).toSeconds(), pending.eta().getEpochSecond());

        // anyone may apply, but not before the eta
        AssetClassClient anyone = chain.client(7).assetClasses();
        PayoutTokenChangeNotReadyException early = assertInstanceOf(PayoutTokenChangeNotReadyException.class,
                cause(anyone.applyPayoutTokenChange(id)));
        assertEquals(pending.eta(), early.eta());
        assertEquals(payoutToken(chain), classes.get(id).join().payoutToken());

        chain.control().increaseTime(Duration.ofDays(2)).join();
        anyone.applyPayoutTokenChange(id).join();
        assertEquals(newToken, classes.get(id).join().payoutToken());
        assertTrue(classes.pendingPayoutTokenChange(id).join().isEmpty());
        assertInstanceOf(NoPendingPayoutTokenChangeException.class, cause(anyone.applyPayoutTokenChange(id)));
    }

    @Test
    void cancelledChangeCannotBeApplied(LocalChain chain) {
        HashMix admin = chain.client(0);
        AssetClassClient classes = admin.assetClasses();
        AssetClassId id = classes.register(btc(chain)).join().id();
        EvmAddress newToken = new Deployer(admin).deployTestToken("Other", "OTH", 18, chain.address(0)).join().address();
        classes.schedulePayoutTokenChange(id, newToken).join();
        classes.cancelPayoutTokenChange(id).join();
        chain.control().increaseTime(Duration.ofDays(3)).join();
        NoPendingPayoutTokenChangeException e = assertInstanceOf(NoPendingPayoutTokenChangeException.class,
                cause(classes.applyPayoutTokenChange(id)));
        assertEquals(id, e.assetClassId());
    }

    @Test
    void readOnlyClientCannotSend(LocalChain chain) {
        HashMix readOnly = chain.readOnlyClient();
        assertInstanceOf(InvalidRequestException.class, cause(readOnly.assetClasses().register(btc(chain))));
        assertThrows(InvalidRequestException.class, readOnly::transactions);
    }
}
