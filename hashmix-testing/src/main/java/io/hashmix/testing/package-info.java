/**
 * Tests against a local chain, from any project: {@link io.hashmix.testing.LocalChainExtension} (JUnit 5)
 * starts one Hardhat node per test run on 127.0.0.1, deploys the protocol once, and reverts the chain
 * after every test; {@link io.hashmix.testing.LocalChain} hands a test its funded accounts and SDK
 * clients. The chain itself is in {@link io.hashmix.testing.devnet}. For tests and demos, never for
 * production: the accounts' keys are public.
 */
package io.hashmix.testing;
