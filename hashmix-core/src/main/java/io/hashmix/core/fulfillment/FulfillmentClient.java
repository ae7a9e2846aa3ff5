package io.hashmix.core.fulfillment;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.RemoteFunctionCall;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.FulfillmentLens;
import io.hashmix.contracts.generated.FulfillmentVault;
import io.hashmix.core.erc20.Erc20Client;
import io.hashmix.core.internal.AbiValues;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.internal.ClientContext;
import io.hashmix.core.tokenization.TokenHolding;
import io.hashmix.core.tokenization.TokenizationClient;
import io.hashmix.core.tx.ContractCalls;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.fulfillment.FulfillmentReport;
import io.hashmix.proofs.fulfillment.ReportBundle;
import io.hashmix.proofs.spv.BlockHeader;
import io.hashmix.proofs.spv.PaymentProof;
import io.hashmix.proofs.spv.PayoutCommitmentBundle;

/**
 * Fulfillment of hash power products through the {@code FulfillmentVault}: relay committee-signed
 * epoch reports, deposit the reported revenue (issuer), settle epochs (shortfalls, missed deposits
 * and unreported epochs are paid from the product's collateral), claim what holdings earned (units x
 * time held, per holding of a token's history), read epochs, product state and the fulfillment
 * record, and withdraw the remaining collateral after the term (issuer).
 *
 * <pre>{@code
 * ReportBundle bundle = ReportBundle.builder(hm.fulfillment().domain(), report).signWith(a1, a2, a3).build();
 * hm.fulfillment().submitReport(bundle).join();              // anyone relays
 * issuer.fulfillment().deposit(productId, epoch).join();      // approves the revenue, deposits, settles
 * BigInteger paid = holder.fulfillment().claimAll(holder.account()).join();
 * }</pre>
 *
 * <p>Write results are read from the transactions' events. Every revert arrives as a typed exception
 * of this package (see {@link FulfillmentErrors} for the few typed elsewhere). Thread-safe; as with
 * market fills, concurrent deposits from one issuer in the same payout token race on the exact allowance
 * {@link #deposit} sets, so an issuer depositing concurrently should approve a standing allowance.
 */
public final class FulfillmentClient {

    /** Most holdings one {@code claim} or {@code claimableMany} call takes (the vault's {@code MAX_CLAIM_ITEMS}). */
    public static final int MAX_CLAIM_ITEMS = 256;

    private static final Logger log = LoggerFactory.getLogger(FulfillmentClient.class);
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final BoundContract contract;
    private final FulfillmentVault vault;
    private final BoundContract lensContract;
    private final FulfillmentLens lens;
    private final TokenizationClient tokenization;
    private final Erc20Client erc20;
    private final long chainId;
    private final BitcoinEvidenceClient bitcoinEvidence;

    /**
     * Built by {@link io.hashmix.core.HashMix}, which hands it out as
     * {@link io.hashmix.core.HashMix#fulfillment()}; not public API: the context is the SDK's
     * internal wiring, so applications get the client from {@code HashMix.builder()...build()}.
     *
     * @param context where the contracts live and the SDK's plumbing
     */
    public FulfillmentClient(ClientContext context) {
        Deployment deployment = context.deployment();
        ContractCalls calls = context.calls();
        TransactionSender sender = context.sender();
        Erc20Client erc20 = new Erc20Client(context);
        this.contract = new BoundContract("FulfillmentVault",
                deployment.contract(ProtocolContract.FULFILLMENT_VAULT).address(), calls, sender);
        this.vault = contract.encoder(FulfillmentVault::load);
        this.lensContract = new BoundContract("FulfillmentLens",
                deployment.contract(ProtocolContract.FULFILLMENT_LENS).address(), calls, sender);
        this.lens = lensContract.encoder(FulfillmentLens::load);
        this.tokenization = new TokenizationClient(context);
        this.erc20 = erc20;
        this.chainId = deployment.chainId();
        this.bitcoinEvidence = deployment.find(ProtocolContract.BITCOIN_EVIDENCE).isPresent()
                ? new BitcoinEvidenceClient(context, this) : null;
    }

