package io.hashmix.core.market;

import java.math.BigInteger;
import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes4;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.RemoteFunctionCall;

import io.hashmix.HashMixException;
import io.hashmix.core.rpc.RpcProtocolException;
import io.hashmix.core.InvalidRequestException;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.HashMixMarket;
import io.hashmix.contracts.generated.HashPowerToken;
import io.hashmix.core.erc20.Erc20Client;
import io.hashmix.core.errors.ContractRevertException;
import io.hashmix.core.events.LogFilter;
import io.hashmix.core.events.LogReader;
import io.hashmix.core.internal.AbiValues;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.internal.ClientContext;
import io.hashmix.core.tokenization.TradeState;
import io.hashmix.core.tx.CallOutcome;
import io.hashmix.core.tx.ContractCalls;
import io.hashmix.core.tx.LogEntry;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.core.tx.TxRequest;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.crypto.CryptoBackends;
import io.hashmix.proofs.crypto.InvalidSignatureException;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.market.CriteriaOffer;
import io.hashmix.proofs.market.Listing;
import io.hashmix.proofs.market.Offer;
import io.hashmix.proofs.market.Order;
import io.hashmix.proofs.market.OrderKind;
import io.hashmix.proofs.market.OrderValidator;
import io.hashmix.proofs.market.PricedOrder;
import io.hashmix.proofs.market.SignedOrder;
import io.hashmix.proofs.market.SwapOrder;

/**
 * The market ({@code HashMixMarket}): sign orders with this SDK's key, fill listings (one or many
 * in one transaction), offers, criteria offers and swap orders, cancel orders, read their status,
 * vet many orders against the chain in one round trip ({@link #checkFillable}), follow fills
 * ({@link #events}) and collect fees.
 *
 * <p>Nothing is escrowed: a seller approves the market once on the token ({@link #approveMarket()});
 * a buyer paying in an ERC-20 approves the market on it (the fill methods that pay do that
 * themselves, exactly for the amount due, when the allowance is short). Every transaction is
 * simulated before it is signed, so a fill the market would refuse fails with its typed exception
 * of this package (e.g. {@link OverfillException}, {@link StaleTokenNonceException}) without
 * spending gas.
 *
 * <p>Orders are checked by the chain, not re-validated here before filling: run
 * {@link #validator(Clock)} on orders you receive and {@link #checkFillable} before showing them.
 * Order hashes are the EIP-712 digests in this market's {@link #domain()}, whatever domain a
 * {@link SignedOrder} claims. Thread-safe, with one caveat: ERC-20 fills set the market's allowance to
 * exactly what the fill needs when it is short, so concurrent ERC-20 fills from one account can race on
 * the allowance (one reverts, after gas); an account filling concurrently should approve a standing
 * allowance once ({@code hm.erc20().approve}).
 */
public final class MarketClient {

    private static final Logger log = LoggerFactory.getLogger(MarketClient.class);

    /** ERC-1271 {@code isValidSignature(bytes32,bytes)} magic value. */
    private static final byte[] ERC1271_MAGIC = {0x16, 0x26, (byte) 0xba, 0x7e};
    /**
     * Init code run by {@code eth_call} (no {@code to}) that returns the block's time and number:
     * {@code TIMESTAMP PUSH1 0 MSTORE NUMBER PUSH1 32 MSTORE PUSH1 64 PUSH1 0 RETURN}. Lets the
     * chain's clock ride in the same JSON-RPC batch as the contract reads.
     */
    private static final String BLOCK_PROBE = "0x426000524360205260406000f3";

    private final BoundContract contract;
    private final HashMixMarket market;
    private final BoundContract tokenContract;
    private final HashPowerToken token;
    private final ContractCalls calls;
    private final TransactionSender sender;
    private final Erc20Client erc20;
    private final LogReader logs;
    private final Eip712Domain domain;
    private final long deployBlock;
    private final CryptoBackend crypto = CryptoBackends.best();

    /**
     * Built by {@link io.hashmix.core.HashMix}, which hands it out as
     * {@link io.hashmix.core.HashMix#market()}; not public API: the context is the SDK's
     * internal wiring, so applications get the client from {@code HashMix.builder()...build()}.
     *
     * @param context where the contracts live and the SDK's plumbing
     */
    public MarketClient(ClientContext context) {
        Deployment deployment = context.deployment();
        ContractCalls calls = context.calls();
        TransactionSender sender = context.sender();
        Erc20Client erc20 = new Erc20Client(context);
        LogReader logs = context.logs();
        var location = deployment.contract(ProtocolContract.HASH_MIX_MARKET);
        this.contract = new BoundContract("HashMixMarket", location.address(), calls, sender);
        this.market = contract.encoder(HashMixMarket::load);
        this.tokenContract = new BoundContract("HashPowerToken",
                deployment.contract(ProtocolContract.HASH_POWER_TOKEN).address(), calls, sender);
        this.token = tokenContract.encoder(HashPowerToken::load);
        this.calls = calls;
        this.sender = sender;
        this.erc20 = erc20;
        this.logs = logs;
        this.domain = Eip712Domain.hashMix(deployment.chainId(), location.address());
        this.deployBlock = location.blockNumber();
    }

    // ---------------------------------------------------------------------------------------
    // Identity, signing, offline checks
    // ---------------------------------------------------------------------------------------

    /** The market contract's address (the verifying contract of orders). */
    public EvmAddress address() {
        return contract.address();
    }

    /** The hash power token traded here. */
    public EvmAddress tokenAddress() {
        return tokenContract.address();
    }

    /** The EIP-712 domain orders are signed for: ("HashMix", "1", chain id, market address). */
    public Eip712Domain domain() {
        return domain;
    }

