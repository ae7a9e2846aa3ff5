package io.hashmix.core.tokenization;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.utils.Numeric;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.AttestorRegistry;
import io.hashmix.contracts.generated.CollateralVault;
import io.hashmix.contracts.generated.HardwareRegistry;
import io.hashmix.contracts.generated.HashPowerToken;
import io.hashmix.core.erc20.Erc20Client;
import io.hashmix.core.events.LogFilter;
import io.hashmix.core.events.LogReader;
import io.hashmix.core.internal.AbiValues;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.internal.ClientContext;
import io.hashmix.core.tx.ContractCalls;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.AttestationBundle;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.ownership.OwnershipCertificate;

/**
 * Hash power tokens: mint a product from an M-of-N attestation bundle, split and merge slices,
 * transfer them, read products and slices, confirm which slices and holders a piece of hardware
 * backs, challenge hardware pledged to two live products, and redeem frozen products' tokens for
 * their share of the forfeited collateral (paid to the holders of the moment of the freeze).
 *
 * <p>The token ({@code HashPowerToken}) holds products and slices; the {@code CollateralVault} holds
 * collateral; the {@code HardwareRegistry} confirms ownership and takes challenges. Write results are
 * read from the transactions' events. Every revert arrives as a typed exception of this package, of
 * {@link io.hashmix.core.errors} for the errors all contracts share, or of {@code io.hashmix.core.committee}
 * for signature failures. Thread-safe.
 */
public final class TokenizationClient {

    /** Most tokens one {@link #redeemFrozen} call takes ({@code HardwareRegistry.MAX_REDEEM_ITEMS}). */
    public static final int MAX_REDEEM_TOKENS = 200;

    private final BoundContract contract;
    private final HashPowerToken token;
    private final BoundContract hardwareContract;
    private final HardwareRegistry hardware;
    private final BoundContract collateralContract;
    private final CollateralVault collateral;
    private final EvmAddress attestorRegistry;
    private final Erc20Client erc20;
    private final LogReader logs;
    private final long deployBlock;
    private final long chainId;

    /**
     * Built by {@link io.hashmix.core.HashMix}, which hands it out as
     * {@link io.hashmix.core.HashMix#tokenization()}; not public API: the context is the SDK's
     * internal wiring, so applications get the client from {@code HashMix.builder()...build()}.
     *
     * @param context where the contracts live and the SDK's plumbing
     */
    public TokenizationClient(ClientContext context) {
        Deployment deployment = context.deployment();
        ContractCalls calls = context.calls();
        TransactionSender sender = context.sender();
        Erc20Client erc20 = new Erc20Client(context);
        LogReader logs = context.logs();
        var location = deployment.contract(ProtocolContract.HASH_POWER_TOKEN);
        this.contract = new BoundContract("HashPowerToken", location.address(), calls, sender);
        this.token = contract.encoder(HashPowerToken::load);
        this.hardwareContract = new BoundContract("HardwareRegistry",
                deployment.contract(ProtocolContract.HARDWARE_REGISTRY).address(), calls, sender);
        this.hardware = hardwareContract.encoder(HardwareRegistry::load);
        this.collateralContract = new BoundContract("CollateralVault",
                deployment.contract(ProtocolContract.COLLATERAL_VAULT).address(), calls, sender);
        this.collateral = collateralContract.encoder(CollateralVault::load);
        this.attestorRegistry = deployment.contract(ProtocolContract.ATTESTOR_REGISTRY).address();
        this.erc20 = erc20;
        this.logs = logs;
        this.deployBlock = location.blockNumber();
        this.chainId = deployment.chainId();
    }

    /** The hash power token contract's address (the verifying contract of product attestations). */
    public EvmAddress address() {
        return contract.address();
    }

    /** The hardware registry's address (ownership proofs, challenges, frozen-token redemption). */
    public EvmAddress hardwareRegistryAddress() {
        return hardwareContract.address();
    }

    /** The collateral vault's address (the account issuers approve for their collateral). */
    public EvmAddress collateralVaultAddress() {
        return collateralContract.address();
    }

