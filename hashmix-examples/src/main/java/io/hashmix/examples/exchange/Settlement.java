package io.hashmix.examples.exchange;

import java.math.BigInteger;
import java.time.Instant;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * A fill of one listing that the exchange sends as taker, recorded before the transaction goes out.
 *
 * @param id the row id
 * @param requestId the buy request it belongs to (one transaction per request)
 * @param orderHash the listing filled
 * @param units units bought
 * @param payment what it costs
 * @param state where it stands
 * @param txHash the transaction, once known (receipt or event), else null
 * @param submittedBlock the chain head when it was recorded
 * @param fillId the recorded fill that confirmed it, or null
 * @param error why it failed or is in doubt, or null
 * @param createdAt when it was recorded
 * @param updatedAt when it last changed
 */
public record Settlement(long id, String requestId, Bytes32 orderHash, BigInteger units, BigInteger payment,
        SettlementState state, String txHash, long submittedBlock, Long fillId, String error, Instant createdAt,
        Instant updatedAt) {
}
