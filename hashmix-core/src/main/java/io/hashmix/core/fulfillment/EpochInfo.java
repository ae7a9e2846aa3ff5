package io.hashmix.core.fulfillment;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.eip712.Bytes32;

/**
 * One epoch of a product, as the vault's {@code epochInfo} returns it. The report fields are zero
 * until the epoch is reported.
 *
 * @param productId       the product
 * @param epoch           the epoch number
 * @param status          its status
 * @param start           first second of the epoch
 * @param end             end of the epoch (exclusive)
 * @param reportDeadline  last second a report is accepted ({@code end + reportWindow})
 * @param depositDeadline last second the issuer may deposit; empty until reported
 * @param deliveredUnits  reported average units delivered
 * @param revenue         reported revenue the issuer owes (payout-token base units)
 * @param unitRevenue     reported revenue of one promised unit
 * @param sourceChain     reported source chain (keccak-256 of a CAIP-2 id)
 * @param evidence        reported payout evidence
 * @param shortfallDue    {@code (capacity - deliveredUnits) * unitRevenue} (0 unless reported)
 * @param deposited       revenue deposited by the issuer
 * @param compensation    collateral paid for the epoch
 * @param accumulator     payout per unit (x 1e18) at the epoch's end, once settled
 */
public record EpochInfo(ProductId productId, long epoch, EpochStatus status, Instant start, Instant end,
                        Instant reportDeadline, Optional<Instant> depositDeadline, BigInteger deliveredUnits,
                        BigInteger revenue, BigInteger unitRevenue, Bytes32 sourceChain, Bytes32 evidence,
                        BigInteger shortfallDue, BigInteger deposited, BigInteger compensation,
                        BigInteger accumulator) {

    /** Checks the parts. */
    public EpochInfo {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(reportDeadline, "reportDeadline");
        Objects.requireNonNull(depositDeadline, "depositDeadline");
        Objects.requireNonNull(deliveredUnits, "deliveredUnits");
        Objects.requireNonNull(revenue, "revenue");
        Objects.requireNonNull(unitRevenue, "unitRevenue");
        Objects.requireNonNull(sourceChain, "sourceChain");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(shortfallDue, "shortfallDue");
        Objects.requireNonNull(deposited, "deposited");
        Objects.requireNonNull(compensation, "compensation");
        Objects.requireNonNull(accumulator, "accumulator");
    }

    /** Whether the epoch is settled (holders can claim it). */
    public boolean settled() {
        return status.isSettled();
    }

    /** What the epoch entitles holders to: {@code deposited + compensation}. */
    public BigInteger entitlement() {
        return deposited.add(compensation);
    }
}
