package io.hashmix.examples.exchange;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.core.errors.ContractRevertException;
import io.hashmix.core.market.Fill;
import io.hashmix.core.market.ListingFill;
import io.hashmix.core.tx.SendOutcome;
import io.hashmix.core.tx.TransactionException;
import io.hashmix.core.tx.TransactionOutcomeUnknownException;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.market.OrderValidationException;

/**
 * Sends a {@link MatchPlan} as one {@code fillListings} transaction, with the write-ahead discipline that makes a
 * crash harmless: the settlements are committed as {@link SettlementState#SUBMITTED} before the transaction is
 * sent, and the transaction hash is recorded when the receipt comes back. Whatever happens in between (the
 * process dies, the node stops answering) leaves settlements that the {@link ChainFollower} resolves from the
 * {@code OrderFilled} events it finds for them (see {@link Settlements}).
 */
public final class Settler {

    private static final Logger log = LoggerFactory.getLogger(Settler.class);

    private final Settlements settlements;
    private final MarketPort port;

    /**
     * Creates the settler.
     *
     * @param settlements the settlement records
     * @param port the chain
     */
    public Settler(Settlements settlements, MarketPort port) {
        this.settlements = settlements;
        this.port = port;
    }

    /**
     * Settles a plan: write-ahead record, send, record the receipt. The market must already be allowed to take
     * the plan's cost in an ERC-20 currency ({@link MarketPort#ensureAllowance}).
     *
     * @param plan the plan
     * @return the outcome with the settlements as they stand
     * @throws CompletionException if the chain head cannot be read (nothing is recorded then)
     */
    public BuyResult settle(MatchPlan plan) {
        String requestId = UUID.randomUUID().toString();
        if (plan.isEmpty()) {
            return new BuyResult(requestId, plan, List.of(), BuyResult.Outcome.NOTHING_MATCHED, null);
        }
        long head = port.blockNumber().join();
        List<Settlement> rows = settlements.open(requestId, plan.legs(), head);
        List<Long> ids = rows.stream().map(Settlement::id).toList();
        log.info("request {}: sending {} listing fill(s), {} units for {}", requestId, rows.size(), plan.units(), plan.cost());

        List<Fill> fills;
        try {
            fills = port.fillListings(plan.legs().stream().map(l -> new ListingFill(l.listing().signed(), l.units())).toList()).join();
        } catch (RuntimeException e) {
            Throwable cause = unwrap(e);
            if (certainlyNotFilled(cause)) {
                log.warn("request {} failed: {}", requestId, cause.toString());
                settlements.markFailed(ids, cause.toString());
                return new BuyResult(requestId, plan, settlements.ofRequest(requestId), BuyResult.Outcome.FAILED, cause.toString());
            }
            // MarketPort.fillListings sends approvals before the fill and reports their failures as NotSentException,
            // so an unknown outcome here (a receipt timeout, or the node lost after the send) names the fill transaction
            // itself. Other failures (e.g. decoding the receipt) carry no hash: the legs are linked to their fill by order
            // and units (see Settlements).
            String tx = cause instanceof TransactionOutcomeUnknownException unknown ? unknown.transactionHash() : null;
            log.warn("request {} in doubt (the chain follower will resolve it): {}", requestId, cause.toString());
            settlements.markInDoubt(ids, tx, cause.toString());
            return new BuyResult(requestId, plan, settlements.ofRequest(requestId), BuyResult.Outcome.IN_DOUBT, cause.toString());
        }
        for (Settlement row : rows) {
            Fill fill = fills.stream().filter(f -> f.orderHash().equals(row.orderHash())).findFirst().orElse(null);
            if (fill == null) {
                settlements.markInDoubt(List.of(row.id()), null, "the receipt has no fill of this listing");
            } else {
                settlements.markMined(row.id(), fill.receipt().transactionHash());
            }
        }
        log.info("request {} mined in {}", requestId, fills.isEmpty() ? "?" : fills.get(0).receipt().transactionHash());
        return new BuyResult(requestId, plan, settlements.ofRequest(requestId), BuyResult.Outcome.FILLED, null);
    }

    /**
     * Whether a failure proves the fill did not happen: a revert (at simulation, estimate, send or in the mined
     * receipt), a transaction the SDK knows was not sent or was dropped ({@link TransactionException} with an outcome
     * other than {@link SendOutcome#UNKNOWN}, e.g. a refusal by the node), input the SDK refused before sending, or a
     * failure before the fill transaction was sent ({@link MarketPort.NotSentException}, e.g. its approval timed out).
     * Anything else (a receipt timeout, a lost connection) may have happened after the transaction went out.
     *
     * @param cause the failure
     * @return true if nothing was filled
     */
    static boolean certainlyNotFilled(Throwable cause) {
        return cause instanceof ContractRevertException
                || (cause instanceof TransactionException te && te.outcome() != SendOutcome.UNKNOWN)
                || cause instanceof InvalidRequestException || cause instanceof OrderValidationException
                || cause instanceof ProofJsonException || cause instanceof IllegalArgumentException
                || cause instanceof MarketPort.NotSentException;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
