package io.hashmix.core.lending;

import java.math.BigInteger;

import io.hashmix.proofs.eip712.Bytes32;

/**
 * A loan order's state on chain.
 *
 * @param orderHash the order's EIP-712 digest
 * @param cancelled whether its maker cancelled it
 * @param used whether a loan offer already refinanced a loan
 * @param lent principal lent from a collection offer so far
 */
public record OrderState(Bytes32 orderHash, boolean cancelled, boolean used, BigInteger lent) {
}