    /**
     * An offline validator for this market's orders: domain, terms, expiry against {@code clock},
     * and the maker's ECDSA signature (see {@link OrderValidator}).
     */
    public OrderValidator validator(Clock clock) {
        return new OrderValidator(domain, clock);
    }

    /**
     * The order's hash in this market, computed offline: the EIP-712 digest the market computes in
     * {@code hashListing} &amp; co. and keys order status by (equal to {@link #hashOnChain}).
     */
    public Bytes32 orderHash(Order order) {
        return Eip712.digest(domain, Objects.requireNonNull(order, "order"));
    }

    /**
     * Signs an order for this market with this SDK's key.
     *
     * @return the signed order (65-byte ECDSA signature, low s)
     * @throws InvalidRequestException    if this instance is read-only
     * @throws InvalidRequestException if the order\'s maker is not this SDK's account, or it has already
     *                                  expired by this machine's clock (it could never be filled)
     */
    public SignedOrder sign(Order order) {
        Objects.requireNonNull(order, "order");
        if (sender == null) {
            throw new InvalidRequestException("signing an order needs credentials: this HashMix instance is read-only");
        }
        if (!order.maker().equals(sender.sender())) {
            throw new InvalidRequestException("this SDK signs as " + sender.sender() + ", but the "
                    + order.kind().jsonName() + "'s maker is " + order.maker());
        }
        long now = Clock.systemUTC().instant().getEpochSecond();
        if (order.isExpiredAt(now)) {
            throw new InvalidRequestException("refusing to sign a " + order.kind().jsonName() + " that expired at "
                    + Long.toUnsignedString(order.expiry()) + " (now " + now + "): it could never be filled");
        }
        return new SignedOrder(domain, order, sender.signDigest(orderHash(order)));
    }

    // ---------------------------------------------------------------------------------------
    // Reads
    // ---------------------------------------------------------------------------------------

    /** A maker's current counter: orders must carry it to be fillable. */
    public CompletableFuture<BigInteger> counter(EvmAddress maker) {
        return contract.read("counter", market.counter(maker.hex()), MarketClient::uint);
    }

    /** Whether {@code owner} has approved the market on the hash power token (sellers must). */
    public CompletableFuture<Boolean> isMarketApproved(EvmAddress owner) {
        return tokenContract.read("isApprovedForAll", token.isApprovedForAll(owner.hex(), address().hex()),
                v -> (Boolean) v.get(0).getValue());
    }

    /** The hash the market computes for an order (its EIP-712 digest; equal to {@link #orderHash}). */
    public CompletableFuture<Bytes32> hashOnChain(Order order) {
        RemoteFunctionCall<byte[]> fn = switch (order) {
            case Listing l -> market.hashListing(toStruct(l));
            case Offer o -> market.hashOffer(toStruct(o));
            case CriteriaOffer c -> market.hashCriteriaOffer(toStruct(c));
            case SwapOrder s -> market.hashSwapOrder(toStruct(s));
        };
        return contract.read("hash" + structName(order.kind()), fn, v -> Bytes32.of((byte[]) v.get(0).getValue()));
    }

    /**
     * An order's recorded status, with expiry checked against the chain's time and the counter
     * against the maker's, read in one JSON-RPC batch.
     */
    public CompletableFuture<OrderStatus> status(SignedOrder order) {
        Plan plan = new Plan(List.of(order));
        return calls.callAllSettled(null, plan.requests).thenApply(outcomes -> plan.status(outcomes));
    }

    /** The protocol fee recipient and rate. */
    public CompletableFuture<MarketFee> fee() {
        var fn = market.feeConfig();
        return contract.read("feeConfig", fn, v -> new MarketFee(EvmAddress.of(v.get(0).getValue().toString()),
                ((BigInteger) v.get(1).getValue()).intValueExact()));
    }

    /** Fees accrued and not yet withdrawn in a currency ({@link EvmAddress#ZERO}: the native coin). */
    public CompletableFuture<BigInteger> accruedFees(EvmAddress currency) {
        return contract.read("accruedFees", market.accruedFees(currency.hex()), MarketClient::uint);
    }

    /** The number of the chain's latest block (for followers of {@link #events}). */
    public CompletableFuture<Long> blockNumber() {
        return logs.head();
    }

    // ---------------------------------------------------------------------------------------
    // Approvals
    // ---------------------------------------------------------------------------------------

    /**
     * Approves the market as operator of all of this account's hash power tokens
     * ({@code setApprovalForAll(market, true)}): needed once before any listing or swap order of this
     * account can be filled, and before this account fills offers or takes swaps.
     */
    public CompletableFuture<TxReceipt> approveMarket() {
        return tokenContract.send("setApprovalForAll", token.setApprovalForAll(address().hex(), true));
    }

    // ---------------------------------------------------------------------------------------
    // Fills
    // ---------------------------------------------------------------------------------------

    /**
     * Buys {@code units} units of a listing: the whole token when {@code units} equals its units,
     * else a new token carved off it. Pays exactly {@code pricePerUnit * units}: in the native coin
     * as the transaction's value, or in the listing's ERC-20 (approving the market for the payment
     * first if the allowance is short).
     *
     * @return the fill; fails with e.g. {@link OverfillException}, {@link FillTooSmallException},
     *         {@link StaleTokenNonceException}, {@link OrderExpiredException},
     *         {@link OrderIsCancelledException}, {@link StaleCounterException},
     *         {@link InvalidOrderSignatureException}
     */
    public CompletableFuture<Fill> fillListing(SignedOrder listing, BigInteger units) {
        Listing l;
        BigInteger payment;
        try {
            l = as(listing, Listing.class);
            ListingFill.requireUnits(units);
            payment = payment(l, units);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(InvalidRequestException.of(e));
        }
        CompletableFuture<TxReceipt> approval = l.isNative() ? CompletableFuture.completedFuture(null)
                : erc20.ensureAllowance(l.currency(), address(), payment);
        BigInteger value = l.isNative() ? payment : BigInteger.ZERO;
        return approval.thenCompose(ignored -> contract.send("fillListing",
                        market.fillListing(toStruct(l), listing.signature(), units, value), value))
                .thenApply(this::oneFill);
    }

