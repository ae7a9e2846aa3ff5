/**
 * Local development chains: a Hardhat node in a child process, its funded test accounts, and
 * snapshot/time-travel controls. For tests, demos and benchmarks, never for production.
 */
package io.hashmix.core.devnet;
