/**
 * Fulfillment of hash power products ({@code FulfillmentVault}): committee-signed epoch reports,
 * the issuer's revenue deposits, settlement (shortfalls, missed deposits and unreported epochs paid
 * from the collateral), holders' claims per holding (units x time held), the fulfillment record the
 * credit system reads, and the issuer's final collateral withdrawal. Start at
 * {@link io.hashmix.core.fulfillment.FulfillmentClient}; every vault error arrives as a typed
 * exception of this package (see {@link io.hashmix.core.fulfillment.FulfillmentErrors} for the few
 * that other packages type).
 */
package io.hashmix.core.fulfillment;
