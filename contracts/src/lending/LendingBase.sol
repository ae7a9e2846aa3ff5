// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ZeroAddress} from "../common/Errors.sol";
import {Transfers} from "../common/Transfers.sol";
import {ICreditScore} from "../interfaces/ICreditScore.sol";
import {IFrozenRedemption} from "../interfaces/IFrozenRedemption.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";
import {IHashPowerValuation} from "../interfaces/IHashPowerValuation.sol";
import {IHoldingHistory} from "../interfaces/IHoldingHistory.sol";
import {IRevenueClaims} from "../interfaces/IRevenueClaims.sol";
import {IStakeHook} from "../interfaces/IStakeHook.sol";
import {LendingStorage, LoanStatus} from "./LendingStorage.sol";
import {LoanMath} from "./LoanMath.sol";

/**
 * @title LendingBase
 * @notice What {HashPowerLending} and its foreclosure module {LendingForeclosure} share: the
 * protocol contracts they use, the lending parameters, every error and event of the lending API,
 * and the internals that move a loan's money (revenue claims, frozen redemptions, payments applied
 * to interest then principal, pushes that fall back to credits, closing a loan).
 * @dev The module runs by `delegatecall` from {HashPowerLending}, on the same storage namespace
 * ({LendingStorage}) and the same transient re-entrancy lock; its immutables must be the lending
 * contract's (checked at the lending contract's construction).
 */
