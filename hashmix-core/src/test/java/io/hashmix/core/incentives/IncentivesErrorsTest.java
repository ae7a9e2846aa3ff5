package io.hashmix.core.incentives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;

import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.abi.AbiError;
import io.hashmix.contracts.abi.AbiErrorCatalog;
import io.hashmix.core.errors.ContractRevertException;
import io.hashmix.core.errors.RevertDecoder;
import io.hashmix.core.internal.ProtocolErrors;
import io.hashmix.proofs.EvmAddress;

/** Every custom error of the incentive contracts decodes to its typed exception of this package, with its fields. */
class IncentivesErrorsTest {

    private static final String MAKER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final RevertDecoder DECODER = ProtocolErrors.decoder();

    private static ContractRevertException decode(String name, Type<?>... args) {
        return DECODER.decode("MakerRewards.call", FunctionEncoder.encode(new Function(name, List.of(args), List.of())));
    }

    private static Uint256 u(long v) {
        return new Uint256(BigInteger.valueOf(v));
    }

    private static Uint64 u64(long v) {
        return new Uint64(BigInteger.valueOf(v));
    }

    /**
     * Every error the incentive ABIs declare, except the shared and library ones (those other protocol contracts
     * declare too), has an exception here: the emission controller's, HMX's and every program's, the market makers'
     * among them.
     */
    @Test
    void everyIncentivesErrorOfTheAbisIsMapped() {
        AbiErrorCatalog incentives = AbiErrorCatalog.ofArtifacts(List.of(ProtocolContract.EMISSION_CONTROLLER.artifact(),
                ProtocolContract.HMX_TOKEN.artifact(), ProtocolContract.ISSUER_REWARDS.artifact(),
                ProtocolContract.ATTESTOR_REWARDS.artifact(), ProtocolContract.HOLDER_REWARDS.artifact(),
                ProtocolContract.TOKEN_STAKING_PROGRAM.artifact(), ProtocolContract.REVENUE_SHARE_PROGRAM.artifact(),
                ProtocolContract.HOOK_STAKE_PROGRAM.artifact(), ProtocolContract.MAKER_REWARDS.artifact()));
        AbiErrorCatalog others = AbiErrorCatalog.ofArtifacts(List.of(ProtocolContract.HASH_POWER_TOKEN.artifact(),
                ProtocolContract.HASH_MIX_MARKET.artifact(), ProtocolContract.FULFILLMENT_VAULT.artifact(),
                ProtocolContract.ATTESTOR_REGISTRY.artifact(), ProtocolContract.COLLATERAL_VAULT.artifact(),
                ProtocolContract.HARDWARE_REGISTRY.artifact(), ProtocolContract.TEST_PAYOUT_TOKEN.artifact()));
        List<String> shared = others.errors().stream().map(AbiError::signature).toList();
        int own = 0;
        for (AbiError e : incentives.errors()) {
            if (shared.contains(e.signature())) {
                continue;
            }
            ContractRevertException decoded = DECODER.decode("x", e.selector() + "00".repeat(32 * e.inputs().size()));
            if (!decoded.getClass().getPackageName().equals("io.hashmix.core.incentives")) {
                continue; // an OpenZeppelin error only HMX declares (ERC-2612 permit, the cap): a plain CustomErrorException
            }
            assertEquals("io.hashmix.core.incentives." + e.name() + "Exception", decoded.getClass().getName(), e.signature());
            own++;
        }
        assertEquals(17, own, "every incentives error: 11 of the controller and programs, 6 of the makers' program");
    }

    @Test
    void theMakersProgramsErrorsCarryTheirFields() {
        PeriodOutOfOrderException period = assertInstanceOf(PeriodOutOfOrderException.class,
                decode("PeriodOutOfOrder", u64(3), u64(5)));
        assertEquals(3, period.expected());
        assertEquals(5, period.actual());

        BlockRangeInvalidException range = assertInstanceOf(BlockRangeInvalidException.class,
                decode("BlockRangeInvalid", u64(120), u64(119)));
        assertEquals(120, range.previousToBlock());
        assertEquals(119, range.toBlock());

        RootTotalOutOfBoundsException bounds = assertInstanceOf(RootTotalOutOfBoundsException.class,
                decode("RootTotalOutOfBounds", u(900), u(100), u(800)));
        assertEquals(BigInteger.valueOf(900), bounds.total());
        assertEquals(BigInteger.valueOf(100), bounds.previousTotal());
        assertEquals(BigInteger.valueOf(800), bounds.pulled());

        InvalidMakerProofException proof = assertInstanceOf(InvalidMakerProofException.class,
                decode("InvalidMakerProof", new Address(MAKER), u(42)));
        assertEquals(EvmAddress.of(MAKER), proof.maker());
        assertEquals(BigInteger.valueOf(42), proof.cumulative());

        NothingToClaimException nothing = assertInstanceOf(NothingToClaimException.class,
                decode("NothingToClaim", new Address(MAKER), u(42), u(42)));
        assertEquals(EvmAddress.of(MAKER), nothing.maker());
        assertEquals(BigInteger.valueOf(42), nothing.cumulative());
        assertEquals(BigInteger.valueOf(42), nothing.claimed());

        RootTotalExceededException exceeded = assertInstanceOf(RootTotalExceededException.class,
                decode("RootTotalExceeded", u(1000), u(1001)));
        assertEquals(BigInteger.valueOf(1000), exceeded.total());
        assertEquals(BigInteger.valueOf(1001), exceeded.claimedAfter());
    }
}
