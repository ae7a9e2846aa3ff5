// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ZeroAddress} from "../common/Errors.sol";
import {ICollateralVault} from "../interfaces/ICollateralVault.sol";
import {ICreditScore} from "../interfaces/ICreditScore.sol";
import {IFrozenRedemption} from "../interfaces/IFrozenRedemption.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";
import {IHashPowerValuation} from "../interfaces/IHashPowerValuation.sol";
import {IRevenueClaims} from "../interfaces/IRevenueClaims.sol";
import {LendingBase} from "./LendingBase.sol";
import {LendingModule} from "./LendingModule.sol";
import {LendingOrders} from "./LendingOrders.sol";
import {LendingStorage, LoanStatus} from "./LendingStorage.sol";
import {LoanMath} from "./LoanMath.sol";

/**
 * @title HashPowerLending
 * @notice Self-repaying loans against hash power tokens. A loan starts from a signed order (EIP-712,
 * nothing escrowed before): a lender's {LoanOffer} for one token, a lender's {CollectionOffer} for
 * any token matching criteria (checked against the protocol's one valuation, {IHashPowerValuation}),
 * or a holder's {BorrowRequest}. Starting escrows the token here and sends the principal from the
 * lender to the borrower, in one transaction.
 *
 * While the token is escrowed this contract is its holder, so the fulfillment vault pays the
 * token's revenue here. {sweep} (anyone; {repay}, {refinance} and foreclosures sweep first) claims it
 * and applies it to interest, then principal; the lender is paid at once. When the debt reaches zero
 * the token goes back to the borrower, and any surplus is the borrower's. The loan currency is the
 * payout token the collateral's product pays in, so revenue repays debt in kind, with no conversion.
 *
 * Interest is simple and per second on the outstanding principal, kept exactly (scaled by
 * `365 days * 10_000`) and rounded up only when it is paid in full: at most one base unit against
 * the borrower per payment, whatever the number of accruals, and never above the loan's max repayment.
 *
 * A loan can be repaid at any time (interest to date only) and refinanced in one transaction by a
 * better offer (lower APR or a later maturity, never a higher APR, an earlier maturity or a higher
 * cap), which pays the old lender off while the token stays escrowed; a lender can be refinanced out
 * at most once per {MIN_REFINANCE_INTERVAL}, and a loan past its maturity or whose product is frozen
 * or defaulted cannot be refinanced (a started default is never reset).
 *
 * After maturity plus {GRACE_PERIOD}, or at once when the collateral's product is frozen or defaulted,
 * anyone may start a foreclosure: a descending-price auction of the token over {AUCTION_DURATION}.
 * The first bid at the current price wins; proceeds pay the debt, then the starter's bounty
 * ({FORECLOSURE_BOUNTY_BPS} of the debt), then the borrower. With no bid by the end the lender takes
 * the token ({claimCollateral}). Foreclosure never depends on a price: a stale valuation can stop new
 * loans but never forecloses one. A frozen product's escrowed token is redeemed at the hardware
 * registry by the first sweep, repayment or foreclosure step that touches its loan (its share of the
 * forfeited collateral, in the loan currency, is applied like revenue); the registry pays the holder
 * at the freeze, so this contract names its escrow holding, and a redemption anyone else made for that
 * holding is booked the same way. A token that was not in escrow when its product was frozen earns
 * its loan nothing from the redemption (its holder then is paid).
 *
 * Payments to lenders, borrowers and bounty takers are pushed with a gas cap; a push that fails (a
 * receiver that reverts or blacklists) is credited instead ({credit}, {withdraw}), so no recipient can
 * block a repayment, a sweep or an auction. This contract holds nothing but escrowed tokens and such
 * credits (and, for an instant, a redemption nobody booked yet).
 *
 * @dev See docs/lending.md for the terms, the valuation and the trust model.
 */
