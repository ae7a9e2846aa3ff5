package io.hashmix.core.testing;

import java.math.BigInteger;

import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.TestPayoutToken;
import io.hashmix.core.HashMix;
import io.hashmix.core.tx.TxRequest;
import io.hashmix.proofs.EvmAddress;

/** Calls of the dev payout token, encoded with its generated wrapper. */
public final class TestTokens {

    private final EvmAddress address;
    private final TestPayoutToken token;

    /** The token of a client's deployment. */
    public TestTokens(HashMix hm) {
        this(hm.deployment().orElseThrow().contract(ProtocolContract.TEST_PAYOUT_TOKEN).address());
    }

    /** A token at an address. */
    public TestTokens(EvmAddress address) {
        this.address = address;
        this.token = TestPayoutToken.load(address.hex(), null, new ReadonlyTransactionManager(null, address.hex()),
                new DefaultGasProvider());
    }

    /** The token's address. */
    public EvmAddress address() {
        return address;
    }

    /** A mint request (owner only). */
    public TxRequest mint(EvmAddress to, long amount) {
        return TxRequest.call(address, token.mint(to.hex(), BigInteger.valueOf(amount)).encodeFunctionCall(), "TestPayoutToken.mint");
    }

    /** The token balance of an account. */
    public BigInteger balanceOf(HashMix hm, EvmAddress account) {
        var fn = token.balanceOf(account.hex());
        String hex = hm.calls().call(null, TxRequest.call(address, fn.encodeFunctionCall(), "TestPayoutToken.balanceOf")).join();
        return (BigInteger) fn.decodeFunctionResponse(hex).get(0).getValue();
    }

    /** The total supply. */
    public BigInteger totalSupply(HashMix hm) {
        var fn = token.totalSupply();
        String hex = hm.calls().call(null, TxRequest.call(address, fn.encodeFunctionCall(), "TestPayoutToken.totalSupply")).join();
        return (BigInteger) fn.decodeFunctionResponse(hex).get(0).getValue();
    }
}
