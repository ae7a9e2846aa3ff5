package io.hashmix.core.fulfillment;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.web3j.abi.datatypes.Type;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.BitcoinEvidence;
import io.hashmix.contracts.generated.BtcSpvVerifier;
import io.hashmix.core.internal.AbiValues;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.internal.ClientContext;
import io.hashmix.core.tx.ContractCalls;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.AttestorSignature;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.fulfillment.FulfillmentReport;
import io.hashmix.proofs.fulfillment.ReportBundle;
import io.hashmix.proofs.spv.BitcoinClassParams;
import io.hashmix.proofs.spv.BlockHeader;
import io.hashmix.proofs.spv.BoundEvidence;
import io.hashmix.proofs.spv.CheckpointAttestation;
import io.hashmix.proofs.spv.HeaderCheckpoint;
import io.hashmix.proofs.spv.NetworkParams;
import io.hashmix.proofs.spv.PaymentProof;
import io.hashmix.proofs.spv.PayoutCommitmentBundle;

/**
 * The Bitcoin evidence binding ({@code BitcoinEvidence}) and the SPV verifier under it: committee-signed payout
 * commitments (which scripts a product's pool pays, and whether its reports need SPV evidence), the parameters of
 * Bitcoin asset classes (behind the contract's delay), header checkpoints, and reports relayed with payout proofs
 * bound to their product. Reached through {@link FulfillmentClient#bitcoinEvidence()}.
 *
 * <pre>{@code
 * BitcoinEvidenceClient btc = hm.fulfillment().bitcoinEvidence();
 * btc.submitCommitment(PayoutCommitmentBundle.builder(btc.domain(), commitment).signWith(a1, a2, a3).build()).join();
 * BoundEvidence ev = btc.prepare(productId, epoch, proofs, NetworkParams.MAINNET).join();   // offline check inputs
 * ev.check(report.evidence(), report.revenue(), report.deliveredUnits(), report.unitRevenue(), now);
 * EvidencedReport accepted = hm.fulfillment().submitReportWithEvidence(bundle, proofs).join();
 * }</pre>
 *
 * <p>Every refusal of a report's evidence arrives as a typed exception implementing {@link EvidenceRefusal}
 * ({@link ScriptNotCommittedException}, {@link RevenueAboveProvenException}, {@link StaleCheckpointException},
 * {@link ConfirmationsBelowMinimumException}, {@link UnitRevenueBelowFloorException}, ...), whose
 * {@link EvidenceRefusal#reason()} is the offline {@link io.hashmix.proofs.spv.EvidenceBindingException.Reason}.
 * Immutable and thread-safe.
 */
public final class BitcoinEvidenceClient {

    private final BoundContract contract;
    private final BitcoinEvidence evidence;
    private final BoundContract verifierContract;
    private final BtcSpvVerifier verifier;
    private final EvmAddress vault;
    private final long chainId;
    private final FulfillmentClient fulfillment;

    /** Built by {@link FulfillmentClient} when the deployment has the Bitcoin evidence binding. */
    BitcoinEvidenceClient(ClientContext context, FulfillmentClient fulfillment) {
        Deployment deployment = context.deployment();
        ContractCalls calls = context.calls();
        TransactionSender sender = context.sender();
        this.contract = new BoundContract("BitcoinEvidence",
                deployment.contract(ProtocolContract.BITCOIN_EVIDENCE).address(), calls, sender);
        this.evidence = contract.encoder(BitcoinEvidence::load);
        this.verifierContract = new BoundContract("BtcSpvVerifier",
                deployment.contract(ProtocolContract.BTC_SPV_VERIFIER).address(), calls, sender);
        this.verifier = verifierContract.encoder(BtcSpvVerifier::load);
        this.vault = deployment.contract(ProtocolContract.FULFILLMENT_VAULT).address();
        this.chainId = deployment.chainId();
        this.fulfillment = fulfillment;
    }

    /** The binding's address (the verifying contract of payout commitments). */
    public EvmAddress address() {
        return contract.address();
    }

    /** The EIP-712 domain payout commitments are signed in: ("HashMix", "1", this chain, the binding). */
    public Eip712Domain domain() {
        return Eip712Domain.hashMix(chainId, contract.address());
    }

    /** The SPV verifier's address. */
    public EvmAddress verifierAddress() {
        return verifierContract.address();
    }

    /** The EIP-712 domain header checkpoints are signed in: ("HashMix", "1", this chain, the verifier). */
    public Eip712Domain verifierDomain() {
        return Eip712Domain.hashMix(chainId, verifierContract.address());
    }

