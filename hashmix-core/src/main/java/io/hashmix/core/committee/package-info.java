/**
 * The attestor committee: members, bonds, exits, thresholds per asset class, and on-chain
 * signature checks, with a typed exception per custom error of {@code AttestorRegistry}.
 */
package io.hashmix.core.committee;
