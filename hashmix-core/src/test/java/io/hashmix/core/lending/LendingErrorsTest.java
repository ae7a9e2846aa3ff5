package io.hashmix.core.lending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.abi.AbiError;
import io.hashmix.contracts.abi.AbiErrorCatalog;
import io.hashmix.core.errors.ContractRevertException;
import io.hashmix.core.errors.RevertDecoder;
import io.hashmix.core.internal.ProtocolErrors;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;

/** Every custom error of the lending contracts decodes to its typed exception of this package, with its fields. */
class LendingErrorsTest {

    private static final String A = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String B = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private static final RevertDecoder DECODER = ProtocolErrors.decoder();
    private static final LoanId LOAN = LoanId.of(TokenId.of(7), 3);

    private static ContractRevertException decode(String name, Type<?>... args) {
        return DECODER.decode("HashPowerLending.call", FunctionEncoder.encode(new Function(name, List.of(args), List.of())));
    }

    private static Uint256 u(BigInteger v) {
        return new Uint256(v);
    }

    private static Uint256 u(long v) {
        return u(BigInteger.valueOf(v));
    }

    private static Bytes32 hash(int last) {
        byte[] b = new byte[32];
        b[31] = (byte) last;
        return new Bytes32(b);
    }

    /**
     * Every error the lending ABIs declare, except the shared and OpenZeppelin ones and the valuation's (its
     * {@code PriceUnusable} is the swap domain's exception), has an exception here.
     */
    @Test
    void everyLendingErrorOfTheAbisIsMapped() {
        AbiErrorCatalog lending = AbiErrorCatalog.ofArtifacts(List.of(ProtocolContract.HASH_POWER_LENDING.artifact(),
                ProtocolContract.LENDING_MODULE.artifact(), ProtocolContract.LENDING_LENS.artifact()));
        AbiErrorCatalog others = AbiErrorCatalog.ofArtifacts(List.of(ProtocolContract.HASH_POWER_TOKEN.artifact(),
                ProtocolContract.HASH_MIX_MARKET.artifact(), ProtocolContract.FULFILLMENT_VAULT.artifact(),
                ProtocolContract.ATTESTOR_REGISTRY.artifact(), ProtocolContract.COLLATERAL_VAULT.artifact(),
                ProtocolContract.HARDWARE_REGISTRY.artifact(), ProtocolContract.HASH_POWER_VALUATION.artifact()));
        List<String> shared = others.errors().stream().map(AbiError::signature).toList();
        int own = 0;
        for (AbiError e : lending.errors()) {
            if (shared.contains(e.signature())) {
                continue;
            }
            String expected = "io.hashmix.core.lending." + e.name() + "Exception";
            ContractRevertException decoded = DECODER.decode("x", e.selector() + "00".repeat(32 * e.inputs().size()));
            assertEquals(expected, decoded.getClass().getName(), e.signature());
            own++;
        }
        assertEquals(29, own, "every lending error");
    }