    // ---------------------------------------------------------------------------------------
    // Commitments
    // ---------------------------------------------------------------------------------------

    /**
     * Records a committee-signed payout commitment (anyone may relay it).
     *
     * @return the recorded commitment; fails with {@link InvalidRequestException} (nothing sent) for a bundle signed
     *         for another chain or contract, and on chain with {@link StaleCommitmentVersionException},
     *         {@link SpvRequirementLockedException}, {@link BitcoinClassNotConfiguredException},
     *         {@link InvalidPayoutCommitmentException}, {@code UnknownProductException},
     *         {@code NonceAlreadyUsedException} or the committee's signature exceptions
     */
    public CompletableFuture<CommittedPayout> submitCommitment(PayoutCommitmentBundle bundle) {
        InvalidRequestException foreign = checkDomain(bundle.domain(), domain(), "payout commitment");
        if (foreign != null) {
            return CompletableFuture.failedFuture(foreign);
        }
        var c = bundle.commitment();
        BitcoinEvidence.PayoutCommitment struct = new BitcoinEvidence.PayoutCommitment(c.productId().value(),
                c.payoutScripts(), c.spvRequired(), AbiValues.uint64(c.version()), c.nonce(), AbiValues.uint64(c.deadline()),
                AbiValues.uint64(c.committeeEpoch()));
        List<BitcoinEvidence.AttestorSignature> sigs = bundle.signatures().stream()
                .map(s -> new BitcoinEvidence.AttestorSignature(s.signer().hex(), s.signature())).toList();
        return contract.send("submitCommitment", evidence.submitCommitment(struct, sigs))
                .thenApply(receipt -> contract.event(receipt, BitcoinEvidence.PAYOUTCOMMITTED_EVENT, l -> {
                    var e = BitcoinEvidence.getPayoutCommittedEventFromLog(l.toWeb3jLog());
                    return new CommittedPayout(new ProductId(e.productId), e.version.longValue(), e.spvRequired,
                            e.payoutScripts, receipt);
                }));
    }

    /** A product's current payout commitment (version 0 if none). */
    public CompletableFuture<PayoutCommitmentState> commitment(ProductId productId) {
        return contract.read("commitmentOf", evidence.commitmentOf(productId.value()), v -> {
            List<Bytes32> hashes = new ArrayList<>();
            for (Object h : (List<?>) v.get(2).getValue()) {
                hashes.add(Bytes32.of((byte[]) ((Type<?>) h).getValue()));
            }
            return new PayoutCommitmentState(productId, ((BigInteger) v.get(0).getValue()).longValue(),
                    (Boolean) v.get(1).getValue(), hashes);
        });
    }

    /** Whether a product's reports need SPV evidence. */
    public CompletableFuture<Boolean> requiresSpv(ProductId productId) {
        return contract.read("requiresSpv", evidence.requiresSpv(productId.value()), v -> (Boolean) v.get(0).getValue());
    }

    // ---------------------------------------------------------------------------------------
    // Asset class parameters
    // ---------------------------------------------------------------------------------------

    /**
     * Sets (a class's first parameters: at once) or schedules (a change: after the contract's 2-day delay) the
     * parameters of a Bitcoin asset class (admin). The unit decimals are read from the asset class registry.
     *
     * @param minConfirmations    least confirmations of a payment (1 .. 2016)
     * @param maxCheckpointAge    oldest checkpoint a proof may start from, measured from its acceptance
     * @param windowSlack         how far a payment's block time may fall outside the epoch
     * @param baseUnitsPerSatoshi payout base units per satoshi (1 for an 8-decimal wrapped BTC)
     * @return applied now or scheduled; fails with {@link InvalidBitcoinClassParamsException},
     *         {@link UnsupportedUnitException} (not TH/s), {@code UnknownAssetClassException},
     *         {@link io.hashmix.core.errors.UnauthorizedAccountException}, or {@link InvalidRequestException}
     *         (nothing sent) for durations that are not whole seconds within 32 bits
     */
    public CompletableFuture<ClassParamsChange> scheduleClassParams(AssetClassId assetClass, int minConfirmations,
                                                                   Duration maxCheckpointAge, Duration windowSlack,
                                                                   long baseUnitsPerSatoshi) {
        if (minConfirmations < 0 || minConfirmations > 0xffff || baseUnitsPerSatoshi < 0 || !seconds32(maxCheckpointAge)
                || !seconds32(windowSlack)) {
            return CompletableFuture.failedFuture(new InvalidRequestException("class parameters out of their ABI "
                    + "ranges: " + minConfirmations + ", " + maxCheckpointAge + ", " + windowSlack + ", "
                    + baseUnitsPerSatoshi));
        }
        return contract.send("scheduleClassParams", evidence.scheduleClassParams(assetClass.value(),
                        BigInteger.valueOf(minConfirmations), BigInteger.valueOf(maxCheckpointAge.getSeconds()),
                        BigInteger.valueOf(windowSlack.getSeconds()), BigInteger.valueOf(baseUnitsPerSatoshi)))
                .thenApply(receipt -> {
                    List<Instant> etas = contract.events(receipt, BitcoinEvidence.CLASSPARAMSSCHEDULED_EVENT,
                            l -> AbiValues.instant(BitcoinEvidence.getClassParamsScheduledEventFromLog(l.toWeb3jLog()).eta));
                    return new ClassParamsChange(assetClass, etas.stream().findFirst(), receipt);
                });
    }