    /**
     * The Bitcoin evidence binding: payout commitments, Bitcoin class parameters, checkpoints, reports with bound
     * SPV evidence.
     *
     * @return its client
     * @throws InvalidRequestException if the deployment has no {@code BitcoinEvidence} (deployed without a Bitcoin
     *         network)
     */
    public BitcoinEvidenceClient bitcoinEvidence() {
        if (bitcoinEvidence == null) {
            throw new InvalidRequestException("this deployment has no BitcoinEvidence (deployed without a Bitcoin network)");
        }
        return bitcoinEvidence;
    }

    /**
     * Records a committee-signed payout commitment of a Bitcoin product: the scripts its pool pays to, and whether
     * its reports need SPV evidence ({@link BitcoinEvidenceClient#submitCommitment}).
     */
    public CompletableFuture<CommittedPayout> submitPayoutCommitment(PayoutCommitmentBundle bundle) {
        return bitcoinEvidence == null ? CompletableFuture.failedFuture(new InvalidRequestException(
                "this deployment has no BitcoinEvidence")) : bitcoinEvidence.submitCommitment(bundle);
    }

    /**
     * Relays a report with SPV proofs of the product's payouts, bound to it: the only way to report a product whose
     * commitment requires SPV evidence ({@link BitcoinEvidenceClient#submitReportWithEvidence}; every refusal is an
     * {@link EvidenceRefusal}).
     */
    public CompletableFuture<EvidencedReport> submitReportWithEvidence(ReportBundle bundle, List<PaymentProof> proofs) {
        return bitcoinEvidence == null ? CompletableFuture.failedFuture(new InvalidRequestException(
                "this deployment has no BitcoinEvidence")) : bitcoinEvidence.submitReportWithEvidence(bundle, proofs);
    }

    /** The vault's address (the verifying contract of fulfillment reports). */
    public EvmAddress address() {
        return contract.address();
    }

    /**
     * The EIP-712 domain attestors sign fulfillment reports in: ("HashMix", "1", this chain, this vault).
     *
     * @return the domain, for {@code ReportBundle.builder(domain, report)}
     */
    public Eip712Domain domain() {
        return Eip712Domain.hashMix(chainId, contract.address());
    }

    // ---------------------------------------------------------------------------------------
    // Admin
    // ---------------------------------------------------------------------------------------

    /**
     * Sets the epoch configuration of an asset class (vault owner only). A product snapshots the
     * configuration on its first report or settle; later changes do not affect it.
     *
     * @param assetClass    the asset class
     * @param epochLength   length of an epoch (whole seconds, at most 2^32-1)
     * @param reportWindow  how long after an epoch's end a report is accepted
     * @param depositWindow how long after a report the issuer may deposit
     * @return the receipt; fails with {@link InvalidEpochConfigException} for a zero value,
     *         {@link io.hashmix.core.errors.UnauthorizedAccountException} if the caller is not the
     *         owner, and {@link InvalidRequestException} (before sending) for a negative, fractional
     *         or too long duration
     */
    public CompletableFuture<TxReceipt> setEpochConfig(AssetClassId assetClass, Duration epochLength,
                                                       Duration reportWindow, Duration depositWindow) {
        BigInteger length;
        BigInteger report;
        BigInteger deposit;
        try {
            length = uint32Seconds(epochLength, "epochLength");
            report = uint32Seconds(reportWindow, "reportWindow");
            deposit = uint32Seconds(depositWindow, "depositWindow");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(InvalidRequestException.of(e));
        }
        return contract.send("setEpochConfig", vault.setEpochConfig(assetClass.value(), length, report, deposit));
    }

    /**
     * The epoch configuration of an asset class.
     *
     * @return the configuration (all zero, {@link EpochConfig#isSet()} false, if never set)
     */
    public CompletableFuture<EpochConfig> epochConfig(AssetClassId assetClass) {
        return contract.read("epochConfig", vault.epochConfig(assetClass.value()), v -> {
            var c = (FulfillmentVault.EpochConfig) v.get(0);
            return new EpochConfig(Duration.ofSeconds(c.epochLength.longValueExact()),
                    Duration.ofSeconds(c.reportWindow.longValueExact()), Duration.ofSeconds(c.depositWindow.longValueExact()));
        });
    }

    // ---------------------------------------------------------------------------------------
    // Reports
    // ---------------------------------------------------------------------------------------

