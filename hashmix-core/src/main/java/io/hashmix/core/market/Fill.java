package io.hashmix.core.market;

import java.math.BigInteger;
import java.util.Objects;

import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.market.OrderKind;

/**
 * One fill of an order, read from the market's {@code OrderFilled} event.
 *
 * @param orderHash the order's hash (its EIP-712 digest in the market's domain)
 * @param kind      the order's kind
 * @param maker     who signed the order (listing seller, offer buyer, swap maker)
 * @param taker     who filled it (the transaction's sender)
 * @param tokenId   the token delivered to the buyer: the listed token itself for a whole-token
 *                  fill, the new token carved off it for a partial fill; for a swap, the maker's
 *                  token (delivered to the taker)
 * @param units     units delivered (for a swap, the units of the maker's token)
 * @param currency  what was paid in ({@link EvmAddress#ZERO}: the native coin, and for swaps)
 * @param payment   what the buyer paid: exactly {@code pricePerUnit * units} (0 for swaps)
 * @param fee       the part of {@code payment} kept as protocol fee,
 *                  {@code floor(payment * feeBps / 10000)}; the seller got {@code payment - fee}
 * @param receipt   the fill transaction's receipt (shared by the fills of one batch)
 */
public record Fill(Bytes32 orderHash, OrderKind kind, EvmAddress maker, EvmAddress taker, TokenId tokenId,
                   BigInteger units, EvmAddress currency, BigInteger payment, BigInteger fee, TxReceipt receipt) {

    /** Checks the parts. */
    public Fill {
        Objects.requireNonNull(orderHash, "orderHash");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(maker, "maker");
        Objects.requireNonNull(taker, "taker");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(fee, "fee");
        Objects.requireNonNull(receipt, "receipt");
    }

    /** What the seller received: {@code payment - fee}. */
    public BigInteger sellerProceeds() {
        return payment.subtract(fee);
    }
}
