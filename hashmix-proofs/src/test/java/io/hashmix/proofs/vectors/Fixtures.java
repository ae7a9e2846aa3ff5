package io.hashmix.proofs.vectors;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.merkle.MerkleTree;

/** Deterministic test data shared by the tests and the vector generator. */
public final class Fixtures {

    /** Hardhat's chain id. */
    public static final long CHAIN_ID = 31337;
    /** The first contract address Hardhat's default deployer gets. */
    public static final EvmAddress TOKEN_CONTRACT = EvmAddress.of("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    /** The vectors' domain. */
    public static final Eip712Domain DOMAIN = Eip712Domain.hashMix(CHAIN_ID, TOKEN_CONTRACT);
    /** 2025-01-01T00:00:00Z. */
    public static final long JAN_2025 = 1_735_689_600L;
    /** 2026-01-01T00:00:00Z. */
    public static final long JAN_2026 = 1_767_225_600L;

    private Fixtures() {
    }

    /** n ASIC ids of one farm. */
    public static List<HardwareId> asicFleet(int n) {
        List<HardwareId> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(HardwareId.asic("Bitmain", String.format("S19XP-2024-%05d", i),
                    String.format("02:48:4d:00:%02x:%02x", i >> 8, i & 0xff)));
        }
        return out;
    }

    /** n mixed ids: ASIC, GPU and Filecoin partitions in turn. */
    public static List<HardwareId> mixed(int n) {
        List<HardwareId> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            switch (i % 3) {
                case 0 -> out.add(HardwareId.asic("Bitmain", "S21-" + i, String.format("02:00:5e:10:00:%02x", i)));
                case 1 -> out.add(HardwareId.gpu("Nvidia", "RIG-" + i));
                default -> out.add(HardwareId.filecoinPartition(1234, i % 48, i));
            }
        }
        return out;
    }

    /** A realistic BTC product backed by 7 ASICs, signed for committee epoch 1. */
    public static ProductAttestation btcProduct() {
        return ProductAttestation.builder()
                .issuer(EvmAddress.of("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"))
                .assetClass(AssetClassId.ofSymbol("BTC-SHA256"))
                .capacity(BigInteger.valueOf(1000))
                .start(JAN_2025)
                .end(JAN_2026)
                .hardwareRoot(MerkleTree.of(asicFleet(7)).root())
                .hardwareCount(7)
                .metadataHash(Bytes32.keccakUtf8("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"))
                .collateralToken(EvmAddress.of("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0"))
                .collateral(new BigInteger("5000000000000000000"))
                .nonce(BigInteger.ONE)
                .deadline(JAN_2025 + 86_400)
                .committeeEpoch(1)
                .build();
    }

    /** A Filecoin storage product backed by 3 partitions, zero collateral. */
    public static ProductAttestation filProduct() {
        List<HardwareId> parts = List.of(HardwareId.filecoinPartition(1234, 0, 0),
                HardwareId.filecoinPartition(1234, 0, 1), HardwareId.filecoinPartition(1234, 47, 0));
        return ProductAttestation.builder()
                .issuer(EvmAddress.of("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"))
                .assetClass(AssetClassId.ofSymbol("FIL-STORAGE"))
                .capacity(BigInteger.valueOf(2048))
                .start(JAN_2025 + 3600)
                .end(JAN_2025 + 3600 + 180L * 86_400)
                .hardwareRoot(MerkleTree.of(parts).root())
                .hardwareCount(3)
                .metadataHash(Bytes32.keccakUtf8("fil-storage-product-metadata-v1"))
                .collateralToken(EvmAddress.ZERO)
                .collateral(BigInteger.ZERO)
                .nonce(BigInteger.TWO)
                .deadline(JAN_2025 + 7200)
                .committeeEpoch(1)
                .build();
    }

    /** Every field at its type's maximum. */
    public static ProductAttestation maxProduct() {
        byte[] ff = new byte[32];
        Arrays.fill(ff, (byte) 0xff);
        EvmAddress maxAddress = EvmAddress.of("0xffffffffffffffffffffffffffffffffffffffff");
        return new ProductAttestation(maxAddress, new AssetClassId(ff), AbiWords.UINT256_MAX, -1L, -1L, new Bytes32(ff),
                AbiWords.UINT32_MAX, new Bytes32(ff), maxAddress, AbiWords.UINT256_MAX, AbiWords.UINT256_MAX, -1L, -1L);
    }
}
