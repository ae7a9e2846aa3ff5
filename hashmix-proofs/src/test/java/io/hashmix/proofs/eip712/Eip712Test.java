package io.hashmix.proofs.eip712;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Hash;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.vectors.Fixtures;
import io.hashmix.proofs.vectors.Web3jTypedData;

class Eip712Test {

    private static final HexFormat HEX = HexFormat.of();

    /** Checklist A.6: the exact type string and its hash are pinned; changing either breaks the contracts. */
    @Test
    void a6_productAttestationTypeStringAndHashArePinned() {
        assertEquals("ProductAttestation(address issuer,bytes32 assetClass,uint256 capacity,uint64 start,uint64 end,"
                + "bytes32 hardwareRoot,uint32 hardwareCount,bytes32 metadataHash,address collateralToken,"
                + "uint256 collateral,uint256 nonce,uint64 deadline,uint64 committeeEpoch)", ProductAttestation.TYPE_STRING);
        assertEquals("0xcc5c2beb7704689c1503c2559c31b09042d1047acc4de344f98ded05e7dd65b5", ProductAttestation.TYPE_HASH.toHex());
        assertEquals(Hash.sha3String(ProductAttestation.TYPE_STRING), ProductAttestation.TYPE_HASH.toHex());
        assertEquals(ProductAttestation.TYPE_HASH, Fixtures.btcProduct().typeHash());
    }

    /** Checklist A.6: the domain type string and hash are the standard EIP-712 ones. */
    @Test
    void a6_domainTypeStringAndHashArePinned() {
        assertEquals("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)", Eip712Domain.TYPE_STRING);
        assertEquals("0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f", Eip712Domain.TYPE_HASH.toHex());
    }

    @Test
    void domainSeparatorMatchesWeb3jAndBindsChainAndContract() throws Exception {
        Eip712Domain d = Fixtures.DOMAIN;
        assertEquals(Web3jTypedData.separator(d, Fixtures.btcProduct()), d.separator());
        assertEquals("HashMix", d.name());
        assertEquals("1", d.version());
        assertNotEquals(d.separator(), Eip712Domain.hashMix(1, d.verifyingContract()).separator());
        assertNotEquals(d.separator(),
                Eip712Domain.hashMix(d.chainId(), EvmAddress.of("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512")).separator());
        assertNotEquals(d.separator(), new Eip712Domain("HashMix", "2", d.chainId(), d.verifyingContract()).separator());
        Eip712Domain big = Eip712Domain.hashMix(Long.MAX_VALUE, d.verifyingContract());
        assertEquals(Web3jTypedData.separator(big, Fixtures.btcProduct()), big.separator());
    }

    @Test
    void digestIsKeccakOf1901SeparatorStructHash() throws Exception {
        ProductAttestation a = Fixtures.btcProduct();
        byte[] pre = new byte[66];
        pre[0] = 0x19;
        pre[1] = 0x01;
        System.arraycopy(Fixtures.DOMAIN.separator().value(), 0, pre, 2, 32);
        System.arraycopy(a.structHash().value(), 0, pre, 34, 32);
        assertEquals(Bytes32.keccak(pre), Eip712.digest(Fixtures.DOMAIN, a));
        assertEquals(Web3jTypedData.digest(Fixtures.DOMAIN, a), Eip712.digest(Fixtures.DOMAIN, a));
    }

    @Test
    void digestRejectsNulls() {
        assertThrows(IllegalArgumentException.class, () -> Eip712.digest(null, Fixtures.btcProduct()));
        assertThrows(IllegalArgumentException.class, () -> Eip712.digest(Fixtures.DOMAIN, null));
        assertThrows(IllegalArgumentException.class, () -> Eip712.digest(null, Bytes32.ZERO));
    }

    @Test
    void domainValidation() {
        EvmAddress c = Fixtures.TOKEN_CONTRACT;
        assertThrows(IllegalArgumentException.class, () -> Eip712Domain.hashMix(0, c));
        assertThrows(IllegalArgumentException.class, () -> Eip712Domain.hashMix(-1, c));
        assertThrows(IllegalArgumentException.class, () -> Eip712Domain.hashMix(1, null));
        assertThrows(IllegalArgumentException.class, () -> new Eip712Domain(null, "1", 1, c));
    }

