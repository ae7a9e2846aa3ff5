package io.hashmix.benchmarks;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.attestation.Committee;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.market.Listing;

/** Deterministic inputs for the crypto benchmarks (test keys only: never hold value with them). */
final class CryptoFixtures {

    /** Hardhat chain + first deployment address, as in the shared test vectors. */
    static final Eip712Domain DOMAIN = Eip712Domain.hashMix(31337, EvmAddress.of("0x5FbDB2315678afecb367f032d93F642f64180aa3"));
    /** 2025-01-01T00:00:00Z. */
    static final long JAN_2025 = 1_735_689_600L;

    private CryptoFixtures() {
    }

    /** Key i: keccak256("hashmix-bench-key-" + i). */
    static ECKeyPair key(int i) {
        return ECKeyPair.create(new BigInteger(1, Hash.sha3(("hashmix-bench-key-" + i).getBytes(StandardCharsets.US_ASCII))));
    }

    /** Digest i: keccak256("hashmix-bench-digest-" + i). */
    static Bytes32 digest(int i) {
        return Bytes32.keccakUtf8("hashmix-bench-digest-" + i);
    }

    /** Five committee keys. */
    static List<ECKeyPair> committeeKeys() {
        List<ECKeyPair> keys = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            keys.add(key(1000 + i));
        }
        return keys;
    }

    /** The committee of {@link #committeeKeys()} at epoch 1. */
    static Committee committee() {
        List<EvmAddress> members = new ArrayList<>();
        for (ECKeyPair k : committeeKeys()) {
            members.add(AttestationSigner.addressOf(k));
        }
        return Committee.of(1, members);
    }

    /**
     * A realistic market listing by {@code seller} (every i a different token, price and salt): part of a
     * token, ERC-20 priced, minimum fill, counter 0, one week to expiry.
     */
    static Listing listing(EvmAddress seller, long i) {
        return Listing.builder()
                .seller(seller)
                .tokenId(TokenId.of(1 + i))
                .tokenNonce(i % 3)
                .units(BigInteger.valueOf(250_000 + i))
                .minFill(BigInteger.valueOf(10_000))
                .currency(EvmAddress.of("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0"))
                .pricePerUnit(BigInteger.valueOf(1_250 + i))
                .counter(0)
                .salt(BigInteger.valueOf(i).shiftLeft(200).add(BigInteger.valueOf(0xC0FFEE)))
                .expiry(JAN_2025 + 7L * 86_400)
                .build();
    }

    /** A realistic product attestation with nonce i (every i a different digest). */
    static ProductAttestation product(long i) {
        return ProductAttestation.builder()
                .issuer(EvmAddress.of("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"))
                .assetClass(AssetClassId.ofSymbol("BTC-SHA256"))
                .capacity(BigInteger.valueOf(1000 + i))
                .start(JAN_2025)
                .end(JAN_2025 + 365L * 86_400)
                .hardwareRoot(Bytes32.keccakUtf8("root-" + i))
                .hardwareCount(1_000_000)
                .metadataHash(Bytes32.keccakUtf8("metadata-" + i))
                .collateralToken(EvmAddress.of("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0"))
                .collateral(new BigInteger("5000000000000000000"))
                .nonce(BigInteger.valueOf(i))
                .deadline(JAN_2025 + 86_400)
                .committeeEpoch(1)
                .build();
    }
}