    /** Applies a scheduled parameter change once its delay passed (anyone); fails with
     * {@link ClassParamsNotReadyException} or {@link NoPendingClassParamsException}. */
    public CompletableFuture<TxReceipt> applyClassParams(AssetClassId assetClass) {
        return contract.send("applyClassParams", evidence.applyClassParams(assetClass.value()));
    }

    /** Cancels a scheduled parameter change (admin); fails with {@link NoPendingClassParamsException}. */
    public CompletableFuture<TxReceipt> cancelClassParams(AssetClassId assetClass) {
        return contract.send("cancelClassParams", evidence.cancelClassParams(assetClass.value()));
    }

    /** The parameters in force for a class (empty if it has none). */
    public CompletableFuture<Optional<BitcoinClassParams>> classParams(AssetClassId assetClass) {
        return contract.read("classParams", evidence.classParams(assetClass.value()),
                v -> params((BitcoinEvidence.ClassConfig) v.get(0)));
    }

    /** A scheduled change of a class's parameters (empty if none). */
    public CompletableFuture<Optional<PendingClassParams>> pendingClassParams(AssetClassId assetClass) {
        return contract.read("pendingClassParams", evidence.pendingClassParams(assetClass.value()), v -> {
            BigInteger eta = (BigInteger) v.get(1).getValue();
            return eta.signum() == 0 ? Optional.<PendingClassParams>empty()
                    : params((BitcoinEvidence.ClassConfig) v.get(0))
                    .map(p -> new PendingClassParams(p, AbiValues.instant(eta)));
        });
    }

    // ---------------------------------------------------------------------------------------
    // Checkpoints (the SPV verifier)
    // ---------------------------------------------------------------------------------------

    /**
     * Submits a committee-attested header checkpoint to the SPV verifier (anyone may) and reads it back with its
     * acceptance time.
     *
     * @param attestation the attested checkpoint (sign it in {@link #verifierDomain()})
     * @param signatures  the committee's signatures, signers ascending
     * @return the accepted checkpoint; fails with the verifier's or the committee's errors
     */
    public CompletableFuture<AcceptedCheckpoint> submitCheckpoint(CheckpointAttestation attestation,
                                                                  List<AttestorSignature> signatures) {
        BtcSpvVerifier.HeaderCheckpoint c = new BtcSpvVerifier.HeaderCheckpoint(attestation.blockHash().value(),
                BigInteger.valueOf(attestation.height()), BigInteger.valueOf(attestation.nBits()), attestation.nonce(),
                AbiValues.uint64(attestation.deadline()), AbiValues.uint64(attestation.committeeEpoch()));
        List<BtcSpvVerifier.AttestorSignature> sigs = signatures.stream()
                .map(s -> new BtcSpvVerifier.AttestorSignature(s.signer().hex(), s.signature())).toList();
        return verifierContract.send("submitCheckpoint", verifier.submitCheckpoint(c, sigs))
                .thenCompose(r -> checkpoint(attestation.blockHash()))
                .thenApply(Optional::orElseThrow);
    }

    /** An accepted checkpoint (empty if the verifier does not know the block). */
    public CompletableFuture<Optional<AcceptedCheckpoint>> checkpoint(Bytes32 blockHash) {
        return verifierContract.read("checkpoint", verifier.checkpoint(blockHash.value()), v -> {
            var c = (BtcSpvVerifier.Checkpoint) v.get(0);
            return c.exists
                    ? Optional.of(new AcceptedCheckpoint(new HeaderCheckpoint(blockHash, c.height.longValueExact(),
                            c.nBits.longValueExact()), AbiValues.instant(c.acceptedAt)))
                    : Optional.<AcceptedCheckpoint>empty();
        });
    }

