package io.hashmix.core.incentives;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.web3j.protocol.core.RemoteFunctionCall;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.EmissionController;
import io.hashmix.contracts.generated.HashPowerSwapPool;
import io.hashmix.contracts.generated.HolderRewards;
import io.hashmix.contracts.generated.IssuerRewards;
import io.hashmix.contracts.generated.MakerRewards;
import io.hashmix.contracts.generated.RevenueShareProgram;
import io.hashmix.core.erc20.Erc20Client;
import io.hashmix.core.fulfillment.HoldingRef;
import io.hashmix.core.internal.AbiValues;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.internal.ClientContext;
import io.hashmix.core.market.MarketClient;
import io.hashmix.core.market.MarketEvent;
import io.hashmix.core.tokenization.TokenHolding;
import io.hashmix.core.tokenization.TokenizationClient;
import io.hashmix.core.tx.ContractCalls;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.core.tx.TxRequest;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.attestation.AttestorSignature;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.incentives.MakerFill;
import io.hashmix.proofs.incentives.MakerReward;
import io.hashmix.proofs.incentives.MakerRewardsTree;
import io.hashmix.proofs.incentives.MakerRoot;
import io.hashmix.proofs.incentives.MakerRootBundle;

/**
 * Incentives: the programs of the deployment and their share of HMX emission, every account's
 * claimable rewards across all programs in one JSON-RPC batch, and claims (pull payments: HMX is
 * minted to the claimant).
 *
 * <pre>{@code
 * Rewards r = hm.incentives().claimable(me).join();   // per program, and per holding for holders
 * BigInteger paid = hm.incentives().claimAll(me).join();
 * }</pre>
 *
 * <p>Issuers and attestors earn points as the fulfillment vault settles epochs and accepts reports
 * (each day's emission of a program is shared by that day's points, claimable once the day is over);
 * holders earn by units x time of their holdings (claimed per holding, by anyone, paid to the
 * holder); liquidity providers earn by pool shares x time held: their program pays HMX into the swap
 * pool ({@link #forwardLiquidityRewards}, anyone may), which unlocks it to its shareholders over a day
 * like its revenue, and they claim it with the pool's revenue. Reverts arrive as the typed exceptions of this package ({@link IncentivesErrors}).
 *
 * <p>Market makers ({@link RewardProgram#MARKET_MAKERS}) are paid from a committee-attested Merkle tree: after
 * each period the committee reads the period's fills ({@link #makerFills}), allocates what the program can
 * still allocate ({@link #makerRewardsUnallocated}) with {@code MakerRewardsAllocator}, signs the tree's root
 * M-of-N ({@code MakerRootBundle}, in {@link #makerRewardsDomain()}) and anyone publishes it
 * ({@link #publishMakerRoot(MakerRootBundle)}); then anyone claims a
 * maker's reward with the tree ({@link #claimMakerReward}, paid to the maker). What a maker can claim depends on
 * that off-chain tree, so the program is not part of {@link #claimable} and {@link #claimAll}: ask
 * {@link #makerClaimable} with the tree.
 *
 * <pre>{@code
 * List<MakerFill> fills = hm.incentives().makerFills(state.toBlock() + 1, toBlock).join();
 * MakerAllocation a = MakerRewardsAllocator.allocate(previous, hm.incentives().makerRewardsUnallocated().join(),
 *         fills, feePrices);
 * MakerRoot root = MakerRoot.of(state.nextPeriod(), toBlock, a.tree(), nonce, deadline, committeeEpoch);
 * hm.incentives().publishMakerRoot(MakerRootBundle.builder(hm.incentives().makerRewardsDomain(), root)
 *         .signWith(attestor1, attestor2, attestor3).build()).join();
 * BigInteger paid = hm.incentives().claimMakerReward(a.tree(), maker).join().amount();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class IncentivesClient {

    /** Most holdings one holders' claim takes (the program's {@code MAX_CLAIM_ITEMS}). */
    public static final int MAX_CLAIM_ITEMS = 64;

    private final ContractCalls calls;
    private final BoundContract controllerContract;
    private final EmissionController controller;
    private final Map<RewardProgram, BoundContract> programs = new EnumMap<>(RewardProgram.class);
    private final IssuerRewards pointsEncoder;
    private final HolderRewards holderEncoder;
    private final BoundContract poolContract;
    private final HashPowerSwapPool poolEncoder;
    private final TokenizationClient tokenization;
    private final Erc20Client erc20;
    private final EvmAddress hmx;
    private final long chainId;
    private final MarketClient market;
    private final MakerRewards makersEncoder;

    /**
     * Built by {@link io.hashmix.core.HashMix}, which hands it out as
     * {@link io.hashmix.core.HashMix#incentives()}; not public API: the context is the SDK's
     * internal wiring, so applications get the client from {@code HashMix.builder()...build()}.
     *
     * @param context where the contracts live and the SDK's plumbing
     */
    public IncentivesClient(ClientContext context) {
        Deployment deployment = context.deployment();
        ContractCalls calls = context.calls();
        TransactionSender sender = context.sender();
        Erc20Client erc20 = new Erc20Client(context);
        this.calls = calls;
        this.controllerContract = new BoundContract("EmissionController",
                deployment.contract(ProtocolContract.EMISSION_CONTROLLER).address(), calls, sender);
        this.controller = controllerContract.encoder(EmissionController::load);
        for (RewardProgram p : RewardProgram.values()) {
            deployment.find(p.contract()).ifPresent(c -> programs.put(p,
                    new BoundContract(p.contract().artifactName(), c.address(), calls, sender)));
        }
        BoundContract any = programs.getOrDefault(RewardProgram.ISSUERS, controllerContract);
        this.pointsEncoder = any.encoder(IssuerRewards::load);
        this.holderEncoder = programs.getOrDefault(RewardProgram.HOLDERS, controllerContract).encoder(HolderRewards::load);
        this.poolContract = deployment.find(ProtocolContract.HASH_POWER_SWAP_POOL)
                .map(c -> new BoundContract("HashPowerSwapPool", c.address(), calls, sender)).orElse(null);
        this.poolEncoder = poolContract == null ? null : poolContract.encoder(HashPowerSwapPool::load);
        this.tokenization = new TokenizationClient(context);
        this.erc20 = erc20;
        this.hmx = deployment.contract(ProtocolContract.HMX_TOKEN).address();
        this.chainId = deployment.chainId();
        this.market = deployment.find(ProtocolContract.HASH_MIX_MARKET).isPresent() ? new MarketClient(context) : null;
        BoundContract makers = programs.get(RewardProgram.MARKET_MAKERS);
        this.makersEncoder = makers == null ? null : makers.encoder(MakerRewards::load);
    }

    /** The HMX token's address. */
    public EvmAddress hmx() {
        return hmx;
    }

    /** The programs this deployment holds. */
    public List<RewardProgram> deployedPrograms() {
        return List.copyOf(programs.keySet());
    }

    /** An account's HMX balance. */
    public CompletableFuture<BigInteger> hmxBalance(EvmAddress account) {
        return erc20.balanceOf(hmx, account);
    }

    /** HMX the schedule emits from its start up to {@code at}. */
    public CompletableFuture<BigInteger> emittedUntil(Instant at) {
        return controllerContract.read("emittedUntil", controller.emittedUntil(BigInteger.valueOf(at.getEpochSecond())),
                v -> (BigInteger) v.get(0).getValue());
    }

    /** Every deployed program with its weight and what it pulled and paid, in one batch. */
    public CompletableFuture<List<ProgramInfo>> programs() {
        List<RewardProgram> kinds = deployedPrograms();
        List<RemoteFunctionCall<?>> fns = kinds.stream()
                .<RemoteFunctionCall<?>>map(k -> controller.programOf(programs.get(k).address().hex())).toList();
        return controllerContract.readAll("programOf", fns, v -> (EmissionController.Program) v.get(0)).thenApply(list -> {
            List<ProgramInfo> out = new ArrayList<>();
            for (int i = 0; i < kinds.size(); i++) {
                EmissionController.Program p = list.get(i);
                out.add(new ProgramInfo(kinds.get(i), programs.get(kinds.get(i)).address(), p.weight.longValueExact(),
                        p.allocated, p.paid));
            }
            return out;
        });
    }

    /**
     * An account's claimable rewards across every deployed program: the per-account programs and
     * each of its holdings, in one JSON-RPC batch (after finding its holdings from the token's logs).
     * The market makers' program is not in it: what a maker can claim is its leaf in the committee's
     * off-chain tree (see {@link #makerClaimable}).
     */
    public CompletableFuture<Rewards> claimable(EvmAddress account) {
        CompletableFuture<List<HoldingRef>> holdings = programs.containsKey(RewardProgram.HOLDERS)
                ? holdingsOf(account) : CompletableFuture.completedFuture(List.of());
        return holdings.thenCompose(refs -> {
            List<TxRequest> requests = new ArrayList<>();
            List<RewardProgram> perAccount = new ArrayList<>();
            for (RewardProgram p : programs.keySet()) {
                if (p == RewardProgram.LIQUIDITY_PROVIDERS) {
                    // paid into the pool: what the account can claim there in HMX
                    perAccount.add(p);
                    requests.add(TxRequest.call(poolContract.address(), poolEncoder.claimableRevenue(account.hex(),
                            hmx.hex()).encodeFunctionCall(), "HashPowerSwapPool.claimableRevenue"));
                } else if (p.perAccount()) {
                    perAccount.add(p);
                    requests.add(TxRequest.call(programs.get(p).address(),
                            pointsEncoder.claimable(account.hex()).encodeFunctionCall(), p + ".claimable"));
                }
            }
            for (HoldingRef h : refs) {
                requests.add(TxRequest.call(programs.get(RewardProgram.HOLDERS).address(), holderEncoder.claimable(
                        h.tokenId().value(), BigInteger.valueOf(h.index())).encodeFunctionCall(), "HolderRewards.claimable"));
            }
            if (requests.isEmpty()) {
                return CompletableFuture.completedFuture(new Rewards(account, Map.of(), List.of()));
            }
            return calls.callAll(null, requests).thenApply(results -> {
                Map<RewardProgram, BigInteger> byProgram = new LinkedHashMap<>();
                for (int i = 0; i < perAccount.size(); i++) {
                    byProgram.put(perAccount.get(i), uint(results.get(i)));
                }
                List<HolderReward> holderRewards = new ArrayList<>();
                BigInteger holders = BigInteger.ZERO;
                for (int i = 0; i < refs.size(); i++) {
                    BigInteger amount = uint(results.get(perAccount.size() + i));
                    holders = holders.add(amount);
                    if (amount.signum() > 0) {
                        holderRewards.add(new HolderReward(refs.get(i), amount));
                    }
                }
                if (programs.containsKey(RewardProgram.HOLDERS)) {
                    byProgram.put(RewardProgram.HOLDERS, holders);
                }
                return new Rewards(account, byProgram, holderRewards);
            });
        });
    }

    /**
     * Claims the caller's rewards of a per-account program (issuers, attestors, liquidity providers,
     * lenders). Liquidity providers claim at the swap pool, which pays all of their pool revenue with
     * the HMX (the returned amount counts the HMX only).
     *
     * @return the HMX paid (0 if nothing was due); fails with {@link InvalidRequestException} for
     *         {@link RewardProgram#HOLDERS} (use {@link #claimHoldings}), {@link RewardProgram#MARKET_MAKERS}
     *         (use {@link #claimMakerReward}) or a program not deployed
     */
    public CompletableFuture<Claim> claim(RewardProgram program) {
        BoundContract c = programs.get(program);
        if (c == null || !program.perAccount()) {
            return CompletableFuture.failedFuture(new InvalidRequestException(program + (c == null ? " is not deployed"
                    : program == RewardProgram.HOLDERS ? " pays per holding: use claimHoldings"
                    : " pays against a proof of the committee's tree: use claimMakerReward")));
        }
        if (program == RewardProgram.LIQUIDITY_PROVIDERS) {
            return poolContract.send("claimRevenue", poolEncoder.claimRevenue()).thenApply(receipt -> new Claim(program,
                    poolContract.events(receipt, HashPowerSwapPool.REVENUECLAIMED_EVENT,
                                    l -> HashPowerSwapPool.getRevenueClaimedEventFromLog(l.toWeb3jLog())).stream()
                            .filter(e -> hmx.equals(EvmAddress.of(e.payout))).map(e -> e.amount)
                            .reduce(BigInteger.ZERO, BigInteger::add), receipt));
        }
        return c.send("claim", pointsEncoder.claim()).thenApply(receipt -> new Claim(program, paidTo(receipt), receipt));
    }

    /**
     * Pays what the emission schedule gave the liquidity providers' program since the last call into the
     * swap pool (anyone may), where it unlocks to shareholders over a day. While the pool has no shares what
     * accrued is never paid (a first depositor cannot collect a quiet period).
     *
     * @return the HMX paid into the pool (0 if nothing accrued or the pool had no shares); fails with
     *         {@link InvalidRequestException} if the program is not deployed
     */
    public CompletableFuture<BigInteger> forwardLiquidityRewards() {
        BoundContract c = programs.get(RewardProgram.LIQUIDITY_PROVIDERS);
        if (c == null) {
            return CompletableFuture.failedFuture(new InvalidRequestException("the liquidity providers' program is not deployed"));
        }
        return c.send("forward", c.encoder(RevenueShareProgram::load).forward()).thenApply(receipt ->
                c.events(receipt, RevenueShareProgram.FORWARDED_EVENT,
                                l -> RevenueShareProgram.getForwardedEventFromLog(l.toWeb3jLog()).amount).stream()
                        .reduce(BigInteger.ZERO, BigInteger::add));
    }

    /**
     * Claims holdings from the holders' program (anyone may send: each holding is paid to its
     * recorded holder), in transactions of at most {@value #MAX_CLAIM_ITEMS} holdings.
     *
     * @return the HMX paid in total and the last receipt (null if nothing was sent)
     */
    public CompletableFuture<Claim> claimHoldings(List<HoldingRef> holdings) {
        BoundContract c = programs.get(RewardProgram.HOLDERS);
        if (c == null) {
            return CompletableFuture.failedFuture(new InvalidRequestException("the holders' program is not deployed"));
        }
        CompletableFuture<Claim> done = CompletableFuture.completedFuture(new Claim(RewardProgram.HOLDERS, BigInteger.ZERO, null));
        for (int from = 0; from < holdings.size(); from += MAX_CLAIM_ITEMS) {
            List<HoldingRef> chunk = holdings.subList(from, Math.min(holdings.size(), from + MAX_CLAIM_ITEMS));
            List<BigInteger> ids = chunk.stream().map(h -> h.tokenId().value()).toList();
            List<BigInteger> idx = chunk.stream().map(h -> BigInteger.valueOf(h.index())).toList();
            done = done.thenCompose(sum -> c.send("claim", holderEncoder.claim(ids, idx)).thenApply(receipt ->
                    new Claim(RewardProgram.HOLDERS, sum.amount().add(c.events(receipt, HolderRewards.CLAIMED_EVENT,
                            l -> HolderRewards.getClaimedEventFromLog(l.toWeb3jLog()).amount).stream()
                            .reduce(BigInteger.ZERO, BigInteger::add)), receipt)));
        }
        return done;
    }

    /**
     * Claims everything an account can claim now: each per-account program with something due (as
     * the account itself) and every holding with something due.
     *
     * @return the HMX paid in total
     */
    public CompletableFuture<BigInteger> claimAll(EvmAddress account) {
        return claimable(account).thenCompose(r -> {
            CompletableFuture<BigInteger> total = CompletableFuture.completedFuture(BigInteger.ZERO);
            for (Map.Entry<RewardProgram, BigInteger> e : r.byProgram().entrySet()) {
                if (e.getKey().perAccount() && e.getValue().signum() > 0) {
                    total = total.thenCompose(sum -> claim(e.getKey()).thenApply(c -> sum.add(c.amount())));
                }
            }
            if (!r.holdings().isEmpty()) {
                List<HoldingRef> refs = r.holdings().stream().map(HolderReward::holding).toList();
                total = total.thenCompose(sum -> claimHoldings(refs).thenApply(c -> sum.add(c.amount())));
            }
            return total;
        });
    }

    /**
     * Funds a program with extra HMX (approves the controller if needed): burnt on arrival and
     * streamed to the program over a week.
     *
     * @return the receipt; fails with {@link UnknownProgramException} or the shared {@code ZeroAmount}
     */
    public CompletableFuture<TxReceipt> fund(RewardProgram program, BigInteger amount) {
        BoundContract c = programs.get(program);
        if (c == null) {
            return CompletableFuture.failedFuture(new InvalidRequestException(program + " is not deployed"));
        }
        return erc20.ensureAllowance(hmx, controllerContract.address(), amount)
                .thenCompose(r -> controllerContract.send("fund", controller.fund(c.address().hex(), amount)));
    }

    // ---------------------------------------------------------------------------------------
    // Market makers (MakerRewards)
    // ---------------------------------------------------------------------------------------

    /**
     * The EIP-712 domain the committee signs makers' roots in (the makers' program on this chain).
     *
     * @throws InvalidRequestException if the deployment has no makers' program
     */
    public Eip712Domain makerRewardsDomain() {
        BoundContract c = programs.get(RewardProgram.MARKET_MAKERS);
        if (c == null) {
            throw new InvalidRequestException(MAKERS_MISSING);
        }
        return Eip712Domain.hashMix(chainId, c.address());
    }

    /** The makers' program's current root and bookkeeping; fails with {@link InvalidRequestException} if not deployed. */
    public CompletableFuture<MakerRewardsState> makerRewardsState() {
        return makers((c, m) -> c.read("state", m.state(), v -> {
            MakerRewards.State s = (MakerRewards.State) v.get(0);
            return new MakerRewardsState(s.period.longValue(), s.toBlock.longValue(), Bytes32.of(s.root), s.total, s.claimed,
                    s.pulled);
        }));
    }

    /**
     * What the committee may allocate now: everything the makers' program pulled or could pull from the emission
     * controller, less the current root's total (the next root's total may be at most the current total plus this).
     */
    public CompletableFuture<BigInteger> makerRewardsUnallocated() {
        return makers((c, m) -> c.read("unallocated", m.unallocated(), v -> (BigInteger) v.get(0).getValue()));
    }

    /** What a maker has claimed from the makers' program in all. */
    public CompletableFuture<BigInteger> makerClaimed(EvmAddress maker) {
        return makers((c, m) -> c.read("claimedBy", m.claimedBy(maker.hex()), v -> (BigInteger) v.get(0).getValue()));
    }

    /**
     * What a maker can claim now with a tree: its cumulative amount in the tree less what it claimed (0 if it has no
     * leaf or claimed it all).
     *
     * @return the amount; fails with {@link InvalidRequestException} if the tree's root is not the program's current
     *         root (a claim with it would revert with {@link InvalidMakerProofException})
     */
    public CompletableFuture<BigInteger> makerClaimable(MakerRewardsTree tree, EvmAddress maker) {
        return makerRewardsState().thenCombine(makerClaimed(maker), (state, claimed) -> {
            if (!state.root().equals(tree.root())) {
                throw new InvalidRequestException("the tree's root " + tree.root() + " is not the makers' current root "
                        + state.root() + " (period " + state.period() + ")");
            }
            BigInteger due = tree.rewardOf(maker).map(MakerReward::cumulative).orElse(BigInteger.ZERO).subtract(claimed);
            return due.signum() > 0 ? due : BigInteger.ZERO;
        });
    }

    /**
     * The market's fills in a block range (inclusive) as the makers' allocation counts them: one per
     * {@code OrderFilled} event, in chain order, read with {@link MarketClient#events} (self-fills included: the
     * allocator skips them). A period's range is the block after the current root's {@code toBlock} up to the
     * new root's.
     *
     * @return the fills; fails with {@link InvalidRequestException} if the deployment has no market
     */
    public CompletableFuture<List<MakerFill>> makerFills(long fromBlock, long toBlock) {
        if (market == null) {
            return CompletableFuture.failedFuture(new InvalidRequestException("the market is not deployed"));
        }
        return market.events(fromBlock, toBlock).thenApply(events -> events.stream()
                .filter(e -> e instanceof MarketEvent.Filled).map(e -> (MarketEvent.Filled) e)
                .map(f -> new MakerFill(f.maker(), f.taker(), f.currency(), f.payment(), f.fee(), f.blockNumber()))
                .toList());
    }

    /**
     * Publishes a committee-signed makers' root (anyone may relay it), as {@link #publishMakerRoot(MakerRoot, List)}
     * does, after checking offline that the bundle was signed in {@link #makerRewardsDomain()}.
     *
     * @param bundle the root and its signatures ({@code MakerRootBundle.builder(makerRewardsDomain(), root)
     *               .signWith(attestors...).build()} signs and sorts them)
     * @return the receipt; fails with {@link InvalidRequestException} (nothing sent) for a bundle signed for another
     *         chain or contract, else as {@link #publishMakerRoot(MakerRoot, List)}
     */
    public CompletableFuture<TxReceipt> publishMakerRoot(MakerRootBundle bundle) {
        Eip712Domain expected;
        try {
            expected = makerRewardsDomain();
        } catch (InvalidRequestException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!bundle.domain().equals(expected)) {
            return CompletableFuture.failedFuture(new InvalidRequestException("the maker root is signed for "
                    + bundle.domain() + ", expected " + expected));
        }
        return publishMakerRoot(bundle.root(), bundle.signatures());
    }

    /**
     * Publishes the committee's root for the next period (anyone may): the program pulls what accrued to it and
     * makes the root current. The program accepts signatures of the current committee epoch from at least the
     * committee threshold of the Bitcoin asset class ({@code BTC-SHA256}), each over the root's EIP-712 digest in
     * {@link #makerRewardsDomain()}.
     *
     * @param root       the root: {@link MakerRewardsState#nextPeriod()}, a {@code toBlock} after the current root's
     *                   and already mined, a total between the current total and it plus
     *                   {@link #makerRewardsUnallocated()}
     * @param signatures the committee's signatures of its digest, signers ascending
     * @return the receipt; fails with {@link PeriodOutOfOrderException}, {@link BlockRangeInvalidException},
     *         {@link RootTotalOutOfBoundsException}, {@code AttestationExpired}, {@code NonceAlreadyUsed} or the
     *         committee's signature exceptions ({@code BelowThreshold}, {@code StaleCommitteeEpoch}, ...)
     */
    public CompletableFuture<TxReceipt> publishMakerRoot(MakerRoot root, List<AttestorSignature> signatures) {
        return makers((c, m) -> {
            MakerRewards.MakerRoot r = new MakerRewards.MakerRoot(AbiValues.uint64(root.period()),
                    AbiValues.uint64(root.toBlock()), root.root().value(), root.total(), root.nonce(),
                    AbiValues.uint64(root.deadline()), AbiValues.uint64(root.committeeEpoch()));
            List<MakerRewards.AttestorSignature> sigs = signatures.stream()
                    .map(s -> new MakerRewards.AttestorSignature(s.signer().hex(), s.signature())).toList();
            return c.send("publishRoot", m.publishRoot(r, sigs));
        });
    }

    /**
     * Claims a maker's reward with the tree of the program's current root (anyone may send: the HMX always goes to
     * the maker): its cumulative amount in the tree less what it already claimed.
     *
     * @return the HMX paid, from the {@code MakerRewardClaimed} event; fails with {@link InvalidRequestException} if
     *         the maker has no leaf in the tree, {@link NothingToClaimException} if it already claimed its
     *         cumulative amount, {@link InvalidMakerProofException} if the tree is not the current root's
     */
    public CompletableFuture<Claim> claimMakerReward(MakerRewardsTree tree, EvmAddress maker) {
        var cumulative = tree.rewardOf(maker).map(MakerReward::cumulative);
        if (cumulative.isEmpty()) {
            return CompletableFuture.failedFuture(new InvalidRequestException(maker + " has no leaf in the makers' tree"));
        }
        List<byte[]> proof = tree.proof(maker).stream().map(Bytes32::value).toList();
        return makers((c, m) -> c.send("claim", m.claim(maker.hex(), cumulative.get(), proof)).thenApply(receipt ->
                new Claim(RewardProgram.MARKET_MAKERS, c.events(receipt, MakerRewards.MAKERREWARDCLAIMED_EVENT,
                                l -> MakerRewards.getMakerRewardClaimedEventFromLog(l.toWeb3jLog()).amount).stream()
                        .reduce(BigInteger.ZERO, BigInteger::add), receipt)));
    }

    private static final String MAKERS_MISSING = "the market makers' program is not deployed";

    private <T> CompletableFuture<T> makers(java.util.function.BiFunction<BoundContract, MakerRewards, CompletableFuture<T>> op) {
        BoundContract c = programs.get(RewardProgram.MARKET_MAKERS);
        if (c == null) {
            return CompletableFuture.failedFuture(new InvalidRequestException(MAKERS_MISSING));
        }
        return op.apply(c, makersEncoder);
    }

    /** A claim's result. @param program the program @param amount HMX paid @param receipt the (last) receipt */
    public record Claim(RewardProgram program, BigInteger amount, TxReceipt receipt) {
    }

    private CompletableFuture<List<HoldingRef>> holdingsOf(EvmAddress account) {
        return tokenization.tokensEverReceived(account).thenCompose(ids -> {
            List<CompletableFuture<List<TokenHolding>>> histories = ids.stream().map(tokenization::holdings).toList();
            return CompletableFuture.allOf(histories.toArray(CompletableFuture[]::new))
                    .thenApply(done -> histories.stream().flatMap(h -> h.join().stream())
                            .filter(h -> h.holder().equals(account))
                            .map(h -> new HoldingRef(h.tokenId(), h.index())).toList());
        });
    }

    private BigInteger paidTo(TxReceipt receipt) {
        // every per-account program emits RewardPaid(account, amount) with the same signature
        return receipt.logs().stream().filter(l -> l.isEvent(org.web3j.abi.EventEncoder.encode(IssuerRewards.REWARDPAID_EVENT)))
                .map(l -> IssuerRewards.getRewardPaidEventFromLog(l.toWeb3jLog()).amount)
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    private static BigInteger uint(String hex) {
        String body = hex.startsWith("0x") ? hex.substring(2) : hex;
        return body.isEmpty() ? BigInteger.ZERO : new BigInteger(body, 16);
    }
}
