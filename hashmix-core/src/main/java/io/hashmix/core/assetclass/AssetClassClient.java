package io.hashmix.core.assetclass;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.web3j.abi.datatypes.Type;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.AssetClassRegistry;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.internal.ClientContext;
import io.hashmix.core.tx.ContractCalls;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;

/**
 * Asset classes: the kinds of hash power the protocol knows, their units and payout tokens.
 *
 * <p>Reads are open to anyone; registering, (de)activating and scheduling or cancelling a payout
 * token change are for the registry's owner (others get {@link io.hashmix.core.errors.UnauthorizedAccountException}).
 * A payout token change waits out a time lock, then anyone may apply it. Every failure the
 * contract can report arrives as a typed exception of this package. Thread-safe.
 */
public final class AssetClassClient {

    private static final int PAGE_SIZE = 100;

    private final BoundContract contract;
    private final AssetClassRegistry registry;

    /**
     * Built by {@link io.hashmix.core.HashMix}, which hands it out as
     * {@link io.hashmix.core.HashMix#assetClasses()}; not public API: the context is the SDK's
     * internal wiring, so applications get the client from {@code HashMix.builder()...build()}.
     *
     * @param context where the contracts live and the SDK's plumbing
     */
    public AssetClassClient(ClientContext context) {
        Deployment deployment = context.deployment();
        ContractCalls calls = context.calls();
        TransactionSender sender = context.sender();
        this.contract = new BoundContract("AssetClassRegistry",
                deployment.contract(ProtocolContract.ASSET_CLASS_REGISTRY).address(), calls, sender);
        this.registry = contract.encoder(AssetClassRegistry::load);
    }

    /** The registry contract's address. */
    public EvmAddress registryAddress() {
        return contract.address();
    }

    /**
     * Registers an asset class (owner only).
     *
     * @return the registered class, read back after the transaction
     */
    public CompletableFuture<AssetClass> register(NewAssetClass spec) {
        return contract.send("registerAssetClass", registry.registerAssetClass(spec.symbol(), spec.unitName(),
                BigInteger.valueOf(spec.unitDecimals()), spec.payoutToken().hex()))
                .thenCompose(receipt -> {
                    AssetClassId id = contract.event(receipt, AssetClassRegistry.ASSETCLASSREGISTERED_EVENT,
                            log -> new AssetClassId(AssetClassRegistry.getAssetClassRegisteredEventFromLog(log.toWeb3jLog()).id));
                    return get(id);
                });
    }

    /** Activates or deactivates an asset class (owner only). */
    public CompletableFuture<TxReceipt> setActive(AssetClassId id, boolean active) {
        return contract.send("setActive", registry.setActive(id.value(), active));
    }

    /**
     * Schedules a payout token change (owner only); it can be applied after the registry's delay.
     *
     * @return the scheduled change, as the contract's event reports it
     */
    public CompletableFuture<PendingPayoutTokenChange> schedulePayoutTokenChange(AssetClassId id, EvmAddress newToken) {
        return contract.send("schedulePayoutTokenChange", registry.schedulePayoutTokenChange(id.value(), newToken.hex()))
                .thenApply(receipt -> contract.event(receipt, AssetClassRegistry.PAYOUTTOKENCHANGESCHEDULED_EVENT, log -> {
                    var e = AssetClassRegistry.getPayoutTokenChangeScheduledEventFromLog(log.toWeb3jLog());
                    return new PendingPayoutTokenChange(new AssetClassId(e.id), EvmAddress.of(e.newToken),
                            Instant.ofEpochSecond(e.eta.longValueExact()));
                }));
    }

    /** Applies a scheduled payout token change whose time lock has run out (anyone may). */
    public CompletableFuture<TxReceipt> applyPayoutTokenChange(AssetClassId id) {
        return contract.send("applyPayoutTokenChange", registry.applyPayoutTokenChange(id.value()));
    }

    /** Cancels a scheduled payout token change (owner only). */
    public CompletableFuture<TxReceipt> cancelPayoutTokenChange(AssetClassId id) {
        return contract.send("cancelPayoutTokenChange", registry.cancelPayoutTokenChange(id.value()));
    }