    // ---------------------------------------------------------------------------------------
    // Reports with evidence
    // ---------------------------------------------------------------------------------------

    /**
     * The subsidy floor computed on chain (the contract's pure view; equal to
     * {@link io.hashmix.proofs.spv.SubsidyFloor#floor} offline).
     *
     * @return base units per unit x 10^18; fails with {@link InvalidBitcoinClassParamsException} for bad inputs
     */
    public CompletableFuture<BigInteger> subsidyFloor(long nBits, long height, long epochSeconds, int unitDecimals,
                                                      long baseUnitsPerSatoshi) {
        return contract.read("subsidyFloor", evidence.subsidyFloor(BigInteger.valueOf(nBits), BigInteger.valueOf(height),
                BigInteger.valueOf(epochSeconds), BigInteger.valueOf(unitDecimals), BigInteger.valueOf(baseUnitsPerSatoshi)),
                v -> (BigInteger) v.get(0).getValue());
    }

    /**
     * Gathers from the chain what the offline check of a report's proofs needs: the product's class parameters, its
     * committed script hashes, the epoch's bounds and each proof's checkpoint with its acceptance time. Then
     * {@link BoundEvidence#check} says, before anything is sent, what the contract will say.
     *
     * @param network the verifier's proof-of-work rules
     * @return the evidence; fails with {@link InvalidRequestException} if the product's class has no parameters, the
     *         product no commitment, or a proof starts from a checkpoint the verifier does not know
     */
    public CompletableFuture<BoundEvidence> prepare(ProductId productId, long epoch, List<PaymentProof> proofs,
                                                    NetworkParams network) {
        CompletableFuture<EpochInfo> info = fulfillment.epochInfo(productId, epoch);
        CompletableFuture<ProductState> state = fulfillment.productState(productId);
        CompletableFuture<PayoutCommitmentState> commitment = commitment(productId);
        List<CompletableFuture<Optional<AcceptedCheckpoint>>> checkpoints = proofs.stream()
                .map(p -> checkpoint(p.headers().isEmpty() ? Bytes32.ZERO : p.headers().get(0).prevHash())).toList();
        return state.thenCompose(s -> classParams(s.assetClass())).thenCompose(params -> CompletableFuture
                .allOf(info, commitment, CompletableFuture.allOf(checkpoints.toArray(CompletableFuture[]::new)))
                .thenApply(done -> {
                    BitcoinClassParams p = params.orElseThrow(() -> new InvalidRequestException(
                            "the product's asset class has no Bitcoin evidence parameters"));
                    if (!commitment.join().exists()) {
                        throw new InvalidRequestException("product " + productId + " has no payout commitment");
                    }
                    BoundEvidence.Builder b = BoundEvidence.builder(network, p)
                            .scriptHashes(commitment.join().scriptHashes())
                            .epoch(info.join().start().getEpochSecond(), info.join().end().getEpochSecond());
                    for (int i = 0; i < proofs.size(); i++) {
                        int index = i;
                        AcceptedCheckpoint cp = checkpoints.get(i).join().orElseThrow(() -> new InvalidRequestException(
                                "proof " + index + " starts from a checkpoint the verifier does not know"));
                        b.payment(proofs.get(i), cp.checkpoint(), cp.acceptedAt().getEpochSecond());
                    }
                    return b.build();
                }));
    }

