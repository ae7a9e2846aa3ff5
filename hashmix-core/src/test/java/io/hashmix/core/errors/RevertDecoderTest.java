package io.hashmix.core.errors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Bytes4;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import io.hashmix.contracts.abi.AbiErrorCatalog;
import io.hashmix.core.rpc.RpcErrorException;
import io.hashmix.proofs.EvmAddress;

class RevertDecoderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AbiErrorCatalog PROTOCOL = AbiErrorCatalog.ofProtocol();
    private static final String ACCOUNT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String CTX = "Registry.register (call)";

    /** Error(string) with reason "Not enough Ether provided." (the example of the Solidity docs). */
    private static final String ERROR_STRING_CONSTANT = "0x08c379a0"
            + "0000000000000000000000000000000000000000000000000000000000000020"
            + "000000000000000000000000000000000000000000000000000000000000001a"
            + "4e6f7420656e6f7567682045746865722070726f76696465642e000000000000";

    /** Panic(0x11). */
    private static final String PANIC_OVERFLOW = "0x4e487b71"
            + "0000000000000000000000000000000000000000000000000000000000000011";

    private static final String EVERYTHING_ABI = """
            [
              {"type":"function","name":"f","inputs":[],"outputs":[],"stateMutability":"view"},
              {"type":"error","name":"Everything","inputs":[
                {"name":"who","type":"address"},
                {"name":"amount","type":"uint256"},
                {"name":"flag","type":"bool"},
                {"name":"note","type":"string"},
                {"name":"blob","type":"bytes"},
                {"name":"ids","type":"bytes32[]"}]},
              {"type":"error","name":"Signed","inputs":[
                {"name":"delta","type":"int256"},
                {"name":"small","type":"uint8"},
                {"name":"tag","type":"bytes4"}]},
              {"type":"error","name":"Bare","inputs":[]}
            ]
            """;

    private static final RevertDecoder DECODER = RevertDecoder.builder(PROTOCOL)
            .map("OwnableUnauthorizedAccount(address)", UnauthorizedAccountException::new)
            .build();

    private static String encodeError(String name, Type<?>... args) {
        return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
    }

    private static byte[] bytes32(int fill) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }

    private static RpcErrorException rpcError(int code, String message, JsonNode data) {
        return new RpcErrorException("http://127.0.0.1:8545/", "eth_call", code, message, data);
    }

    private static RpcErrorException rpcError(String message, String dataJson) throws Exception {
        return rpcError(3, message, dataJson == null ? null : MAPPER.readTree(dataJson));
    }

    // ---- decode -------------------------------------------------------------------------------

    @Test
    void errorStringBecomesRevertedWithReason() {
        String data = encodeError("Error", new Utf8String("caller is not the owner"));
        assertTrue(data.startsWith("0x08c379a0"), data);

        RevertedWithReasonException e = assertInstanceOf(RevertedWithReasonException.class, DECODER.decode(CTX, data));

        assertEquals("caller is not the owner", e.reason());
        assertEquals(data, e.revertData());
        assertEquals(CTX, e.context());
        assertEquals(CTX + " reverted: Error(\"caller is not the owner\")", e.getMessage());
    }

    @Test
    void errorStringFromKnownConstantHex() {
        RevertedWithReasonException e = assertInstanceOf(RevertedWithReasonException.class,
                DECODER.decode(CTX, ERROR_STRING_CONSTANT));
        assertEquals("Not enough Ether provided.", e.reason());
    }

    @Test
    void upperCaseHexIsDecodedAndKeptLowerCase() {
        RevertedWithReasonException e = assertInstanceOf(RevertedWithReasonException.class,
                DECODER.decode(CTX, ERROR_STRING_CONSTANT.toUpperCase().replace("0X", "0x")));
        assertEquals("Not enough Ether provided.", e.reason());
        assertEquals(ERROR_STRING_CONSTANT, e.revertData());
    }

    @Test
    void panicBecomesPanicExceptionWithCodeAndDescription() {
        PanicException e = assertInstanceOf(PanicException.class, DECODER.decode(CTX, PANIC_OVERFLOW));

        assertEquals(BigInteger.valueOf(0x11), e.code());
        assertEquals(PANIC_OVERFLOW, e.revertData());
        assertEquals(CTX + " reverted: Panic(0x11: arithmetic overflow or underflow)", e.getMessage());
        assertEquals("division or modulo by zero", PanicException.describe(BigInteger.valueOf(0x12)));
        assertEquals("array index out of bounds", PanicException.describe(BigInteger.valueOf(0x32)));
        assertEquals("unknown panic code", PanicException.describe(BigInteger.valueOf(0x99)));
    }

    @Test
    void registeredCustomErrorBecomesItsTypedSubclass() {
        String data = encodeError("OwnableUnauthorizedAccount", new Address(ACCOUNT));
        assertTrue(data.startsWith("0x118cdaa7"), data);

        UnauthorizedAccountException e = assertInstanceOf(UnauthorizedAccountException.class, DECODER.decode(CTX, data));

        assertEquals(EvmAddress.of(ACCOUNT), e.account());
        assertEquals("OwnableUnauthorizedAccount", e.errorName());
        assertEquals("OwnableUnauthorizedAccount(address)", e.error().error().signature());
        assertEquals(data, e.revertData());
        assertEquals(CTX, e.context());
        assertEquals(CTX + " reverted: OwnableUnauthorizedAccount(account=" + EvmAddress.of(ACCOUNT) + ")", e.getMessage());
    }

    @Test
    void unregisteredCustomErrorIsPlainCustomErrorWithDecodedValues() {
        String data = encodeError("ERC20InsufficientBalance", new Address(ACCOUNT), new Uint256(5), new Uint256(7));
        assertTrue(data.startsWith("0xe450d38c"), data);

        ContractRevertException decoded = DECODER.decode(CTX, data);

        assertEquals(CustomErrorException.class, decoded.getClass());
        CustomErrorException e = (CustomErrorException) decoded;
        assertEquals("ERC20InsufficientBalance", e.errorName());
        assertEquals(List.of(EvmAddress.of(ACCOUNT), BigInteger.valueOf(5), BigInteger.valueOf(7)), e.error().values());
        assertEquals(BigInteger.valueOf(7), e.error().value("needed"));
        assertEquals(EvmAddress.of(ACCOUNT), e.error().value(0));
        assertThrows(IllegalArgumentException.class, () -> e.error().value("missing"));
        assertEquals(CTX + " reverted: ERC20InsufficientBalance(sender=" + EvmAddress.of(ACCOUNT)
                + ", balance=5, needed=7)", e.getMessage());
    }

    @Test
    void typedSubclassIsOnlyUsedForItsOwnSignature() {
        String data = encodeError("OwnableInvalidOwner", new Address(ACCOUNT));

        ContractRevertException decoded = DECODER.decode(CTX, data);

        assertEquals(CustomErrorException.class, decoded.getClass());
        assertEquals("OwnableInvalidOwner", ((CustomErrorException) decoded).errorName());
    }

    @Test
    void decodesEveryValueKindOfAHandWrittenAbi() {
        RevertDecoder decoder = RevertDecoder.builder(AbiErrorCatalog.fromAbis(List.of(EVERYTHING_ABI))).build();
        byte[] blob = HexFormat.of().parseHex("deadbeef00ff");
        String data = encodeError("Everything", new Address(ACCOUNT),
                new Uint256(new BigInteger("123456789012345678901234567890")), new Bool(true),
                new Utf8String("héllo, wörld"), new DynamicBytes(blob),
                new DynamicArray<>(Bytes32.class, List.of(new Bytes32(bytes32(0x11)), new Bytes32(bytes32(0xab)))));

        CustomErrorException e = assertInstanceOf(CustomErrorException.class, decoder.decode(CTX, data));

        DecodedError d = e.error();
        assertEquals("Everything", d.name());
        assertEquals(6, d.values().size());
        assertEquals(EvmAddress.of(ACCOUNT), d.value("who"));
        assertEquals(new BigInteger("123456789012345678901234567890"), d.value("amount"));
        assertEquals(Boolean.TRUE, d.value("flag"));
        assertEquals("héllo, wörld", d.value("note"));
        assertArrayEquals(blob, (byte[]) d.value("blob"));
        List<?> ids = assertInstanceOf(List.class, d.value("ids"));
        assertEquals(2, ids.size());
        assertArrayEquals(bytes32(0x11), (byte[]) ids.get(0));
        assertArrayEquals(bytes32(0xab), (byte[]) ids.get(1));
        assertTrue(e.getMessage().contains("blob=0xdeadbeef00ff"), e.getMessage());
    }

    @Test
    void decodesSignedIntegersSmallIntegersAndFixedBytes() {
        RevertDecoder decoder = RevertDecoder.builder(AbiErrorCatalog.fromAbis(List.of(EVERYTHING_ABI))).build();
        String data = encodeError("Signed", new Int256(-42), new Uint8(255), new Bytes4(new byte[] {1, 2, 3, 4}));

        CustomErrorException e = assertInstanceOf(CustomErrorException.class, decoder.decode(CTX, data));

        assertEquals(BigInteger.valueOf(-42), e.error().value("delta"));
        assertEquals(BigInteger.valueOf(255), e.error().value("small"));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, (byte[]) e.error().value("tag"));
    }

    @Test
    void decodesACustomErrorWithoutArguments() {
        RevertDecoder decoder = RevertDecoder.builder(AbiErrorCatalog.fromAbis(List.of(EVERYTHING_ABI))).build();
        String data = encodeError("Bare");
        assertEquals(10, data.length());

        CustomErrorException e = assertInstanceOf(CustomErrorException.class, decoder.decode(CTX, data));

        assertEquals("Bare", e.errorName());
        assertEquals(List.of(), e.error().values());
        assertEquals(CTX + " reverted: Bare()", e.getMessage());
    }

    @Test
    void unknownSelectorIsBaseRevertKeepingTheData() {
        String data = "0xdeadbeef" + "00".repeat(31) + "01";

        ContractRevertException e = DECODER.decode(CTX, data);

        assertEquals(ContractRevertException.class, e.getClass());
        assertEquals(data, e.revertData());
        assertTrue(e.getMessage().contains("unknown custom error with selector 0xdeadbeef"), e.getMessage());
    }

    @Test
    void emptyDataIsBaseRevertWithoutData() {
        ContractRevertException e = DECODER.decode(CTX, "0x");

        assertEquals(ContractRevertException.class, e.getClass());
        assertEquals("0x", e.revertData());
        assertEquals(CTX + " reverted: without data", e.getMessage());
    }

    @Test
    void dataShorterThanASelectorIsBaseRevertWithTheData() {
        ContractRevertException e = DECODER.decode(CTX, "0x1234");

        assertEquals(ContractRevertException.class, e.getClass());
        assertEquals("0x1234", e.revertData());
        assertEquals(CTX + " reverted: with data 0x1234", e.getMessage());
    }

    @Test
    void truncatedErrorStringIsBaseRevertKeepingTheData() {
        String truncated = ERROR_STRING_CONSTANT.substring(0, 10 + 64 + 32);

        ContractRevertException e = DECODER.decode(CTX, truncated);

        assertEquals(ContractRevertException.class, e.getClass());
        assertEquals(truncated, e.revertData());
        assertTrue(e.getMessage().contains("undecodable revert data"), e.getMessage());
    }

    @Test
    void selectorOnlyErrorStringAndPanicAreBaseReverts() {
        for (String data : List.of("0x08c379a0", "0x4e487b71")) {
            ContractRevertException e = DECODER.decode(CTX, data);
            assertEquals(ContractRevertException.class, e.getClass(), data);
            assertEquals(data, e.revertData());
        }
    }

    @Test
    void truncatedCustomErrorIsBaseRevertKeepingTheData() {
        String full = encodeError("ERC20InsufficientBalance", new Address(ACCOUNT), new Uint256(5), new Uint256(7));
        String truncated = full.substring(0, full.length() - 64);

        ContractRevertException e = DECODER.decode(CTX, truncated);

        assertEquals(ContractRevertException.class, e.getClass());
        assertEquals(truncated, e.revertData());
        assertTrue(e.getMessage().contains("undecodable revert data"), e.getMessage());
    }

    @Test
    void nonHexGarbageIsBaseRevertReportingMalformedData() {
        for (String garbage : List.of("hello", "0xzz", "0x123", "08c379a0", "")) {
            ContractRevertException e = DECODER.decode(CTX, garbage);
            assertEquals(ContractRevertException.class, e.getClass(), garbage);
            assertEquals(garbage, e.revertData());
            assertTrue(e.getMessage().contains("malformed revert data"), e.getMessage());
        }
    }

    @Test
    void nullDataIsRejected() {
        assertThrows(NullPointerException.class, () -> DECODER.decode(CTX, null));
    }

    // ---- revertData / fromRpcError: every node shape ----------------------------------------

    @Test
    void revertDataFromHexStringData() throws Exception {
        RpcErrorException error = rpcError("execution reverted", "\"" + PANIC_OVERFLOW + "\"");

        assertEquals(Optional.of(PANIC_OVERFLOW), RevertDecoder.revertData(error));
    }

    @Test
    void revertDataFromNestedHardhatData() throws Exception {
        RpcErrorException error = rpcError(-32603,
                "Error: VM Exception while processing transaction: reverted with panic code 0x11",
                MAPPER.readTree("{\"message\":\"reverted with panic code 0x11\",\"data\":\"" + PANIC_OVERFLOW + "\"}"));

        assertEquals(Optional.of(PANIC_OVERFLOW), RevertDecoder.revertData(error));
    }

    @Test
    void revertDataFromJsonTextHoldingQuotedHex() {
        RpcErrorException error = rpcError(3, "execution reverted", TextNode.valueOf("\"" + PANIC_OVERFLOW + "\""));

        assertEquals(Optional.of(PANIC_OVERFLOW), RevertDecoder.revertData(error));
    }

    @Test
    void revertDataFromJsonTextHoldingAnObject() {
        RpcErrorException error = rpcError(3, "execution reverted",
                TextNode.valueOf("{\"message\":\"reverted\",\"data\":\"" + PANIC_OVERFLOW + "\"}"));

        assertEquals(Optional.of(PANIC_OVERFLOW), RevertDecoder.revertData(error));
    }

    @Test
    void revertDataFromGanacheTxHashKeyedData() throws Exception {
        String txHash = "0x" + "ab".repeat(32);
        RpcErrorException error = rpcError(-32000, "VM Exception while processing transaction: revert",
                MAPPER.readTree("{\"" + txHash + "\":{\"error\":\"revert\",\"program_counter\":130,\"return\":\""
                        + ERROR_STRING_CONSTANT + "\",\"reason\":\"Not enough Ether provided.\"},"
                        + "\"stack\":\"RuntimeError: VM Exception\",\"name\":\"RuntimeError\"}"));

        assertEquals(Optional.of(ERROR_STRING_CONSTANT), RevertDecoder.revertData(error));
    }

    @Test
    void revertDataFromTheMessageText() {
        RpcErrorException error = rpcError(-32000, "execution reverted: " + PANIC_OVERFLOW, null);

        assertEquals(Optional.of(PANIC_OVERFLOW), RevertDecoder.revertData(error));
    }

    @Test
    void nonRevertErrorHasNoRevertDataAndIsNotARevert() {
        RpcErrorException error = rpcError(-32000, "insufficient funds for gas * price + value", null);

        assertEquals(Optional.empty(), RevertDecoder.revertData(error));
        assertEquals(Optional.empty(), DECODER.fromRpcError(CTX, error));
    }

    @Test
    void nonRevertErrorWithNonHexDataIsNotARevert() throws Exception {
        RpcErrorException error = rpcError(-32003, "Nonce too low. Expected nonce to be 3 but got 2.",
                MAPPER.readTree("{\"message\":\"Nonce too low. Expected nonce to be 3 but got 2.\"}"));

        assertEquals(Optional.empty(), RevertDecoder.revertData(error));
        assertEquals(Optional.empty(), DECODER.fromRpcError(CTX, error));
    }

    @Test
    void executionRevertedWithoutDataIsABaseRevertWithEmptyData() {
        RpcErrorException error = rpcError(3, "execution reverted", null);

        ContractRevertException e = DECODER.fromRpcError(CTX, error).orElseThrow();

        assertEquals(ContractRevertException.class, e.getClass());
        assertEquals("0x", e.revertData());
        assertEquals(CTX, e.context());
        assertTrue(e.getMessage().contains("execution reverted"), e.getMessage());
    }

    @Test
    void fromRpcErrorDecodesEveryShapeIntoTheTypedException() throws Exception {
        String data = encodeError("OwnableUnauthorizedAccount", new Address(ACCOUNT));
        String txHash = "0x" + "cd".repeat(32);
        List<RpcErrorException> shapes = List.of(
                rpcError(3, "execution reverted", TextNode.valueOf(data)),
                rpcError(-32603, "Error: VM Exception while processing transaction: reverted with custom error",
                        MAPPER.readTree("{\"message\":\"reverted\",\"data\":\"" + data + "\"}")),
                rpcError(3, "execution reverted", TextNode.valueOf("\"" + data + "\"")),
                rpcError(3, "execution reverted", TextNode.valueOf("{\"data\":\"" + data + "\"}")),
                rpcError(-32000, "VM Exception while processing transaction: revert",
                        MAPPER.readTree("{\"" + txHash + "\":{\"error\":\"revert\",\"return\":\"" + data + "\"}}")),
                rpcError(-32000, "execution reverted: " + data, null));

        for (RpcErrorException shape : shapes) {
            ContractRevertException e = DECODER.fromRpcError(CTX, shape).orElseThrow();
            UnauthorizedAccountException typed = assertInstanceOf(UnauthorizedAccountException.class, e,
                    String.valueOf(shape.data()));
            assertEquals(EvmAddress.of(ACCOUNT), typed.account());
            assertEquals(data, typed.revertData());
            assertEquals(CTX, typed.context());
        }
    }

    // ---- builder ------------------------------------------------------------------------------

    @Test
    void mappingAnUnknownSignatureThrows() {
        RevertDecoder.Builder builder = RevertDecoder.builder(PROTOCOL);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.map("OwnableUnauthorisedAccount(address)", UnauthorizedAccountException::new));

        assertTrue(e.getMessage().contains("OwnableUnauthorisedAccount(address)"), e.getMessage());
    }

    @Test
    void mappingAKnownNameWithWrongParameterTypesThrows() {
        assertThrows(IllegalArgumentException.class, () -> RevertDecoder.builder(PROTOCOL)
                .map("OwnableUnauthorizedAccount(uint256)", UnauthorizedAccountException::new));
    }

    @Test
    void registeredFactoryReceivesContextDataAndDecodedError() {
        CustomErrorException[] made = new CustomErrorException[1];
        RevertDecoder decoder = RevertDecoder.builder(PROTOCOL)
                .map("OwnableInvalidOwner(address)", (ctx, data, err) -> made[0] = new CustomErrorException(ctx, data, err))
                .build();
        String data = encodeError("OwnableInvalidOwner", new Address(ACCOUNT));

        ContractRevertException e = decoder.decode("ctx", data);

        assertSame(made[0], e);
        assertEquals("ctx", e.context());
        assertEquals(data, e.revertData());
    }
}
