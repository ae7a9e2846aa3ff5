package io.hashmix.examples.exchange;

import java.math.BigInteger;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.market.OrderKind;

/**
 * One {@code OrderFilled} event of the market as the exchange recorded it; {@code (txHash, logIndex)} is unique.
 *
 * @param id the row id
 * @param txHash the transaction
 * @param logIndex the log's index in its block
 * @param blockNumber the block
 * @param orderHash the order filled
 * @param kind its kind
 * @param maker its maker
 * @param taker who filled it
 * @param tokenId the token delivered to the buyer
 * @param units units filled
 * @param currency payment currency
 * @param payment paid by the buyer
 * @param fee protocol fee taken from the payment
 * @param settlementId the exchange's settlement this fill resolved, or null (a fill by someone else)
 */
public record RecordedFill(long id, String txHash, int logIndex, long blockNumber, Bytes32 orderHash, OrderKind kind,
        EvmAddress maker, EvmAddress taker, TokenId tokenId, BigInteger units, EvmAddress currency, BigInteger payment,
        BigInteger fee, Long settlementId) {
}
