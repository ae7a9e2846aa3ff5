/**
 * Event logs: {@code eth_getLogs} over adaptively split block ranges, behind the head by the
 * configured confirmations.
 */
package io.hashmix.core.events;