    /**
     * Relays a committee-signed report of an ended epoch (anyone may). The bundle must be signed for
     * this vault on this chain.
     *
     * @return the accepted report; fails with {@link InvalidRequestException} (nothing sent) for a
     *         bundle of another chain or contract, and on chain with
     *         {@link io.hashmix.core.errors.NonceAlreadyUsedException} (replay),
     *         {@link EpochAlreadyReportedException}, {@link EpochNotEndedException},
     *         {@link EpochOutOfRangeException}, {@link io.hashmix.core.errors.AttestationExpiredException},
     *         {@link ReportWindowClosedException}, {@link InvalidReportException},
     *         {@link EpochConfigNotSetException}, {@link SpvEvidenceRequiredException} (the product's commitment
     *         requires SPV evidence: use {@link #submitReportWithEvidence}) or the committee's signature exceptions
     */
    public CompletableFuture<SubmittedReport> submitReport(ReportBundle bundle) {
        InvalidRequestException foreign = checkDomain(bundle);
        if (foreign != null) {
            return CompletableFuture.failedFuture(foreign);
        }
        return contract.send("submitReport", vault.submitReport(toStruct(bundle.report()), signatures(bundle)))
                .thenApply(receipt -> reported(receipt, Optional.empty()));
    }

    /**
     * {@link #submitReport} plus a Bitcoin SPV proof that the report's evidence (the payout txid,
     * internal byte order) is a confirmed transaction; the verifier consumes the payment once.
     *
     * @return the accepted report with the proven satoshis; fails as {@link #submitReport} and with
     *         {@link SpvVerifierNotSetException}, {@link EvidenceMismatchException} or the verifier's
     *         errors (e.g. {@code PaymentAlreadyClaimed}, as a
     *         {@link io.hashmix.core.errors.CustomErrorException})
     */
    public CompletableFuture<SubmittedReport> submitReportWithPayment(ReportBundle bundle, PaymentProof proof) {
        InvalidRequestException foreign = checkDomain(bundle);
        if (foreign != null) {
            return CompletableFuture.failedFuture(foreign);
        }
        FulfillmentVault.PaymentProof struct;
        try {
            struct = toStruct(proof);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(InvalidRequestException.of(e));
        }
        return contract.send("submitReportWithPayment",
                        vault.submitReportWithPayment(toStruct(bundle.report()), signatures(bundle), struct))
                .thenApply(receipt -> {
                    BigInteger satoshis = contract.event(receipt, FulfillmentVault.PAYMENTEVIDENCEVERIFIED_EVENT,
                            l -> FulfillmentVault.getPaymentEvidenceVerifiedEventFromLog(l.toWeb3jLog()).satoshis);
                    return reported(receipt, Optional.of(satoshis));
                });
    }

    /**
     * The EIP-712 digest the vault computes for a report (equal to {@code bundle.digest()} when the
     * bundle's domain is {@link #domain()}).
     */
    public CompletableFuture<Bytes32> hashOnChain(FulfillmentReport report) {
        return contract.read("hashFulfillmentReport", vault.hashFulfillmentReport(toStruct(report)),
                v -> Bytes32.of((byte[]) v.get(0).getValue()));
    }

    /** Whether a report nonce has been consumed (a bundle with it can no longer be submitted). */
    public CompletableFuture<Boolean> isNonceUsed(BigInteger nonce) {
        if (nonce == null || nonce.signum() < 0 || nonce.bitLength() > 256) {
            return CompletableFuture.failedFuture(new InvalidRequestException("nonce must be a uint256, got " + nonce));
        }
        return contract.read("isNonceUsed", vault.isNonceUsed(nonce), v -> (Boolean) v.get(0).getValue());
    }

    // ---------------------------------------------------------------------------------------
    // Deposits and settlement
    // ---------------------------------------------------------------------------------------

