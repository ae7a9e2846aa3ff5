// The local chain of io.hashmix:hashmix-testing: only `hardhat node` runs from this project, and it
// compiles nothing (the SDK deploys the protocol from the bytecode in hashmix-contracts). Chain id
// 31337, Hardhat's default mnemonic and 20 funded accounts, automine: Hardhat's defaults, the same
// as the HashMix repository's contracts/ project, which pins the same Hardhat version.
import { defineConfig } from "hardhat/config";

export default defineConfig({});
