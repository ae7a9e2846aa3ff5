package io.hashmix.core.lending;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Type;

import io.hashmix.HashMixException;
import io.hashmix.core.InvalidRequestException;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.HashPowerLending;
import io.hashmix.contracts.generated.HashPowerToken;
import io.hashmix.contracts.generated.LendingLens;
import io.hashmix.core.erc20.Erc20Client;
import io.hashmix.core.events.LogFilter;
import io.hashmix.core.events.LogReader;
import io.hashmix.core.fulfillment.FulfillmentClient;
import io.hashmix.core.internal.AbiValues;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.internal.ClientContext;
import io.hashmix.core.tx.ContractCalls;
import io.hashmix.core.tx.LogEntry;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.lending.BorrowRequest;
import io.hashmix.proofs.lending.CollectionOffer;
import io.hashmix.proofs.lending.LoanOffer;
import io.hashmix.proofs.lending.LoanOrder;
import io.hashmix.proofs.lending.LoanOrderKind;
import io.hashmix.proofs.lending.LoanOrderValidator;
import io.hashmix.proofs.lending.LoanState;
import io.hashmix.proofs.lending.SignedLoanOrder;

/**
 * Lending ({@code HashPowerLending}): self-repaying loans against hash power tokens. Sign loan orders with this
 * SDK's key, start loans from every order kind (a lender's {@link LoanOffer}, a holder's {@link BorrowRequest}, a
 * lender's {@link CollectionOffer}), sweep the escrowed token's revenue onto the debt, repay, refinance, foreclose
 * and bid, read loans (debt now, projected payoff from revenue), records and events.
 *
 * <p>Nothing is escrowed before a loan starts: a borrower approves the lending contract once on the hash power
 * token ({@link #approveCollateral()}); a lender approves it on the currency for the offers it signs
 * ({@link #approveCurrency}). The methods that pay (lend, repay, refinance as the new lender, bid) approve the
 * amount they need themselves when the allowance is short. Every transaction is simulated first, so a call the
 * contract would refuse fails with its typed exception of this package (e.g. {@link TokenNonceMismatchException},
 * {@link LoanNotForeclosableException}) without spending gas. Results are read from the receipts' events.
 *
 * <p>Loan currencies are the collateral products' payout tokens, so revenue repays loans in kind. Thread-safe;
 * concurrent paying calls from one account can race on an allowance (approve a standing allowance instead).
 */
public final class LendingClient {

    private static final Logger log = LoggerFactory.getLogger(LendingClient.class);
    private static final BigInteger PRECISION = BigInteger.TEN.pow(18);

    private final BoundContract contract;
    private final HashPowerLending lending;
    private final BoundContract lensContract;
    private final LendingLens lens;
    private final BoundContract tokenContract;
    private final HashPowerToken token;
    private final TransactionSender sender;
    private final Erc20Client erc20;
    private final LogReader logs;
    private final FulfillmentClient fulfillment;
    private final Eip712Domain domain;
    private final long deployBlock;

    /**
     * Built by {@link io.hashmix.core.HashMix}, which hands it out as
     * {@link io.hashmix.core.HashMix#lending()}; not public API: the context is the SDK's
     * internal wiring, so applications get the client from {@code HashMix.builder()...build()}.
     *
     * @param context where the contracts live and the SDK's plumbing
     */
    public LendingClient(ClientContext context) {
        Deployment deployment = context.deployment();
        ContractCalls calls = context.calls();
        TransactionSender sender = context.sender();
        Erc20Client erc20 = new Erc20Client(context);
        LogReader logs = context.logs();
        var location = deployment.contract(ProtocolContract.HASH_POWER_LENDING);
        this.contract = new BoundContract("HashPowerLending", location.address(), calls, sender);
        this.lending = contract.encoder(HashPowerLending::load);
        this.lensContract = new BoundContract("LendingLens", deployment.contract(ProtocolContract.LENDING_LENS).address(),
                calls, sender);
        this.lens = lensContract.encoder(LendingLens::load);
        this.tokenContract = new BoundContract("HashPowerToken",
                deployment.contract(ProtocolContract.HASH_POWER_TOKEN).address(), calls, sender);
        this.token = tokenContract.encoder(HashPowerToken::load);
        this.sender = sender;
        this.erc20 = erc20;
        this.logs = logs;
        this.fulfillment = new FulfillmentClient(context);
        this.domain = Eip712Domain.hashMix(deployment.chainId(), location.address());
        this.deployBlock = location.blockNumber();
    }

    // ---------------------------------------------------------------------------------------
    // Identity, signing, offline checks
    // ---------------------------------------------------------------------------------------

    /** The lending contract's address (the verifying contract of loan orders). */
    public EvmAddress address() {
        return contract.address();
    }

    /** The lending lens's address (read-only views and the loan records for credit). */
    public EvmAddress lensAddress() {
        return lensContract.address();
    }

    /** The EIP-712 domain loan orders are signed for: ("HashMix", "1", chain id, lending contract). */
    public Eip712Domain domain() {
        return domain;
    }

    /** An offline validator for this contract's loan orders (domain, expiry against {@code clock}, ECDSA signature). */
    public LoanOrderValidator validator(Clock clock) {
        return new LoanOrderValidator(domain, clock);
    }

