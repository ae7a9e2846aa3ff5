/**
 * Decoded reverts: every revert the SDK meets (call, gas estimate, send, failed receipt) becomes a
 * typed {@link io.hashmix.core.errors.ContractRevertException} carrying the decoded Solidity error.
 */
package io.hashmix.core.errors;