    /**
     * Mints a product from an attestation bundle. The caller must be the attested issuer; the
     * collateral is approved to the {@code CollateralVault} (exactly, if the allowance is short) and
     * locked there by the mint.
     *
     * @return the product and its first token (the whole capacity, owned by the issuer)
     */
    public CompletableFuture<MintedProduct> mintProduct(AttestationBundle bundle) {
        ProductAttestation a = bundle.attestation();
        if (bundle.domain().chainId() != chainId) {
            return CompletableFuture.failedFuture(new InvalidRequestException("the bundle is signed for chain "
                    + bundle.domain().chainId() + ", this deployment is on chain " + chainId));
        }
        if (!bundle.domain().verifyingContract().equals(contract.address())) {
            return CompletableFuture.failedFuture(new InvalidRequestException("the bundle is signed for contract "
                    + bundle.domain().verifyingContract() + ", not this HashPowerToken " + contract.address()));
        }
        CompletableFuture<TxReceipt> approval = a.collateral().signum() == 0
                ? CompletableFuture.completedFuture(null)
                : erc20.ensureAllowance(a.collateralToken(), collateralContract.address(), a.collateral());
        return approval.thenCompose(ignored -> contract.send("mintProduct",
                        token.mintProduct(toStruct(a), signatures(bundle))))
                .thenApply(receipt -> contract.event(receipt, HashPowerToken.PRODUCTMINTED_EVENT, log -> {
                    var e = HashPowerToken.getProductMintedEventFromLog(log.toWeb3jLog());
                    return new MintedProduct(new ProductId(e.productId), new TokenId(e.tokenId), receipt);
                }));
    }

    /**
     * Splits a token into slices of the given units (2 to 64 parts that add up to its units).
     *
     * @return the new tokens, in the order of {@code units}
     */
    public CompletableFuture<List<TokenId>> split(TokenId tokenId, List<BigInteger> units) {
        return contract.send("split", token.split(tokenId.value(), units))
                .thenApply(receipt -> contract.event(receipt, HashPowerToken.TOKENSPLIT_EVENT,
                        log -> HashPowerToken.getTokenSplitEventFromLog(log.toWeb3jLog()).newTokenIds.stream()
                                .map(TokenId::new).toList()));
    }

    /** Merges slices of one product with one owner (2 to 64) into one token. */
    public CompletableFuture<TokenId> merge(List<TokenId> tokenIds) {
        return contract.send("merge", token.merge(tokenIds.stream().map(TokenId::value).toList()))
                .thenApply(receipt -> contract.event(receipt, HashPowerToken.TOKENSMERGED_EVENT,
                        log -> new TokenId(HashPowerToken.getTokensMergedEventFromLog(log.toWeb3jLog()).newTokenId)));
    }

    /** Transfers a token from this SDK's account ({@code safeTransferFrom}: a contract recipient must accept it). */
    public CompletableFuture<TxReceipt> transfer(TokenId tokenId, EvmAddress to) {
        EvmAddress from = contract.sender() == null ? EvmAddress.ZERO : contract.sender().sender();
        return contract.send("safeTransferFrom", token.safeTransferFrom(from.hex(), to.hex(), tokenId.value()));
    }

    /** Approves an operator for all of this account's tokens (e.g. a market or lending contract). */
    public CompletableFuture<TxReceipt> setApprovalForAll(EvmAddress operator, boolean approved) {
        return contract.send("setApprovalForAll", token.setApprovalForAll(operator.hex(), approved));
    }

    /** Reads a product; fails with {@link io.hashmix.core.errors.UnknownProductException} if there is none. */
    public CompletableFuture<Product> product(ProductId id) {
        return contract.read("product", token.product(id.value()), v -> {
            var p = (HashPowerToken.Product) v.get(0);
            return new Product(id, EvmAddress.of(p.issuer), new AssetClassId(p.assetClass), p.capacity,
                    AbiValues.instant(p.start), AbiValues.instant(p.end),
                    Bytes32.of(p.hardwareRoot), p.hardwareCount.longValueExact(), Bytes32.of(p.metadataHash),
                    EvmAddress.of(p.collateralToken), p.collateral, p.frozen, p.defaulted);
        });
    }

    /** How many products exist (ids run from 1 to this). */
    public CompletableFuture<Long> productCount() {
        return contract.read("productCount", token.productCount(), v -> ((BigInteger) v.get(0).getValue()).longValueExact());
    }