    @Test
    void typedExceptionsCarryTheirFields() {
        assertInstanceOf(InvalidLoanSignatureException.class, decode("InvalidLoanSignature"));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), assertInstanceOf(LoanOrderExpiredException.class,
                decode("LoanOrderExpired", new Uint64(BigInteger.valueOf(1_700_000_000L)))).expiry());
        StaleLoanCounterException c = assertInstanceOf(StaleLoanCounterException.class, decode("StaleLoanCounter", u(0), u(2)));
        assertEquals(BigInteger.ZERO, c.expected());
        assertEquals(BigInteger.TWO, c.actual());
        assertEquals(io.hashmix.proofs.eip712.Bytes32.of(hash(9).getValue()), assertInstanceOf(LoanOrderCancelledException.class,
                decode("LoanOrderCancelled", hash(9))).orderHash());
        assertEquals(io.hashmix.proofs.eip712.Bytes32.of(hash(8).getValue()), assertInstanceOf(LoanOrderUsedException.class,
                decode("LoanOrderUsed", hash(8))).orderHash());
        TokenNonceMismatchException n = assertInstanceOf(TokenNonceMismatchException.class, decode("TokenNonceMismatch",
                u(7), new Uint32(BigInteger.ONE), new Uint32(BigInteger.valueOf(4_294_967_295L))));
        assertEquals(TokenId.of(7), n.tokenId());
        assertEquals(1, n.expected());
        assertEquals(4_294_967_295L, n.actual());
        TokenUnitsMismatchException units = assertInstanceOf(TokenUnitsMismatchException.class,
                decode("TokenUnitsMismatch", u(7), u(1000), u(600)));
        assertEquals(BigInteger.valueOf(600), units.actual());
        assertEquals(BigInteger.valueOf(1000), units.expected());
        assertEquals(TokenId.of(7), units.tokenId());
        WrongTokenException wt = assertInstanceOf(WrongTokenException.class, decode("WrongToken", u(1), u(2)));
        assertEquals(TokenId.of(1), wt.expected());
        assertEquals(TokenId.of(2), wt.actual());
        assertEquals(TokenId.of(4), assertInstanceOf(CollateralNotAcceptedException.class,
                decode("CollateralNotAccepted", u(4))).tokenId());
        assertEquals(TokenId.of(4), assertInstanceOf(CollectionMismatchException.class,
                decode("CollectionMismatch", u(4))).tokenId());
        WrongCurrencyException wc = assertInstanceOf(WrongCurrencyException.class, decode("WrongCurrency", new Address(A), new Address(B)));
        assertEquals(EvmAddress.of(A), wc.expected());
        assertEquals(EvmAddress.of(B), wc.actual());
        BorrowerScoreTooLowException score = assertInstanceOf(BorrowerScoreTooLowException.class,
                decode("BorrowerScoreTooLow", new Address(A), u(300), u(650)));
        assertEquals(EvmAddress.of(A), score.borrower());
        assertEquals(300, score.score());
        assertEquals(650, score.minScore());
        assertInstanceOf(InvalidLoanTermsException.class, decode("InvalidLoanTerms"));
        TermBeyondProductException tb = assertInstanceOf(TermBeyondProductException.class,
                decode("TermBeyondProduct", new Uint64(BigInteger.valueOf(20)), new Uint64(BigInteger.TEN)));
        assertEquals(Instant.ofEpochSecond(20), tb.maturity());
        assertEquals(Instant.ofEpochSecond(10), tb.productEnd());
        LtvExceededException ltv = assertInstanceOf(LtvExceededException.class, decode("LtvExceeded", u(11), u(10)));
        assertEquals(BigInteger.valueOf(11), ltv.principal());
        assertEquals(BigInteger.TEN, ltv.maxPrincipal());
        OfferExhaustedException ex = assertInstanceOf(OfferExhaustedException.class, decode("OfferExhausted", hash(1), u(5), u(6)));
        assertEquals(BigInteger.valueOf(5), ex.remaining());
        assertEquals(BigInteger.valueOf(6), ex.requested());
        assertEquals(io.hashmix.proofs.eip712.Bytes32.of(hash(1).getValue()), ex.orderHash());
        assertEquals(LOAN, assertInstanceOf(UnknownLoanException.class, decode("UnknownLoan", u(LOAN.value()))).loanId());
        LoanNotOpenException open = assertInstanceOf(LoanNotOpenException.class,
                decode("LoanNotOpen", u(LOAN.value()), new Uint8(BigInteger.valueOf(4))));
        assertEquals(LOAN, open.loanId());
        assertEquals(LoanStatus.SOLD, open.status());
        assertEquals(LOAN, assertInstanceOf(LoanNotForeclosableException.class,
                decode("LoanNotForeclosable", u(LOAN.value()))).loanId());
        RefinanceTooSoonException soon = assertInstanceOf(RefinanceTooSoonException.class,
                decode("RefinanceTooSoon", u(LOAN.value()), new Uint64(BigInteger.valueOf(99))));
        assertEquals(Instant.ofEpochSecond(99), soon.allowedAt());
        assertEquals(LOAN, soon.loanId());
        assertEquals(LOAN, assertInstanceOf(LoanNotCurrentException.class, decode("LoanNotCurrent", u(LOAN.value()))).loanId());
        assertEquals(LOAN, assertInstanceOf(TermsNotBetterException.class, decode("TermsNotBetter", u(LOAN.value()))).loanId());
        RefinanceTooSmallException small = assertInstanceOf(RefinanceTooSmallException.class, decode("RefinanceTooSmall", u(3), u(2)));
        assertEquals(BigInteger.valueOf(3), small.payoff());
        assertEquals(BigInteger.TWO, small.available());
        AuctionEndedException ended = assertInstanceOf(AuctionEndedException.class,
                decode("AuctionEnded", u(LOAN.value()), new Uint64(BigInteger.valueOf(5))));
        assertEquals(Instant.ofEpochSecond(5), ended.endsAt());
        assertEquals(LOAN, ended.loanId());
        AuctionRunningException running = assertInstanceOf(AuctionRunningException.class,
                decode("AuctionRunning", u(LOAN.value()), new Uint64(BigInteger.valueOf(6))));
        assertEquals(Instant.ofEpochSecond(6), running.endsAt());
        assertEquals(LOAN, running.loanId());
        PriceAboveMaxException price = assertInstanceOf(PriceAboveMaxException.class, decode("PriceAboveMax", u(10), u(9)));
        assertEquals(BigInteger.TEN, price.price());
        assertEquals(BigInteger.valueOf(9), price.maxPrice());
        assertInstanceOf(ModuleMismatchException.class, decode("ModuleMismatch"));
        assertEquals(LOAN, assertInstanceOf(UnknownLoanIdException.class, decode("UnknownLoanId", u(LOAN.value()))).loanId());
        // the valuation's error: one exception type, the swap domain's
        assertEquals(io.hashmix.proofs.eip712.Bytes32.of(hash(2).getValue()), assertInstanceOf(
                io.hashmix.core.swap.PriceUnusableException.class, decode("PriceUnusable", hash(2))).feedId().bytes());
    }

    @Test
    void loanIdsNameTheirTokenAndNonce() {
        LoanId id = LoanId.of(TokenId.of(12), 4);
        assertEquals(BigInteger.valueOf(12L << 32 | 4), id.value());
        assertEquals(TokenId.of(12), id.tokenId());
        assertEquals(4, id.escrowNonce());
        assertEquals("loan 12/4", id.toString());
        assertTrue(id.compareTo(LoanId.of(TokenId.of(12), 5)) < 0);
        assertThrows(IllegalArgumentException.class, () -> new LoanId(BigInteger.ONE.negate()));
        assertThrows(IllegalArgumentException.class, () -> LoanId.of(TokenId.of(1), -1));
        assertThrows(IllegalArgumentException.class, () -> LoanId.of(TokenId.of(1), 1L << 32));
        assertEquals(LoanStatus.CLAIMED, LoanStatus.fromCode(5));
        assertTrue(LoanStatus.AUCTION.isOpen());
        assertThrows(IllegalArgumentException.class, () -> LoanStatus.fromCode(6));
        Map<Boolean, List<LoanStatus>> open = java.util.Arrays.stream(LoanStatus.values())
                .collect(Collectors.partitioningBy(LoanStatus::isOpen));
        assertEquals(List.of(LoanStatus.ACTIVE, LoanStatus.AUCTION), open.get(true));
    }
}
