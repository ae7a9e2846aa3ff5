package io.hashmix.core.lending;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.lending.LoanMath;

/**
 * A foreclosure auction: the price falls linearly from {@code startPrice} to {@code floorPrice} until
 * {@code endsAt}; the first bid at the current price wins.
 *
 * @param loanId the loan
 * @param initiator who started the foreclosure (the bounty's taker)
 * @param start when it started
 * @param endsAt when it ends (bids are accepted before)
 * @param startPrice the price at its start
 * @param floorPrice the price at its end
 */
public record Auction(LoanId loanId, EvmAddress initiator, Instant start, Instant endsAt, BigInteger startPrice,
                      BigInteger floorPrice) {

    /**
     * The price a bid pays at {@code at} (to the base unit, as the contract computes it).
     *
     * @param at a time within the auction
     * @return the price
     * @throws IllegalArgumentException outside the auction
     */
    public BigInteger priceAt(Instant at) {
        return LoanMath.auctionPrice(startPrice, floorPrice, at.getEpochSecond() - start.getEpochSecond());
    }
}
