/**
 * Fulfillment of hash power products ({@code FulfillmentVault}): committee-signed epoch reports,
 * the issuer's revenue deposits, settlement (shortfalls, missed deposits and unreported epochs paid
 * from the collateral), holders' claims per holding (units x time held), the fulfillment record the
 * credit system reads, and the issuer's final collateral withdrawal. Start at
 * {@link io.hashmix.core.fulfillment.FulfillmentClient}; every vault error arrives as a typed
 * exception of this package (see {@link io.hashmix.core.fulfillment.FulfillmentErrors} for the few
 * that other packages type). Bitcoin products can be bound to their payouts
 * ({@link io.hashmix.core.fulfillment.BitcoinEvidenceClient}, the contract {@code BitcoinEvidence}): payout
 * commitments, reports relayed with SPV proofs of the epoch's payouts, the subsidy floor of unit revenues; every
 * refusal of such evidence is an {@link io.hashmix.core.fulfillment.EvidenceRefusal}.
 */
package io.hashmix.core.fulfillment;