    /** An order's hash here, computed offline: the EIP-712 digest cancellations and order states are keyed by. */
    public Bytes32 orderHash(LoanOrder order) {
        return Eip712.digest(domain, Objects.requireNonNull(order, "order"));
    }

    /**
     * Signs a loan order for this contract with this SDK's key.
     *
     * @return the signed order
     * @throws InvalidRequestException    if this instance is read-only
     * @throws InvalidRequestException if the order\'s maker is not this SDK's account
     */
    public SignedLoanOrder sign(LoanOrder order) {
        Objects.requireNonNull(order, "order");
        if (sender == null) {
            throw new InvalidRequestException("signing a loan order needs credentials: this HashMix instance is read-only");
        }
        if (!order.maker().equals(sender.sender())) {
            throw new InvalidRequestException("this SDK signs as " + sender.sender() + ", but the "
                    + order.kind().jsonName() + "'s maker is " + order.maker());
        }
        return new SignedLoanOrder(domain, order, sender.signDigest(orderHash(order)));
    }

    // ---------------------------------------------------------------------------------------
    // Approvals
    // ---------------------------------------------------------------------------------------

    /** Approves the lending contract on all of this account's hash power tokens: needed once before borrowing. */
    public CompletableFuture<TxReceipt> approveCollateral() {
        return tokenContract.send("setApprovalForAll", token.setApprovalForAll(address().hex(), true));
    }

    /** Whether {@code owner} approved the lending contract on the hash power token. */
    public CompletableFuture<Boolean> isCollateralApproved(EvmAddress owner) {
        return tokenContract.read("isApprovedForAll", token.isApprovedForAll(owner.hex(), address().hex()),
                v -> (Boolean) v.get(0).getValue());
    }

    /**
     * Approves the lending contract to take {@code amount} of {@code currency} from this account: what a lender
     * does for the offers it signs (their fills pull the principal).
     */
    public CompletableFuture<TxReceipt> approveCurrency(EvmAddress currency, BigInteger amount) {
        return erc20.approve(currency, address(), amount);
    }

    // ---------------------------------------------------------------------------------------
    // Starting loans
    // ---------------------------------------------------------------------------------------

    /**
     * Borrows against this account's token on a lender's {@link LoanOffer}: escrows the token and receives the
     * principal from the lender.
     *
     * @return the loan; fails with e.g. {@link TokenNonceMismatchException}, {@link LoanOrderExpiredException},
     *         {@link InvalidLoanSignatureException}, {@link TermBeyondProductException}, {@link WrongCurrencyException},
     *         {@link BorrowerScoreTooLowException} (this account's credit score is below the offer's
     *         {@code minCreditScore})
     */
    public CompletableFuture<StartedLoan> borrow(SignedLoanOrder offer) {
        LoanOffer o;
        try {
            o = as(offer, LoanOffer.class);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(InvalidRequestException.of(e));
        }
        return contract.send("borrow", lending.borrow(offerStruct(o), offer.signature())).thenApply(this::started);
    }

    /**
     * Lends on a holder's {@link BorrowRequest}: pays the principal (approving it when the allowance is short) and
     * escrows the borrower's token.
     *
     * @return the loan
     */
    public CompletableFuture<StartedLoan> lend(SignedLoanOrder request) {
        BorrowRequest r;
        try {
            r = as(request, BorrowRequest.class);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(InvalidRequestException.of(e));
        }
        return erc20.ensureAllowance(r.currency(), address(), r.principal())
                .thenCompose(ignored -> contract.send("lend", lending.lend(requestStruct(r), request.signature())))
                .thenApply(this::started);
    }