    /**
     * Reads an asset class.
     *
     * @return fails with {@link UnknownAssetClassException} if it is not registered
     */
    public CompletableFuture<AssetClass> get(AssetClassId id) {
        return contract.read("assetClass", registry.assetClass(id.value()), values -> toAssetClass((AssetClassRegistry.AssetClass) values.get(0)));
    }

    /** Reads an asset class if it is registered. */
    public CompletableFuture<Optional<AssetClass>> find(AssetClassId id) {
        return isRegistered(id).thenCompose(registered -> registered
                ? get(id).thenApply(Optional::of)
                : CompletableFuture.completedFuture(Optional.empty()));
    }

    /** Whether an asset class is registered. */
    public CompletableFuture<Boolean> isRegistered(AssetClassId id) {
        return contract.read("isRegistered", registry.isRegistered(id.value()), values -> (Boolean) values.get(0).getValue());
    }

    /** Whether an asset class is registered and active. */
    public CompletableFuture<Boolean> isActive(AssetClassId id) {
        return contract.read("isActive", registry.isActive(id.value()), values -> (Boolean) values.get(0).getValue());
    }

    /** How many asset classes are registered. */
    public CompletableFuture<Long> count() {
        return contract.read("assetClassCount", registry.assetClassCount(),
                values -> ((BigInteger) values.get(0).getValue()).longValueExact());
    }

    /** The ids of a page of asset classes, in registration order. */
    public CompletableFuture<List<AssetClassId>> ids(long offset, int limit) {
        if (offset < 0 || limit <= 0 || limit > PAGE_SIZE) {
            return CompletableFuture.failedFuture(new InvalidRequestException("need offset >= 0 and 0 < limit <= " + PAGE_SIZE));
        }
        return contract.read("assetClassIds", registry.assetClassIds(BigInteger.valueOf(offset), BigInteger.valueOf(limit)), values -> {
            List<AssetClassId> ids = new ArrayList<>();
            for (Object item : (List<?>) values.get(0).getValue()) {
                ids.add(new AssetClassId((byte[]) ((Type<?>) item).getValue()));
            }
            return ids;
        });
    }

    /** Every registered asset class, in registration order (paged reads). */
    public CompletableFuture<List<AssetClass>> list() {
        return count().thenCompose(total -> {
            List<CompletableFuture<List<AssetClassId>>> pages = new ArrayList<>();
            for (long offset = 0; offset < total; offset += PAGE_SIZE) {
                pages.add(ids(offset, (int) Math.min(PAGE_SIZE, total - offset)));
            }
            return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new)).thenCompose(done -> {
                List<CompletableFuture<AssetClass>> classes = pages.stream()
                        .flatMap(p -> p.join().stream()).map(this::get).toList();
                return CompletableFuture.allOf(classes.toArray(CompletableFuture[]::new))
                        .thenApply(all -> classes.stream().map(CompletableFuture::join).toList());
            });
        });
    }

    /** The pending payout token change of an asset class, if any. */
    public CompletableFuture<Optional<PendingPayoutTokenChange>> pendingPayoutTokenChange(AssetClassId id) {
        return contract.read("pendingPayoutTokenChange", registry.pendingPayoutTokenChange(id.value()), values -> {
            BigInteger eta = (BigInteger) values.get(1).getValue();
            return eta.signum() == 0 ? Optional.<PendingPayoutTokenChange>empty()
                    : Optional.of(new PendingPayoutTokenChange(id, EvmAddress.of((String) values.get(0).getValue()),
                            Instant.ofEpochSecond(eta.longValueExact())));
        });
    }

    private static AssetClass toAssetClass(AssetClassRegistry.AssetClass s) {
        return new AssetClass(new AssetClassId(s.id), s.symbol, s.unitName, s.unitDecimals.intValueExact(),
                EvmAddress.of(s.payoutToken), s.active, Instant.ofEpochSecond(s.registeredAt.longValueExact()));
    }
}