    /** Reads a token and its owner. */
    public CompletableFuture<HashPowerSlice> token(TokenId id) {
        CompletableFuture<HashPowerToken.TokenData> data = contract.read("tokenData", token.tokenData(id.value()),
                v -> (HashPowerToken.TokenData) v.get(0));
        return data.thenCombine(ownerOf(id), (d, owner) -> new HashPowerSlice(id, new ProductId(d.productId),
                new AssetClassId(d.assetClass), d.units, AbiValues.instant(d.start),
                AbiValues.instant(d.end), EvmAddress.of(d.issuer), owner, d.frozen, d.defaulted, d.nonce.longValueExact()));
    }

    /**
     * Carves {@code units} out of a token into a new token owned by {@code to}; the token keeps its
     * id, owner and nonce (so its listings stay valid). The caller must own the token or be approved.
     *
     * @return the new token; fails with {@link UnitsMismatchException} unless {@code 0 < units < token units}
     */
    public CompletableFuture<TokenId> carve(TokenId tokenId, BigInteger units, EvmAddress to) {
        if (units == null || units.signum() < 0 || units.bitLength() > 256) {
            return CompletableFuture.failedFuture(new InvalidRequestException("units must be a uint256, got " + units));
        }
        return contract.send("carve", token.carve(tokenId.value(), units, to.hex()))
                .thenApply(receipt -> contract.event(receipt, HashPowerToken.TOKENCARVED_EVENT,
                        log -> new TokenId(HashPowerToken.getTokenCarvedEventFromLog(log.toWeb3jLog()).newTokenId)));
    }

    /** Bumps a token's nonce, cancelling every market listing and swap order signed over the old one. */
    public CompletableFuture<TxReceipt> bumpTokenNonce(TokenId tokenId) {
        return contract.send("bumpTokenNonce", token.bumpTokenNonce(tokenId.value()));
    }

    /** What a market checks before a sale: owner, units, token nonce and whether the product is tradable. */
    public CompletableFuture<TradeState> tradeState(TokenId tokenId) {
        return contract.read("tradeState", token.tradeState(tokenId.value()), v -> new TradeState(
                EvmAddress.of(v.get(0).getValue().toString()), (BigInteger) v.get(1).getValue(),
                ((BigInteger) v.get(2).getValue()).longValueExact(), (Boolean) v.get(3).getValue()));
    }

    /**
     * The holding history of a token (live or burnt), oldest first: who held it, with how many units,
     * from when to when. Read in one JSON-RPC batch after the count.
     */
    public CompletableFuture<List<TokenHolding>> holdings(TokenId tokenId) {
        return contract.read("holdingCount", token.holdingCount(tokenId.value()),
                        v -> ((BigInteger) v.get(0).getValue()).intValueExact())
                .thenCompose(count -> {
                    var calls = new ArrayList<RemoteFunctionCall<?>>();
                    for (int i = 0; i < count; i++) {
                        calls.add(token.holding(tokenId.value(), BigInteger.valueOf(i)));
                    }
                    if (calls.isEmpty()) {
                        return CompletableFuture.completedFuture(List.<TokenHolding>of());
                    }
                    return contract.readAll("holding", calls, v -> (HashPowerToken.Holding) v.get(0))
                            .thenApply(list -> {
                                List<TokenHolding> out = new ArrayList<>();
                                for (int i = 0; i < list.size(); i++) {
                                    var h = list.get(i);
                                    boolean open = h.end.equals(AbiValues.UINT64_MAX);
                                    out.add(new TokenHolding(tokenId, i, new ProductId(h.productId),
                                            EvmAddress.of(h.holder), h.units, AbiValues.instant(h.start),
                                            open ? Optional.empty() : Optional.of(AbiValues.instant(h.end))));
                                }
                                return out;
                            });
                });
    }

    /** The owner of a token. */
    public CompletableFuture<EvmAddress> ownerOf(TokenId id) {
        return contract.read("ownerOf", token.ownerOf(id.value()), v -> EvmAddress.of(v.get(0).getValue().toString()));
    }

