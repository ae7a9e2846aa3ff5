package io.hashmix.proofs.incentives;

import java.math.BigInteger;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.eip712.AbiWords;

/**
 * The part of one market {@code OrderFilled(bytes32 indexed orderHash, uint8 kind, address indexed maker, address
 * indexed taker, uint256 tokenId, uint256 units, address currency, uint256 payment, uint256 fee)} event that the
 * maker rewards rule reads ({@link MakerRewardsAllocator}), with the block it was mined in.
 *
 * @param maker       the order's maker (who signed it)
 * @param taker       who filled it
 * @param currency    the payment currency ({@link EvmAddress#ZERO} for the native coin)
 * @param payment     what the taker paid, in the currency's base units ({@code uint256})
 * @param fee         the market fee the fill paid, in the currency's base units ({@code uint256})
 * @param blockNumber the block the event was mined in, {@code >= 0}
 */
public record MakerFill(EvmAddress maker, EvmAddress taker, EvmAddress currency, BigInteger payment, BigInteger fee,
                        long blockNumber) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a field is null, {@code payment} or {@code fee} is outside {@code uint256},
     *         or {@code blockNumber} is negative
     */
    public MakerFill {
        if (maker == null || taker == null || currency == null) {
            throw new IllegalArgumentException("a maker fill needs a maker, a taker and a currency");
        }
        AbiWords.checkUint256(payment, "fill payment");
        AbiWords.checkUint256(fee, "fill fee");
        if (blockNumber < 0) {
            throw new IllegalArgumentException("fill block number must not be negative, got " + blockNumber);
        }
    }
}
