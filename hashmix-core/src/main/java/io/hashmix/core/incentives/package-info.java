/**
 * Incentives ({@code hm.incentives()}): the HMX emission schedule split across programs by weight,
 * and the programs that pay every role — issuers by units x time delivered (scaled by credit),
 * attestors per report signed and not slashed, holders by units x time held, and, once the swap pool
 * and lending exist, liquidity providers and lenders by stake x time; and market makers by the fees
 * of their orders' fills, from committee-attested Merkle roots of their cumulative rewards. Claimable
 * rewards across the on-chain programs are read in one JSON-RPC batch; claims are pull payments (HMX
 * minted to the claimant).
 * {@link io.hashmix.core.incentives.IncentivesClient} is the entry point; docs/incentives.md explains
 * the schedule and the accounting.
 */
package io.hashmix.core.incentives;
