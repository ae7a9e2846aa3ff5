/**
 * Local development chains: a Hardhat node in a child process ({@link io.hashmix.testing.devnet.LocalHardhatNode})
 * from a Hardhat project that is found or installed from npm on first use
 * ({@link io.hashmix.testing.devnet.HardhatProject}), its funded test accounts
 * ({@link io.hashmix.testing.devnet.DevAccounts}), the mintable dev token
 * ({@link io.hashmix.testing.devnet.DevTokens}), snapshot/time-travel controls
 * ({@link io.hashmix.testing.devnet.DevChainControl}), and regtest-style Bitcoin payouts with their SPV proofs for a
 * local verifier ({@link io.hashmix.testing.devnet.RegtestPayouts}). For tests, demos and benchmarks, never for
 * production.
 */
package io.hashmix.testing.devnet;
