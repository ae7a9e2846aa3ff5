/**
 * Canonical hardware ids ({@link io.hashmix.proofs.hardware.HardwareId}): one 32-byte id per ASIC miner, GPU rig or
 * Filecoin partition, computed the same way in Java and Solidity so that one machine cannot back two products.
 */
package io.hashmix.proofs.hardware;