    /**
     * The issuer deposits a reported epoch's revenue: reads the revenue from {@link #epochInfo},
     * approves the vault for it (exactly, only if the allowance is short) and deposits; the vault
     * then settles the product as far as it can.
     *
     * @return the deposit and the epochs it settled; fails with
     *         {@link io.hashmix.core.errors.NotTheIssuerException} (caller is not the issuer),
     *         {@link EpochNotReportedException}, {@link DepositWindowClosedException},
     *         {@link ProductNotTrackedException} or {@link io.hashmix.core.errors.AmountNotReceivedException}
     */
    public CompletableFuture<DepositResult> deposit(ProductId productId, long epoch) {
        if (epoch < 0 || epoch > UINT32_MAX) {
            return CompletableFuture.failedFuture(new InvalidRequestException("epoch must be a uint32, got " + epoch));
        }
        EvmAddress me = contract.sender() == null ? null : contract.sender().sender();
        // Approve only when the deposit can succeed; otherwise let the vault's revert say why.
        CompletableFuture<TxReceipt> approval = epochInfo(productId, epoch)
                .thenCombine(productState(productId), (info, state) -> info.status() == EpochStatus.REPORTED
                        && info.revenue().signum() > 0 && state.issuer().equals(me)
                        ? Optional.of(new Allowance(state.payoutToken(), info.revenue())) : Optional.<Allowance>empty())
                .handle((need, err) -> err != null ? Optional.<Allowance>empty() : need)
                .thenCompose(need -> need.isEmpty() ? CompletableFuture.completedFuture(null)
                        : erc20.ensureAllowance(need.get().token(), contract.address(), need.get().amount()));
        return approval.thenCompose(ignored -> contract.send("deposit", vault.deposit(productId.value(), BigInteger.valueOf(epoch))))
                .thenApply(receipt -> {
                    BigInteger amount = contract.event(receipt, FulfillmentVault.REVENUEDEPOSITED_EVENT,
                            l -> FulfillmentVault.getRevenueDepositedEventFromLog(l.toWeb3jLog()).amount);
                    List<SettledEpoch> settled = settledEpochs(receipt);
                    log.debug("deposited {} for product {} epoch {}; settled {}", amount, productId, epoch, settled.size());
                    return new DepositResult(productId, epoch, amount, settled, receipt);
                });
    }

    /**
     * Settles up to {@code maxEpochs} epochs of a product, in order, from the first unsettled one;
     * stops at the first that cannot settle yet (anyone may call). Deposited epochs pay their
     * shortfall from the collateral; reported epochs past their deposit deadline are paid from the
     * collateral as missed; epochs past their report window without a report as unreported.
     *
     * @param maxEpochs at least 1
     * @return the epochs settled, in order (empty if none could)
     */
    public CompletableFuture<List<SettledEpoch>> settle(ProductId productId, int maxEpochs) {
        if (maxEpochs < 1) {
            return CompletableFuture.failedFuture(new InvalidRequestException("maxEpochs must be >= 1, got " + maxEpochs));
        }
        return contract.send("settle", vault.settle(productId.value(), BigInteger.valueOf(maxEpochs)))
                .thenApply(this::settledEpochs);
    }

    /**
     * The issuer takes back the product's remaining collateral once its term is over and every
     * epoch is settled.
     *
     * @return the amount released to the issuer; fails with {@link ProductNotEndedException},
     *         {@link ProductNotSettledException}, {@link ProductNotTrackedException} or
     *         {@link io.hashmix.core.errors.NotTheIssuerException}
     */
    public CompletableFuture<BigInteger> withdrawCollateral(ProductId productId) {
        return contract.send("withdrawCollateral", vault.withdrawCollateral(productId.value()))
                .thenApply(receipt -> contract.event(receipt, FulfillmentVault.COLLATERALWITHDRAWN_EVENT,
                        l -> FulfillmentVault.getCollateralWithdrawnEventFromLog(l.toWeb3jLog()).amount));
    }

    // ---------------------------------------------------------------------------------------
    // Claims
    // ---------------------------------------------------------------------------------------

    /** What {@link #claim} would pay now for one holding; fails with {@code UnknownHoldingException} for none. */
    public CompletableFuture<BigInteger> claimable(TokenId tokenId, long holdingIndex) {
        if (holdingIndex < 0) {
            return CompletableFuture.failedFuture(new InvalidRequestException("holding index must not be negative, got "
                    + holdingIndex));
        }
        return contract.read("claimable", vault.claimable(tokenId.value(), BigInteger.valueOf(holdingIndex)),
                v -> (BigInteger) v.get(0).getValue());
    }

