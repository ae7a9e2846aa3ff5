package io.hashmix.proofs.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.AbiWords;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.vectors.Fixtures;
import io.hashmix.proofs.vectors.Web3jTypedData;

class ProductAttestationTest {

    /** Checklist A.6: our direct encoding equals web3j's generic typed-data encoder, also at the type limits. */
    @Test
    void a6_structHashAgreesWithIndependentEncoder() throws Exception {
        ProductAttestation zero = new ProductAttestation(EvmAddress.ZERO, new AssetClassId(new byte[32]), BigInteger.ZERO, 0, 0,
                Bytes32.ZERO, 0, Bytes32.ZERO, EvmAddress.ZERO, BigInteger.ZERO, BigInteger.ZERO, 0, 0);
        for (ProductAttestation a : List.of(Fixtures.btcProduct(), Fixtures.filProduct(), Fixtures.maxProduct(), zero)) {
            assertEquals(Web3jTypedData.digest(Fixtures.DOMAIN, a), io.hashmix.proofs.eip712.Eip712.digest(Fixtures.DOMAIN, a),
                    a.toString());
        }
    }

    @Test
    void everyFieldChangesTheStructHash() {
        ProductAttestation base = Fixtures.btcProduct();
        List<UnaryOperator<ProductAttestation.Builder>> edits = List.of(
                b -> b.issuer(EvmAddress.of("0x0000000000000000000000000000000000000001")),
                b -> b.assetClass(AssetClassId.ofSymbol("ETC-ETCHASH")),
                b -> b.capacity(BigInteger.valueOf(1001)),
                b -> b.start(base.start() + 1),
                b -> b.end(base.end() + 1),
                b -> b.hardwareRoot(Bytes32.keccakUtf8("other")),
                b -> b.hardwareCount(8),
                b -> b.metadataHash(Bytes32.ZERO),
                b -> b.collateralToken(EvmAddress.ZERO),
                b -> b.collateral(BigInteger.ONE),
                b -> b.nonce(BigInteger.TEN),
                b -> b.deadline(base.deadline() + 1),
                b -> b.committeeEpoch(2));
        Set<Bytes32> hashes = new HashSet<>();
        hashes.add(base.structHash());
        for (UnaryOperator<ProductAttestation.Builder> e : edits) {
            hashes.add(e.apply(base.toBuilder()).build().structHash());
        }
        assertEquals(14, hashes.size(), "each of the 13 fields must be hashed");
        assertEquals(base, base.toBuilder().build());
    }

    @Test
    void rejectsNullFieldsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.btcProduct().toBuilder().issuer(null).build());
        assertTrue(e.getMessage().contains("issuer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fixtures.btcProduct().toBuilder().hardwareRoot(null).build());
        assertTrue(e.getMessage().contains("hardwareRoot"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fixtures.btcProduct().toBuilder().nonce(null).build());
        assertTrue(e.getMessage().contains("nonce"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProductAttestation.builder().build());
    }

    @Test
    void rejectsValuesOutsideTheirSolidityTypes() {
        ProductAttestation.Builder b = Fixtures.btcProduct().toBuilder();
        assertThrows(IllegalArgumentException.class, () -> b.capacity(BigInteger.ONE.negate()).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.btcProduct().toBuilder().collateral(AbiWords.UINT256_MAX.add(BigInteger.ONE)).build());
        assertTrue(e.getMessage().contains("collateral"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.btcProduct().toBuilder().hardwareCount(AbiWords.UINT32_MAX + 1).build());
        assertTrue(e.getMessage().contains("hardwareCount"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fixtures.btcProduct().toBuilder().hardwareCount(-1).build());
    }

    /** Checklist A.4: the deadline second itself is valid; one second later is expired (contract: block.timestamp > deadline). */
    @Test
    void a4_expiryBoundaryAndUnsignedDeadline() {
        ProductAttestation a = Fixtures.btcProduct();
        assertFalse(a.isExpiredAt(a.deadline()));
        assertTrue(a.isExpiredAt(a.deadline() + 1));
        assertFalse(Fixtures.maxProduct().isExpiredAt(Long.MAX_VALUE), "uint64 max deadline never expires");
    }
}