    /**
     * Relays a committee-signed report with SPV proofs of the product's payouts (anyone may): the report goes to the
     * vault, then the binding checks the proofs against the product's commitment and class parameters, and consumes
     * each payment once. The report's evidence must be the proofs' ({@link BoundEvidence#evidenceOf}).
     *
     * @param bundle the report signed for the vault
     * @param proofs the payout proofs (1 .. 8); the first one's block sets the subsidy floor
     * @return the accepted report and what its proofs established; fails with {@link InvalidRequestException}
     *         (nothing sent) for a bundle of another chain or contract, and on chain with an {@link EvidenceRefusal}
     *         ({@link ScriptNotCommittedException}, {@link PaymentOutsideWindowException},
     *         {@link ConfirmationsBelowMinimumException}, {@link StaleCheckpointException},
     *         {@link CoinbaseHeightMismatchException}, {@link EvidenceMismatchException},
     *         {@link RevenueAboveProvenException}, {@link DeliveredAboveProvenException},
     *         {@link UnitRevenueBelowFloorException}, {@link PaymentAlreadyClaimedException},
     *         {@link SpvProofRejectedException}, {@link InvalidPaymentCountException}),
     *         {@link NoPayoutCommitmentException}, {@link EvidenceVaultNotSetException} or the vault's report errors
     */
    public CompletableFuture<EvidencedReport> submitReportWithEvidence(ReportBundle bundle, List<PaymentProof> proofs) {
        InvalidRequestException foreign = checkDomain(bundle.domain(), Eip712Domain.hashMix(chainId, vault),
                "report bundle");
        if (foreign != null) {
            return CompletableFuture.failedFuture(foreign);
        }
        List<BitcoinEvidence.PaymentProof> structs;
        try {
            structs = proofs.stream().map(BitcoinEvidenceClient::toStruct).toList();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(InvalidRequestException.of(e));
        }
        FulfillmentReport r = bundle.report();
        BitcoinEvidence.FulfillmentReport report = new BitcoinEvidence.FulfillmentReport(r.productId().value(),
                BigInteger.valueOf(r.epoch()), r.deliveredUnits(), r.revenue(), r.unitRevenue(), r.sourceChain().value(),
                r.evidence().value(), r.nonce(), AbiValues.uint64(r.deadline()), AbiValues.uint64(r.committeeEpoch()));
        List<BitcoinEvidence.AttestorSignature> sigs = bundle.signatures().stream()
                .map(s -> new BitcoinEvidence.AttestorSignature(s.signer().hex(), s.signature())).toList();
        return contract.send("submitReportWithEvidence", evidence.submitReportWithEvidence(report, sigs, structs))
                .thenApply(receipt -> {
                    SubmittedReport submitted = fulfillment.reportedIn(receipt);
                    return contract.event(receipt, BitcoinEvidence.EVIDENCEACCEPTED_EVENT, l -> {
                        var e = BitcoinEvidence.getEvidenceAcceptedEventFromLog(l.toWeb3jLog());
                        SubmittedReport withSats = new SubmittedReport(submitted.productId(), submitted.epoch(),
                                submitted.digest(), submitted.depositDeadline(), Optional.of(e.satoshis), receipt);
                        return new EvidencedReport(withSats, e.commitmentVersion.longValue(), e.satoshis.longValueExact(),
                                e.proven, e.floor, e.floorHeight.longValueExact());
                    });
                });
    }

    // ---------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------

    private static Optional<BitcoinClassParams> params(BitcoinEvidence.ClassConfig c) {
        if (!c.configured) {
            return Optional.empty();
        }
        return Optional.of(new BitcoinClassParams(c.minConfirmations.intValueExact(), c.maxCheckpointAge.longValueExact(),
                c.windowSlack.longValueExact(), c.baseUnitsPerSatoshi.longValueExact(), c.unitDecimals.intValueExact()));
    }

    private static boolean seconds32(Duration d) {
        return d != null && !d.isNegative() && d.getNano() == 0 && d.getSeconds() <= 0xffffffffL;
    }

    private InvalidRequestException checkDomain(Eip712Domain given, Eip712Domain expected, String what) {
        if (!given.equals(expected)) {
            return new InvalidRequestException("the " + what + " is signed for " + given + ", expected " + expected);
        }
        return null;
    }

    static BitcoinEvidence.PaymentProof toStruct(PaymentProof p) {
        if (p == null || p.headerIndex() < 0 || p.requiredConfirmations() < 0) {
            throw new InvalidRequestException("payment proof must not be null; headerIndex and requiredConfirmations "
                    + "must be >= 0");
        }
        ByteArrayOutputStream headers = new ByteArrayOutputStream(p.headers().size() * BlockHeader.SIZE);
        for (BlockHeader h : p.headers()) {
            headers.writeBytes(h.serialize());
        }
        return new BitcoinEvidence.PaymentProof(p.transaction(), AbiValues.uint64(p.txIndex()),
                p.merkleBranch().stream().map(Bytes32::value).toList(), p.coinbaseTransaction(),
                p.coinbaseBranch().stream().map(Bytes32::value).toList(), headers.toByteArray(),
                BigInteger.valueOf(p.headerIndex()), p.outputScript(), AbiValues.uint64(p.minAmount()),
                BigInteger.valueOf(p.requiredConfirmations()));
    }
}