    /**
     * What {@link #claim} would pay now for each holding, in the order given: one {@code claimableMany}
     * call per {@value #MAX_CLAIM_ITEMS} holdings, all in one JSON-RPC batch. A holding listed twice is
     * counted twice.
     */
    public CompletableFuture<List<BigInteger>> claimableMany(List<HoldingRef> holdings) {
        if (holdings.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<RemoteFunctionCall<?>> calls = new ArrayList<>();
        for (List<HoldingRef> chunk : chunks(holdings)) {
            calls.add(vault.claimableMany(tokenIds(chunk), indexes(chunk)));
        }
        return contract.readAll("claimableMany", calls, v -> {
            List<BigInteger> amounts = new ArrayList<>();
            for (Object item : (List<?>) v.get(0).getValue()) {
                amounts.add((BigInteger) ((org.web3j.abi.datatypes.Type<?>) item).getValue());
            }
            return amounts;
        }).thenApply(lists -> lists.stream().flatMap(List::stream).toList());
    }

    /**
     * Every holding an account ever had (tokens it received, by transfer or mint, found from the hash
     * power token's {@code Transfer} logs since deployment, then each token's holding history),
     * oldest token first, with what each can claim now.
     */
    public CompletableFuture<List<ClaimableHolding>> holdingsOf(EvmAddress account) {
        return tokenization.tokensEverReceived(account)
                .thenCompose(ids -> {
                    List<CompletableFuture<List<TokenHolding>>> histories = ids.stream().map(tokenization::holdings).toList();
                    return CompletableFuture.allOf(histories.toArray(CompletableFuture[]::new))
                            .thenApply(done -> histories.stream().flatMap(h -> h.join().stream())
                                    .filter(h -> h.holder().equals(account)).toList());
                })
                .thenCompose(mine -> claimableMany(mine.stream().map(h -> new HoldingRef(h.tokenId(), h.index())).toList())
                        .thenApply(amounts -> {
                            List<ClaimableHolding> out = new ArrayList<>(mine.size());
                            for (int i = 0; i < mine.size(); i++) {
                                out.add(new ClaimableHolding(mine.get(i), amounts.get(i)));
                            }
                            return out;
                        }));
    }

    /**
     * Claims holdings (anyone may send: each holding's value goes to its recorded holder), in
     * transactions of at most {@value #MAX_CLAIM_ITEMS} holdings, one after the other.
     *
     * @return the total paid, summed from the {@code Claimed} events (0 when nothing new had settled;
     *         a holding claimed again pays only what settled since)
     */
    public CompletableFuture<BigInteger> claim(List<HoldingRef> holdings) {
        CompletableFuture<BigInteger> total = CompletableFuture.completedFuture(BigInteger.ZERO);
        for (List<HoldingRef> chunk : chunks(holdings)) {
            total = total.thenCompose(sum -> contract.send("claim", vault.claim(tokenIds(chunk), indexes(chunk)))
                    .thenApply(receipt -> sum.add(contract.events(receipt, FulfillmentVault.CLAIMED_EVENT,
                                    l -> FulfillmentVault.getClaimedEventFromLog(l.toWeb3jLog()).amount).stream()
                            .reduce(BigInteger.ZERO, BigInteger::add))));
        }
        return total.thenApply(sum -> {
            log.debug("claimed {} over {} holdings", sum, holdings.size());
            return sum;
        });
    }

    /**
     * Claims every holding of an account that has something to claim ({@link #holdingsOf}); sends
     * nothing if none has.
     *
     * @return the total paid to the account
     */
    public CompletableFuture<BigInteger> claimAll(EvmAddress account) {
        return holdingsOf(account).thenCompose(all -> claim(all.stream()
                .filter(h -> h.claimable().signum() > 0).map(ClaimableHolding::ref).toList()));
    }

    // ---------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------

    /**
     * One epoch of a product.
     *
     * @return the epoch; fails with {@link EpochOutOfRangeException}, {@link EpochConfigNotSetException}
     *         (untracked product of an unconfigured asset class) or {@code UnknownProductException}
     */
    public CompletableFuture<EpochInfo> epochInfo(ProductId productId, long epoch) {
        if (epoch < 0 || epoch > UINT32_MAX) {
            return CompletableFuture.failedFuture(new InvalidRequestException("epoch must be a uint32, got " + epoch));
        }
        return lensContract.read("epochInfo", lens.epochInfo(productId.value(), BigInteger.valueOf(epoch)),
                v -> toEpochInfo(productId, epoch, (FulfillmentLens.EpochInfo) v.get(0)));
    }

    /** Every epoch of a product, in order, read in one JSON-RPC batch after the product's state. */
    public CompletableFuture<List<EpochInfo>> history(ProductId productId) {
        return productState(productId).thenCompose(state -> {
            if (state.epochCount() == 0) {
                return CompletableFuture.completedFuture(List.<EpochInfo>of());
            }
            List<RemoteFunctionCall<?>> calls = new ArrayList<>();
            for (long e = 0; e < state.epochCount(); e++) {
                calls.add(lens.epochInfo(productId.value(), BigInteger.valueOf(e)));
            }
            return lensContract.readAll("epochInfo", calls, v -> (FulfillmentLens.EpochInfo) v.get(0)).thenApply(list -> {
                List<EpochInfo> out = new ArrayList<>(list.size());
                for (int e = 0; e < list.size(); e++) {
                    out.add(toEpochInfo(productId, e, list.get(e)));
                }
                return out;
            });
        });
    }

    /** A product as the vault tracks it (or would track it now, if untracked). */
    public CompletableFuture<ProductState> productState(ProductId productId) {
        return lensContract.read("productState", lens.productState(productId.value()), v -> {
            var p = (FulfillmentLens.ProductView) v.get(0);
            return new ProductState(productId, p.tracked, p.defaulted, EvmAddress.of(p.issuer), EvmAddress.of(p.payoutToken),
                    new AssetClassId(p.assetClass), AbiValues.instant(p.start), AbiValues.instant(p.end), p.capacity,
                    new EpochConfig(Duration.ofSeconds(p.epochLength.longValueExact()),
                            Duration.ofSeconds(p.reportWindow.longValueExact()),
                            Duration.ofSeconds(p.depositWindow.longValueExact())),
                    p.epochCount.longValueExact(), p.settledEpochs.longValueExact(), AbiValues.instant(p.settledUntil),
                    p.lastUnitRevenue, p.accumulator);
        });
    }

    /** A product's fulfillment record (settled epochs by outcome, default, totals), for the credit system. */
    public CompletableFuture<FulfillmentRecord> record(ProductId productId) {
        return contract.read("record", vault.record(productId.value()), v -> {
            var r = (FulfillmentVault.Record) v.get(0);
            return new FulfillmentRecord(productId, r.epochsFulfilled.longValueExact(), r.epochsShort.longValueExact(),
                    r.epochsMissed.longValueExact(), r.epochsUnreported.longValueExact(), r.defaulted,
                    r.totalDeposited, r.totalCompensation, r.totalClaimed);
        });
    }

    /**
     * The epoch of a product containing an instant.
     *
     * @return the epoch; fails with {@link OutsideTermException} outside the term
     */
    public CompletableFuture<Long> epochOf(ProductId productId, Instant at) {
        if (at.getEpochSecond() < 0) {
            return CompletableFuture.failedFuture(new InvalidRequestException("time before 1970: " + at));
        }
        return lensContract.read("epochOf", lens.epochOf(productId.value(), BigInteger.valueOf(at.getEpochSecond())),
                v -> ((BigInteger) v.get(0).getValue()).longValueExact());
    }

    // ---------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------

    /** An allowance a deposit needs. */
    private record Allowance(EvmAddress token, BigInteger amount) {
    }

    private InvalidRequestException checkDomain(ReportBundle bundle) {
        Eip712Domain d = bundle.domain();
        if (d.chainId() != chainId) {
            return new InvalidRequestException("the report bundle is signed for chain " + d.chainId()
                    + ", this deployment is on chain " + chainId);
        }
        if (!d.verifyingContract().equals(contract.address())) {
            return new InvalidRequestException("the report bundle is signed for contract " + d.verifyingContract()
                    + ", not this FulfillmentVault " + contract.address());
        }
        if (!d.name().equals(Eip712Domain.HASHMIX_NAME) || !d.version().equals(Eip712Domain.HASHMIX_VERSION)) {
            return new InvalidRequestException("the report bundle is signed in domain " + d.name() + " v" + d.version()
                    + ", not " + Eip712Domain.HASHMIX_NAME + " v" + Eip712Domain.HASHMIX_VERSION);
        }
        return null;
    }

    /** The vault's {@code FulfillmentReported} of a receipt (the evidence binding relays to the vault). */
    SubmittedReport reportedIn(TxReceipt receipt) {
        return reported(receipt, Optional.empty());
    }

    private SubmittedReport reported(TxReceipt receipt, Optional<BigInteger> satoshis) {
        return contract.event(receipt, FulfillmentVault.FULFILLMENTREPORTED_EVENT, l -> {
            var e = FulfillmentVault.getFulfillmentReportedEventFromLog(l.toWeb3jLog());
            return new SubmittedReport(new ProductId(e.productId), e.epoch.longValueExact(), Bytes32.of(e.digest),
                    AbiValues.instant(e.depositDeadline), satoshis, receipt);
        });
    }

    private List<SettledEpoch> settledEpochs(TxReceipt receipt) {
        return contract.events(receipt, FulfillmentVault.EPOCHSETTLED_EVENT, l -> {
            var e = FulfillmentVault.getEpochSettledEventFromLog(l.toWeb3jLog());
            return new SettledEpoch(new ProductId(e.productId), e.epoch.longValueExact(),
                    EpochStatus.of(e.status.intValueExact()), e.deposited, e.compensation);
        }).stream().sorted(Comparator.comparingLong(SettledEpoch::epoch)).toList();
    }

    private static EpochInfo toEpochInfo(ProductId productId, long epoch, FulfillmentLens.EpochInfo i) {
        return new EpochInfo(productId, epoch, EpochStatus.of(i.status.intValueExact()), AbiValues.instant(i.start), AbiValues.instant(i.end),
                AbiValues.instant(i.reportDeadline), i.depositDeadline.signum() == 0 ? Optional.empty() : Optional.of(AbiValues.instant(i.depositDeadline)),
                i.deliveredUnits, i.revenue, i.unitRevenue, Bytes32.of(i.sourceChain), Bytes32.of(i.evidence),
                i.shortfallDue, i.deposited, i.compensation, i.accumulator);
    }

    private static List<List<HoldingRef>> chunks(List<HoldingRef> holdings) {
        List<List<HoldingRef>> out = new ArrayList<>();
        for (int from = 0; from < holdings.size(); from += MAX_CLAIM_ITEMS) {
            out.add(List.copyOf(holdings.subList(from, Math.min(holdings.size(), from + MAX_CLAIM_ITEMS))));
        }
        return out;
    }

    private static List<BigInteger> tokenIds(List<HoldingRef> refs) {
        return refs.stream().map(r -> r.tokenId().value()).toList();
    }

    private static List<BigInteger> indexes(List<HoldingRef> refs) {
        return refs.stream().map(r -> BigInteger.valueOf(r.index())).toList();
    }

    private static List<FulfillmentVault.AttestorSignature> signatures(ReportBundle bundle) {
        return bundle.signatures().stream()
                .map(s -> new FulfillmentVault.AttestorSignature(s.signer().hex(), s.signature())).toList();
    }

    static FulfillmentVault.FulfillmentReport toStruct(FulfillmentReport r) {
        return new FulfillmentVault.FulfillmentReport(r.productId().value(), BigInteger.valueOf(r.epoch()), r.deliveredUnits(),
                r.revenue(), r.unitRevenue(), r.sourceChain().value(), r.evidence().value(), r.nonce(),
                AbiValues.uint64(r.deadline()), AbiValues.uint64(r.committeeEpoch()));
    }

    static FulfillmentVault.PaymentProof toStruct(PaymentProof p) {
        if (p.headerIndex() < 0 || p.requiredConfirmations() < 0) {
            throw new InvalidRequestException("payment proof headerIndex and requiredConfirmations must be >= 0");
        }
        ByteArrayOutputStream headers = new ByteArrayOutputStream(p.headers().size() * 80);
        for (BlockHeader h : p.headers()) {
            headers.writeBytes(h.serialize());
        }
        return new FulfillmentVault.PaymentProof(p.transaction(), AbiValues.uint64(p.txIndex()),
                p.merkleBranch().stream().map(Bytes32::value).toList(), p.coinbaseTransaction(),
                p.coinbaseBranch().stream().map(Bytes32::value).toList(), headers.toByteArray(),
                BigInteger.valueOf(p.headerIndex()), p.outputScript(), AbiValues.uint64(p.minAmount()),
                BigInteger.valueOf(p.requiredConfirmations()));
    }

    private static BigInteger uint32Seconds(Duration d, String name) {
        if (d == null || d.isNegative() || d.getNano() != 0 || d.getSeconds() > UINT32_MAX) {
            throw new InvalidRequestException(name + " must be whole seconds in 0..2^32-1, got " + d);
        }
        return BigInteger.valueOf(d.getSeconds());
    }
}
