/**
 * ERC-20 calls around payout tokens and collateral.
 */
package io.hashmix.core.erc20;
