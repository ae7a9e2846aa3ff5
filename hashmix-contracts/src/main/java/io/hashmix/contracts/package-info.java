/**
 * Compiled HashMix contracts for Java: exported ABI and bytecode, the deployment manifest, and
 * (in {@code io.hashmix.contracts.generated}) web3j wrappers that stay internal to the SDK.
 */
package io.hashmix.contracts;
