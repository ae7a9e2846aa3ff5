/**
 * An exchange backend built on the SDK, small enough to read in one sitting and complete enough to start from:
 * it takes signed market orders as JSON ({@link io.hashmix.examples.exchange.OrderIntake}), keeps them in an H2
 * order book ({@link io.hashmix.examples.exchange.OrderBook}), matches buy requests against the cheapest
 * listings ({@link io.hashmix.examples.exchange.Matcher}), settles through the market with write-ahead
 * settlement records ({@link io.hashmix.examples.exchange.Settler},
 * {@link io.hashmix.examples.exchange.Settlements}), follows fills, cancellations and counter bumps from chain
 * events ({@link io.hashmix.examples.exchange.ChainFollower}) and recovers after a restart without losing or
 * duplicating a fill. {@link io.hashmix.examples.exchange.ExchangeBackend} wires it;
 * {@link io.hashmix.examples.exchange.ExchangeServer} runs it with a JSON HTTP API
 * ({@link io.hashmix.examples.exchange.HttpApi}). See {@code docs/exchange-backend.md}.
 */
package io.hashmix.examples.exchange;
