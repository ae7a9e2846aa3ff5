// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ZeroAddress, ZeroAmount} from "../common/Errors.sol";
import {Transfers} from "../common/Transfers.sol";
import {ICreditScore} from "../interfaces/ICreditScore.sol";
import {IFrozenRedemption} from "../interfaces/IFrozenRedemption.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";
import {IHashPowerValuation} from "../interfaces/IHashPowerValuation.sol";
import {IRevenueClaims} from "../interfaces/IRevenueClaims.sol";
import {LendingBase} from "./LendingBase.sol";
import {LendingOrders} from "./LendingOrders.sol";
import {LendingStorage, LoanStatus} from "./LendingStorage.sol";
import {LoanMath} from "./LoanMath.sol";

/**
 * @title LendingModule
 * @notice What happens to a {HashPowerLending} loan after it starts, besides sweeps and repayment:
 * refinancing ({refinance}, {refinanceFromCollectionOffer}) and foreclosure ({startForeclosure}, the
 * descending-price auction {bid}, the lender's {claimCollateral} of an unsold token), and the makers'
 * order cancellations ({cancel}, {incrementCounter}) and credit withdrawals ({withdraw}).
 *
 * A separately deployed module that the lending contract runs by `delegatecall` (its functions of
 * the same names forward here, the refinances after checking the pause), on the lending contract's
 * storage namespace, tokens and balances, under its re-entrancy lock. Called directly it acts on its
 * own storage, which holds no loans, orders or credits. Split out only to keep each contract under the
 * protocol's code size limit.
 */
