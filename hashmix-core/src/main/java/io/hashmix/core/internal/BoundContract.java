package io.hashmix.core.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.DefaultGasProvider;

import io.hashmix.HashMixException;
import io.hashmix.core.InvalidRequestException;
import io.hashmix.core.tx.ContractCalls;
import io.hashmix.core.tx.LogEntry;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.core.tx.TxRequest;
import io.hashmix.proofs.EvmAddress;

/**
 * One deployed contract as the domain clients use it: calls encoded by its generated web3j
 * wrapper, sent and read through the SDK's transaction layer (never web3j's transport), and
 * events read from receipts. Internal to the SDK; thread-safe.
 */
public final class BoundContract {

    /** The generated wrappers' static {@code load} method. */
    @FunctionalInterface
    public interface WrapperLoader<W> {
        /** Loads a wrapper. */
        W load(String address, Web3j web3j, TransactionManager txManager, ContractGasProvider gasProvider);
    }

    private final String name;
    private final EvmAddress address;
    private final ContractCalls calls;
    private final TransactionSender sender;

    /**
     * Binds a contract.
     *
     * @param name    contract name, for labels and messages
     * @param address where it lives
     * @param calls   read-only calls
     * @param sender  the transaction layer, or {@code null} for read-only use
     */
    public BoundContract(String name, EvmAddress address, ContractCalls calls, TransactionSender sender) {
        this.name = Objects.requireNonNull(name, "name");
        this.address = Objects.requireNonNull(address, "address");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.sender = sender;
    }

    /** A generated wrapper used only to encode calls and decode results (it has no transport). */
    public <W> W encoder(WrapperLoader<W> loader) {
        return loader.load(address.hex(), null, new ReadonlyTransactionManager(null, address.hex()), new DefaultGasProvider());
    }

    /** The contract's address. */
    public EvmAddress address() {
        return address;
    }

    /** The transaction layer, if this binding can send. */
    public TransactionSender sender() {
        return sender;
    }

    /** Calls a view function and decodes its result. */
    public <T> CompletableFuture<T> read(String function, RemoteFunctionCall<?> fn, Function<List<Type>, T> decode) {
        TxRequest request = TxRequest.call(address, fn.encodeFunctionCall(), name + "." + function);
        return calls.call(null, request).thenApply(hex -> decode.apply(fn.decodeFunctionResponse(hex)));
    }

    /** Calls one view function per argument set in a single JSON-RPC batch, decoding each result. */
    public <T> CompletableFuture<List<T>> readAll(String function, List<? extends RemoteFunctionCall<?>> fns,
                                                  Function<List<Type>, T> decode) {
        List<TxRequest> requests = fns.stream()
                .map(fn -> TxRequest.call(address, fn.encodeFunctionCall(), name + "." + function)).toList();
        return calls.callAll(null, requests).thenApply(results -> {
            List<T> out = new java.util.ArrayList<>(results.size());
            for (int i = 0; i < results.size(); i++) {
                out.add(decode.apply(fns.get(i).decodeFunctionResponse(results.get(i))));
            }
            return out;
        });
    }

    /** Sends a state-changing call and awaits its receipt. */
    public CompletableFuture<TxReceipt> send(String function, RemoteFunctionCall<?> fn) {
        return send(function, fn, BigInteger.ZERO);
    }

    /** Sends a state-changing call with native coin and awaits its receipt. */
    public CompletableFuture<TxReceipt> send(String function, RemoteFunctionCall<?> fn, BigInteger value) {
        if (sender == null) {
            return CompletableFuture.failedFuture(new InvalidRequestException(
                    name + "." + function + " needs credentials: this HashMix instance is read-only"));
        }
        return sender.send(TxRequest.call(address, fn.encodeFunctionCall(), name + "." + function).withValue(value));
    }

    /** The logs of one event this contract emitted in a receipt, decoded. */
    public <T> List<T> events(TxReceipt receipt, Event event, Function<LogEntry, T> decode) {
        String topic0 = EventEncoder.encode(event);
        return receipt.logsOf(address).stream().filter(l -> l.isEvent(topic0)).map(decode).toList();
    }

    /**
     * The one log of an event in a receipt, decoded.
     *
     * @throws HashMixException if the receipt holds none or several
     */
    public <T> T event(TxReceipt receipt, Event event, Function<LogEntry, T> decode) {
        List<T> all = events(receipt, event, decode);
        if (all.size() != 1) {
            throw new HashMixException("expected one " + event.getName() + " event from " + name + " in "
                    + receipt.transactionHash() + ", found " + all.size());
        }
        return all.get(0);
    }
}