    /**
     * The live slices of a product, ascending. The token does not enumerate slices on chain (that
     * would cost two storage writes per carve): they are folded from the token's slice events
     * ({@code ProductMinted}, {@code TokenSplit}, {@code TokensMerged}, {@code TokenCarved}, all indexed
     * by product) up to the log reader's confirmation depth. {@link #proveOwnership} then checks on
     * chain that the list is complete.
     */
    public CompletableFuture<List<TokenId>> productTokens(ProductId id) {
        String productTopic = Numeric.toHexStringWithPrefixZeroPadded(id.value(), 64);
        List<String> kinds = List.of(EventEncoder.encode(HashPowerToken.PRODUCTMINTED_EVENT),
                EventEncoder.encode(HashPowerToken.TOKENSPLIT_EVENT), EventEncoder.encode(HashPowerToken.TOKENSMERGED_EVENT),
                EventEncoder.encode(HashPowerToken.TOKENCARVED_EVENT));
        return logs.read(LogFilter.of(contract.address(), deployBlock, List.of(kinds, List.of(productTopic))))
                .thenApply(entries -> {
                    java.util.TreeSet<BigInteger> live = new java.util.TreeSet<>();
                    for (var e : entries) {
                        org.web3j.protocol.core.methods.response.Log raw = e.toWeb3jLog();
                        if (e.isEvent(kinds.get(0))) {
                            live.add(HashPowerToken.getProductMintedEventFromLog(raw).tokenId);
                        } else if (e.isEvent(kinds.get(1))) {
                            var split = HashPowerToken.getTokenSplitEventFromLog(raw);
                            live.remove(split.tokenId);
                            live.addAll(split.newTokenIds);
                        } else if (e.isEvent(kinds.get(2))) {
                            var merged = HashPowerToken.getTokensMergedEventFromLog(raw);
                            merged.tokenIds.forEach(live::remove);
                            live.add(merged.newTokenId);
                        } else {
                            live.add(HashPowerToken.getTokenCarvedEventFromLog(raw).newTokenId);
                        }
                    }
                    return live.stream().map(TokenId::new).toList();
                });
    }

    /** The EIP-712 digest of the attestation a product was minted from. */
    public CompletableFuture<Bytes32> productDigest(ProductId id) {
        return contract.read("productDigest", token.productDigest(id.value()), v -> Bytes32.of((byte[]) v.get(0).getValue()));
    }

    /**
     * Where a product's collateral stands in the {@code CollateralVault}: its token, what is left to
     * compensate holders (or return to the issuer after settlement), and what was forfeited to
     * holders when the product was frozen.
     */
    public CompletableFuture<CollateralPosition> collateral(ProductId id) {
        CompletableFuture<CollateralPosition> left = collateralContract.read("collateralOf", collateral.collateralOf(id.value()),
                v -> new CollateralPosition(id, EvmAddress.of(v.get(0).getValue().toString()), (BigInteger) v.get(1).getValue(),
                        BigInteger.ZERO));
        CompletableFuture<BigInteger> forfeited = collateralContract.read("forfeitedOf", collateral.forfeitedOf(id.value()),
                v -> (BigInteger) v.get(0).getValue());
        return left.thenCombine(forfeited, (p, f) -> new CollateralPosition(id, p.token(), p.amount(), f));
    }

    /** The attestors whose signatures minted a product. */
    public CompletableFuture<List<EvmAddress>> productSigners(ProductId id) {
        return contract.read("productSigners", token.productSigners(id.value()), v -> {
            List<EvmAddress> out = new ArrayList<>();
            for (Object item : (List<?>) v.get(0).getValue()) {
                out.add(EvmAddress.of(((Type<?>) item).getValue().toString()));
            }
            return out;
        });
    }

    /** Whether an attestation nonce has been consumed (a bundle with it can no longer mint). */
    public CompletableFuture<Boolean> isNonceUsed(BigInteger nonce) {
        return contract.read("isNonceUsed", token.isNonceUsed(nonce), v -> (Boolean) v.get(0).getValue());
    }

    /** The EIP-712 digest the contract computes for an attestation (equal to {@code bundle.digest()} when the domain matches). */
    public CompletableFuture<Bytes32> digestOf(ProductAttestation attestation) {
        return contract.read("hashProductAttestation", token.hashProductAttestation(toStruct(attestation)),
                v -> Bytes32.of((byte[]) v.get(0).getValue()));
    }

    /**
     * Every token an account ever received (minted to it, transferred to it, carved or split for it),
     * found from {@code Transfer} logs since deployment, in ascending id order; some may have left the
     * account or been burnt since.
     */
    public CompletableFuture<List<TokenId>> tokensEverReceived(EvmAddress account) {
        String topic0 = EventEncoder.encode(HashPowerToken.TRANSFER_EVENT);
        String toTopic = "0x" + "0".repeat(24) + account.hex().substring(2);
        return logs.read(LogFilter.of(contract.address(), deployBlock, List.of(List.of(topic0), List.of(), List.of(toTopic))))
                .thenApply(entries -> entries.stream().map(e -> new BigInteger(e.topics().get(3).substring(2), 16))
                        .distinct().sorted().map(TokenId::new).toList());
    }

