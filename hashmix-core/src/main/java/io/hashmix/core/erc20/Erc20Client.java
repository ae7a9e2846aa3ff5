package io.hashmix.core.erc20;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

import io.hashmix.core.rpc.RpcProtocolException;
import io.hashmix.core.InvalidRequestException;
import io.hashmix.core.internal.ClientContext;
import io.hashmix.core.tx.ContractCalls;
import io.hashmix.core.tx.TransactionSender;
import io.hashmix.core.tx.TxReceipt;
import io.hashmix.core.tx.TxRequest;
import io.hashmix.proofs.EvmAddress;

/**
 * The currencies the protocol pays in: the few ERC-20 calls the SDK needs around payout tokens,
 * collateral and market prices (balance, allowance, approve, transfer), and the native coin's balance
 * (the market's and lending's currency {@code address(0)}). Thread-safe.
 */
public final class Erc20Client {

    private final ContractCalls calls;
    private final TransactionSender sender;

    /**
     * Built by {@link io.hashmix.core.HashMix}, which hands it out as
     * {@link io.hashmix.core.HashMix#erc20()}; not public API: the context is the SDK's
     * internal wiring, so applications get the client from {@code HashMix.builder()...build()}.
     *
     * @param context the SDK's plumbing (read-only calls, and the transaction layer unless read-only); no
     *                deployment needed
     */
    public Erc20Client(ClientContext context) {
        this.calls = context.calls();
        this.sender = context.sender();
    }

    /** The token balance of an account. */
    public CompletableFuture<BigInteger> balanceOf(EvmAddress token, EvmAddress account) {
        return readUint(token, new Function("balanceOf", List.of(new Address(account.hex())), List.of(new TypeReference<Uint256>() { })));
    }

    /**
     * The native-coin balance of an account (ETH on Ethereum), in wei: what a native-currency listing,
     * loan or fee is paid in.
     *
     * @param account the account
     * @return its balance at the latest block
     */
    public CompletableFuture<BigInteger> nativeBalance(EvmAddress account) {
        return calls.balance(account);
    }

    /** The token's total supply. */
    public CompletableFuture<BigInteger> totalSupply(EvmAddress token) {
        return readUint(token, new Function("totalSupply", List.of(), List.of(new TypeReference<Uint256>() { })));
    }

    /** How much {@code spender} may take from {@code owner}. */
    public CompletableFuture<BigInteger> allowance(EvmAddress token, EvmAddress owner, EvmAddress spender) {
        return readUint(token, new Function("allowance", List.of(new Address(owner.hex()), new Address(spender.hex())),
                List.of(new TypeReference<Uint256>() { })));
    }

    /** Approves {@code spender} for exactly {@code amount}. */
    public CompletableFuture<TxReceipt> approve(EvmAddress token, EvmAddress spender, BigInteger amount) {
        return send(token, new Function("approve", List.of(new Address(spender.hex()), new Uint256(amount)), List.of()), "approve");
    }

    /** Transfers {@code amount} to {@code to}. */
    public CompletableFuture<TxReceipt> transfer(EvmAddress token, EvmAddress to, BigInteger amount) {
        return send(token, new Function("transfer", List.of(new Address(to.hex()), new Uint256(amount)), List.of()), "transfer");
    }

    /**
     * Makes sure {@code spender} may take {@code amount} from this SDK's account, approving exactly
     * {@code amount} only if the current allowance is smaller.
     *
     * @return the approval receipt, or {@code null} if none was needed
     */
    public CompletableFuture<TxReceipt> ensureAllowance(EvmAddress token, EvmAddress spender, BigInteger amount) {
        if (sender == null) {
            return readOnly("approve");
        }
        return allowance(token, sender.sender(), spender).thenCompose(current -> current.compareTo(amount) >= 0
                ? CompletableFuture.completedFuture(null)
                : approve(token, spender, amount));
    }

    private CompletableFuture<BigInteger> readUint(EvmAddress token, Function fn) {
        return calls.call(null, TxRequest.call(token, FunctionEncoder.encode(fn), "ERC20." + fn.getName()))
                .thenApply(hex -> {
                    List<Type> values = FunctionReturnDecoder.decode(hex, fn.getOutputParameters());
                    if (values.isEmpty()) {
                        throw new RpcProtocolException(token + " answered " + fn.getName() + " with no data: not an ERC-20?");
                    }
                    return (BigInteger) values.get(0).getValue();
                });
    }

    private CompletableFuture<TxReceipt> send(EvmAddress token, Function fn, String label) {
        if (sender == null) {
            return readOnly(label);
        }
        return sender.send(TxRequest.call(token, FunctionEncoder.encode(fn), "ERC20." + label));
    }

    private static CompletableFuture<TxReceipt> readOnly(String what) {
        return CompletableFuture.failedFuture(new InvalidRequestException(
                "ERC20." + what + " needs credentials: this HashMix instance is read-only"));
    }
}
