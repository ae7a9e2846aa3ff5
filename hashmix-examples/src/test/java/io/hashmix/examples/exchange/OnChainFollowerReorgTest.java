package io.hashmix.examples.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.HashMix;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;
import io.hashmix.core.tx.Quantities;
import io.hashmix.proofs.EvmAddress;

/**
 * Issue 16 on a real local chain: the follower over {@link SdkMarket} (block headers read by the SDK's
 * {@code BlockReader}) sees makers bump their counters, the chain is rolled back ({@code evm_revert}) and grows again
 * with other bumps, and the book's counters and remembered block hashes are the new chain's.
 */
@ExtendWith(LocalChainExtension.class)
class OnChainFollowerReorgTest {

    private static final int EXCHANGE = 9;
    private static final int MAKER_A = 12;
    private static final int MAKER_B = 13;

    private static BigInteger counterInBook(Database db, EvmAddress maker) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT counter FROM maker_counters WHERE maker = ?")) {
                p.setString(1, maker.hex());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getBigDecimal(1).toBigIntegerExact() : BigInteger.ZERO;
                }
            }
        });
    }

    private static List<String> blocksInBook(Database db) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT block_number, block_hash FROM sync_blocks ORDER BY block_number");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1) + ":" + rs.getString(2));
                }
            }
            return out;
        });
    }

    private static String hashOnChain(LocalChain chain, long n) {
        return chain.rpc().call("eth_getBlockByNumber", Quantities.encode(n), false).join().path("hash").asText();
    }

    @Test
    void followerUndoesWhatARollbackRemovedAndFollowsTheNewChain(LocalChain chain, @TempDir Path dir) {
        HashMix exchangeSdk = chain.client(EXCHANGE);
        HashMix makerA = chain.client(MAKER_A);
        HashMix makerB = chain.client(MAKER_B);
        long firstBlock = chain.deployment().contract(ProtocolContract.HASH_MIX_MARKET).blockNumber();
        ExchangeConfig config = new ExchangeConfig(Database.fileUrl(dir.resolve("exchange")), firstBlock, 1, 50, 50, null, 32);

        try (ExchangeBackend exchange = ExchangeBackend.start(config, new SdkMarket(exchangeSdk), Clock.systemUTC());
             Database view = Database.open(config.jdbcUrl())) {
            makerA.market().incrementCounter().join();
            String snapshot = chain.control().snapshot().join();
            makerA.market().incrementCounter().join();
            makerB.market().incrementCounter().join();
            exchange.follow();
            assertEquals(BigInteger.TWO, counterInBook(view, makerA.account()));
            assertEquals(BigInteger.ONE, counterInBook(view, makerB.account()));

            // roll back past the last two bumps; the new chain has another bump by B only, and more blocks
            chain.control().revert(snapshot).join();
            chain.control().mine(3).join();
            makerB.market().incrementCounter().join();
            ChainFollower.Progress progress = exchange.follow();

            assertEquals(BigInteger.ONE, counterInBook(view, makerA.account()), "A's second bump left the chain");
            assertEquals(BigInteger.ONE, counterInBook(view, makerB.account()), "B's bump on the new chain");
            long head = Quantities.toLong(chain.rpc().call("eth_blockNumber").join());
            assertEquals(head, progress.cursor());
            List<String> remembered = blocksInBook(view);
            assertTrue(!remembered.isEmpty());
            for (String entry : remembered) {
                long n = Long.parseLong(entry.substring(0, entry.indexOf(':')));
                assertEquals(hashOnChain(chain, n), entry.substring(entry.indexOf(':') + 1), "block " + n + " is the new chain's");
            }
        }
    }
}
