package io.hashmix.core.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

import io.hashmix.core.committee.ThresholdNotSetException;
import io.hashmix.core.errors.ContractRevertException;
import io.hashmix.core.errors.RevertDecoder;
import io.hashmix.proofs.asset.AssetClassId;

/** Every custom error of the oracle, the valuation and the pool decodes to its typed exception with its fields. */
class SwapErrorsTest {

    private static final String[] SIGNATURES = {
            "PriceUnusable(bytes32)",
            "InvalidBounds(uint32,uint16)",
            "BoundsNotScheduled(bytes32)",
            "BoundsNotReady(bytes32,uint64)",
            "FeedNotConfigured(bytes32)",
            "ObservationInFuture(uint64)",
            "ObservationNotNewer(uint64,uint64)",
            "WrongCommitteeEpoch(uint64,uint64)",
            "TooFewObservations(uint256,uint256)",
            "ObserversNotSorted(address,address)",
            "NotAnActiveObserver(address)",
            "InvalidObservation(address)",
            "InvalidObservationSignature(address)",
            "InvalidFee(uint256)",
            "ClassNotScheduled(bytes32)",
            "ClassNotReady(bytes32,uint64)",
            "ClassNotListed(bytes32)",
            "ProductNotAccepted(uint256)",
            "TooCloseToExpiry(uint256,uint256,uint256)",
            "ClassCapExceeded(bytes32,uint256,uint256)",
            "NotTokenOwner(uint256,address)",
            "UnitsExceedToken(uint256,uint256,uint256)",
            "TokenNotHeld(uint256)",
            "PoolFull()",
            "ZeroValue()",
            "InsufficientLiquidity(uint256,uint256,uint256)",
            "SlippageExceeded(uint256,uint256)",
            "SharesBelowMinimum(uint256,uint256)",
            "SharesAboveMaximum(uint256,uint256)",
            "NotEvictable(uint256)",
            "InvalidConsolidation()",
            "UnsolicitedToken(address,uint256)"
    };

    private static final RevertDecoder DECODER = io.hashmix.core.internal.ProtocolErrors.builder().build();

    private static ContractRevertException decode(String signature) {
        String params = signature.substring(signature.indexOf('(') + 1, signature.length() - 1);
        List<Type> args = new ArrayList<>();
        int k = 1;
        for (String t : params.isEmpty() ? new String[0] : params.split(",")) {
            if (t.equals("address")) {
                args.add(new Address(BigInteger.valueOf(0x1000 + k)));
            } else if (t.equals("bytes32")) {
                byte[] b = new byte[32];
                b[31] = (byte) k;
                args.add(new Bytes32(b));
            } else {
                args.add(new Uint256(BigInteger.valueOf(k)));
            }
            k++;
        }
        // the selector of the exact signature; every argument is one 32-byte word
        String selector = org.web3j.crypto.Hash.sha3String(signature).substring(0, 10);
        return DECODER.decode("HashPowerSwapPool.swap (call)", selector + FunctionEncoder.encodeConstructor(args));
    }

    @Test
    void everyErrorHasATypedExceptionWhoseAccessorsRead() throws Exception {
        assertEquals(32, SIGNATURES.length);
        for (String signature : SIGNATURES) {
            ContractRevertException e = decode(signature);
            String name = signature.substring(0, signature.indexOf('('));
            assertEquals(name + "Exception", e.getClass().getSimpleName(), signature);
            assertEquals(SwapErrors.class.getPackageName(), e.getClass().getPackageName());
            for (Method m : e.getClass().getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 0) {
                    assertNotNull(m.invoke(e), signature + "." + m.getName());
                }
            }
        }
    }

    @Test
    void fieldsDecode() {
        byte[] cls = new byte[32];
        cls[31] = 1;
        ClassCapExceededException cap = (ClassCapExceededException) decode("ClassCapExceeded(bytes32,uint256,uint256)");
        assertEquals(new AssetClassId(cls), cap.assetClass());
        assertEquals(BigInteger.TWO, cap.units());
        assertEquals(BigInteger.valueOf(3), cap.maxUnits());
        BoundsNotReadyException ready = (BoundsNotReadyException) decode("BoundsNotReady(bytes32,uint64)");
        assertEquals(2L, ready.eta());
        SlippageExceededException slip = (SlippageExceededException) decode("SlippageExceeded(uint256,uint256)");
        assertEquals(BigInteger.ONE, slip.unitsOut());
        assertEquals(BigInteger.TWO, slip.minUnitsOut());
        // the oracle's ThresholdNotSet has the committee's signature: one exception for both
        assertEquals(ThresholdNotSetException.class, decode("ThresholdNotSet(bytes32)").getClass());
    }
}