abstract contract LendingBase is ReentrancyGuardTransient {
    /// @notice Time after maturity before a loan can be foreclosed (revenue of the last epochs
    /// settles days after they end).
    uint256 public constant GRACE_PERIOD = 7 days;
    /// @notice Length of a foreclosure auction.
    uint256 public constant AUCTION_DURATION = 3 days;
    /// @notice Least time a lender keeps a loan before another lender may refinance it.
    uint256 public constant MIN_REFINANCE_INTERVAL = 1 days;
    /// @notice The auction's start price is at least this share of the debt (200%).
    uint256 public constant AUCTION_START_BPS = 20_000;
    /// @notice Cap of a start price raised by the valuation (1,000% of the debt).
    uint256 public constant AUCTION_START_CAP_BPS = 100_000;
    /// @notice The auction's price falls to this share of the debt at its end (20%).
    uint256 public constant AUCTION_FLOOR_BPS = 2_000;
    /// @notice The foreclosure starter's bounty: this share of the debt (1%), from proceeds above the debt.
    uint256 public constant FORECLOSURE_BOUNTY_BPS = 100;
    /// @notice Highest APR, in basis points (10,000%).
    uint256 public constant MAX_APR_BPS = 1_000_000;
    /// @notice Gas given to each pushed payment; a push that fails or runs out is credited instead.
    uint256 public constant PUSH_GAS = 100_000;
    /// @notice Gas given to each valuation call of a foreclosure (an answer that does not come within
    /// it just leaves the auction's start price at twice the debt).
    uint256 public constant VALUATION_GAS = 500_000;
    /// @notice Gas given to the lenders' reward program when a lender's outstanding principal changes.
    uint256 public constant STAKE_HOOK_GAS = 150_000;

    uint256 internal constant _BPS = 10_000;

    /// @notice The hash power token lent against.
    IHashPowerToken public immutable token;
    /// @notice Where escrowed tokens' revenue is claimed (the fulfillment vault).
    IRevenueClaims public immutable revenue;
    /// @notice Where frozen products' tokens are redeemed (the hardware registry).
    IFrozenRedemption public immutable redemption;
    /// @notice The protocol's valuation (collection offers' loan-to-value, auction start prices).
    IHashPowerValuation public immutable valuation;
    /// @notice Where borrowers' credit scores are read for the lender offers that ask for a minimum
    /// (the credit registry), or address(0): then every score reads as 0 and such offers are refused.
    ICreditScore public immutable creditScores;

    /// @notice The signature is not the maker's (ECDSA, or ERC-1271 for contract makers).
    error InvalidLoanSignature();
    /// @notice The order's expiry (inclusive) has passed.
    error LoanOrderExpired(uint64 expiry);
    /// @notice The order's counter is not the maker's current {counter}.
    error StaleLoanCounter(uint256 expected, uint256 actual);
    /// @notice The order was cancelled by its maker.
    error LoanOrderCancelled(bytes32 orderHash);
    /// @notice The loan offer already refinanced a loan.
    error LoanOrderUsed(bytes32 orderHash);
    /// @notice The token's nonce moved since the order was signed.
    error TokenNonceMismatch(uint256 tokenId, uint32 expected, uint32 actual);
    /// @notice The token does not hold the units the order names.
    error TokenUnitsMismatch(uint256 tokenId, uint256 expected, uint256 actual);
    /// @notice The order names another token than the loan's.
    error WrongToken(uint256 expected, uint256 actual);
    /// @notice The token cannot be collateral: its product is frozen, defaulted or ended.
    error CollateralNotAccepted(uint256 tokenId);
    /// @notice The token does not meet the collection offer (asset class, issuer, units or remaining term).
    error CollectionMismatch(uint256 tokenId);
    /// @notice The order's currency is not what the collateral's product pays revenue in.
    error WrongCurrency(address expected, address actual);
    /// @notice The borrower's credit score is below the minimum the lender's offer asks for.
    error BorrowerScoreTooLow(address borrower, uint256 score, uint256 minScore);
    /// @notice Zero principal or duration, a max repayment below the principal or an APR above {MAX_APR_BPS}.
    error InvalidLoanTerms();
    /// @notice The loan would mature after its collateral's product ends.
    error TermBeyondProduct(uint64 maturity, uint64 productEnd);
    /// @notice The principal is above what the collection offer's max loan-to-value allows.
    error LtvExceeded(uint256 principal, uint256 maxPrincipal);
    /// @notice The collection offer has less principal left than asked for.
    error OfferExhausted(bytes32 orderHash, uint256 remaining, uint256 requested);
    /// @notice No loan has this id.
    error UnknownLoan(uint256 loanId);
    /// @notice The loan is not in a state that allows this (`status` is its {LoanStatus}).
    error LoanNotOpen(uint256 loanId, LoanStatus status);
    /// @notice The loan is neither past maturity plus grace nor backed by a frozen or defaulted product.
    error LoanNotForeclosable(uint256 loanId);
    /// @notice The loan's lender may not be refinanced out before `allowedAt`.
    error RefinanceTooSoon(uint256 loanId, uint64 allowedAt);
    /// @notice The loan is past its maturity: its default has started and a refinance may not reset it
    /// (a frozen or defaulted product's token is refused as collateral, {CollateralNotAccepted}).
    error LoanNotCurrent(uint256 loanId);
    /// @notice The new terms are not better for the borrower (a higher APR, an earlier maturity, or
    /// neither a lower APR nor a later maturity).
    error TermsNotBetter(uint256 loanId);
    /// @notice The offer's principal or max repayment cannot pay the old lender off.
    error RefinanceTooSmall(uint256 payoff, uint256 available);
    /// @notice The auction has ended (`endsAt`); the lender may claim the token.
    error AuctionEnded(uint256 loanId, uint64 endsAt);
    /// @notice The auction runs until `endsAt`.
    error AuctionRunning(uint256 loanId, uint64 endsAt);
    /// @notice The auction's price is above the bidder's maximum.
    error PriceAboveMax(uint256 price, uint256 maxPrice);
    /// @notice The foreclosure module was built for other protocol contracts than the lending contract.
    error ModuleMismatch();
    /// @notice Too little gas left to give the lenders' reward program its {STAKE_HOOK_GAS} (a caller
    /// could otherwise make the program miss a change of a lender's stake on purpose).
    error StakeHookGasTooLow();

    /// @notice A loan started: the token is escrowed and the principal went to the borrower.
    event LoanStarted(
        uint256 indexed loanId,
        uint256 indexed tokenId,
        address indexed borrower,
        address lender,
        address currency,
        uint256 principal,
        uint256 maxRepayment,
        uint256 aprBps,
        uint64 maturity,
        bytes32 orderHash,
        uint8 kind
    );
    /// @notice Revenue of the escrowed token was claimed for a loan (`amount`, in the loan currency).
    event RevenueSwept(uint256 indexed loanId, uint256 amount);
    /// @notice A frozen product's forfeited collateral was redeemed for the escrowed token and booked
    /// to the loan like revenue.
    event RedemptionBooked(uint256 indexed loanId, uint256 amount);
    /// @notice `interest + principal` of a loan's debt was paid to its lender by `payer` (this
    /// contract for revenue and redemptions; the bidder for auction proceeds); `debtLeft` remains.
    event DebtPaid(
        uint256 indexed loanId, address indexed payer, uint256 interest, uint256 principal, uint256 debtLeft
    );
    /// @notice Revenue beyond the debt was paid (or credited) to the borrower.
    event SurplusPaid(uint256 indexed loanId, address indexed borrower, uint256 amount);
    /// @notice The debt is paid: the token went back to the borrower. `late`: after maturity.
    event LoanRepaid(uint256 indexed loanId, address indexed borrower, address indexed lender, bool late);
    /// @notice A new lender paid the old one off (`payoff`) and the loan continues on better terms.
    event LoanRefinanced(
        uint256 indexed loanId,
        address indexed oldLender,
        address indexed newLender,
        uint256 payoff,
        uint256 aprBps,
        uint64 maturity,
        uint256 capLeft,
        bytes32 orderHash,
        uint8 kind
    );
    /// @notice A foreclosure auction started: the price falls from `startPrice` to `floorPrice` until `endsAt`.
    event ForeclosureStarted(
        uint256 indexed loanId,
        address indexed initiator,
        uint256 debt,
        uint256 startPrice,
        uint256 floorPrice,
        uint64 endsAt
    );
    /// @notice The token was sold at auction for `price`: `toLender` paid debt, `bounty` went to the
    /// foreclosure's starter, `toBorrower` to the borrower; `badDebt` remained unpaid.
    event AuctionSettled(
        uint256 indexed loanId,
        address indexed winner,
        uint256 price,
        uint256 toLender,
        uint256 bounty,
        uint256 toBorrower,
        uint256 badDebt
    );
    /// @notice No bid came: the lender took the token; `badDebt` remained unpaid.
    event CollateralClaimed(uint256 indexed loanId, address indexed lender, uint256 badDebt);
    /// @notice A pushed payment failed and was credited to `account` instead ({withdraw}).
    event PaymentCredited(address indexed account, address indexed currency, uint256 amount);
    /// @notice `account` withdrew its credit of `currency` to `to`.
    event CreditWithdrawn(address indexed account, address indexed currency, address to, uint256 amount);
    /// @notice An order was cancelled by its maker.
    event LoanOrderCancelledBy(bytes32 indexed orderHash, address indexed maker);
    /// @notice A maker's counter moved to `counter`: every order signed with a lower one is dead.
    event CounterIncremented(address indexed maker, uint256 counter);
    /// @notice `lender`'s outstanding principal in `currency`, over its open loans, is now `lent`.
    event LentChanged(address indexed lender, address indexed currency, uint256 lent);
    /// @notice The lenders' reward program of `currency` reverted on `lender`'s new stake (the loan goes
    /// on; anyone may call `syncLenderStake` later).
    event LenderProgramFailed(address indexed lender, address indexed currency);
    /// @notice The lenders' reward program of `currency` is now `program` (address(0): none).
    event LenderProgramSet(address indexed currency, address program);

    /**
     * @param token_ The hash power token.
     * @param revenue_ The fulfillment vault (claims of escrowed tokens' revenue).
     * @param redemption_ The hardware registry (redemption of frozen products' tokens).
     * @param valuation_ The protocol's valuation.
     * @param creditScores_ The credit registry, or address(0) (offers asking for a minimum score refused).
     */
    constructor(
        IHashPowerToken token_,
        IRevenueClaims revenue_,
        IFrozenRedemption redemption_,
        IHashPowerValuation valuation_,
        ICreditScore creditScores_
    ) {
        if (
            address(token_) == address(0) || address(revenue_) == address(0) || address(redemption_) == address(0)
                || address(valuation_) == address(0)
        ) revert ZeroAddress();
        token = token_;
        revenue = revenue_;
        redemption = redemption_;
        valuation = valuation_;
        creditScores = creditScores_;
    }

    // ---------------------------------------------------------------------------------------
    // Internal: revenue, payments, closing
    // ---------------------------------------------------------------------------------------

    /// @dev Applies claimed revenue (and, if the product is frozen, the escrow's share of the forfeited
    /// collateral, see {_bookRedemption}) to an open loan; closes it as repaid when the debt reaches
    /// zero. Returns true if closed.
    function _collect(uint256 loanId, LendingStorage.Loan storage loan, uint256 claimed) internal returns (bool) {
        if (claimed != 0) {
            emit RevenueSwept(loanId, claimed);
            _distribute(loanId, loan, claimed, address(this));
        }
        _bookRedemption(loanId, loan);
        if (LoanMath.debt(loan.principal, _interestScaled(loan), loan.capLeft) != 0) return false;
        _closeRepaid(loanId, loan);
        return true;
    }

    /// @dev Claims the open loan's holding (this contract is its holder). A claim that fails pays
    /// nothing now; the holding stays claimable.
    function _claimRevenue(uint256 loanId, LendingStorage.Loan storage loan) internal returns (uint256) {
        (uint256[] memory ids, uint256[] memory idx) = _holdingItem(loanId, loan);
        try revenue.claim(ids, idx) returns (uint256 total) {
            return total;
        } catch {
            return 0;
        }
    }

    /// @dev A closed loan's holding pays this contract only if it was recorded as this contract's (a
    /// token that left in the second it arrived has no holding of its own).
    function _claimClosed(uint256 loanId, LendingStorage.Loan storage loan) internal returns (uint256) {
        uint256 tokenId = _tokenOf(loanId);
        IHoldingHistory.Holding memory h = token.holding(tokenId, loan.holdingIndex);
        if (h.holder != address(this) || h.end == type(uint64).max) return 0;
        return _claimRevenue(loanId, loan);
    }

    function _holdingItem(uint256 loanId, LendingStorage.Loan storage loan)
        internal
        view
        returns (uint256[] memory ids, uint256[] memory idx)
    {
        ids = new uint256[](1);
        idx = new uint256[](1);
        ids[0] = _tokenOf(loanId);
        LoanStatus status = loan.status;
        idx[0] = status == LoanStatus.Active || status == LoanStatus.Auction ? _openHolding(ids[0]) : loan.holdingIndex;
    }

    /// @dev Books to the loan, once, the share of its frozen product's forfeited collateral that the
    /// hardware registry pays for the token. The registry pays whoever HELD the token when the product
    /// was frozen, so the loan gets it only if its escrow holding (the token's open holding while the
    /// loan is open, `loan.holdingIndex` once closed) covers the freeze: it redeems it now (any touch of
    /// a frozen product's loan does, so the share is booked before the token leaves escrow), or counts
    /// a redemption someone else made for that holding (it paid this contract). A token that reached
    /// the escrow after the freeze (impossible for a loan: a frozen product's token never starts one,
    /// {CollateralNotAccepted}) or a loan whose escrow ended before it gets nothing: its holder at the
    /// freeze is paid. A redemption that reverts books nothing (retried by the next touch, or by a
    /// {sweep} of the closed loan). At most one loan books a token's redemption (the registry pays a
    /// token once).
    function _bookRedemption(uint256 loanId, LendingStorage.Loan storage loan) internal {
        if (loan.redemptionBooked) return;
        uint256 tokenId = _tokenOf(loanId);
        bool open = loan.status == LoanStatus.Active || loan.status == LoanStatus.Auction;
        IHashPowerToken.TokenData memory t;
        if (open) {
            // cheap filter for the common case: an escrowed token of a live product
            (,,, bool tradable) = token.tradeState(tokenId);
            if (tradable) return;
            t = token.tokenData(tokenId);
        } else {
            try token.tokenData(tokenId) returns (IHashPowerToken.TokenData memory d) {
                t = d;
            } catch {
                return; // burnt since: a frozen product's token can no longer be burnt, so never redeemable
            }
        }
        if (!t.frozen || _s().redemptionTaken[tokenId]) return;
        (uint256 forfeited, uint256 capacity, uint64 frozenAt,) = redemption.frozenPool(t.productId);
        if (capacity == 0) return; // frozen without a redemption pool (by the role, not a challenge)
        uint256 index = open ? _openHolding(tokenId) : loan.holdingIndex;
        IHoldingHistory.Holding memory h = token.holding(tokenId, index);
        // a closed loan's holding must be closed too (not another loan's open escrow at the same index)
        bool covers = h.holder == address(this) && h.start <= frozenAt && frozenAt < h.end;
        if (!covers || (!open && h.end == type(uint64).max)) return;
        uint256 amount;
        if (redemption.isRedeemed(tokenId)) {
            amount = (t.units * forfeited) / capacity;
        } else {
            uint256[] memory ids = new uint256[](1);
            uint256[] memory idx = new uint256[](1);
            ids[0] = tokenId;
            idx[0] = index;
            try redemption.redeemFrozen(ids, idx) returns (uint256 total) {
                amount = total;
            } catch {
                return;
            }
        }
        loan.redemptionBooked = true;
        _s().redemptionTaken[tokenId] = true;
        emit RedemptionBooked(loanId, amount);
        if (amount != 0) _distribute(loanId, loan, amount, address(this));
    }

    /// @dev Pays `amount` held here: the debt first (to the lender), the rest to the borrower.
    function _distribute(uint256 loanId, LendingStorage.Loan storage loan, uint256 amount, address payer) internal {
        uint256 debt = LoanMath.debt(loan.principal, _interestScaled(loan), loan.capLeft);
        uint256 toLender = amount < debt ? amount : debt;
        if (toLender != 0) _payDebt(loanId, loan, toLender, payer);
        uint256 surplus = amount - toLender;
        if (surplus != 0) {
            address borrower = loan.borrower;
            emit SurplusPaid(loanId, borrower, surplus);
            _pay(_currencyOf(loan), borrower, surplus);
        }
    }

    /// @dev Applies `amount` (held here) to the debt and pays it to the lender.
    function _payDebt(uint256 loanId, LendingStorage.Loan storage loan, uint256 amount, address payer) internal {
        (uint256 toInterest, uint256 toPrincipal) = _applyPayment(loan, amount);
        address lender = loan.lender;
        address currency = _currencyOf(loan);
        _recordPayment(loan.borrower, lender, currency, amount);
        emit DebtPaid(
            loanId, payer, toInterest, toPrincipal, LoanMath.debt(loan.principal, loan.interestScaled, loan.capLeft)
        );
        _pay(currency, lender, amount);
    }

    /// @dev Applies `amount` (at most the debt) to interest, then principal, accruing to now first;
    /// the lender's outstanding principal falls by what the principal fell (more than `toPrincipal`
    /// when the payment reaches the cap, which forgives the rest).
    function _applyPayment(LendingStorage.Loan storage loan, uint256 amount)
        internal
        returns (uint256 toInterest, uint256 toPrincipal)
    {
        uint256 iS = _interestScaled(loan);
        uint256 before = loan.principal;
        uint256 principal;
        uint256 capLeft = loan.capLeft;
        (iS, principal, capLeft, toInterest, toPrincipal) = LoanMath.applyPayment(iS, before, capLeft, amount);
        loan.interestScaled = iS;
        loan.principal = uint128(principal);
        loan.capLeft = uint128(capLeft);
        if (loan.status == LoanStatus.Active) loan.lastAccrual = uint32(block.timestamp);
        // after the loan's own writes: the program is called with the loan already up to date
        if (loan.staked && principal != before) _lent(loan.lender, _currencyOf(loan), 0, before - principal);
    }

    /// @dev The loan's interest, scaled by {LoanMath.YEAR_BPS}, accrued to now while it is active.
    function _interestScaled(LendingStorage.Loan storage loan) internal view returns (uint256) {
        uint256 iS = loan.interestScaled;
        if (loan.status != LoanStatus.Active) return iS;
        return iS + LoanMath.accrued(loan.principal, loan.aprBps, block.timestamp - loan.lastAccrual);
    }

    /// @dev Closes a paid loan and returns the token to the borrower.
    function _closeRepaid(uint256 loanId, LendingStorage.Loan storage loan) internal {
        bool late = loan.status == LoanStatus.Auction || block.timestamp > loan.maturity;
        loan.holdingIndex = uint24(_openHolding(_tokenOf(loanId)));
        loan.status = LoanStatus.Repaid;
        address borrower = loan.borrower;
        address lender = loan.lender;
        address currency = _currencyOf(loan);
        LendingStorage.BorrowerCounts storage b = _s().borrowerCounts[borrower][currency];
        if (late) ++b.repaidLate;
        else ++b.repaid;
        ++_s().lenderCounts[lender][currency].paidOff;
        // a loan paid off at its cap can close with principal left
        uint256 principal = loan.principal;
        if (principal != 0 && loan.staked) _lent(lender, currency, 0, principal);
        emit LoanRepaid(loanId, borrower, lender, late);
        token.transferFrom(address(this), borrower, _tokenOf(loanId));
    }

    /// @dev Closes a foreclosed loan (`status` Sold or Claimed) whose debt was `debtBefore` before
    /// the proceeds; records the default and returns the bad debt left.
    function _closeDefaulted(uint256 loanId, LendingStorage.Loan storage loan, LoanStatus status, uint256 debtBefore)
        internal
        returns (uint256 badDebt)
    {
        loan.holdingIndex = uint24(_openHolding(_tokenOf(loanId)));
        loan.status = status;
        badDebt = LoanMath.debt(loan.principal, loan.interestScaled, loan.capLeft);
        address borrower = loan.borrower;
        address lender = loan.lender;
        address currency = _currencyOf(loan);
        ++_s().borrowerCounts[borrower][currency].defaulted;
        _s().borrowerDefaulted[borrower][currency] += debtBefore;
        ++_s().lenderCounts[lender][currency].defaulted;
        if (badDebt != 0) _s().lenderBadDebt[lender][currency] += badDebt;
        uint256 principal = loan.principal;
        if (principal != 0 && loan.staked) _lent(lender, currency, 0, principal);
    }

    /// @dev Moves `lender`'s outstanding principal in `currency` (over its staked loans) by
    /// `+add - sub` and tells the currency's lenders' reward program (if any) the new total, with
    /// {STAKE_HOOK_GAS}: a program that reverts does not stop the loan ({LenderProgramFailed}).
    function _lent(address lender, address currency, uint256 add, uint256 sub) internal {
        uint256 lent = _s().lent[lender][currency] + add - sub;
        _s().lent[lender][currency] = lent;
        emit LentChanged(lender, currency, lent);
        _notifyLenderProgram(lender, currency, lent);
    }

    function _notifyLenderProgram(address lender, address currency, uint256 lent) internal {
        address program = _s().currencyStates[currency].lenderProgram;
        if (program == address(0)) return;
        // EIP-150 forwards at most 63/64 of what is left: check there is enough for the program's share
        if (gasleft() < STAKE_HOOK_GAS + STAKE_HOOK_GAS / 63 + 5_000) revert StakeHookGasTooLow();
        // a low-level call, so a program without code (a mistaken address) cannot stop loans either
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok,) = program.call{gas: STAKE_HOOK_GAS}(abi.encodeCall(IStakeHook.setStake, (lender, lent)));
        if (!ok) emit LenderProgramFailed(lender, currency);
    }

    function _recordPayment(address borrower, address lender, address currency, uint256 amount) internal {
        _s().borrowerCounts[borrower][currency].amountRepaid += uint160(amount);
        _s().lenderCounts[lender][currency].amountReceived += uint192(amount);
    }

    /// @dev Pushes `amount` of `currency` held here to `to` with {PUSH_GAS}; credits it if the push fails.
    function _pay(address currency, address to, uint256 amount) internal {
        if (amount == 0) return;
        if (_tryCall(currency, abi.encodeCall(IERC20.transfer, (to, amount)))) return;
        _credit(to, currency, amount);
    }

    /// @dev Moves `amount` from `payer` straight to `to`; if that fails, pulls it here (which must
    /// succeed) and credits `to`.
    function _payFrom(address currency, address payer, address to, uint256 amount) internal {
        if (_tryCall(currency, abi.encodeCall(IERC20.transferFrom, (payer, to, amount)))) return;
        Transfers.pullExact(IERC20(currency), payer, amount);
        _credit(to, currency, amount);
    }

    function _credit(address to, address currency, uint256 amount) internal {
        _s().credits[to][currency] += amount;
        emit PaymentCredited(to, currency, amount);
    }

    /// @dev A gas-capped call to an ERC-20 that succeeded and returned nothing or `true` (at most 32
    /// bytes of return data are read).
    function _tryCall(address target, bytes memory data) internal returns (bool ok) {
        uint256 gasLimit = PUSH_GAS;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let success := call(gasLimit, target, 0, add(data, 0x20), mload(data), 0x00, 0x20)
            let size := returndatasize()
            ok := and(success, or(and(iszero(size), gt(extcodesize(target), 0)), and(gt(size, 31), eq(mload(0x00), 1))))
        }
    }

    /// @dev The index of the escrowed token's open holding: this contract's (the token does not move
    /// while escrowed).
    function _openHolding(uint256 tokenId) internal view returns (uint256) {
        return token.holdingCount(tokenId) - 1;
    }

    /// @dev The token of a loan: its id's high bits.
    function _tokenOf(uint256 loanId) internal pure returns (uint256) {
        return loanId >> 32;
    }

    /// @dev The loan's currency, from the currency table.
    function _currencyOf(LendingStorage.Loan storage loan) internal view returns (address) {
        return _s().currencies[loan.currencyId];
    }

    function _s() internal pure returns (LendingStorage.Layout storage) {
        return LendingStorage.layout();
    }

    function _loan(uint256 loanId) internal view returns (LendingStorage.Loan storage loan) {
        loan = _s().loans[loanId];
        if (loan.status == LoanStatus.None) revert UnknownLoan(loanId);
    }

    function _openLoan(uint256 loanId) internal view returns (LendingStorage.Loan storage loan) {
        loan = _loan(loanId);
        LoanStatus status = loan.status;
        if (status != LoanStatus.Active && status != LoanStatus.Auction) revert LoanNotOpen(loanId, status);
    }
}
