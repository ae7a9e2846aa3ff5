/**
 * Hash power tokens: products minted from M-of-N attestations, slices (split/merge), ownership
 * confirmation of hardware, duplicate-hardware challenges, with a typed exception per custom
 * error of {@code HashPowerToken}.
 */
package io.hashmix.core.tokenization;
