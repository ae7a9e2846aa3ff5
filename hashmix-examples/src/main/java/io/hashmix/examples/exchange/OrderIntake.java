package io.hashmix.examples.exchange;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hashmix.core.errors.ContractRevertException;
import io.hashmix.core.market.FillProblem;
import io.hashmix.core.market.Fillability;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.market.CriteriaOffer;
import io.hashmix.proofs.market.Listing;
import io.hashmix.proofs.market.Offer;
import io.hashmix.proofs.market.OrderValidationException;
import io.hashmix.proofs.market.OrderValidator;
import io.hashmix.proofs.market.SignedOrder;
import io.hashmix.proofs.market.SwapOrder;

/**
 * Takes signed orders as JSON ({@code OrderJson}) into the book: parse and validate offline (domain, terms,
 * expiry, signature), then ask the chain whether the order can be filled now ({@code checkFillable}) and which
 * asset class its token is of, then store it. Every refusal is a {@link IntakeResult.Rejected} with a
 * {@link RejectReason}; nothing throws for bad input. Submitting the same order again is harmless.
 */
public final class OrderIntake {

    private static final Logger log = LoggerFactory.getLogger(OrderIntake.class);

    /** Longer JSON is refused unread: a signed order is well under 2 KiB. */
    static final int MAX_JSON_CHARS = 16 * 1024;

    private final OrderBook book;
    private final MarketPort port;
    private final OrderValidator validator;
    private final Clock clock;

    /**
     * Creates the intake.
     *
     * @param book where accepted orders go
     * @param port the chain
     * @param clock the clock expiries are checked against
     */
    public OrderIntake(OrderBook book, MarketPort port, Clock clock) {
        this.book = book;
        this.port = port;
        this.validator = port.validator(clock);
        this.clock = clock;
    }

    /**
     * Validates a signed order and adds it to the book.
     *
     * @param json the signed order as {@code OrderJson} writes it
     * @return accepted (maybe a duplicate) or rejected with a reason
     */
    public IntakeResult submit(String json) {
        if (json == null || json.isBlank()) {
            return reject(RejectReason.MALFORMED, "empty body");
        }
        if (json.length() > MAX_JSON_CHARS) {
            return reject(RejectReason.MALFORMED, "order JSON longer than " + MAX_JSON_CHARS + " characters");
        }
        SignedOrder signed;
        try {
            signed = validator.validateJson(json);
        } catch (OrderValidationException e) {
            return reject(RejectReason.of(e.reason()), e.getMessage());
        } catch (ProofJsonException | IllegalArgumentException e) {
            return reject(RejectReason.MALFORMED, e.getMessage());
        }
        if (signed.order() instanceof SwapOrder) {
            return reject(RejectReason.UNSUPPORTED_KIND, "swap orders are peer to peer: the book holds listings, offers and criteria offers");
        }
        Bytes32 hash = signed.digest();
        var known = book.find(hash);
        if (known.isPresent()) {
            return new IntakeResult.Accepted(known.get(), true);
        }
        Fillability fillability;
        AssetClassId assetClass;
        try {
            fillability = port.checkFillable(List.of(signed)).join().get(0);
            if (!fillability.fillable()) {
                return new IntakeResult.Rejected(RejectReason.NOT_FILLABLE, fillability.problems(),
                        "the chain refuses this order now: " + fillability.problems());
            }
            assetClass = assetClassOf(signed);
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof ContractRevertException) {
                // the token read reverted: the token does not exist (burnt by a split or merge, or never minted)
                return new IntakeResult.Rejected(RejectReason.NOT_FILLABLE, List.of(FillProblem.TOKEN_GONE),
                        "the order's token cannot be read: " + cause.getMessage());
            }
            log.warn("order {}: chain check failed: {}", hash, cause.toString());
            return reject(RejectReason.CHAIN_UNAVAILABLE, cause.toString());
        }
        OrderBook.Insert insert = book.insert(signed, assetClass, clock.instant());
        if (insert.created()) {
            log.info("accepted {} {} of {} ({} units at {})", signed.kind().jsonName(), hash, signed.order().maker(),
                    insert.order().units(), insert.order().pricePerUnit());
        }
        return new IntakeResult.Accepted(insert.order(), !insert.created());
    }

    private AssetClassId assetClassOf(SignedOrder signed) {
        return switch (signed.order()) {
            case Listing l -> port.assetClassOf(l.tokenId()).join();
            case Offer o -> port.assetClassOf(o.tokenId()).join();
            case CriteriaOffer c -> c.assetClass();
            case SwapOrder s -> throw new IllegalStateException("swap orders are refused before");
        };
    }

    private static IntakeResult reject(RejectReason reason, String detail) {
        log.debug("rejected ({}): {}", reason, detail);
        return new IntakeResult.Rejected(reason, List.of(), detail);
    }
}