    @Test
    void defaultTypeHashComputesFromTypeString() {
        Eip712Struct s = new Eip712Struct() {
            @Override
            public String typeString() {
                return "Mail(address from,address to,string contents)";
            }

            @Override
            public Bytes32 structHash() {
                return Bytes32.ZERO;
            }
        };
        assertEquals(Bytes32.keccak("Mail(address from,address to,string contents)".getBytes(StandardCharsets.UTF_8)), s.typeHash());
    }

    @Test
    void abiWordsEncodesEachTypeAsOneWord() {
        byte[] enc = AbiWords.of(6)
                .address(EvmAddress.of("0x5FbDB2315678afecb367f032d93F642f64180aa3"))
                .uint256(BigInteger.valueOf(0x1234))
                .uint64(-1L)
                .bool(true)
                .bytes32(Bytes32.ZERO)
                .uint256(AbiWords.UINT256_MAX)
                .encoded();
        String hex = HEX.formatHex(enc);
        assertEquals("0000000000000000000000005fbdb2315678afecb367f032d93f642f64180aa3", hex.substring(0, 64));
        assertEquals("0".repeat(60) + "1234", hex.substring(64, 128));
        assertEquals("0".repeat(48) + "f".repeat(16), hex.substring(128, 192));
        assertEquals("0".repeat(63) + "1", hex.substring(192, 256));
        assertEquals("0".repeat(64), hex.substring(256, 320));
        assertEquals("f".repeat(64), hex.substring(320, 384));
    }

    @Test
    void abiWordsRejectsOutOfRangeAndMiscountedWords() {
        assertThrows(IllegalArgumentException.class, () -> AbiWords.of(1).uint256(BigInteger.ONE.negate()));
        assertThrows(IllegalArgumentException.class, () -> AbiWords.of(1).uint256(AbiWords.UINT256_MAX.add(BigInteger.ONE)));
        assertThrows(IllegalArgumentException.class, () -> AbiWords.of(1).uint256(null));
        assertThrows(IllegalArgumentException.class, () -> AbiWords.of(0));
        assertThrows(IllegalArgumentException.class, () -> AbiWords.of(1).bytes32(new byte[31]));
        assertThrows(IllegalStateException.class, () -> AbiWords.of(2).bool(true).keccak());
        assertThrows(IllegalStateException.class, () -> AbiWords.of(1).bool(true).bool(false));
    }

    @Test
    void bytes32ValueSemanticsAndCopies() {
        byte[] raw = new byte[32];
        raw[31] = 7;
        Bytes32 b = new Bytes32(raw);
        raw[31] = 8;
        assertEquals(7, b.get(31), "constructor must copy");
        b.value()[31] = 9;
        assertEquals(7, b.get(31), "value() must copy");
        assertEquals(b, Bytes32.fromHex(b.toHex()));
        assertEquals(b.hashCode(), Bytes32.fromHex(b.toHex()).hashCode());
        assertTrue(Bytes32.ZERO.isZero());
        byte[] high = new byte[32];
        high[0] = (byte) 0x80;
        assertTrue(new Bytes32(high).compareTo(b) > 0, "order is unsigned");
        assertArrayEquals(Hash.sha3(new byte[] {1, 2}), Bytes32.keccak(new byte[] {1, 2}).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x", "00", "0x00", "0xzz00000000000000000000000000000000000000000000000000000000000000",
            "1x0000000000000000000000000000000000000000000000000000000000000000",
            "0x000000000000000000000000000000000000000000000000000000000000000000"})
    void bytes32RejectsMalformedHex(String hex) {
        assertThrows(IllegalArgumentException.class, () -> Bytes32.fromHex(hex));
    }

    @Test
    void bytes32RejectsNullAndWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> Bytes32.fromHex(null));
        assertThrows(IllegalArgumentException.class, () -> new Bytes32(null));
        assertThrows(IllegalArgumentException.class, () -> new Bytes32(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> Bytes32.keccak(null));
        assertThrows(IllegalArgumentException.class, () -> Bytes32.keccakUtf8(null));
    }
}