    /**
     * Borrows {@code principal} against this account's token on a lender's {@link CollectionOffer}.
     *
     * @return the loan; fails with e.g. {@link CollectionMismatchException}, {@link LtvExceededException},
     *         {@link OfferExhaustedException}, {@link io.hashmix.core.swap.PriceUnusableException},
     *         {@link BorrowerScoreTooLowException}
     */
    public CompletableFuture<StartedLoan> borrowFromCollectionOffer(SignedLoanOrder offer, TokenId tokenId,
                                                                    BigInteger principal) {
        CollectionOffer c;
        try {
            c = as(offer, CollectionOffer.class);
            Objects.requireNonNull(tokenId, "tokenId");
            if (principal == null || principal.signum() <= 0) {
                throw new InvalidRequestException("principal must be positive, got " + principal);
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(InvalidRequestException.of(e));
        }
        return contract.send("borrowFromCollectionOffer", lending.borrowFromCollectionOffer(collectionStruct(c),
                offer.signature(), tokenId.value(), principal)).thenApply(this::started);
    }

    // ---------------------------------------------------------------------------------------
    // Revenue and repayment
    // ---------------------------------------------------------------------------------------

    /**
     * Claims the escrowed token's revenue for a loan and applies it to interest, then principal (anyone may call);
     * when the debt reaches zero the token goes back to the borrower. On a closed loan it claims what the escrow
     * time earned since.
     *
     * @return what the sweep did; fails with {@link UnknownLoanException}
     */
    public CompletableFuture<Sweep> sweep(LoanId loanId) {
        return contract.send("sweep", lending.sweep(loanId.value())).thenApply(r -> sweepOf(loanId, r));
    }

    /**
     * Repays a loan in full from this account (approving up to the loan's cap when the allowance is short): sweeps
     * first, then pays the debt left (interest to date only); the token goes back to the borrower.
     *
     * @return the repayment; fails with {@link LoanNotOpenException} for a closed loan
     */
    public CompletableFuture<Repayment> repay(LoanId loanId) {
        return loan(loanId).thenCompose(l -> l.isOpen() ? erc20.ensureAllowance(l.currency(), address(), l.capLeft())
                        : CompletableFuture.completedFuture(null))
                .thenCompose(ignored -> contract.send("repay", lending.repay(loanId.value())))
                .thenApply(r -> {
                    EvmAddress me = r.from();
                    BigInteger paid = BigInteger.ZERO;
                    for (LendingEvent e : decode(r)) {
                        if (e instanceof LendingEvent.DebtPaid d && d.loanId().equals(loanId) && d.payer().equals(me)) {
                            paid = paid.add(d.interest()).add(d.principal());
                        }
                    }
                    boolean late = decode(r).stream().anyMatch(e -> e instanceof LendingEvent.Repaid x && x.late());
                    return new Repayment(loanId, sweepOf(loanId, r), paid, late, r);
                });
    }

    // ---------------------------------------------------------------------------------------
    // Refinance
    // ---------------------------------------------------------------------------------------

    /**
     * Refinances a loan with a better {@link LoanOffer} for its escrowed token or a {@link CollectionOffer}: the
     * offer's lender pays the old lender off and becomes the lender; the token stays escrowed. When this account is
     * the new lender, it approves up to the loan's cap if the allowance is short.
     *
     * @return the refinance ({@code refinanced} false when the sweep it starts with repaid the loan); fails with
     *         e.g. {@link TermsNotBetterException}, {@link RefinanceTooSoonException},
     *         {@link LoanNotCurrentException}, {@link LoanOrderUsedException}, {@link BorrowerScoreTooLowException}
     *         (the loan's borrower's credit score is below the offer's {@code minCreditScore})
     */
    public CompletableFuture<Refinance> refinance(LoanId loanId, SignedLoanOrder offer) {
        LoanOrder order = Objects.requireNonNull(offer, "offer").order();
        if (order instanceof BorrowRequest) {
            return CompletableFuture.failedFuture(new InvalidRequestException(
                    "a borrow request cannot refinance a loan: use a loan offer or a collection offer"));
        }
        boolean mine = sender != null && order.maker().equals(sender.sender());
        return loan(loanId).thenCompose(l -> mine && l.isOpen()
                        ? erc20.ensureAllowance(l.currency(), address(), l.capLeft()) : CompletableFuture.completedFuture(null))
                .thenCompose(ignored -> order instanceof LoanOffer o
                        ? contract.send("refinance", lending.refinance(loanId.value(), offerStruct(o), offer.signature()))
                        : contract.send("refinanceFromCollectionOffer", lending.refinanceFromCollectionOffer(loanId.value(),
                                collectionStruct((CollectionOffer) order), offer.signature())))
                .thenCompose(r -> {
                    Sweep sweep = sweepOf(loanId, r);
                    for (LendingEvent e : decode(r)) {
                        if (e instanceof LendingEvent.Refinanced x && x.loanId().equals(loanId)) {
                            return CompletableFuture.completedFuture(new Refinance(loanId, true, x.oldLender(),
                                    x.newLender(), x.payoff(), x.aprBps(), x.maturity(), x.capLeft(), sweep, r));
                        }
                    }
                    // the sweep repaid the loan first: report the closed loan's terms
                    return loan(loanId).thenApply(l -> new Refinance(loanId, false, l.lender(), l.lender(),
                            BigInteger.ZERO, l.aprBps(), l.maturity(), l.capLeft(), sweep, r));
                });
    }

    // ---------------------------------------------------------------------------------------
    // Foreclosure
    // ---------------------------------------------------------------------------------------

    /**
     * Starts the foreclosure of a loan past maturity plus the grace period, or at once when its product is frozen
     * or defaulted (anyone may call; the caller earns the bounty from proceeds above the debt).
     *
     * @return the foreclosure (or the repayment its sweep made); fails with {@link LoanNotForeclosableException}
     */
    public CompletableFuture<Foreclosure> startForeclosure(LoanId loanId) {
        return contract.send("startForeclosure", lending.startForeclosure(loanId.value())).thenApply(r -> {
            Optional<Auction> auction = Optional.empty();
            for (LendingEvent e : decode(r)) {
                if (e instanceof LendingEvent.ForeclosureStarted f && f.loanId().equals(loanId)) {
                    auction = Optional.of(new Auction(loanId, f.initiator(), auctionStart(f.endsAt()),
                            f.endsAt(), f.startPrice(), f.floorPrice()));
                }
            }
            return new Foreclosure(loanId, auction, sweepOf(loanId, r), r);
        });
    }

    private static Instant auctionStart(Instant endsAt) {
        return endsAt.minusSeconds(io.hashmix.proofs.lending.LoanMath.AUCTION_DURATION);
    }

    /**
     * Bids on a foreclosure auction at its current price, if at most {@code maxPrice} (approving {@code maxPrice}
     * when the allowance is short).
     *
     * @return the sale ({@code settled} false when revenue repaid the loan first and nothing was bought); fails
     *         with {@link PriceAboveMaxException}, {@link AuctionEndedException}, {@link LoanNotOpenException}
     */
    public CompletableFuture<Sale> bid(LoanId loanId, BigInteger maxPrice) {
        if (maxPrice == null || maxPrice.signum() < 0) {
            return CompletableFuture.failedFuture(new InvalidRequestException("maxPrice must be non-negative, got " + maxPrice));
        }
        return loan(loanId).thenCompose(l -> erc20.ensureAllowance(l.currency(), address(), maxPrice))
                .thenCompose(ignored -> contract.send("bid", lending.bid(loanId.value(), maxPrice)))
                .thenApply(r -> saleOf(loanId, r));
    }

    /**
     * After an auction ended without a bid, gives the token to the lender (anyone may call).
     *
     * @return the sale ({@code winner} the lender, {@code price} 0); fails with {@link AuctionRunningException}
     */
    public CompletableFuture<Sale> claimCollateral(LoanId loanId) {
        return contract.send("claimCollateral", lending.claimCollateral(loanId.value())).thenApply(r -> saleOf(loanId, r));
    }

    // ---------------------------------------------------------------------------------------
    // Orders, credits, admin
    // ---------------------------------------------------------------------------------------

    /** Cancels orders this account signed (a cancellation is recorded for its maker only). */
    public CompletableFuture<TxReceipt> cancel(List<? extends LoanOrder> orders) {
        if (orders == null || orders.isEmpty()) {
            return CompletableFuture.failedFuture(new InvalidRequestException("cancel needs at least one order"));
        }
        List<byte[]> hashes = new ArrayList<>();
        for (LoanOrder o : orders) {
            if (sender != null && !o.maker().equals(sender.sender())) {
                return CompletableFuture.failedFuture(new InvalidRequestException("only the maker may cancel: "
                        + o.kind().jsonName() + " " + orderHash(o) + " is " + o.maker() + "'s"));
            }
            hashes.add(orderHash(o).value());
        }
        return contract.send("cancel", lending.cancel(hashes));
    }

    /** Kills every loan order this account signed so far; returns the new counter. */
    public CompletableFuture<BigInteger> incrementCounter() {
        return contract.send("incrementCounter", lending.incrementCounter())
                .thenApply(r -> contract.event(r, HashPowerLending.COUNTERINCREMENTED_EVENT,
                        l -> HashPowerLending.getCounterIncrementedEventFromLog(l.toWeb3jLog()).counter));
    }

    /**
     * Withdraws this account's credit of {@code currency} (payments whose push failed) to {@code to}.
     *
     * @return the amount; fails with {@link io.hashmix.core.errors.ZeroAmountException} when there is none
     */
    public CompletableFuture<BigInteger> withdraw(EvmAddress currency, EvmAddress to) {
        return contract.send("withdraw", lending.withdraw(currency.hex(), to.hex()))
                .thenApply(r -> contract.event(r, HashPowerLending.CREDITWITHDRAWN_EVENT,
                        l -> HashPowerLending.getCreditWithdrawnEventFromLog(l.toWeb3jLog()).amount));
    }

    /** Stops new loans and refinances (the AccessManager's admin; repayments and foreclosures go on). */
    public CompletableFuture<TxReceipt> pause() {
        return contract.send("pause", lending.pause());
    }

    /** Resumes new loans and refinances (admin). */
    public CompletableFuture<TxReceipt> unpause() {
        return contract.send("unpause", lending.unpause());
    }

    /** Whether new loans are paused. */
    public CompletableFuture<Boolean> paused() {
        return contract.read("paused", lending.paused(), v -> (Boolean) v.get(0).getValue());
    }

    /**
     * Sets the lenders' reward program of a loan currency (admin): the lending contract tells it each lender's
     * outstanding principal in that currency, so lenders earn HMX by principal x time. Loans count from when they
     * start (or are refinanced) while the currency has a program. The {@code Deployer} deploys the program
     * ({@code ProtocolContract.HOOK_STAKE_PROGRAM}) and grants the lending contract its {@code setStake}.
     *
     * @param currency a loan currency
     * @param program  the program, or {@link EvmAddress#ZERO} for none
     * @return the receipt
     */
    public CompletableFuture<TxReceipt> setLenderProgram(EvmAddress currency, EvmAddress program) {
        return contract.send("setLenderProgram", lending.setLenderProgram(currency.hex(), program.hex()));
    }

    /**
     * Tells the currency's lenders' program a lender's outstanding principal again (anyone may; after the
     * program was replaced, or failed once).
     *
     * @return the receipt; fails with {@link StakeHookGasTooLowException} if sent with too little gas
     */
    public CompletableFuture<TxReceipt> syncLenderStake(EvmAddress lender, EvmAddress currency) {
        return contract.send("syncLenderStake", lending.syncLenderStake(lender.hex(), currency.hex()));
    }

    /** The lenders' reward program of a currency, if it has one. */
    public CompletableFuture<Optional<EvmAddress>> lenderProgram(EvmAddress currency) {
        return lensContract.read("lenderProgram", lens.lenderProgram(currency.hex()), v -> {
            EvmAddress a = EvmAddress.of((String) v.get(0).getValue());
            return a.equals(EvmAddress.ZERO) ? Optional.<EvmAddress>empty() : Optional.of(a);
        });
    }

    /**
     * A lender's outstanding principal in a currency over its open loans that count for the lenders' program
     * (its stake there).
     */
    public CompletableFuture<BigInteger> outstandingPrincipal(EvmAddress lender, EvmAddress currency) {
        return lensContract.read("outstandingPrincipal", lens.outstandingPrincipal(lender.hex(), currency.hex()),
                LendingClient::uint);
    }

    // ---------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------

    /** A loan with its interest and debt now; fails with {@link UnknownLoanIdException}. */
    public CompletableFuture<Loan> loan(LoanId loanId) {
        return lensContract.read("loanOf", lens.loanOf(loanId.value()), v -> {
            LendingLens.LoanView x = (LendingLens.LoanView) v.get(0);
            return new Loan(loanId, LoanStatus.fromCode(x.status.intValueExact()), EvmAddress.of(x.borrower),
                    EvmAddress.of(x.lender), EvmAddress.of(x.currency), new TokenId(x.tokenId),
                    x.holdingIndex.longValueExact(), x.principal, x.interestScaled, x.interest, x.debt, x.capLeft,
                    x.aprBps.longValueExact(), AbiValues.instant(x.maturity), AbiValues.instant(x.lenderSince),
                    AbiValues.instant(x.lastAccrual), x.redemptionBooked);
        });
    }

    /** What repaying a loan costs now, before any sweep. */
    public CompletableFuture<BigInteger> debt(LoanId loanId) {
        return lensContract.read("debtOf", lens.debtOf(loanId.value()), LendingClient::uint);
    }

    /** The open loan escrowing {@code tokenId}, if the lending contract holds it. */
    public CompletableFuture<Optional<LoanId>> loanOfToken(TokenId tokenId) {
        return tokenContract.read("ownerOf", token.ownerOf(tokenId.value()), v -> EvmAddress.of((String) v.get(0).getValue()))
                .thenCombine(tokenContract.read("tokenNonce", token.tokenNonce(tokenId.value()), LendingClient::uint),
                        (owner, nonce) -> owner.equals(address()) ? Optional.of(LoanId.of(tokenId, nonce.longValueExact()))
                                : Optional.<LoanId>empty());
    }

    /** A loan's foreclosure auction, if one started. */
    @SuppressWarnings("unchecked")
    public CompletableFuture<Optional<Auction>> auction(LoanId loanId) {
        return lensContract.read("auctionOf", lens.auctionOf(loanId.value()), (List<Type> v) -> {
            BigInteger start = (BigInteger) v.get(1).getValue();
            if (start.signum() == 0) {
                return Optional.<Auction>empty();
            }
            return Optional.of(new Auction(loanId, EvmAddress.of((String) v.get(0).getValue()), AbiValues.instant(start),
                    AbiValues.instant((BigInteger) v.get(2).getValue()), (BigInteger) v.get(3).getValue(),
                    (BigInteger) v.get(4).getValue()));
        });
    }

    /** The price a bid pays now, if the loan's auction runs. */
    public CompletableFuture<Optional<BigInteger>> currentPrice(LoanId loanId) {
        return lensContract.read("currentPrice", lens.currentPrice(loanId.value()), v -> (Boolean) v.get(0).getValue()
                ? Optional.of((BigInteger) v.get(1).getValue()) : Optional.<BigInteger>empty());
    }

    /** Whether {@code startForeclosure} accepts the loan now. */
    public CompletableFuture<Boolean> isForeclosable(LoanId loanId) {
        return lensContract.read("isForeclosable", lens.isForeclosable(loanId.value()), v -> (Boolean) v.get(0).getValue());
    }

    /**
     * The most a collection offer with {@code maxLtvBps} lends against a token now.
     *
     * @return the principal; fails with {@link io.hashmix.core.swap.PriceUnusableException} while the valuation cannot price it
     */
    public CompletableFuture<BigInteger> maxPrincipal(TokenId tokenId, long maxLtvBps) {
        return lensContract.read("maxPrincipal", lens.maxPrincipal(tokenId.value(), BigInteger.valueOf(maxLtvBps)),
                LendingClient::uint);
    }

    /** A maker's current counter (orders must carry it). */
    public CompletableFuture<BigInteger> counter(EvmAddress maker) {
        return lensContract.read("counter", lens.counter(maker.hex()), LendingClient::uint);
    }

    /**
     * The credit registry the lending contract reads borrowers' scores from when an offer asks a
     * {@code minCreditScore} ({@code creditScores()}), if it was deployed with one; without, it reads every score as 0
     * and refuses such offers with {@link BorrowerScoreTooLowException}.
     */
    public CompletableFuture<Optional<EvmAddress>> creditScores() {
        return contract.read("creditScores", lending.creditScores(), v -> {
            EvmAddress a = EvmAddress.of((String) v.get(0).getValue());
            return a.equals(EvmAddress.ZERO) ? Optional.<EvmAddress>empty() : Optional.of(a);
        });
    }

    /** An order's state (cancelled, used by a refinance, principal lent from a collection offer). */
    public CompletableFuture<OrderState> orderState(LoanOrder order) {
        Bytes32 hash = orderHash(order);
        return lensContract.read("orderState", lens.orderState(order.maker().hex(), hash.value()),
                v -> new OrderState(hash, (Boolean) v.get(0).getValue(), (Boolean) v.get(1).getValue(),
                        (BigInteger) v.get(2).getValue()));
    }

    /** What {@code account} may withdraw in {@code currency}. */
    public CompletableFuture<BigInteger> credit(EvmAddress account, EvmAddress currency) {
        return lensContract.read("credit", lens.credit(account.hex(), currency.hex()), LendingClient::uint);
    }

    /** An account's record as a borrower in a currency (for the credit system). */
    public CompletableFuture<BorrowerRecord> borrowerRecord(EvmAddress account, EvmAddress currency) {
        return lensContract.read("borrowerRecord", lens.borrowerRecord(account.hex(), currency.hex()), v -> {
            LendingLens.BorrowerRecord r = (LendingLens.BorrowerRecord) v.get(0);
            return new BorrowerRecord(account, currency, r.repaid.longValueExact(), r.repaidLate.longValueExact(),
                    r.defaulted.longValueExact(), r.amountRepaid, r.amountDefaulted);
        });
    }

    /** An account's record as a lender in a currency (for the credit system). */
    public CompletableFuture<LenderRecord> lenderRecord(EvmAddress account, EvmAddress currency) {
        return lensContract.read("lenderRecord", lens.lenderRecord(account.hex(), currency.hex()), v -> {
            LendingLens.LenderRecord r = (LendingLens.LenderRecord) v.get(0);
            return new LenderRecord(account, currency, r.paidOff.longValueExact(), r.defaulted.longValueExact(),
                    r.amountReceived, r.badDebt);
        });
    }

    /**
     * Projects when the escrowed token's revenue alone repays a loan, if every coming epoch paid what the product's
     * last settled epoch paid per unit: revenue already claimable first, then one payment per coming epoch at its
     * end, applied with the contract's arithmetic.
     *
     * @return the projection; fails with {@link UnknownLoanIdException}
     */
    public CompletableFuture<PayoffProjection> projectPayoff(LoanId loanId) {
        return loan(loanId).thenCompose(l -> tokenContract.read("tokenData", token.tokenData(l.tokenId().value()),
                        v -> (HashPowerToken.TokenData) v.get(0))
                .thenCompose(t -> fulfillment.productState(new ProductId(t.productId))
                        .thenCombine(fulfillment.claimable(l.tokenId(), l.holdingIndex()), (state, claimable) -> {
                            BigInteger perEpoch = t.units.multiply(state.lastUnitRevenue()).divide(PRECISION);
                            // the chain's time is at least the last accrual and the end of the settled epochs
                            long now = Math.max(l.lastAccrual().getEpochSecond(), state.settledUntil().getEpochSecond());
                            long length = state.config().epochLength().toSeconds();
                            long start = state.start().getEpochSecond();
                            long end = state.end().getEpochSecond();
                            List<LoanState.Revenue> revenue = new ArrayList<>();
                            List<Long> epochs = new ArrayList<>();
                            if (claimable.signum() > 0) {
                                revenue.add(new LoanState.Revenue(now, claimable));
                                epochs.add(state.settledEpochs() - 1);
                            }
                            for (long e = state.settledEpochs(); e < state.epochCount(); e++) {
                                long at = Math.max(Math.min(start + (e + 1) * length, end), now);
                                revenue.add(new LoanState.Revenue(at, perEpoch));
                                epochs.add(e);
                            }
                            LoanState.RepaymentSchedule schedule = l.state().project(revenue);
                            Optional<Long> payoffEpoch = schedule.payoffStep().map(epochs::get);
                            Optional<Instant> payoffAt = schedule.payoffStep()
                                    .map(i -> Instant.ofEpochSecond(revenue.get(i).at()));
                            return new PayoffProjection(loanId, perEpoch, schedule, payoffEpoch, payoffAt);
                        })));
    }

    /** The block the lending contract was deployed in (a follower's natural first block). */
    public long deployBlock() {
        return deployBlock;
    }

    // ---------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------

    /**
     * The lending contract's events in a block range (inclusive), decoded, in chain order (an empty range gives an
     * empty list; logs flagged as removed are dropped).
     */
    public CompletableFuture<List<LendingEvent>> events(long fromBlock, long toBlock) {
        if (toBlock < Math.max(fromBlock, 0)) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<String> topics = List.of(HashPowerLending.LOANSTARTED_EVENT, HashPowerLending.REVENUESWEPT_EVENT,
                HashPowerLending.REDEMPTIONBOOKED_EVENT, HashPowerLending.DEBTPAID_EVENT, HashPowerLending.SURPLUSPAID_EVENT,
                HashPowerLending.LOANREPAID_EVENT, HashPowerLending.LOANREFINANCED_EVENT,
                HashPowerLending.FORECLOSURESTARTED_EVENT, HashPowerLending.AUCTIONSETTLED_EVENT,
                HashPowerLending.COLLATERALCLAIMED_EVENT, HashPowerLending.PAYMENTCREDITED_EVENT,
                HashPowerLending.CREDITWITHDRAWN_EVENT, HashPowerLending.LOANORDERCANCELLEDBY_EVENT,
                HashPowerLending.COUNTERINCREMENTED_EVENT).stream().map(EventEncoder::encode).toList();
        LogFilter filter = new LogFilter(List.of(address()), List.of(topics), Math.max(fromBlock, 0), toBlock);
        return logs.read(filter).thenApply(entries -> {
            List<LendingEvent> out = new ArrayList<>(entries.size());
            for (LogEntry e : entries) {
                decode(e).ifPresent(out::add);
            }
            return out;
        });
    }

    /** The lending events of one receipt, in log order. */
    public List<LendingEvent> decode(TxReceipt receipt) {
        List<LendingEvent> out = new ArrayList<>();
        for (LogEntry e : receipt.logsOf(address())) {
            decode(e).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<LendingEvent> decode(LogEntry e) {
        var log = e.toWeb3jLog();
        long b = e.blockNumber();
        int i = Math.toIntExact(e.logIndex());
        String tx = e.transactionHash();
        if (e.isEvent(EventEncoder.encode(HashPowerLending.LOANSTARTED_EVENT))) {
            var x = HashPowerLending.getLoanStartedEventFromLog(log);
            return Optional.of(new LendingEvent.Started(b, i, tx, new LoanId(x.loanId), new TokenId(x.tokenId),
                    EvmAddress.of(x.borrower), EvmAddress.of(x.lender), EvmAddress.of(x.currency), x.principal,
                    x.maxRepayment, x.aprBps.longValueExact(), AbiValues.instant(x.maturity), Bytes32.of(x.orderHash),
                    LoanOrderKind.fromCode(x.kind.intValueExact())));
        }
        if (e.isEvent(EventEncoder.encode(HashPowerLending.REVENUESWEPT_EVENT))) {
            var x = HashPowerLending.getRevenueSweptEventFromLog(log);
            return Optional.of(new LendingEvent.RevenueSwept(b, i, tx, new LoanId(x.loanId), x.amount));
        }
        if (e.isEvent(EventEncoder.encode(HashPowerLending.REDEMPTIONBOOKED_EVENT))) {
            var x = HashPowerLending.getRedemptionBookedEventFromLog(log);
            return Optional.of(new LendingEvent.RedemptionBooked(b, i, tx, new LoanId(x.loanId), x.amount));
        }
        if (e.isEvent(EventEncoder.encode(HashPowerLending.DEBTPAID_EVENT))) {
            var x = HashPowerLending.getDebtPaidEventFromLog(log);
            return Optional.of(new LendingEvent.DebtPaid(b, i, tx, new LoanId(x.loanId), EvmAddress.of(x.payer),
                    x.interest, x.principal, x.debtLeft));
        }
        if (e.isEvent(EventEncoder.encode(HashPowerLending.SURPLUSPAID_EVENT))) {
            var x = HashPowerLending.getSurplusPaidEventFromLog(log);
            return Optional.of(new LendingEvent.SurplusPaid(b, i, tx, new LoanId(x.loanId), EvmAddress.of(x.borrower), x.amount));
        }
        if (e.isEvent(EventEncoder.encode(HashPowerLending.LOANREPAID_EVENT))) {
            var x = HashPowerLending.getLoanRepaidEventFromLog(log);
            return Optional.of(new LendingEvent.Repaid(b, i, tx, new LoanId(x.loanId), EvmAddress.of(x.borrower),
                    EvmAddress.of(x.lender), x.late));
        }
        if (e.isEvent(EventEncoder.encode(HashPowerLending.LOANREFINANCED_EVENT))) {
            var x = HashPowerLending.getLoanRefinancedEventFromLog(log);
            return Optional.of(new LendingEvent.Refinanced(b, i, tx, new LoanId(x.loanId), EvmAddress.of(x.oldLender),
                    EvmAddress.of(x.newLender), x.payoff, x.aprBps.longValueExact(), AbiValues.instant(x.maturity),
                    x.capLeft, Bytes32.of(x.orderHash), LoanOrderKind.fromCode(x.kind.intValueExact())));
        }
        if (e.isEvent(EventEncoder.encode(HashPowerLending.FORECLOSURESTARTED_EVENT))) {
            var x = HashPowerLending.getForeclosureStartedEventFromLog(log);
            return Optional.of(new LendingEvent.ForeclosureStarted(b, i, tx, new LoanId(x.loanId),
                    EvmAddress.of(x.initiator), x.debt, x.startPrice, x.floorPrice, AbiValues.instant(x.endsAt)));
        }
        if (e.isEvent(EventEncoder.encode(HashPowerLending.AUCTIONSETTLED_EVENT))) {
            var x = HashPowerLending.getAuctionSettledEventFromLog(log);
            return Optional.of(new LendingEvent.AuctionSettled(b, i, tx, new LoanId(x.loanId), EvmAddress.of(x.winner),
                    x.price, x.toLender, x.bounty, x.toBorrower, x.badDebt));
        }
        if (e.isEvent(EventEncoder.encode(HashPowerLending.COLLATERALCLAIMED_EVENT))) {
            var x = HashPowerLending.getCollateralClaimedEventFromLog(log);
            return Optional.of(new LendingEvent.CollateralClaimed(b, i, tx, new LoanId(x.loanId), EvmAddress.of(x.lender),
                    x.badDebt));
        }
        if (e.isEvent(EventEncoder.encode(HashPowerLending.PAYMENTCREDITED_EVENT))) {
            var x = HashPowerLending.getPaymentCreditedEventFromLog(log);
            return Optional.of(new LendingEvent.PaymentCredited(b, i, tx, EvmAddress.of(x.account),
                    EvmAddress.of(x.currency), x.amount));
        }
        if (e.isEvent(EventEncoder.encode(HashPowerLending.CREDITWITHDRAWN_EVENT))) {
            var x = HashPowerLending.getCreditWithdrawnEventFromLog(log);
            return Optional.of(new LendingEvent.CreditWithdrawn(b, i, tx, EvmAddress.of(x.account),
                    EvmAddress.of(x.currency), EvmAddress.of(x.to), x.amount));
        }
        if (e.isEvent(EventEncoder.encode(HashPowerLending.LOANORDERCANCELLEDBY_EVENT))) {
            var x = HashPowerLending.getLoanOrderCancelledByEventFromLog(log);
            return Optional.of(new LendingEvent.OrderCancelled(b, i, tx, Bytes32.of(x.orderHash), EvmAddress.of(x.maker)));
        }
        if (e.isEvent(EventEncoder.encode(HashPowerLending.COUNTERINCREMENTED_EVENT))) {
            var x = HashPowerLending.getCounterIncrementedEventFromLog(log);
            return Optional.of(new LendingEvent.CounterIncremented(b, i, tx, EvmAddress.of(x.maker), x.counter));
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    private StartedLoan started(TxReceipt r) {
        for (LendingEvent e : decode(r)) {
            if (e instanceof LendingEvent.Started s) {
                log.debug("loan {} started on token {} in {}", s.loanId(), s.tokenId(), r.transactionHash());
                return new StartedLoan(s.loanId(), s.tokenId(), s.borrower(), s.lender(), s.currency(), s.principal(),
                        s.maxRepayment(), s.aprBps(), s.maturity(), s.orderHash(), s.kind(), r);
            }
        }
        throw new HashMixException("no LoanStarted event in " + r.transactionHash());
    }

    private Sweep sweepOf(LoanId loanId, TxReceipt r) {
        BigInteger claimed = BigInteger.ZERO;
        BigInteger toLender = BigInteger.ZERO;
        BigInteger toInterest = BigInteger.ZERO;
        BigInteger surplus = BigInteger.ZERO;
        boolean repaid = false;
        for (LendingEvent e : decode(r)) {
            switch (e) {
                case LendingEvent.RevenueSwept x when x.loanId().equals(loanId) -> claimed = claimed.add(x.amount());
                case LendingEvent.RedemptionBooked x when x.loanId().equals(loanId) -> claimed = claimed.add(x.amount());
                case LendingEvent.DebtPaid x when x.loanId().equals(loanId) && x.payer().equals(address()) -> {
                    toLender = toLender.add(x.interest()).add(x.principal());
                    toInterest = toInterest.add(x.interest());
                }
                case LendingEvent.SurplusPaid x when x.loanId().equals(loanId) -> surplus = surplus.add(x.amount());
                case LendingEvent.Repaid x when x.loanId().equals(loanId) -> repaid = true;
                default -> { }
            }
        }
        return new Sweep(loanId, claimed, toLender, toInterest, surplus, repaid, r);
    }

    private Sale saleOf(LoanId loanId, TxReceipt r) {
        for (LendingEvent e : decode(r)) {
            if (e instanceof LendingEvent.AuctionSettled s && s.loanId().equals(loanId)) {
                return new Sale(loanId, true, s.winner(), s.price(), s.toLender(), s.bounty(), s.toBorrower(), s.badDebt(), r);
            }
            if (e instanceof LendingEvent.CollateralClaimed c && c.loanId().equals(loanId)) {
                return new Sale(loanId, true, c.lender(), BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                        c.badDebt(), r);
            }
        }
        return new Sale(loanId, false, EvmAddress.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ZERO, r);
    }

    private static <T extends LoanOrder> T as(SignedLoanOrder signed, Class<T> kind) {
        Objects.requireNonNull(signed, "signed order");
        if (!kind.isInstance(signed.order())) {
            throw new InvalidRequestException("expected a signed " + kind.getSimpleName() + ", got a "
                    + signed.order().kind().jsonName());
        }
        return kind.cast(signed.order());
    }

    private static HashPowerLending.LoanOffer offerStruct(LoanOffer o) {
        return new HashPowerLending.LoanOffer(o.lender().hex(), o.tokenId().value(), BigInteger.valueOf(o.tokenNonce()),
                o.units(), o.currency().hex(), o.principal(), o.maxRepayment(), BigInteger.valueOf(o.aprBps()),
                AbiValues.uint64(o.duration()), BigInteger.valueOf(o.minCreditScore()), o.counter(), o.salt(),
                AbiValues.uint64(o.expiry()));
    }

    private static HashPowerLending.BorrowRequest requestStruct(BorrowRequest o) {
        return new HashPowerLending.BorrowRequest(o.borrower().hex(), o.tokenId().value(),
                BigInteger.valueOf(o.tokenNonce()), o.units(), o.currency().hex(), o.principal(), o.maxRepayment(),
                BigInteger.valueOf(o.aprBps()), AbiValues.uint64(o.duration()), o.counter(), o.salt(),
                AbiValues.uint64(o.expiry()));
    }

    private static HashPowerLending.CollectionOffer collectionStruct(CollectionOffer o) {
        return new HashPowerLending.CollectionOffer(o.lender().hex(), o.assetClass().value(), o.issuer().hex(),
                o.minUnits(), AbiValues.uint64(o.minRemainingTerm()), BigInteger.valueOf(o.maxLtvBps()), o.currency().hex(),
                o.totalPrincipal(), BigInteger.valueOf(o.aprBps()), AbiValues.uint64(o.duration()),
                BigInteger.valueOf(o.minCreditScore()), o.counter(), o.salt(), AbiValues.uint64(o.expiry()));
    }

    private static BigInteger uint(List<Type> v) {
        return (BigInteger) v.get(0).getValue();
    }
}