    /**
     * Fills several listings in one atomic transaction (any failure reverts all). Sends exactly the
     * sum of the native payments as value (the market refunds nothing because nothing is in excess)
     * and approves the market, per ERC-20, for the sum due in it when the allowance is short.
     *
     * @return the fills, in the order of {@code fills}
     */
    public CompletableFuture<List<Fill>> fillListings(List<ListingFill> fills) {
        if (fills == null || fills.isEmpty()) {
            return CompletableFuture.failedFuture(new InvalidRequestException("a batch fill needs at least one listing"));
        }
        BigInteger nativeTotal = BigInteger.ZERO;
        Map<EvmAddress, BigInteger> erc20Totals = new LinkedHashMap<>();
        List<HashMixMarket.ListingFill> structs = new ArrayList<>();
        for (ListingFill f : fills) {
            Listing l;
            BigInteger payment;
            try {
                l = as(f.listing(), Listing.class);
                ListingFill.requireUnits(f.units());
                payment = payment(l, f.units());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(InvalidRequestException.of(e));
            }
            if (l.isNative()) {
                nativeTotal = nativeTotal.add(payment);
            } else {
                erc20Totals.merge(l.currency(), payment, BigInteger::add);
            }
            structs.add(new HashMixMarket.ListingFill(toStruct(l), f.listing().signature(), f.units()));
        }
        CompletableFuture<TxReceipt> approvals = CompletableFuture.completedFuture(null);
        for (var e : erc20Totals.entrySet()) {
            approvals = approvals.thenCompose(ignored -> erc20.ensureAllowance(e.getKey(), address(), e.getValue()));
        }
        BigInteger value = nativeTotal;
        return approvals.thenCompose(ignored -> contract.send("fillListings", market.fillListings(structs, value), value))
                .thenApply(receipt -> {
                    List<Fill> out = contract.events(receipt, HashMixMarket.ORDERFILLED_EVENT, log -> toFill(log, receipt));
                    if (out.size() != fills.size()) {
                        throw new HashMixException("expected " + fills.size() + " OrderFilled events in "
                                + receipt.transactionHash() + ", found " + out.size());
                    }
                    log.debug("filled {} listings in {} (native value {})", out.size(), receipt.transactionHash(), value);
                    return out;
                });
    }

    /**
     * Sells {@code units} units of the offer's token, which this account owns, to the offer's
     * buyer (the whole token when {@code units} equals its units, else a carved-off part). This
     * account must have called {@link #approveMarket()}; the buyer pays in the offer's ERC-20.
     */
    public CompletableFuture<Fill> fillOffer(SignedOrder offer, BigInteger units) {
        Offer o;
        try {
            o = as(offer, Offer.class);
            ListingFill.requireUnits(units);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(InvalidRequestException.of(e));
        }
        return contract.send("fillOffer", market.fillOffer(toStruct(o), offer.signature(), units)).thenApply(this::oneFill);
    }

    /**
     * Sells {@code units} units of {@code tokenId}, a token of this account matching the criteria
     * offer, to the offer's buyer. This account must have called {@link #approveMarket()}.
     *
     * @return the fill; fails with {@link CriteriaMismatchException} if the token does not match
     */
    public CompletableFuture<Fill> fillCriteriaOffer(SignedOrder offer, TokenId tokenId, BigInteger units) {
        CriteriaOffer o;
        try {
            o = as(offer, CriteriaOffer.class);
            Objects.requireNonNull(tokenId, "tokenId");
            ListingFill.requireUnits(units);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(InvalidRequestException.of(e));
        }
        return contract.send("fillCriteriaOffer", market.fillCriteriaOffer(toStruct(o), offer.signature(), tokenId.value(), units))
                .thenApply(this::oneFill);
    }

    /**
     * Takes a swap order: the maker's token comes to this account, this account's
     * {@code wantTokenId} goes to the maker, both whole. This account must have called
     * {@link #approveMarket()}.
     */
    public CompletableFuture<Fill> fillSwap(SignedOrder swap) {
        SwapOrder s;
        try {
            s = as(swap, SwapOrder.class);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(InvalidRequestException.of(e));
        }
        return contract.send("fillSwap", market.fillSwap(toStruct(s), swap.signature())).thenApply(this::oneFill);
    }

    // ---------------------------------------------------------------------------------------
    // Cancels, counter, fees
    // ---------------------------------------------------------------------------------------

