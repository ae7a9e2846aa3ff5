package io.hashmix.examples.exchange;

import java.math.BigInteger;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.hashmix.core.HashMix;
import io.hashmix.core.events.BlockReader;
import io.hashmix.core.events.BlockRef;
import io.hashmix.core.market.Fill;
import io.hashmix.core.market.Fillability;
import io.hashmix.core.market.ListingFill;
import io.hashmix.core.market.MarketClient;
import io.hashmix.core.market.MarketEvent;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.market.Listing;
import io.hashmix.proofs.market.OrderValidator;
import io.hashmix.proofs.market.SignedOrder;

/**
 * {@link MarketPort} over the HashMix SDK: the market client of a {@link HashMix} that signs with the exchange's
 * key, its tokenization client (asset classes) and its ERC-20 client (allowances). The caller owns the
 * {@link HashMix} and closes it.
 */
public final class SdkMarket implements MarketPort {

    private final HashMix hm;
    private final MarketClient market;
    private final BlockReader blocks;

    /**
     * Wraps a client.
     *
     * @param hm an SDK client with the exchange's credentials and a deployment that has the market
     */
    public SdkMarket(HashMix hm) {
        this.hm = hm;
        this.market = hm.market();
        this.blocks = new BlockReader(hm.rpc());
    }

    @Override
    public EvmAddress account() {
        return hm.account();
    }

    @Override
    public OrderValidator validator(Clock clock) {
        return market.validator(clock);
    }

    @Override
    public CompletableFuture<List<Fillability>> checkFillable(List<SignedOrder> orders) {
        return market.checkFillable(orders);
    }

    @Override
    public CompletableFuture<AssetClassId> assetClassOf(TokenId tokenId) {
        return hm.tokenization().token(tokenId).thenApply(slice -> slice.assetClass());
    }

    /** Approves the market for the largest amount once, when the allowance is below {@code amount}. */
    @Override
    public CompletableFuture<Void> ensureAllowance(EvmAddress currency, BigInteger amount) {
        if (currency.isZero()) {
            return CompletableFuture.completedFuture(null);
        }
        return hm.erc20().allowance(currency, hm.account(), market.address()).thenCompose(current -> current.compareTo(amount) >= 0
                ? CompletableFuture.completedFuture(null)
                : hm.erc20().approve(currency, market.address(), AbiWords.UINT256_MAX).thenApply(receipt -> null));
    }

    /**
     * Approves first, for each ERC-20 the listings are paid in (nothing is sent when the allowance suffices, which
     * {@link ExchangeBackend#buy} already made sure of), then fills. The SDK's {@code fillListings} then finds the
     * allowance in place and sends only the fill transaction, so a receipt timeout it reports names that
     * transaction; a failure of the approvals is a {@link MarketPort.NotSentException}.
     */
    @Override
    public CompletableFuture<List<Fill>> fillListings(List<ListingFill> fills) {
        Map<EvmAddress, BigInteger> totals = new LinkedHashMap<>();
        for (ListingFill f : fills) {
            Listing l = (Listing) f.listing().order();
            if (!l.isNative()) {
                totals.merge(l.currency(), l.pricePerUnit().multiply(f.units()), BigInteger::add);
            }
        }
        CompletableFuture<Void> approvals = CompletableFuture.completedFuture(null);
        for (Map.Entry<EvmAddress, BigInteger> e : totals.entrySet()) {
            approvals = approvals.thenCompose(ignored -> ensureAllowance(e.getKey(), e.getValue()));
        }
        return approvals.exceptionallyCompose(e -> CompletableFuture.failedFuture(new MarketPort.NotSentException("approving the market",
                        e instanceof CompletionException && e.getCause() != null ? e.getCause() : e)))
                .thenCompose(ignored -> market.fillListings(fills));
    }

    @Override
    public CompletableFuture<List<MarketEvent>> events(long fromBlock, long toBlock) {
        return market.events(fromBlock, toBlock);
    }

    @Override
    public CompletableFuture<Long> blockNumber() {
        return market.blockNumber();
    }

    @Override
    public CompletableFuture<List<BlockRef>> blocks(long fromBlock, long toBlock) {
        return blocks.blocks(fromBlock, toBlock);
    }
}