    /**
     * Tokens currently held by an account, found from {@code Transfer} logs since deployment and
     * confirmed with {@code ownerOf}.
     */
    public CompletableFuture<List<TokenId>> tokensOf(EvmAddress owner) {
        return tokensEverReceived(owner).thenCompose(candidates -> {
            List<CompletableFuture<TokenId>> checks = candidates.stream()
                    .map(id -> ownerOf(id).handle((who, err) -> err == null && owner.equals(who) ? id : null))
                    .toList();
            return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                    .thenApply(done -> checks.stream().map(CompletableFuture::join).filter(t -> t != null).toList());
        });
    }

    /**
     * Confirms on chain which product, slices and holders a piece of hardware backs: gathers the
     * product's live slices ({@link #productTokens}) and has the {@code HardwareRegistry} check the
     * Merkle proof, that each slice belongs to the product, and whether they are all of them
     * ({@link OwnershipProof#complete()}).
     *
     * @return fails with {@link HardwareNotInProductException} if the proof does not hold
     */
    public CompletableFuture<OwnershipProof> proveOwnership(HardwareId hardwareId, ProductId productId, List<Bytes32> proof) {
        return productTokens(productId).thenCompose(ids -> hardwareContract.read("proveOwnership",
                hardware.proveOwnership(hardwareId.value().value(), productId.value(),
                        proof.stream().map(Bytes32::value).toList(), ids.stream().map(TokenId::value).toList()), v -> {
                    var o = (HardwareRegistry.Ownership) v.get(0);
                    List<OwnershipProof.Holding> holdings = new ArrayList<>();
                    for (int i = 0; i < o.tokenIds.size(); i++) {
                        holdings.add(new OwnershipProof.Holding(new TokenId(o.tokenIds.get(i)), EvmAddress.of(o.holders.get(i)),
                                o.units.get(i)));
                    }
                    return new OwnershipProof(hardwareId, new ProductId(o.productId), EvmAddress.of(o.issuer), o.frozen,
                            o.complete, holdings);
                }));
    }

    /**
     * Checks an ownership certificate against the chain: the certificate's product exists and is the
     * product its attestation minted (every attested field equal, and the product's recorded
     * attestation digest equal to the certificate's bundle digest),
     * and the contract accepts the certificate's Merkle proof. (Check its signatures offline with
     * {@link OwnershipCertificate#verify}.)
     *
     * @return who holds the product's slices today; fails with {@link CertificateMismatchException}
     *         naming the first field that differs
     */
    public CompletableFuture<OwnershipProof> verifyOnChain(OwnershipCertificate certificate) {
        ProductAttestation a = certificate.bundle().attestation();
        CompletableFuture<Bytes32> digest = productDigest(certificate.productId());
        return product(certificate.productId()).thenCombine(digest, (p, mintedFrom) -> {
            String mismatch = firstMismatch(p, a);
            if (mismatch == null && !mintedFrom.equals(certificate.bundle().digest())) {
                mismatch = "attestation digest (the product was minted from another attestation: nonce, epoch or deadline differ)";
            }
            if (mismatch != null) {
                throw new CertificateMismatchException(certificate.productId(), mismatch);
            }
            return p;
        }).thenCompose(p -> proveOwnership(certificate.hardwareId(), certificate.productId(), certificate.merkleProof().proof()));
    }

    private static String firstMismatch(Product p, ProductAttestation a) {
        if (!p.issuer().equals(a.issuer())) {
            return "issuer";
        }
        if (!p.assetClass().equals(a.assetClass())) {
            return "assetClass";
        }
        if (!p.capacity().equals(a.capacity())) {
            return "capacity";
        }
        if (p.start().getEpochSecond() != a.start() || p.end().getEpochSecond() != a.end()) {
            return "term";
        }
        if (!p.hardwareRoot().equals(a.hardwareRoot()) || p.hardwareCount() != a.hardwareCount()) {
            return "hardware commitment";
        }
        if (!p.metadataHash().equals(a.metadataHash())) {
            return "metadataHash";
        }
        if (!p.collateralToken().equals(a.collateralToken())) {
            return "collateralToken";
        }
        return null;
    }

