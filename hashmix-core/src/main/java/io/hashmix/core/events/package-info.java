/**
 * Event logs: {@code eth_getLogs} over adaptively split block ranges behind the head
 * ({@link io.hashmix.core.events.LogReader}), and a reorg-aware cursor that reports new logs and,
 * after a reorganisation, the logs it removed ({@link io.hashmix.core.events.LogCursor}).
 */
package io.hashmix.core.events;
