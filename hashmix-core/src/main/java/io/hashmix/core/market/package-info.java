/**
 * The market ({@code HashMixMarket}): sign, vet and fill listings, offers, criteria offers and swap
 * orders of hash power tokens, cancel them, follow fills, with a typed exception per custom error of
 * the market. The order types themselves, their JSON form, offline signing and validation live in
 * {@link io.hashmix.proofs.market}; {@link io.hashmix.core.market.MarketClient} is the entry point.
 */
package io.hashmix.core.market;
