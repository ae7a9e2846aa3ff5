package io.hashmix.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;

import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.abi.AbiErrorCatalog;
import io.hashmix.core.assetclass.AssetClassErrors;
import io.hashmix.core.committee.CommitteeErrors;
import io.hashmix.core.errors.NativeTransferFailedException;
import io.hashmix.core.errors.ZeroAddressException;
import io.hashmix.core.errors.ContractRevertException;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.RevertDecoder;
import io.hashmix.core.errors.UnauthorizedAccountException;
import io.hashmix.core.fulfillment.FulfillmentErrors;
import io.hashmix.core.tokenization.TokenizationErrors;
import io.hashmix.core.errors.ZeroUnitsException;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;

/** Every custom error of HashMixMarket decodes to its typed exception, with the registrations HashMix makes. */
class MarketErrorsTest {

    private static final String A = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String B = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

    /** The decoder exactly as {@code HashMix.Builder.build()} assembles it. */
    private static final RevertDecoder DECODER;

    static {
        RevertDecoder.Builder b = io.hashmix.core.internal.ProtocolErrors.builder();
        DECODER = b.build();
    }

    private static ContractRevertException decode(String name, Type<?>... args) {
        return DECODER.decode("HashMixMarket.fill (call)", FunctionEncoder.encode(new Function(name, List.of(args), List.of())));
    }

    private static Uint256 u(long v) {
        return new Uint256(BigInteger.valueOf(v));
    }

    @Test
    void everyMarketErrorHasATypedException() {
        assertInstanceOf(InvalidOrderSignatureException.class, decode("InvalidSignature"));
        assertEquals(-1L, assertInstanceOf(OrderExpiredException.class,
                decode("OrderExpired", new Uint64(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)))).expiry(),
                "uint64 max reads as the unsigned long -1");
        StaleCounterException counter = assertInstanceOf(StaleCounterException.class, decode("StaleCounter", u(0), u(3)));
        assertEquals(BigInteger.ZERO, counter.orderCounter());
        assertEquals(BigInteger.valueOf(3), counter.currentCounter());
        byte[] hash = new byte[32];
        hash[31] = 7;
        assertEquals(io.hashmix.proofs.eip712.Bytes32.of(hash),
                assertInstanceOf(OrderIsCancelledException.class, decode("OrderIsCancelled", new Bytes32(hash))).orderHash());
        StaleTokenNonceException nonce = assertInstanceOf(StaleTokenNonceException.class, decode("StaleTokenNonce", u(5),
                new Uint32(BigInteger.ZERO), new Uint32(BigInteger.valueOf(4_294_967_295L))));
        assertEquals(TokenId.of(5), nonce.tokenId());
        assertEquals(0, nonce.expected());
        assertEquals(4_294_967_295L, nonce.actual());
        NotTokenOwnerException owner = assertInstanceOf(NotTokenOwnerException.class,
                decode("NotTokenOwner", u(9), new Address(A), new Address(B)));
        assertEquals(TokenId.of(9), owner.tokenId());
        assertEquals(EvmAddress.of(A), owner.expected());
        assertEquals(EvmAddress.of(B), owner.actual());
        assertEquals(TokenId.of(2), assertInstanceOf(NotTradableException.class, decode("NotTradable", u(2))).tokenId());
        assertEquals(TokenId.of(3), assertInstanceOf(CriteriaMismatchException.class, decode("CriteriaMismatch", u(3))).tokenId());
        FillTooSmallException small = assertInstanceOf(FillTooSmallException.class, decode("FillTooSmall", u(100), u(5)));
        assertEquals(BigInteger.valueOf(100), small.minFill());
        assertEquals(BigInteger.valueOf(5), small.units());
        OverfillException over = assertInstanceOf(OverfillException.class, decode("Overfill", u(10), u(11)));
        assertEquals(BigInteger.TEN, over.remaining());
        assertEquals(BigInteger.valueOf(11), over.units());
        assertInstanceOf(NativeNotAllowedException.class, decode("NativeNotAllowed"));
        NotTheMakerException maker = assertInstanceOf(NotTheMakerException.class, decode("NotTheMaker", new Address(A), new Address(B)));
        assertEquals(EvmAddress.of(A), maker.caller());
        assertEquals(EvmAddress.of(B), maker.maker());
        assertEquals(1_001, assertInstanceOf(FeeTooHighException.class, decode("FeeTooHigh", new Uint16(BigInteger.valueOf(1_001)))).feeBps());
        InsufficientValueException value = assertInstanceOf(InsufficientValueException.class, decode("InsufficientValue", u(10), u(9)));
        assertEquals(BigInteger.TEN, value.required());
        assertEquals(BigInteger.valueOf(9), value.available());
    }

    /** Signatures other domains map already keep their classes (one class per selector). */
    @Test
    void sharedSignaturesReuseTheExistingExceptions() {
        assertInstanceOf(ZeroUnitsException.class, decode("ZeroUnits"));
        assertInstanceOf(ZeroAddressException.class, decode("ZeroAddress"));
        NativeTransferFailedException failed = assertInstanceOf(NativeTransferFailedException.class,
                decode("NativeTransferFailed", new Address(A), u(1)));
        assertEquals(EvmAddress.of(A), failed.to());
    }

    /** Every error the market declares (not inherited from OpenZeppelin) decodes to a class of its own, never the generic one. */
    @Test
    void noMarketErrorIsLeftGeneric() {
        // OpenZeppelin's, and the errors every HashMix contract shares (decoded by CommonErrors)
        Set<String> inherited = Set.of("InvalidShortString()", "AccessManagedUnauthorized(address)",
                "AccessManagedInvalidAuthority(address)", "AccessManagedRequiredDelay(address,uint32)",
                "ReentrancyGuardReentrantCall()", "SafeCastOverflowedUintDowncast(uint8,uint256)", "SafeERC20FailedOperation(address)",
                "StringTooLong(string)", "ZeroAddress()", "ZeroUnits()", "NativeTransferFailed(address,uint256)");
        AbiErrorCatalog market = AbiErrorCatalog.ofArtifacts(List.of(ProtocolContract.HASH_MIX_MARKET.artifact()));
        Set<String> own = market.errors().stream().map(e -> e.signature()).filter(s -> !inherited.contains(s))
                .collect(Collectors.toSet());
        assertEquals(19, own.size(), own.toString());
        for (var error : market.errors()) {
            if (!own.contains(error.signature())) {
                continue;
            }
            // all-zero arguments are valid for every static type the market's errors use
            String data = error.selector() + "00".repeat(32 * error.inputs().size());
            ContractRevertException e = DECODER.decode("ctx", data);
            assertTrue(e instanceof CustomErrorException && e.getClass() != CustomErrorException.class,
                    error.signature() + " decodes to " + e.getClass());
        }
    }
}