    /**
     * Cancels orders of this account: one transaction per kind ({@code cancelListings},
     * {@code cancelOffers}, {@code cancelCriteriaOffers}, {@code cancelSwaps}, in that order).
     * Orders of another maker are refused before anything is sent. To kill every order of this
     * account at once use {@link #incrementCounter()}; for all listings of one token, the token's
     * {@code bumpTokenNonce}.
     *
     * @return the receipt of the last transaction; if one fails, the ones before it stay mined
     */
    public CompletableFuture<TxReceipt> cancel(List<SignedOrder> orders) {
        if (orders == null || orders.isEmpty()) {
            return CompletableFuture.failedFuture(new InvalidRequestException("nothing to cancel"));
        }
        if (sender == null) {
            return CompletableFuture.failedFuture(new InvalidRequestException(
                    "HashMixMarket.cancel needs credentials: this HashMix instance is read-only"));
        }
        Map<OrderKind, List<Order>> byKind = new EnumMap<>(OrderKind.class);
        for (SignedOrder s : orders) {
            Order o = s.order();
            if (!o.maker().equals(sender.sender())) {
                return CompletableFuture.failedFuture(new InvalidRequestException("only the maker may cancel: "
                        + o.kind().jsonName() + " " + orderHash(o) + " is " + o.maker() + "'s, this SDK is " + sender.sender()));
            }
            byKind.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o);
        }
        CompletableFuture<TxReceipt> done = CompletableFuture.completedFuture(null);
        for (var e : byKind.entrySet()) {
            List<Order> list = e.getValue();
            done = done.thenCompose(ignored -> switch (e.getKey()) {
                case LISTING -> contract.send("cancelListings",
                        market.cancelListings(list.stream().map(o -> toStruct((Listing) o)).toList()));
                case OFFER -> contract.send("cancelOffers",
                        market.cancelOffers(list.stream().map(o -> toStruct((Offer) o)).toList()));
                case CRITERIA_OFFER -> contract.send("cancelCriteriaOffers",
                        market.cancelCriteriaOffers(list.stream().map(o -> toStruct((CriteriaOffer) o)).toList()));
                case SWAP -> contract.send("cancelSwaps",
                        market.cancelSwaps(list.stream().map(o -> toStruct((SwapOrder) o)).toList()));
            });
        }
        return done;
    }

    /** Kills every order this account signed so far; returns the new counter (sign new orders with it). */
    public CompletableFuture<BigInteger> incrementCounter() {
        return contract.send("incrementCounter", market.incrementCounter())
                .thenApply(receipt -> contract.event(receipt, HashMixMarket.COUNTERINCREMENTED_EVENT,
                        log -> HashMixMarket.getCounterIncrementedEventFromLog(log.toWeb3jLog()).counter));
    }

    /** Sends the fees accrued in a currency ({@link EvmAddress#ZERO}: native coin) to the fee recipient; anyone may call. */
    public CompletableFuture<TxReceipt> withdrawFees(EvmAddress currency) {
        return contract.send("withdrawFees", market.withdrawFees(currency.hex()));
    }

    // ---------------------------------------------------------------------------------------
    // Payment currencies
    // ---------------------------------------------------------------------------------------

    /**
     * Whether orders may pay in {@code currency}: the native coin ({@link EvmAddress#ZERO}) always
     * may; an ERC-20 only once the market allowed it (orders in any other currency fail with
     * {@link CurrencyNotAllowedException}).
     */
    public CompletableFuture<Boolean> isCurrencyAllowed(EvmAddress currency) {
        return contract.read("isCurrencyAllowed", market.isCurrencyAllowed(currency.hex()), v -> (Boolean) v.get(0).getValue());
    }

    /** When a scheduled allowance of {@code currency} matures, if one is scheduled. */
    public CompletableFuture<Optional<Instant>> currencyEta(EvmAddress currency) {
        return contract.read("currencyEta", market.currencyEta(currency.hex()), v -> {
            BigInteger eta = (BigInteger) v.get(0).getValue();
            return eta.signum() == 0 ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochSecond(eta.longValueExact()));
        });
    }

    /**
     * Schedules an ERC-20 to become a payment currency after the market's {@code CURRENCY_DELAY}
     * (two days), during which anyone can check what it is (role {@code CURRENCY_ADMIN}).
     *
     * @return the receipt; fails with {@link InvalidCurrencyException} for anything the market cannot
     *         treat as money (not an ERC-20, an NFT, the traded token, the market itself)
     */
    public CompletableFuture<TxReceipt> scheduleCurrency(EvmAddress currency) {
        return contract.send("scheduleCurrency", market.scheduleCurrency(currency.hex()));
    }

    /**
     * Allows a scheduled currency once its delay has passed (anyone may send this).
     *
     * @return the receipt; fails with {@link CurrencyNotReadyException} before the delay or
     *         {@link CurrencyNotScheduledException}
     */
    public CompletableFuture<TxReceipt> allowCurrency(EvmAddress currency) {
        return contract.send("allowCurrency", market.allowCurrency(currency.hex()));
    }

    /** Stops a currency at once, and cancels a scheduled allowance (role {@code CURRENCY_ADMIN}). */
    public CompletableFuture<TxReceipt> disallowCurrency(EvmAddress currency) {
        return contract.send("disallowCurrency", market.disallowCurrency(currency.hex()));
    }

    /**
     * Sets the fee recipient and rate (the AccessManager's admin only; applies to later fills,
     * including of orders signed before).
     *
     * @return the receipt; fails with {@link FeeTooHighException} above 1,000 bps
     */
    public CompletableFuture<TxReceipt> setFee(EvmAddress recipient, int feeBps) {
        if (feeBps < 0 || feeBps > 0xFFFF) {
            return CompletableFuture.failedFuture(new InvalidRequestException("fee must be a uint16 (bps), got " + feeBps));
        }
        return contract.send("setFee", market.setFee(recipient.hex(), BigInteger.valueOf(feeBps)));
    }

    // ---------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------

    /**
     * The market's {@code OrderFilled}, {@code OrderCancelled} and {@code CounterIncremented} events
     * in a block range (inclusive), decoded, in chain order. Ranges are split as the node demands;
     * an empty range ({@code fromBlock > toBlock}, e.g. a follower polling before a new block) gives
     * an empty list. Logs the node flags as removed (reorged out) are dropped: a follower that needs
     * finality stays some blocks behind {@link #blockNumber()}.
     */
    public CompletableFuture<List<MarketEvent>> events(long fromBlock, long toBlock) {
        if (toBlock < Math.max(fromBlock, 0)) {
            return CompletableFuture.completedFuture(List.of());
        }
        String filled = EventEncoder.encode(HashMixMarket.ORDERFILLED_EVENT);
        String cancelled = EventEncoder.encode(HashMixMarket.ORDERCANCELLED_EVENT);
        String counter = EventEncoder.encode(HashMixMarket.COUNTERINCREMENTED_EVENT);
        LogFilter filter = new LogFilter(List.of(address()), List.of(List.of(filled, cancelled, counter)),
                Math.max(fromBlock, 0), toBlock);
        return logs.read(filter).thenApply(entries -> {
            List<MarketEvent> out = new ArrayList<>(entries.size());
            for (LogEntry e : entries) {
                if (e.isEvent(filled)) {
                    var f = HashMixMarket.getOrderFilledEventFromLog(e.toWeb3jLog());
                    out.add(new MarketEvent.Filled(e.blockNumber(), Math.toIntExact(e.logIndex()), e.transactionHash(),
                            Bytes32.of(f.orderHash), OrderKind.fromCode(f.kind.intValueExact()), EvmAddress.of(f.maker),
                            EvmAddress.of(f.taker), new TokenId(f.tokenId), f.units, EvmAddress.of(f.currency),
                            f.payment, f.fee));
                } else if (e.isEvent(cancelled)) {
                    var c = HashMixMarket.getOrderCancelledEventFromLog(e.toWeb3jLog());
                    out.add(new MarketEvent.Cancelled(e.blockNumber(), Math.toIntExact(e.logIndex()), e.transactionHash(),
                            Bytes32.of(c.orderHash), EvmAddress.of(c.maker)));
                } else if (e.isEvent(counter)) {
                    var c = HashMixMarket.getCounterIncrementedEventFromLog(e.toWeb3jLog());
                    out.add(new MarketEvent.CounterIncremented(e.blockNumber(), Math.toIntExact(e.logIndex()),
                            e.transactionHash(), EvmAddress.of(c.maker), c.counter));
                }
            }
            return out;
        });
    }

    /** The block the market was deployed in (a follower's natural first block). */
    public long deployBlock() {
        return deployBlock;
    }

    // ---------------------------------------------------------------------------------------
    // Bulk fillability
    // ---------------------------------------------------------------------------------------

    /**
     * Checks many orders against the chain with every read in ONE JSON-RPC batch: the chain's
     * time, {@code counter(maker)} and {@code orderStatus(hash)}, {@code tradeState} of every token
     * involved, {@code isApprovedForAll(maker, market)} of listing and swap makers, the ERC-20
     * {@code balanceOf} and {@code allowance(buyer, market)} of offer buyers, and
     * {@code isValidSignature} (ERC-1271) of makers whose signature does not recover offline.
     * Reads are shared between orders (one per maker, token, payer and currency). Every problem of
     * each order is reported (e.g. a token that left the seller gives both
     * {@link FillProblem#NOT_OWNER} and {@link FillProblem#STALE_TOKEN_NONCE}).
     *
     * <p>Each order is judged on its own: two offers of one buyer in one currency are each checked
     * against the buyer's whole balance. A listing's buyer is unknown, so no funds are checked for
     * listings. Run the offline {@link #validator(Clock)} first: it also catches terms the chain
     * never accepts (e.g. an offer in the native coin).
     *
     * @return one result per order, in order; fails only if the node cannot be asked
     */
    public CompletableFuture<List<Fillability>> checkFillable(List<SignedOrder> orders) {
        if (orders.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        Plan plan = new Plan(orders);
        return calls.callAllSettled(null, plan.requests).thenApply(plan::judge);
    }

    /** The reads of one {@link #checkFillable} batch and how to judge their results. */
    /** Problems after which an order can never fill again (others may clear: approvals, funds, currency). */
    private static final EnumSet<FillProblem> DEAD = EnumSet.of(FillProblem.EXPIRED, FillProblem.CANCELLED,
            FillProblem.COUNTER_STALE, FillProblem.FILLED, FillProblem.TOKEN_GONE, FillProblem.NOT_OWNER,
            FillProblem.STALE_TOKEN_NONCE, FillProblem.NOT_TRADABLE, FillProblem.UNITS_CHANGED, FillProblem.BAD_SIGNATURE);

    /** {@code SignaturePolicy.ERC1271_GAS_LIMIT}: the gas the market gives a contract maker's wallet. */
    private static final long ERC1271_GAS_LIMIT = 100_000;

    private final class Plan {
        private final List<SignedOrder> orders;
        private final List<TxRequest> requests = new ArrayList<>();
        private final List<Function<String, ?>> decoders = new ArrayList<>();
        private final Map<EvmAddress, Integer> counters = new HashMap<>();
        private final Map<TokenId, Integer> tradeStates = new HashMap<>();
        private final Map<EvmAddress, Integer> approvals = new HashMap<>();
        private final Map<List<EvmAddress>, Integer> balances = new HashMap<>();
        private final Map<List<EvmAddress>, Integer> allowances = new HashMap<>();
        private final Map<EvmAddress, Integer> currencies = new HashMap<>();
        private final int[] statuses;
        private final int[] erc1271;
        private final Bytes32[] hashes;

        Plan(List<SignedOrder> orders) {
            this.orders = List.copyOf(orders);
            int n = orders.size();
            statuses = new int[n];
            erc1271 = new int[n];
            hashes = new Bytes32[n];
            add(probeRequest(), hex -> hex);
            for (int i = 0; i < n; i++) {
                SignedOrder signed = orders.get(i);
                Order o = signed.order();
                Bytes32 hash = orderHash(o);
                hashes[i] = hash;
                var status = market.orderStatus(hash.value());
                statuses[i] = add(request(contract, "HashMixMarket.orderStatus", status), status::decodeFunctionResponse);
                counters.computeIfAbsent(o.maker(), m -> {
                    var c = market.counter(m.hex());
                    return add(request(contract, "HashMixMarket.counter", c), hex -> uint(c.decodeFunctionResponse(hex)));
                });
                switch (o) {
                    case Listing l -> {
                        tradeState(l.tokenId());
                        approval(l.seller());
                        currency(l.currency());
                    }
                    case Offer of -> {
                        tradeState(of.tokenId());
                        funds(of.buyer(), of.currency());
                        currency(of.currency());
                    }
                    case CriteriaOffer c -> {
                        funds(c.buyer(), c.currency());
                        currency(c.currency());
                    }
                    case SwapOrder s -> {
                        tradeState(s.giveTokenId());
                        tradeState(s.wantTokenId());
                        approval(s.maker());
                    }
                }
                erc1271[i] = -1;
                if (!signedByMaker(hash, signed)) {
                    var fn = new org.web3j.abi.datatypes.Function("isValidSignature",
                            List.of(new org.web3j.abi.datatypes.generated.Bytes32(hash.value()),
                                    new DynamicBytes(signed.signature())),
                            List.of(new TypeReference<Bytes4>() { }));
                    String data = FunctionEncoder.encode(fn);
                    // the market gives a wallet ERC1271_GAS_LIMIT for the answer; an eth_call's gas also
                    // pays the 21,000 base and the calldata, so the wallet gets the same budget here
                    BigInteger gas = BigInteger.valueOf(ERC1271_GAS_LIMIT + 21_000 + 16L * (data.length() - 2) / 2);
                    erc1271[i] = add(TxRequest.call(o.maker(), data, "ERC1271.isValidSignature").withGasLimit(gas),
                            hex -> isMagic(FunctionReturnDecoder.decode(hex, fn.getOutputParameters())));
                }
            }
        }

        private int add(TxRequest request, Function<String, ?> decoder) {
            requests.add(request);
            decoders.add(decoder);
            return requests.size() - 1;
        }

        private void tradeState(TokenId id) {
            tradeStates.computeIfAbsent(id, t -> {
                var fn = token.tradeState(t.value());
                return add(request(tokenContract, "HashPowerToken.tradeState", fn), fn::decodeFunctionResponse);
            });
        }

        private void approval(EvmAddress owner) {
            approvals.computeIfAbsent(owner, o -> {
                var fn = token.isApprovedForAll(o.hex(), address().hex());
                return add(request(tokenContract, "HashPowerToken.isApprovedForAll", fn),
                        hex -> (Boolean) fn.decodeFunctionResponse(hex).get(0).getValue());
            });
        }

        private void currency(EvmAddress currency) {
            if (currency.isZero()) {
                return; // the native coin is always allowed
            }
            currencies.computeIfAbsent(currency, c -> {
                var fn = market.isCurrencyAllowed(c.hex());
                return add(request(contract, "HashMixMarket.isCurrencyAllowed", fn),
                        hex -> (Boolean) fn.decodeFunctionResponse(hex).get(0).getValue());
            });
        }

        private void funds(EvmAddress payer, EvmAddress currency) {
            if (currency.isZero()) {
                return; // the market refuses native offers: judged without reads
            }
            List<EvmAddress> key = List.of(payer, currency);
            balances.computeIfAbsent(key, k -> erc20Read(currency, "balanceOf", List.of(new Address(payer.hex()))));
            allowances.computeIfAbsent(key, k -> erc20Read(currency, "allowance",
                    List.of(new Address(payer.hex()), new Address(address().hex()))));
        }

        private int erc20Read(EvmAddress currency, String name, List<Type> args) {
            var fn = new org.web3j.abi.datatypes.Function(name, args, List.of(new TypeReference<Uint256>() { }));
            return add(TxRequest.call(currency, FunctionEncoder.encode(fn), "ERC20." + name), hex -> {
                List<Type> v = FunctionReturnDecoder.decode(hex, fn.getOutputParameters());
                return v.isEmpty() ? BigInteger.ZERO : (BigInteger) v.get(0).getValue(); // not a contract: nothing
            });
        }

        /** Decodes outcome {@code i}; a revert is {@code null}, any other failure fails the whole check. */
        @SuppressWarnings("unchecked")
        private <T> T value(List<CallOutcome> outcomes, int i) {
            CallOutcome outcome = outcomes.get(i);
            if (!outcome.succeeded()) {
                if (outcome.failure() instanceof ContractRevertException) {
                    return null;
                }
                throw outcome.failure();
            }
            return (T) decoders.get(i).apply(outcome.data());
        }

        List<Fillability> judge(List<CallOutcome> outcomes) {
            String probe = value(outcomes, 0);
            if (probe == null) {
                throw new RpcProtocolException("the node refused the block probe call");
            }
            long now = probeTime(probe);
            List<Fillability> out = new ArrayList<>(orders.size());
            for (int i = 0; i < orders.size(); i++) {
                out.add(judge(i, now, outcomes));
            }
            return out;
        }

        private Fillability judge(int i, long now, List<CallOutcome> outcomes) {
            SignedOrder signed = orders.get(i);
            Order o = signed.order();
            EnumSet<FillProblem> problems = EnumSet.noneOf(FillProblem.class);
            if (o.isExpiredAt(now)) {
                problems.add(FillProblem.EXPIRED);
            }
            List<Type> status = value(outcomes, statuses[i]);
            BigInteger filled = (BigInteger) status.get(0).getValue();
            if ((Boolean) status.get(1).getValue()) {
                problems.add(FillProblem.CANCELLED);
            }
            BigInteger current = value(outcomes, counters.get(o.maker()));
            if (!o.counter().equals(current)) {
                problems.add(FillProblem.COUNTER_STALE);
            }
            if (erc1271[i] >= 0 && !Boolean.TRUE.equals(value(outcomes, erc1271[i]))) {
                problems.add(FillProblem.BAD_SIGNATURE);
            }
            Integer currencyCheck = o instanceof PricedOrder p ? currencies.get(p.currency()) : null;
            if (currencyCheck != null && !Boolean.TRUE.equals(value(outcomes, currencyCheck))) {
                problems.add(FillProblem.CURRENCY_NOT_ALLOWED);
            }
            BigInteger units = switch (o) {
                case Listing l -> {
                    BigInteger remaining = remaining(l, filled, problems);
                    TradeState t = makerToken(l.tokenId(), l.seller(), l.tokenNonce(), outcomes, problems);
                    approved(l.seller(), outcomes, problems);
                    yield t == null ? BigInteger.ZERO : remaining.min(t.units());
                }
                case Offer of -> {
                    BigInteger remaining = remaining(of, filled, problems);
                    TradeState t = tradeState(of.tokenId(), outcomes, problems);
                    BigInteger cap = t == null ? BigInteger.ZERO : remaining.min(t.units());
                    yield afford(of, remaining, cap, outcomes, problems);
                }
                case CriteriaOffer c -> {
                    BigInteger remaining = remaining(c, filled, problems);
                    yield afford(c, remaining, remaining, outcomes, problems);
                }
                case SwapOrder s -> {
                    TradeState give = makerToken(s.giveTokenId(), s.maker(), s.giveTokenNonce(), outcomes, problems);
                    TradeState want = tradeState(s.wantTokenId(), outcomes, problems);
                    if ((give != null && !give.units().equals(s.giveUnits()))
                            || (want != null && !want.units().equals(s.wantUnits()))) {
                        problems.add(FillProblem.UNITS_CHANGED);
                    }
                    approved(s.maker(), outcomes, problems);
                    yield give == null ? BigInteger.ZERO : give.units();
                }
            };
            boolean fillable = problems.isEmpty() && units.signum() > 0;
            return new Fillability(signed, fillable, problems.isEmpty() ? units : BigInteger.ZERO, List.copyOf(problems));
        }

        /** The order-level status of order 0 with its live remainder (see {@link OrderStatus}). */
        OrderStatus status(List<CallOutcome> outcomes) {
            String probe = value(outcomes, 0);
            if (probe == null) {
                throw new RpcProtocolException("the node refused the block probe call");
            }
            long now = probeTime(probe);
            Fillability f = judge(0, now, outcomes);
            Order o = f.order().order();
            List<Type> status = value(outcomes, statuses[0]);
            BigInteger recorded = (BigInteger) status.get(0).getValue();
            BigInteger live = BigInteger.ZERO;
            if (f.problems().stream().noneMatch(DEAD::contains)) {
                live = switch (o) {
                    case Listing l -> {
                        TradeState t = tradeState(l.tokenId(), outcomes, EnumSet.noneOf(FillProblem.class));
                        yield t == null ? BigInteger.ZERO : l.units().subtract(recorded).max(BigInteger.ZERO).min(t.units());
                    }
                    case Offer of -> of.units().subtract(recorded).max(BigInteger.ZERO);
                    case CriteriaOffer c -> c.units().subtract(recorded).max(BigInteger.ZERO);
                    case SwapOrder s -> BigInteger.ONE;
                };
            }
            return new OrderStatus(hashes[0], recorded, live, f.has(FillProblem.CANCELLED), f.has(FillProblem.EXPIRED),
                    f.has(FillProblem.COUNTER_STALE), f.problems());
        }

        private BigInteger remaining(PricedOrder p, BigInteger filled, EnumSet<FillProblem> problems) {
            BigInteger remaining = p.units().subtract(filled).max(BigInteger.ZERO);
            if (remaining.signum() == 0) {
                problems.add(FillProblem.FILLED);
            }
            return remaining;
        }

        /** A token the maker must own under the signed nonce (listing, swap give token). */
        private TradeState makerToken(TokenId id, EvmAddress maker, long nonce, List<CallOutcome> outcomes,
                                      EnumSet<FillProblem> problems) {
            TradeState t = tradeState(id, outcomes, problems);
            if (t == null) {
                return null;
            }
            if (!t.owner().equals(maker)) {
                problems.add(FillProblem.NOT_OWNER);
            }
            if (t.nonce() != nonce) {
                problems.add(FillProblem.STALE_TOKEN_NONCE);
            }
            return t;
        }

        private TradeState tradeState(TokenId id, List<CallOutcome> outcomes, EnumSet<FillProblem> problems) {
            List<Type> v = value(outcomes, tradeStates.get(id));
            if (v == null) {
                problems.add(FillProblem.TOKEN_GONE);
                return null;
            }
            TradeState t = new TradeState(EvmAddress.of(v.get(0).getValue().toString()), (BigInteger) v.get(1).getValue(),
                    ((BigInteger) v.get(2).getValue()).longValueExact(), (Boolean) v.get(3).getValue());
            if (!t.tradable()) {
                problems.add(FillProblem.NOT_TRADABLE);
            }
            return t;
        }

        private void approved(EvmAddress owner, List<CallOutcome> outcomes, EnumSet<FillProblem> problems) {
            if (!Boolean.TRUE.equals(value(outcomes, approvals.get(owner)))) {
                problems.add(FillProblem.NOT_APPROVED);
            }
        }

        /**
         * The units the buyer can pay for, capped by {@code cap}; flags the funds problems when even
         * the smallest valid fill, {@code min(max(minFill, 1), remaining)}, is not covered.
         */
        private BigInteger afford(PricedOrder p, BigInteger remaining, BigInteger cap, List<CallOutcome> outcomes,
                                  EnumSet<FillProblem> problems) {
            if (remaining.signum() == 0) {
                return BigInteger.ZERO; // FILLED: funds are moot
            }
            if (p.isNative()) {
                problems.add(FillProblem.INSUFFICIENT_ALLOWANCE);
                return BigInteger.ZERO;
            }
            List<EvmAddress> key = List.of(p.maker(), p.currency());
            BigInteger balance = orZero(value(outcomes, balances.get(key)));
            BigInteger allowance = orZero(value(outcomes, allowances.get(key)));
            BigInteger smallest = p.minFill().max(BigInteger.ONE).min(remaining.max(BigInteger.ONE));
            BigInteger cost = p.pricePerUnit().multiply(smallest);
            if (balance.compareTo(cost) < 0) {
                problems.add(FillProblem.INSUFFICIENT_BALANCE);
            }
            if (allowance.compareTo(cost) < 0) {
                problems.add(FillProblem.INSUFFICIENT_ALLOWANCE);
            }
            BigInteger affordable = balance.min(allowance).divide(p.pricePerUnit());
            BigInteger units = cap.min(affordable);
            // no valid size: below minFill and short of the remainder (e.g. a token smaller than minFill)
            return units.compareTo(remaining) < 0 && units.compareTo(p.minFill()) < 0 ? BigInteger.ZERO : units;
        }
    }

    private boolean signedByMaker(Bytes32 hash, SignedOrder signed) {
        try {
            return crypto.recoverSigner(hash, signed.signature()).equals(signed.order().maker());
        } catch (InvalidSignatureException e) {
            return false;
        }
    }

    private static Boolean isMagic(List<Type> values) {
        return !values.isEmpty() && Arrays.equals((byte[]) values.get(0).getValue(), ERC1271_MAGIC);
    }

    private static BigInteger orZero(BigInteger v) {
        return v == null ? BigInteger.ZERO : v;
    }

    // ---------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------

    private static TxRequest request(BoundContract target, String function, RemoteFunctionCall<?> fn) {
        return TxRequest.call(target.address(), fn.encodeFunctionCall(), function);
    }

    private static TxRequest probeRequest() {
        return TxRequest.deploy(BLOCK_PROBE, "block probe (timestamp, number)");
    }

    /** The block time returned by the probe, clamped into a {@code long}. */
    private static long probeTime(String hex) {
        String h = hex.startsWith("0x") ? hex.substring(2) : hex;
        if (h.length() < 64) {
            throw new RpcProtocolException("the node answered the block probe with " + hex);
        }
        BigInteger t = new BigInteger(h.substring(0, 64), 16);
        return t.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    private Fill oneFill(TxReceipt receipt) {
        Fill fill = contract.event(receipt, HashMixMarket.ORDERFILLED_EVENT, log -> toFill(log, receipt));
        log.debug("filled {} {}: {} units of token {} for {} (fee {}) in {}", fill.kind().jsonName(), fill.orderHash(),
                fill.units(), fill.tokenId(), fill.payment(), fill.fee(), receipt.transactionHash());
        return fill;
    }

    private static Fill toFill(LogEntry log, TxReceipt receipt) {
        var f = HashMixMarket.getOrderFilledEventFromLog(log.toWeb3jLog());
        return new Fill(Bytes32.of(f.orderHash), OrderKind.fromCode(f.kind.intValueExact()), EvmAddress.of(f.maker),
                EvmAddress.of(f.taker), new TokenId(f.tokenId), f.units, EvmAddress.of(f.currency), f.payment, f.fee, receipt);
    }

    /** Units must be given and not negative; zero goes to the chain, which answers {@code ZeroUnits()}. */
    /** price x units, refused offline when it overflows uint256 (zero units are left to the chain's ZeroUnits). */
    private static BigInteger payment(Listing l, BigInteger units) {
        BigInteger payment = l.pricePerUnit().multiply(units);
        if (payment.bitLength() > 256) {
            throw new InvalidRequestException("payment " + l.pricePerUnit() + " * " + units + " overflows uint256");
        }
        return payment;
    }

    private static <T extends Order> T as(SignedOrder signed, Class<T> type) {
        Objects.requireNonNull(signed, "signed order");
        if (!type.isInstance(signed.order())) {
            throw new InvalidRequestException("expected a signed " + type.getSimpleName() + ", got a "
                    + signed.kind().jsonName());
        }
        return type.cast(signed.order());
    }

    private static String structName(OrderKind kind) {
        return switch (kind) {
            case LISTING -> "Listing";
            case OFFER -> "Offer";
            case CRITERIA_OFFER -> "CriteriaOffer";
            case SWAP -> "SwapOrder";
        };
    }

    private static BigInteger uint(List<Type> v) {
        return (BigInteger) v.get(0).getValue();
    }

    static HashMixMarket.Listing toStruct(Listing l) {
        return new HashMixMarket.Listing(l.seller().hex(), l.tokenId().value(), BigInteger.valueOf(l.tokenNonce()), l.units(),
                l.minFill(), l.currency().hex(), l.pricePerUnit(), l.counter(), l.salt(), AbiValues.uint64(l.expiry()));
    }

    static HashMixMarket.Offer toStruct(Offer o) {
        return new HashMixMarket.Offer(o.buyer().hex(), o.tokenId().value(), o.units(), o.minFill(), o.currency().hex(),
                o.pricePerUnit(), o.counter(), o.salt(), AbiValues.uint64(o.expiry()));
    }

    static HashMixMarket.CriteriaOffer toStruct(CriteriaOffer c) {
        return new HashMixMarket.CriteriaOffer(c.buyer().hex(), c.assetClass().value(), c.issuer().hex(), c.units(),
                c.minFill(), AbiValues.uint64(c.minRemainingTerm()), c.currency().hex(), c.pricePerUnit(), c.counter(), c.salt(),
                AbiValues.uint64(c.expiry()));
    }

    static HashMixMarket.SwapOrder toStruct(SwapOrder s) {
        return new HashMixMarket.SwapOrder(s.maker().hex(), s.giveTokenId().value(), BigInteger.valueOf(s.giveTokenNonce()),
                s.giveUnits(), s.wantTokenId().value(), s.wantUnits(), s.counter(), s.salt(), AbiValues.uint64(s.expiry()));
    }
}