    /**
     * Challenges one hardware id proven inside two products with overlapping terms (the later one
     * still live): the later product is frozen, the challenger receives a bounty of 10% of its
     * collateral, the rest is forfeited to the holders of its tokens ({@link #redeemFrozen}), and the
     * attestors who signed both lose their whole bonds (burnt) and their seats. The earlier product
     * may itself be frozen already: frozen products stay evidence.
     */
    public CompletableFuture<ChallengeResult> challengeDuplicateHardware(HardwareId hardwareId, ProductId productA,
                                                                       List<Bytes32> proofA, ProductId productB,
                                                                       List<Bytes32> proofB) {
        return hardwareContract.send("challengeDuplicateHardware", hardware.challengeDuplicateHardware(hardwareId.value().value(),
                productA.value(), proofA.stream().map(Bytes32::value).toList(), productB.value(),
                proofB.stream().map(Bytes32::value).toList())).thenApply(receipt -> {
                    var challenged = hardwareContract.event(receipt, HardwareRegistry.DUPLICATEHARDWARECHALLENGED_EVENT,
                            log -> HardwareRegistry.getDuplicateHardwareChallengedEventFromLog(log.toWeb3jLog()));
                    String slashTopic = EventEncoder.encode(AttestorRegistry.ATTESTORSLASHED_EVENT);
                    List<ChallengeResult.Slash> slashes = receipt.logsOf(attestorRegistry).stream()
                            .filter(l -> l.isEvent(slashTopic))
                            .map(l -> AttestorRegistry.getAttestorSlashedEventFromLog(l.toWeb3jLog()))
                            .map(e -> new ChallengeResult.Slash(EvmAddress.of(e.attestor), e.amount))
                            .toList();
                    return new ChallengeResult(new ProductId(challenged.frozenProductId), challenged.bounty, slashes, receipt);
                });
    }

    /**
     * Pays each frozen token's share of its product's forfeited collateral
     * ({@code units * forfeited / capacity}, rounded down) to whoever held the token when the product was
     * frozen, once per token; the issuer's own holdings at the freeze are paid nothing (their share stays
     * locked). Anyone may call. For each token the client finds the holding that covers the freeze
     * ({@link #holdingAtFreeze}) and names it, as the contract requires.
     *
     * @param tokenIds at most {@link #MAX_REDEEM_TOKENS} tokens of frozen products (any products)
     * @return who was paid what; fails with {@link InvalidRequestException} for an empty or too long list
     *         (nothing sent), or with the contract's error: {@link NotFrozenException} (a live product, or
     *         one frozen elsewhere), {@link AlreadyRedeemedException}, {@link NotHolderAtFreezeException}
     *         (only if the history changed between the read and the send, which it cannot for a frozen
     *         product's past)
     */
    public CompletableFuture<FrozenRedemption> redeemFrozen(List<TokenId> tokenIds) {
        if (tokenIds.isEmpty()) {
            return CompletableFuture.failedFuture(new InvalidRequestException("no tokens to redeem"));
        }
        if (tokenIds.size() > MAX_REDEEM_TOKENS) {
            return CompletableFuture.failedFuture(new InvalidRequestException("at most " + MAX_REDEEM_TOKENS
                    + " tokens per redemption (HardwareRegistry.MAX_REDEEM_ITEMS), got " + tokenIds.size()
                    + ": redeem them in several calls"));
        }
        var dataCalls = tokenIds.stream().map(id -> token.tokenData(id.value())).toList();
        return contract.readAll("tokenData", dataCalls, v -> (HashPowerToken.TokenData) v.get(0))
                .thenCompose(data -> {
                    Map<BigInteger, CompletableFuture<Optional<FrozenPool>>> pools = new HashMap<>();
                    List<CompletableFuture<BigInteger>> indexes = new ArrayList<>();
                    for (int i = 0; i < tokenIds.size(); i++) {
                        TokenId id = tokenIds.get(i);
                        var pool = pools.computeIfAbsent(data.get(i).productId, pid -> frozenPool(new ProductId(pid)));
                        // no pool or no covering holding: name index 0 and let the contract say why
                        indexes.add(pool.thenCompose(p -> p.isEmpty()
                                ? CompletableFuture.completedFuture(BigInteger.ZERO)
                                : holdings(id).thenApply(hs -> coveringHolding(hs, p.get().frozenAt())
                                        .map(h -> BigInteger.valueOf(h.index())).orElse(BigInteger.ZERO))));
                    }
                    return CompletableFuture.allOf(indexes.toArray(CompletableFuture[]::new))
                            .thenApply(done -> indexes.stream().map(CompletableFuture::join).toList());
                })
                .thenCompose(indexes -> hardwareContract.send("redeemFrozen",
                        hardware.redeemFrozen(tokenIds.stream().map(TokenId::value).toList(), indexes)))
                .thenApply(receipt -> {
                    String topic = EventEncoder.encode(HardwareRegistry.FROZENREDEEMED_EVENT);
                    List<FrozenRedemption.Payout> payouts = receipt.logsOf(hardwareContract.address()).stream()
                            .filter(l -> l.isEvent(topic))
                            .map(l -> HardwareRegistry.getFrozenRedeemedEventFromLog(l.toWeb3jLog()))
                            .map(e -> new FrozenRedemption.Payout(new TokenId(e.tokenId), new ProductId(e.productId),
                                    EvmAddress.of(e.holder), e.amount))
                            .toList();
                    return new FrozenRedemption(payouts, receipt);
                });
    }