contract LendingModule is LendingOrders {
    using SafeERC20 for IERC20;

    /**
     * @param token_ The hash power token.
     * @param revenue_ The fulfillment vault.
     * @param redemption_ The hardware registry.
     * @param valuation_ The protocol's valuation.
     * @param creditScores_ The credit registry, or address(0).
     */
    constructor(
        IHashPowerToken token_,
        IRevenueClaims revenue_,
        IFrozenRedemption redemption_,
        IHashPowerValuation valuation_,
        ICreditScore creditScores_
    ) LendingBase(token_, revenue_, redemption_, valuation_, creditScores_) {}

    // ---------------------------------------------------------------------------------------
    // Refinance
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Refinances a loan with a better loan offer for its escrowed token: the offer's lender
     * pays the old lender off (principal and interest to date, after a sweep) and becomes the lender;
     * the token stays escrowed. The offer's APR must not be higher and its maturity (now + duration)
     * not earlier, and one of them strictly better; the cap on what the borrower still owes never
     * rises. Anyone may submit a valid offer.
     * @dev Reverts with {UnknownLoan}, {LoanNotOpen}, {RefinanceTooSoon}, {LoanNotCurrent}, the order
     * errors of {borrow}, {WrongToken}, {TermsNotBetter}, {TermBeyondProduct}, {RefinanceTooSmall},
     * {InvalidLoanTerms}, `EnforcedPause` (checked by the lending contract). Emits {LoanRefinanced}
     * (after the events of a sweep).
     * @param loanId The loan.
     * @param offer A loan offer for the escrowed token (its nonce and units while escrowed).
     * @param signature The new lender's signature.
     */
    function refinance(uint256 loanId, LoanOffer calldata offer, bytes calldata signature)
        external
        nonReentrant
    {
        LendingStorage.Loan storage loan = _refinanceable(loanId);
        bytes32 orderHash = hashLoanOffer(offer);
        _checkOrder(orderHash, offer.lender, offer.counter, offer.expiry, signature);
        LendingStorage.OrderState storage state = _s().orders[orderHash];
        if (state.used) revert LoanOrderUsed(orderHash);
        state.used = true;
        uint256 tokenId = _tokenOf(loanId);
        if (offer.tokenId != tokenId) revert WrongToken(tokenId, offer.tokenId);
        IHashPowerToken.TokenData memory t = _tokenFor(tokenId, offer.tokenNonce, offer.units);
        _refinance(loanId, loan, t, _offerLoan(offer, orderHash, loan.borrower));
    }

    /**
     * @notice Refinances a loan with a better collection offer (see {refinance}); the payoff counts
     * against the offer's principal left and its max loan-to-value. The new cap is the payoff plus
     * interest over the duration and the grace period (never above the old cap).
     * @dev Reverts like {refinance}, plus {CollectionMismatch}, {LtvExceeded}, {OfferExhausted} and
     * `PriceUnusable`. Emits {LoanRefinanced}.
     * @param loanId The loan.
     * @param offer The collection offer.
     * @param signature The new lender's signature.
     */
    function refinanceFromCollectionOffer(uint256 loanId, CollectionOffer calldata offer, bytes calldata signature)
        external
        nonReentrant
    {
        LendingStorage.Loan storage loan = _refinanceable(loanId);
        if (_collect(loanId, loan, _claimRevenue(loanId, loan))) return;
        uint256 payoff = LoanMath.debt(loan.principal, _interestScaled(loan), loan.capLeft);
        bytes32 orderHash = hashCollectionOffer(offer);
        NewLoan memory n = _collectionLoan(offer, orderHash, loan.borrower, _tokenOf(loanId), payoff);
        IHashPowerToken.TokenData memory t = _useCollectionOffer(orderHash, offer, signature, n.tokenId, payoff);
        _refinanceSwept(loanId, loan, t, n, payoff);
    }

    // ---------------------------------------------------------------------------------------
    // Foreclosure
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Starts the foreclosure of a loan past its maturity plus {GRACE_PERIOD}, or at once if its
     * product is frozen or defaulted: sweeps (and, for a frozen product, redeems the token's share of
     * the forfeited collateral), then, if debt remains, starts a descending-price auction of the
     * token. Interest stops at the auction's start. The caller earns the bounty from proceeds above
     * the debt. Anyone may call; no price is needed.
     * @dev Reverts with {UnknownLoan}, {LoanNotOpen} (not `Active`), {LoanNotForeclosable}. Emits the
     * events of {sweep} and {ForeclosureStarted} (or {LoanRepaid} when the sweep paid the debt).
     * @param loanId The loan.
     */
    function startForeclosure(uint256 loanId) external nonReentrant {
        LendingStorage.Loan storage loan = _loan(loanId);
        if (loan.status != LoanStatus.Active) revert LoanNotOpen(loanId, loan.status);
        IHashPowerToken.TokenData memory t = token.tokenData(_tokenOf(loanId));
        if (!t.frozen && !t.defaulted && block.timestamp <= uint256(loan.maturity) + GRACE_PERIOD) {
            revert LoanNotForeclosable(loanId);
        }
        if (_collect(loanId, loan, _claimRevenue(loanId, loan))) return;
        // interest stops here: carry it, then freeze the debt the auction is priced on
        loan.interestScaled = _interestScaled(loan);
        loan.lastAccrual = uint32(block.timestamp);
        loan.status = LoanStatus.Auction;
        uint256 debt = LoanMath.debt(loan.principal, loan.interestScaled, loan.capLeft);
        uint256 startPrice = _startPrice(debt, _tokenOf(loanId), t.assetClass);
        uint256 floorPrice = Math.mulDiv(debt, AUCTION_FLOOR_BPS, _BPS);
        _s().auctions[loanId] = LendingStorage.Auction({
            initiator: msg.sender,
            start: uint32(block.timestamp),
            startPrice: SafeCast.toUint128(startPrice),
            floorPrice: SafeCast.toUint128(floorPrice)
        });
        emit ForeclosureStarted(
            loanId, msg.sender, debt, startPrice, floorPrice, uint64(block.timestamp + AUCTION_DURATION)
        );
    }

    /**
     * @notice Buys a foreclosed token at the auction's current price ({currentPrice}), if it is at
     * most `maxPrice` (approve this contract on the currency first). Sweeps first: if revenue repaid
     * the loan, nothing is bought and 0 is returned. Proceeds pay the debt, then the bounty, then the
     * borrower; debt they leave unpaid is bad debt (late revenue of the escrow time still pays it).
     * @dev Reverts with {UnknownLoan}, {LoanNotOpen} (not `Auction`), {AuctionEnded}, {PriceAboveMax},
     * and the currency's errors. Emits {DebtPaid} and {AuctionSettled}.
     * @param loanId The loan.
     * @param maxPrice The most the caller pays.
     * @return price What the caller paid.
     */
    function bid(uint256 loanId, uint256 maxPrice) external nonReentrant returns (uint256 price) {
        LendingStorage.Loan storage loan = _loan(loanId);
        if (loan.status != LoanStatus.Auction) revert LoanNotOpen(loanId, loan.status);
        LendingStorage.Auction memory a = _s().auctions[loanId];
        uint256 endsAt = uint256(a.start) + AUCTION_DURATION;
        if (block.timestamp >= endsAt) revert AuctionEnded(loanId, uint64(endsAt));
        if (_collect(loanId, loan, _claimRevenue(loanId, loan))) return 0;
        price = LoanMath.auctionPrice(a.startPrice, a.floorPrice, block.timestamp - a.start, AUCTION_DURATION);
        if (price > maxPrice) revert PriceAboveMax(price, maxPrice);
        Transfers.pullExact(IERC20(_currencyOf(loan)), msg.sender, price);
        _settleAuction(loanId, loan, a.initiator, price);
        token.transferFrom(address(this), msg.sender, _tokenOf(loanId));
    }

    /**
     * @notice After an auction ended without a bid, gives the token to the lender. The debt left is
     * bad debt (late revenue of the escrow time still pays it). Anyone may call. Sweeps first: if
     * revenue repaid the loan, the token goes back to the borrower instead.
     * @dev Reverts with {UnknownLoan}, {LoanNotOpen} (not `Auction`), {AuctionRunning}. Emits
     * {CollateralClaimed}.
     * @param loanId The loan.
     */
    function claimCollateral(uint256 loanId) external nonReentrant {
        LendingStorage.Loan storage loan = _loan(loanId);
        if (loan.status != LoanStatus.Auction) revert LoanNotOpen(loanId, loan.status);
        uint256 endsAt = uint256(_s().auctions[loanId].start) + AUCTION_DURATION;
        if (block.timestamp < endsAt) revert AuctionRunning(loanId, uint64(endsAt));
        if (_collect(loanId, loan, _claimRevenue(loanId, loan))) return;
        uint256 debt = LoanMath.debt(loan.principal, loan.interestScaled, loan.capLeft);
        uint256 badDebt = _closeDefaulted(loanId, loan, LoanStatus.Claimed, debt);
        address lender = loan.lender;
        emit CollateralClaimed(loanId, lender, badDebt);
        token.transferFrom(address(this), lender, _tokenOf(loanId));
    }

    // ---------------------------------------------------------------------------------------
    // Orders and credits
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Cancels orders the caller signed, by their order hashes ({hashLoanOffer} &amp; co.): a
     * cancellation is recorded for the caller only, so nobody can cancel another maker's order.
     * @dev Emits {LoanOrderCancelledBy} per hash.
     * @param orderHashes The orders' EIP-712 digests.
     */
    function cancel(bytes32[] calldata orderHashes) external {
        for (uint256 i = 0; i < orderHashes.length; ++i) {
            _s().cancelled[msg.sender][orderHashes[i]] = true;
            emit LoanOrderCancelledBy(orderHashes[i], msg.sender);
        }
    }

    /**
     * @notice Bumps the caller's counter: every order it signed so far dies.
     * @dev Emits {CounterIncremented}.
     * @return The new counter.
     */
    function incrementCounter() external returns (uint256) {
        uint256 c = ++_s().counters[msg.sender];
        emit CounterIncremented(msg.sender, c);
        return c;
    }

    /**
     * @notice Sends the caller's credit of `currency` (payments whose push failed) to `to`.
     * @dev Reverts with `ZeroAddress`, `ZeroAmount` (nothing credited) and the currency's errors.
     * Emits {CreditWithdrawn}.
     * @param currency The currency.
     * @param to The recipient.
     * @return amount Amount sent.
     */
    function withdraw(address currency, address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert ZeroAddress();
        amount = _s().credits[msg.sender][currency];
        if (amount == 0) revert ZeroAmount();
        _s().credits[msg.sender][currency] = 0;
        emit CreditWithdrawn(msg.sender, currency, to, amount);
        IERC20(currency).safeTransfer(to, amount);
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    /// @dev Pays the proceeds of a sale held here: the debt (to the lender), then the starter's bounty,
    /// then the borrower; closes the loan as sold.
    function _settleAuction(uint256 loanId, LendingStorage.Loan storage loan, address initiator, uint256 price)
        internal
    {
        uint256 debtBefore = LoanMath.debt(loan.principal, loan.interestScaled, loan.capLeft);
        uint256 toLender = price < debtBefore ? price : debtBefore;
        if (toLender != 0) _payDebt(loanId, loan, toLender, msg.sender);
        uint256 rest = price - toLender;
        uint256 maxBounty = Math.mulDiv(debtBefore, FORECLOSURE_BOUNTY_BPS, _BPS);
        uint256 bounty = rest < maxBounty ? rest : maxBounty;
        address currency = _currencyOf(loan);
        _pay(currency, initiator, bounty);
        _pay(currency, loan.borrower, rest - bounty);
        uint256 badDebt = _closeDefaulted(loanId, loan, LoanStatus.Sold, debtBefore);
        emit AuctionSettled(loanId, msg.sender, price, toLender, bounty, rest - bounty, badDebt);
    }

    /// @dev A loan that may be refinanced now: active, within its term, its lender held for the
    /// minimum interval.
    function _refinanceable(uint256 loanId) internal view returns (LendingStorage.Loan storage loan) {
        loan = _loan(loanId);
        if (loan.status != LoanStatus.Active) revert LoanNotOpen(loanId, loan.status);
        if (block.timestamp > loan.maturity) revert LoanNotCurrent(loanId);
        uint256 allowedAt = uint256(loan.lenderSince) + MIN_REFINANCE_INTERVAL;
        if (block.timestamp < allowedAt) revert RefinanceTooSoon(loanId, uint64(allowedAt));
    }

    /// @dev Refinance with a loan offer: sweeps, then pays the old lender off from the offer's principal.
    function _refinance(
        uint256 loanId,
        LendingStorage.Loan storage loan,
        IHashPowerToken.TokenData memory t,
        NewLoan memory n
    ) internal {
        if (_collect(loanId, loan, _claimRevenue(loanId, loan))) return;
        uint256 payoff = LoanMath.debt(loan.principal, _interestScaled(loan), loan.capLeft);
        if (n.principal < payoff) revert RefinanceTooSmall(payoff, n.principal);
        _refinanceSwept(loanId, loan, t, n, payoff);
    }

    /// @dev Refinance after the sweep: checks the better terms and moves the loan to the new lender.
    function _refinanceSwept(
        uint256 loanId,
        LendingStorage.Loan storage loan,
        IHashPowerToken.TokenData memory t,
        NewLoan memory n,
        uint256 payoff
    ) internal {
        if (n.maxRepayment < payoff) revert RefinanceTooSmall(payoff, n.maxRepayment);
        // the principal is the old loan's: check the other terms against a principal the order allows
        n.principal = payoff;
        uint256 maturity = _checkTerms(n, t);
        address currency = _currencyOf(loan);
        if (n.currency != currency) revert WrongCurrency(currency, n.currency);
        uint256 oldApr = loan.aprBps;
        uint256 oldMaturity = loan.maturity;
        if (n.aprBps > oldApr || maturity < oldMaturity || (n.aprBps == oldApr && maturity == oldMaturity)) {
            revert TermsNotBetter(loanId);
        }
        address oldLender = loan.lender;
        // from here `n` carries the new loan: payoff as principal, maturity as duration, cap as max repayment
        n.duration = maturity;
        n.maxRepayment = _moveLoan(loan, n, maturity);
        // the loan's principal moves to the new lender (the interest to date is the old lender's payoff);
        // it counts for the new lender if the currency has a lenders' program now
        uint256 principal = loan.principal;
        if (loan.staked) _lent(oldLender, currency, 0, principal);
        bool staked = _s().currencyStates[currency].lenderProgram != address(0);
        loan.staked = staked;
        if (staked) _lent(n.lender, currency, principal, 0);
        LendingStorage.LenderCounts storage c = _s().lenderCounts[oldLender][currency];
        ++c.paidOff;
        c.amountReceived += uint192(payoff);
        _emitRefinanced(loanId, oldLender, n);
        _payFrom(currency, n.lender, oldLender, payoff);
    }

    function _emitRefinanced(uint256 loanId, address oldLender, NewLoan memory n) internal {
        emit LoanRefinanced(
            loanId, oldLender, n.lender, n.principal, n.aprBps, uint64(n.duration), n.maxRepayment, n.orderHash, n.kind
        );
    }

    /// @dev Gives the loan its new lender and terms; interest to date is carried, rounded up to a
    /// whole base unit (what the old lender is paid). Returns the new cap: never above the old one.
    function _moveLoan(LendingStorage.Loan storage loan, NewLoan memory n, uint256 maturity)
        internal
        returns (uint256 capLeft)
    {
        uint256 interest = Math.ceilDiv(_interestScaled(loan), LoanMath.YEAR_BPS);
        loan.interestScaled = interest * LoanMath.YEAR_BPS;
        loan.lastAccrual = uint32(block.timestamp);
        capLeft = loan.capLeft < n.maxRepayment ? loan.capLeft : n.maxRepayment;
        loan.lender = n.lender;
        loan.aprBps = uint24(n.aprBps);
        loan.maturity = uint32(maturity);
        loan.lenderSince = uint32(block.timestamp);
        loan.capLeft = uint128(capLeft);
    }


    /// @dev The auction's start price: twice the debt, raised to the token's valuation (converted to
    /// the currency) when the valuation answers, capped at {AUCTION_START_CAP_BPS} of the debt. A
    /// stale price, a revert or a malformed answer only means no raise: foreclosure never waits for a price.
    function _startPrice(uint256 debt, uint256 tokenId, bytes32 assetClass) internal view returns (uint256 price) {
        price = Math.mulDiv(debt, AUCTION_START_BPS, _BPS);
        (bool okValue, uint256 value) = _tryView(abi.encodeCall(IHashPowerValuation.valueOf, (tokenId)));
        (bool okPrice, uint256 unitPrice) =
            _tryView(abi.encodeCall(IHashPowerValuation.payoutTokenPrice, (assetClass)));
        if (!okValue || !okPrice || unitPrice == 0) return price;
        uint256 inCurrency = value / unitPrice;
        if (inCurrency > price) {
            uint256 cap = Math.mulDiv(debt, AUCTION_START_CAP_BPS, _BPS);
            price = inCurrency < cap ? inCurrency : cap;
        }
    }

    /// @dev A gas-capped static call to the valuation answering one word.
    function _tryView(bytes memory data) internal view returns (bool ok, uint256 word) {
        address target = address(valuation);
        uint256 gasLimit = VALUATION_GAS;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let success := staticcall(gasLimit, target, add(data, 0x20), mload(data), 0x00, 0x20)
            ok := and(success, gt(returndatasize(), 31))
            word := mload(0x00)
        }
    }
}
