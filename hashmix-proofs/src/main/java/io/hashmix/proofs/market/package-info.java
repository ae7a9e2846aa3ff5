/**
 * Orders of the {@code HashMixMarket} contract, built, signed, encoded and checked offline.
 *
 * <p>The four EIP-712 orders are records with the exact type strings of the market
 * ({@link io.hashmix.proofs.market.Listing}, {@link io.hashmix.proofs.market.Offer},
 * {@link io.hashmix.proofs.market.CriteriaOffer}, {@link io.hashmix.proofs.market.SwapOrder}) under the sealed
 * {@link io.hashmix.proofs.market.Order} (the first three are {@link io.hashmix.proofs.market.PricedOrder}s).
 * {@link io.hashmix.proofs.market.OrderSigner} signs one into a {@link io.hashmix.proofs.market.SignedOrder},
 * {@link io.hashmix.proofs.market.OrderJson} carries it as JSON and
 * {@link io.hashmix.proofs.market.OrderValidator} checks it before it is published or filled.
 *
 * <p>Conventions: {@code uint256} values are {@link java.math.BigInteger}s checked to fit, {@code uint64}
 * values are {@code long}s read as unsigned, {@code uint32} values are range-checked {@code long}s; the native
 * coin is the zero address ({@link io.hashmix.proofs.EvmAddress#ZERO}). Invalid arguments raise
 * {@link java.lang.IllegalArgumentException}; broken market rules raise its subclass
 * {@link io.hashmix.proofs.market.OrderValidationException} with a
 * {@link io.hashmix.proofs.market.OrderValidationException.Reason}; malformed JSON raises
 * {@link io.hashmix.proofs.attestation.ProofJsonException}. All types are immutable except the builders.
 * The shared vectors in {@code test-vectors/market-orders.json} pin the encoding to the contract's.
 */
package io.hashmix.proofs.market;
