package io.hashmix.examples.exchange;

import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.hashmix.core.events.BlockRef;
import io.hashmix.core.market.Fill;
import io.hashmix.core.market.Fillability;
import io.hashmix.core.market.ListingFill;
import io.hashmix.core.market.MarketEvent;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.market.OrderValidator;
import io.hashmix.proofs.market.SignedOrder;

/**
 * The few chain operations the exchange uses, so its book, matching, settlement and recovery can be tested
 * against a fake chain. {@link SdkMarket} implements it with the HashMix SDK ({@code HashMix.market()} and
 * friends); every method mirrors the SDK method of the same name.
 */
public interface MarketPort {

    /**
     * The exchange's own account: the taker of the fills it sends.
     *
     * @return the address
     */
    EvmAddress account();

    /**
     * An offline validator for orders of this market (domain = chain id + market address).
     *
     * @param clock the clock expiries are checked against
     * @return the validator
     */
    OrderValidator validator(Clock clock);

    /**
     * Checks on chain whether orders can be filled now, and for how many units.
     *
     * @param orders the orders
     * @return one answer per order, in order
     */
    CompletableFuture<List<Fillability>> checkFillable(List<SignedOrder> orders);

    /**
     * The asset class of a token.
     *
     * @param tokenId the token
     * @return its product's asset class (fails if the token does not exist)
     */
    CompletableFuture<AssetClassId> assetClassOf(TokenId tokenId);

    /**
     * Makes sure the market may take {@code amount} of an ERC-20 from the exchange's account (no-op for the
     * native coin).
     *
     * @param currency the currency
     * @param amount the amount about to be paid
     * @return completes when the allowance is in place
     */
    CompletableFuture<Void> ensureAllowance(EvmAddress currency, BigInteger amount);

    /**
     * Fills listings in one atomic transaction, as the exchange's account. Any ERC-20 approval it needs is sent
     * <em>before</em> the fill transaction, and a failure there is a {@link NotSentException}: so a
     * {@link io.hashmix.core.tx.ReceiptTimeoutException} from this method always names the fill transaction.
     *
     * @param fills the listings and units
     * @return the fills, read from the receipt
     */
    CompletableFuture<List<Fill>> fillListings(List<ListingFill> fills);

    /**
     * A {@link #fillListings} that failed before its fill transaction was sent (e.g. its ERC-20 approval
     * reverted or timed out): nothing was filled. The cause is the original failure.
     */
    final class NotSentException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what was being done
         * @param cause the failure
         */
        public NotSentException(String message, Throwable cause) {
            super(message + ": the fill transaction was not sent (" + cause + ")", cause);
        }
    }

    /**
     * The market's events in a block range, in chain order.
     *
     * @param fromBlock first block (inclusive)
     * @param toBlock last block (inclusive)
     * @return the events
     */
    CompletableFuture<List<MarketEvent>> events(long fromBlock, long toBlock);

    /**
     * The chain head.
     *
     * @return the latest block number
     */
    CompletableFuture<Long> blockNumber();

    /**
     * Block headers (number, hash, parent hash) of a range, for the {@link ChainFollower}'s reorg-aware cursor.
     *
     * @param fromBlock first block (inclusive)
     * @param toBlock last block (inclusive)
     * @return the blocks, in order; fails if one of them does not exist
     */
    CompletableFuture<List<BlockRef>> blocks(long fromBlock, long toBlock);
}