contract HashPowerLending is LendingOrders, AccessManaged, Pausable {
    using SafeERC20 for IERC20;

    /// @notice The module this contract runs refinances and foreclosures on, by `delegatecall`.
    LendingModule public immutable module;
    /// @notice Where product collateral is held: tells the currency a product pays revenue in.
    ICollateralVault public immutable collateralVault;

    /**
     * @notice Deploys the lending contract with EIP-712 domain ("HashMix", "1").
     * @dev Reverts with `ZeroAddress` and, if the module was built for other protocol contracts,
     * {ModuleMismatch}.
     * @param authority The protocol's AccessManager (its admin may {pause} new loans).
     * @param token_ The hash power token.
     * @param revenue_ The fulfillment vault (claims of escrowed tokens' revenue).
     * @param redemption_ The hardware registry (redemption of frozen products' tokens).
     * @param valuation_ The protocol's valuation.
     * @param creditScores_ The credit registry that offers' minimum scores are checked against, or
     * address(0) (offers asking for a minimum score are then refused).
     * @param module_ The refinance and foreclosure module, deployed with the same five contracts.
     * @param collateralVault_ The collateral vault.
     */
    constructor(
        address authority,
        IHashPowerToken token_,
        IRevenueClaims revenue_,
        IFrozenRedemption redemption_,
        IHashPowerValuation valuation_,
        ICreditScore creditScores_,
        LendingModule module_,
        ICollateralVault collateralVault_
    ) LendingBase(token_, revenue_, redemption_, valuation_, creditScores_) AccessManaged(authority) {
        if (address(module_) == address(0) || address(collateralVault_) == address(0)) revert ZeroAddress();
        if (
            module_.token() != token_ || module_.revenue() != revenue_ || module_.redemption() != redemption_
                || module_.valuation() != valuation_ || module_.creditScores() != creditScores_
        ) revert ModuleMismatch();
        module = module_;
        collateralVault = collateralVault_;
    }

    // ---------------------------------------------------------------------------------------
    // Starting loans
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Borrows against the caller's token on a lender's offer: escrows the token (approve this
     * contract on it first) and sends the principal from the lender (who approved this contract on
     * the currency) to the caller.
     * @dev Reverts with {LoanOrderExpired}, {StaleLoanCounter}, {LoanOrderCancelled},
     * {InvalidLoanSignature}, {TokenNonceMismatch}, {TokenUnitsMismatch}, {CollateralNotAccepted},
     * {BorrowerScoreTooLow} (an offer with a minimum credit score),
     * {InvalidLoanTerms}, {TermBeyondProduct}, {WrongCurrency}, `EnforcedPause`, and the token's and
     * currency's errors (`ERC721IncorrectOwner` when the caller does not own the token). Emits {LoanStarted}.
     * @param offer The lender's offer.
     * @param signature The lender's signature of {hashLoanOffer}.
     * @return loanId The new loan.
     */
    function borrow(LoanOffer calldata offer, bytes calldata signature)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 loanId)
    {
        bytes32 orderHash = hashLoanOffer(offer);
        _checkOrder(orderHash, offer.lender, offer.counter, offer.expiry, signature);
        IHashPowerToken.TokenData memory t = _tokenFor(offer.tokenId, offer.tokenNonce, offer.units);
        return _start(_offerLoan(offer, orderHash, msg.sender), t);
    }

    /**
     * @notice Lends on a holder's borrow request: escrows the borrower's token (the borrower approved
     * this contract on it) and sends the principal from the caller (approve the currency first).
     * @dev Reverts like {borrow}. Emits {LoanStarted}.
     * @param request The borrower's request.
     * @param signature The borrower's signature of {hashBorrowRequest}.
     * @return loanId The new loan.
     */
    function lend(BorrowRequest calldata request, bytes calldata signature)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 loanId)
    {
        bytes32 orderHash = hashBorrowRequest(request);
        _checkOrder(orderHash, request.borrower, request.counter, request.expiry, signature);
        IHashPowerToken.TokenData memory t = _tokenFor(request.tokenId, request.tokenNonce, request.units);
        return _start(
            NewLoan({
                lender: msg.sender,
                borrower: request.borrower,
                tokenId: request.tokenId,
                currency: request.currency,
                principal: request.principal,
                maxRepayment: request.maxRepayment,
                aprBps: request.aprBps,
                duration: request.duration,
                orderHash: orderHash,
                kind: KIND_BORROW_REQUEST
            }),
            t
        );
    }

    /**
     * @notice Borrows `principal` against the caller's token on a lender's collection offer. The token
     * must match the criteria and `principal` stay within the offer's max loan-to-value of the
     * token's valuation ({maxPrincipal}) and its principal left. The loan's max repayment is the
     * principal plus interest over the duration and the grace period.
     * @dev Reverts like {borrow}, plus {CollectionMismatch}, {LtvExceeded}, {OfferExhausted} and the
     * valuation's `PriceUnusable` (a stale or missing price stops new borrowing). Emits {LoanStarted}.
     * @param offer The lender's collection offer.
     * @param signature The lender's signature of {hashCollectionOffer}.
     * @param tokenId The caller's token.
     * @param principal The amount to borrow.
     * @return loanId The new loan.
     */
    function borrowFromCollectionOffer(
        CollectionOffer calldata offer,
        bytes calldata signature,
        uint256 tokenId,
        uint256 principal
    ) external nonReentrant whenNotPaused returns (uint256 loanId) {
        bytes32 orderHash = hashCollectionOffer(offer);
        IHashPowerToken.TokenData memory t = _useCollectionOffer(orderHash, offer, signature, tokenId, principal);
        return _start(_collectionLoan(offer, orderHash, msg.sender, tokenId, principal), t);
    }

    // ---------------------------------------------------------------------------------------
    // Revenue, repayment
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Claims the escrowed token's revenue for a loan and applies it to interest, then
     * principal (paid to the lender); the surplus is the borrower's. When the debt reaches zero the
     * token goes back to the borrower. On a closed loan it claims what the token earned while it was
     * escrowed and settled since, and the frozen redemption owed to its escrow holding if nothing booked
     * it yet: it pays the debt a foreclosure left unpaid, then the borrower.
     * Anyone may call.
     * @dev Reverts with {UnknownLoan}. Emits {RevenueSwept}, {DebtPaid}, {SurplusPaid},
     * {RedemptionBooked}, {PaymentCredited} and {LoanRepaid} as they happen.
     * @param loanId The loan.
     * @return claimed Revenue claimed.
     */
    function sweep(uint256 loanId) external nonReentrant returns (uint256 claimed) {
        LendingStorage.Loan storage loan = _loan(loanId);
        LoanStatus status = loan.status;
        if (status == LoanStatus.Active || status == LoanStatus.Auction) {
            claimed = _claimRevenue(loanId, loan);
            _collect(loanId, loan, claimed);
        } else {
            claimed = _claimClosed(loanId, loan);
            if (claimed != 0) {
                emit RevenueSwept(loanId, claimed);
                _distribute(loanId, loan, claimed, address(this));
            }
            _bookRedemption(loanId, loan);
        }
    }

    /**
     * @notice Repays a loan in full (the caller pays; approve this contract on the currency): sweeps
     * first, then pulls the debt left (interest to date only) and returns the token to the borrower.
     * Also allowed during a foreclosure auction, which it ends. Anyone may pay.
     * @dev Reverts with {UnknownLoan}, {LoanNotOpen} and the currency's errors. Emits the events of
     * {sweep}, {DebtPaid} and {LoanRepaid}.
     * @param loanId The loan.
     * @return paid What the caller paid (0 when revenue repaid the loan).
     */
    function repay(uint256 loanId) external nonReentrant returns (uint256 paid) {
        LendingStorage.Loan storage loan = _openLoan(loanId);
        if (_collect(loanId, loan, _claimRevenue(loanId, loan))) return 0;
        paid = LoanMath.debt(loan.principal, _interestScaled(loan), loan.capLeft);
        (uint256 toInterest, uint256 toPrincipal) = _applyPayment(loan, paid);
        address lender = loan.lender;
        address currency = _currencyOf(loan);
        _recordPayment(loan.borrower, lender, currency, paid);
        _payFrom(currency, msg.sender, lender, paid);
        emit DebtPaid(loanId, msg.sender, toInterest, toPrincipal, 0);
        _closeRepaid(loanId, loan);
    }

    // ---------------------------------------------------------------------------------------
    // Refinance (run by the module)
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Refinances a loan with a better loan offer for its escrowed token: the offer's lender
     * pays the old lender off while the token stays escrowed (see {LendingModule-refinance}).
     * Anyone may submit a valid offer.
     * @dev Checks the pause, then runs the module by `delegatecall`; reverts with `EnforcedPause` and
     * the module's errors. Emits {LoanRefinanced}. Arguments: the loan, the offer, the new lender's signature.
     */
    function refinance(uint256, LoanOffer calldata, bytes calldata) external whenNotPaused {
        _delegateToModule();
    }

    /**
     * @notice Refinances a loan with a better collection offer (see
     * {LendingModule-refinanceFromCollectionOffer}). Anyone may submit a valid offer.
     * @dev Checks the pause, then runs the module by `delegatecall`; reverts with `EnforcedPause` and
     * the module's errors. Emits {LoanRefinanced}. Arguments: the loan, the offer, the new lender's signature.
     */
    function refinanceFromCollectionOffer(uint256, CollectionOffer calldata, bytes calldata) external whenNotPaused {
        _delegateToModule();
    }

    // ---------------------------------------------------------------------------------------
    // Foreclosure (run by the module)
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Starts the foreclosure of a loan past its maturity plus `GRACE_PERIOD`, or at once if its
     * product is frozen or defaulted (see {LendingModule-startForeclosure}). Anyone may call.
     * @dev Runs the module by `delegatecall`; reverts with its errors ({UnknownLoan},
     * {LoanNotOpen}, {LoanNotForeclosable}). Emits {ForeclosureStarted} (or {LoanRepaid}).
     */
    function startForeclosure(uint256) external {
        _delegateToModule();
    }

    /**
     * @notice Buys a foreclosed token at the auction's current price if it is at most the given
     * maximum (see {LendingModule-bid}); approve this contract on the currency first.
     * @dev Runs the module by `delegatecall`; reverts with {UnknownLoan}, {LoanNotOpen},
     * {AuctionEnded}, {PriceAboveMax}. Emits {AuctionSettled}. Arguments: the loan, the most the caller pays.
     * @return The price paid (0 when revenue repaid the loan first and nothing was bought).
     */
    function bid(uint256, uint256) external returns (uint256) {
        _delegateToModule();
    }

    /**
     * @notice After an auction ended without a bid, gives the token to the lender (see
     * {LendingModule-claimCollateral}). Anyone may call.
     * @dev Runs the module by `delegatecall`; reverts with {UnknownLoan}, {LoanNotOpen},
     * {AuctionRunning}. Emits {CollateralClaimed}.
     */
    function claimCollateral(uint256) external {
        _delegateToModule();
    }

    // ---------------------------------------------------------------------------------------
    // Orders, credits, admin
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Cancels orders the caller signed, by their order hashes ({hashLoanOffer} &amp; co.): a
     * cancellation is recorded for the caller only, so nobody can cancel another maker's order (see
     * {LendingModule-cancel}).
     * @dev Runs the module by `delegatecall`. Emits {LoanOrderCancelledBy} per hash. Argument: the
     * orders' EIP-712 digests.
     */
    function cancel(bytes32[] calldata) external {
        _delegateToModule();
    }

    /**
     * @notice Bumps the caller's counter: every order it signed so far dies (see
     * {LendingModule-incrementCounter}).
     * @dev Runs the module by `delegatecall`. Emits {CounterIncremented}.
     * @return The new counter.
     */
    function incrementCounter() external returns (uint256) {
        _delegateToModule();
    }

    /**
     * @notice Sends the caller's credit of `currency` (payments whose push failed) to `to` (see
     * {LendingModule-withdraw}).
     * @dev Runs the module by `delegatecall`; reverts with `ZeroAddress`, `ZeroAmount` (nothing
     * credited) and the currency's errors. Emits {CreditWithdrawn}. Arguments: the currency, the recipient.
     * @return Amount sent.
     */
    function withdraw(address, address) external returns (uint256) {
        _delegateToModule();
    }

    /// @notice Stops new loans and refinances (a circuit breaker; repayments, sweeps and foreclosures
    /// keep working). Admin.
    function pause() external restricted {
        _pause();
    }

    /// @notice Resumes new loans and refinances. Admin.
    function unpause() external restricted {
        _unpause();
    }

    /**
     * @notice Sets the lenders' reward program of `currency` (address(0): none), which this contract
     * tells each lender's outstanding principal in `currency` whenever it changes (it must grant this
     * contract its `setStake`). Loans count from when they start (or are refinanced) while the
     * currency has a program; they keep counting if the program is replaced or removed, and a new
     * program learns a lender's stake at its next change or by {syncLenderStake}. Admin.
     * @dev Emits {LenderProgramSet}.
     * @param currency A loan currency.
     * @param program The program (a `HookStakeProgram`), or address(0).
     */
    function setLenderProgram(address currency, address program) external restricted {
        _s().currencyStates[currency].lenderProgram = program;
        emit LenderProgramSet(currency, program);
    }

    /**
     * @notice Tells the lenders' reward program of `currency` `lender`'s outstanding principal again
     * (after the program was set, or after it failed once). Anyone may call.
     * @dev Reverts with {StakeHookGasTooLow}. Emits {LenderProgramFailed} if the program reverts.
     * @param lender The lender.
     * @param currency The loan currency.
     */
    function syncLenderStake(address lender, address currency) external nonReentrant {
        _notifyLenderProgram(lender, currency, _s().lent[lender][currency]);
    }

    // ---------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Raw storage words of this contract, for the {LendingLens} (loans, auctions, orders,
     * credits, records live in the `LendingStorage` namespace).
     * @param startSlot First slot.
     * @param nSlots Number of consecutive slots.
     * @return values The words.
     */
    function extsload(bytes32 startSlot, uint256 nSlots) external view returns (bytes32[] memory values) {
        values = new bytes32[](nSlots);
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := add(values, 0x20)
            for { let i := 0 } lt(i, nSlots) { i := add(i, 1) } {
                mstore(add(ptr, mul(i, 0x20)), sload(add(startSlot, i)))
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Internal: starting
    // ---------------------------------------------------------------------------------------

    /// @dev Checks the terms, escrows the token, records the loan and pays the principal. The loan's
    /// id is the token's id and its nonce after the escrow (which moved it by one).
    function _start(NewLoan memory n, IHashPowerToken.TokenData memory t) private returns (uint256 loanId) {
        uint256 maturity = _checkTerms(n, t);
        address currency = n.currency;
        _requireCurrency(t.productId, currency);
        uint256 tokenId = n.tokenId;
        // token ids count up from 1 (far below 2^224): the id keeps both parts
        loanId = (tokenId << 32) | uint32(t.nonce + 1);
        token.transferFrom(n.borrower, address(this), tokenId);
        LendingStorage.Loan storage loan = _s().loans[loanId];
        loan.borrower = n.borrower;
        loan.lastAccrual = uint32(block.timestamp);
        loan.maturity = uint32(maturity);
        loan.aprBps = uint24(n.aprBps);
        loan.status = LoanStatus.Active;
        loan.lender = n.lender;
        loan.lenderSince = uint32(block.timestamp);
        bool staked;
        (loan.currencyId, staked) = _currencyId(currency);
        loan.staked = staked;
        loan.principal = SafeCast.toUint128(n.principal);
        loan.capLeft = SafeCast.toUint128(n.maxRepayment);
        _emitStarted(loanId, n, maturity);
        if (staked) _lent(n.lender, currency, n.principal, 0);
        IERC20(currency).safeTransferFrom(n.lender, n.borrower, n.principal);
    }

    /// @dev The currency must be what the product pays revenue in: its collateral token (the payout
    /// token of its asset class when it was minted; a registered payout token is money by
    /// construction), read from the collateral vault, or from the product if it locked no collateral.
    function _requireCurrency(uint256 productId, address currency) private view {
        (address expected,) = collateralVault.collateralOf(productId);
        if (expected == address(0)) expected = token.product(productId).collateralToken;
        if (currency != expected) revert WrongCurrency(expected, currency);
    }

    /// @dev The 1-based index of a currency in the currency table, added on its first loan.
    /// @dev The currency's id (given at its first loan) and whether it has a lenders' reward program.
    function _currencyId(address currency) private returns (uint16 id, bool staked) {
        LendingStorage.Layout storage st = _s();
        LendingStorage.CurrencyState memory c = st.currencyStates[currency];
        id = c.id;
        if (id == 0) {
            id = SafeCast.toUint16(++st.currencyCount);
            st.currencyStates[currency].id = id;
            st.currencies[id] = currency;
        }
        staked = c.lenderProgram != address(0);
    }

    function _emitStarted(uint256 loanId, NewLoan memory n, uint256 maturity) private {
        emit LoanStarted(
            loanId,
            n.tokenId,
            n.borrower,
            n.lender,
            n.currency,
            n.principal,
            n.maxRepayment,
            n.aprBps,
            uint64(maturity),
            n.orderHash,
            n.kind
        );
    }

    // ---------------------------------------------------------------------------------------
    // Internal: delegation
    // ---------------------------------------------------------------------------------------

    /// @dev Runs the same call on the module, in this contract's context, and returns
    /// or reverts with its result.
    function _delegateToModule() private {
        address target = address(module);
        // solhint-disable-next-line no-inline-assembly
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), target, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) { revert(0, returndatasize()) }
            return(0, returndatasize())
        }
    }
}