    /**
     * A frozen product's redemption pool: what was forfeited for its holders, when it was frozen and its
     * issuer; empty if the product was not frozen by this protocol's {@code HardwareRegistry}.
     */
    public CompletableFuture<Optional<FrozenPool>> frozenPool(ProductId id) {
        return hardwareContract.read("frozenPool", hardware.frozenPool(id.value()), v -> {
            BigInteger capacity = (BigInteger) v.get(1).getValue();
            if (capacity.signum() == 0) {
                return Optional.<FrozenPool>empty();
            }
            return Optional.of(new FrozenPool(id, (BigInteger) v.get(0).getValue(), capacity,
                    AbiValues.instant((BigInteger) v.get(2).getValue()), EvmAddress.of(v.get(3).getValue().toString())));
        });
    }

    /**
     * The holding of a frozen product's token that covers the freeze: its holder is who {@link #redeemFrozen}
     * pays (nothing if it is the issuer), however the token moved since. Empty if the token's product was not
     * frozen by this protocol's {@code HardwareRegistry}.
     */
    public CompletableFuture<Optional<TokenHolding>> holdingAtFreeze(TokenId tokenId) {
        return token(tokenId).thenCompose(slice -> frozenPool(slice.productId())).thenCompose(pool -> pool.isEmpty()
                ? CompletableFuture.completedFuture(Optional.<TokenHolding>empty())
                : holdings(tokenId).thenApply(hs -> coveringHolding(hs, pool.get().frozenAt())));
    }

    /** The holding with {@code start <= at < end}, as the contract checks it. */
    private static Optional<TokenHolding> coveringHolding(List<TokenHolding> holdings, Instant at) {
        return holdings.stream()
                .filter(h -> !h.start().isAfter(at) && h.end().map(end -> end.isAfter(at)).orElse(true))
                .findFirst();
    }

    /** Whether a frozen product's token was already redeemed. */
    public CompletableFuture<Boolean> isRedeemed(TokenId tokenId) {
        return hardwareContract.read("isRedeemed", hardware.isRedeemed(tokenId.value()), v -> (Boolean) v.get(0).getValue());
    }

    private static List<TokenId> tokenIds(Type<?> array) {
        List<TokenId> out = new ArrayList<>();
        for (Object item : (List<?>) array.getValue()) {
            out.add(new TokenId((BigInteger) ((Type<?>) item).getValue()));
        }
        return out;
    }

    private static List<HashPowerToken.AttestorSignature> signatures(AttestationBundle bundle) {
        return bundle.signatures().stream()
                .map(s -> new HashPowerToken.AttestorSignature(s.signer().hex(), s.signature())).toList();
    }

    static HashPowerToken.ProductAttestation toStruct(ProductAttestation a) {
        return new HashPowerToken.ProductAttestation(a.issuer().hex(), a.assetClass().value(), a.capacity(),
                AbiValues.uint64(a.start()), AbiValues.uint64(a.end()), a.hardwareRoot().value(), BigInteger.valueOf(a.hardwareCount()),
                a.metadataHash().value(), a.collateralToken().hex(), a.collateral(), a.nonce(), AbiValues.uint64(a.deadline()),
                AbiValues.uint64(a.committeeEpoch()));
    }
}
