// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {TooManyItems, ZeroAddress} from "../common/Errors.sol";
import {ICreditRecorder} from "../interfaces/ICreditRecorder.sol";
import {ICreditScore} from "../interfaces/ICreditScore.sol";
import {IFulfillmentObserver} from "../interfaces/IFulfillmentObserver.sol";
import {ILoanHistory} from "../interfaces/ILoanHistory.sol";
import {CreditMath} from "./CreditMath.sol";

/**
 * @title CreditRegistry
 * @notice One credit score per account (0..1000; a newcomer has 300), computed on chain,
 * deterministically, from the protocol's own records only:
 * - as issuer: every settle pass of its products (the fulfillment vault, through the observer
 *   router): promised and delivered unit-seconds (capacity-weighted), settled seconds (experience),
 *   and penalties for missed and unreported epochs and defaults; frozen (fraudulent) products (the
 *   hardware registry);
 * - as attestor: slashed bonds (the hardware registry);
 * - as borrower: loans repaid, repaid late and defaulted, read live from the lending contract.
 * Records decay with a half-life, so an old failure fades (and an old success too). Formula
 * version {CreditMath-VERSION}; docs/credit.md explains it and the anti-gaming reasoning.
 * @dev Nobody can write a score: scores change only through the role-gated record functions
 * (`CREDIT_RECORDER`: the observer router; `FRAUD_REPORTER`: the hardware registry) or through a
 * bounded parameter change that waits {PARAMS_DELAY} ({scheduleParams} then {applyParams}, anyone
 * applies). Every record emits an event carrying everything the offline `CreditReport` needs to
 * recompute the score (with the block's timestamp).
 *
 * Stored per account, decayed lazily to the time of its last record: promised and delivered
 * unit-seconds, settled seconds and penalty points, plus lifetime counters; per account and asset
 * class, the delivered unit-seconds (the exposure a collateral discount may cover).
 */
contract CreditRegistry is ICreditScore, ICreditRecorder, AccessManaged {
    /// @notice Score parameters (one slot). Penalties and bonuses are in score points.
    /// @param halfLife Half-life of every record, seconds.
    /// @param confidenceHalf Settled seconds at which confidence is one half.
    /// @param missedPenalty Per epoch reported but not deposited.
    /// @param unreportedPenalty Per epoch not reported.
    /// @param defaultPenalty Per product whose collateral ran out.
    /// @param frozenPenalty Per product frozen for pledging hardware twice.
    /// @param slashPenalty Per slashed attestor bond.
    /// @param loanBonusPerRepaid Per loan repaid on time.
    /// @param loanBonusCap Most points from loans repaid on time.
    /// @param latePenalty Per loan repaid late.
    /// @param loanDefaultPenalty Per loan foreclosed.
    struct Params {
        uint32 halfLife;
        uint32 confidenceHalf;
        uint16 missedPenalty;
        uint16 unreportedPenalty;
        uint16 defaultPenalty;
        uint16 frozenPenalty;
        uint16 slashPenalty;
        uint16 loanBonusPerRepaid;
        uint16 loanBonusCap;
        uint16 latePenalty;
        uint16 loanDefaultPenalty;
    }

    /// @notice An account's stored record (3 slots), decayed to `lastUpdate`.
    /// @param lastUpdate Time of the last record (0: none).
    /// @param experience Settled seconds of its products, decayed.
    /// @param penalty Penalty points x {CreditMath-PENALTY_UNIT}, decayed.
    /// @param promised Promised unit-seconds, decayed.
    /// @param delivered Delivered unit-seconds, decayed.
    /// @param fulfilled Lifetime count of fulfilled epochs (not decayed; for display).
    /// @param short_ Lifetime count of short epochs.
    /// @param missed Lifetime count of missed epochs.
    /// @param unreported Lifetime count of unreported epochs.
    /// @param defaults Lifetime count of defaulted products.
    /// @param frozen Lifetime count of frozen products.
    /// @param slashes Lifetime count of slashed bonds.
    struct Account {
        uint64 lastUpdate;
        uint64 experience;
        uint128 penalty;
        uint128 promised;
        uint128 delivered;
        uint32 fulfilled;
        uint32 short_;
        uint32 missed;
        uint32 unreported;
        uint32 defaults;
        uint32 frozen;
        uint32 slashes;
    }

    /// @dev Delivered unit-seconds of one asset class, decayed to `lastUpdate` (one slot).
    struct ClassCredit {
        uint128 delivered;
        uint64 lastUpdate;
    }

    /// @dev A scheduled parameter change.
    struct PendingParams {
        Params params;
        uint64 eta;
    }

    /// @dev A scheduled change of the loan record source.
    struct PendingLoans {
        ILoanHistory source;
        uint64 eta;
        address[] currencies;
    }

    /// @notice Delay between scheduling and applying a parameter or loan-source change.
    uint64 public constant PARAMS_DELAY = 7 days;
    /// @notice Most loan currencies whose records are summed.
    uint256 public constant MAX_LOAN_CURRENCIES = 4;

    Params private _params;
    PendingParams private _pendingParams;
    ILoanHistory private _loans;
    address[] private _loanCurrencies;
    PendingLoans private _pendingLoans;
    mapping(address account => Account) private _accounts;
    mapping(address account => mapping(bytes32 assetClass => ClassCredit)) private _classCredit;

    /// @notice A parameter is outside its bounds (see {checkParams}).
    error InvalidCreditParams();
    /// @notice Nothing is scheduled.
    error NoPendingCreditChange();
    /// @notice The scheduled change cannot be applied before `eta`.
    error CreditChangeNotReady(uint64 eta);
    /// @notice A pass that does not describe settled epochs (`to <= from`, or more delivered than promised).
    error InvalidPass();
    /// @notice A time before the account's last record (the record cannot be decayed backwards).
    error TimeBeforeRecord(uint64 at, uint64 lastUpdate);

    /// @notice A settle pass of `issuer`'s product was recorded at `at` (the block's timestamp: every
    /// record event carries it, so the events alone let the offline report recompute a score).
    event FulfillmentRecorded(
        address indexed issuer,
        uint256 indexed productId,
        bytes32 indexed assetClass,
        uint256 capacity,
        uint64 from,
        uint64 to,
        uint256 deliveredUnitSeconds,
        uint32 fulfilled,
        uint32 short_,
        uint32 missed,
        uint32 unreported,
        bool defaulted,
        uint64 at
    );
    /// @notice `attestor`'s bond of `amount` was slashed (recorded at `at`).
    event SlashRecorded(address indexed attestor, uint256 amount, uint64 at);
    /// @notice `issuer`'s product was frozen for pledging hardware twice (recorded at `at`).
    event FrozenRecorded(address indexed issuer, uint256 indexed productId, uint64 at);
    /// @notice New parameters were scheduled, applicable from `eta`.
    event ParamsScheduled(Params params, uint64 eta);
    /// @notice The parameters in force changed at `at`.
    event ParamsApplied(Params params, uint64 at);
    /// @notice A new loan record source was scheduled, applicable from `eta`.
    event LoanSourceScheduled(address indexed source, address[] currencies, uint64 eta);
    /// @notice The loan record source in force changed.
    event LoanSourceApplied(address indexed source, address[] currencies);

    /**
     * @notice Deploys the registry with the default parameters (see {defaultParams}).
     * @dev The AccessManager must map {recordFulfillment} to `CREDIT_RECORDER` (the observer router)
     * and {recordSlash}, {recordFrozen} to `FRAUD_REPORTER` (the hardware registry).
     * @param authority The protocol's AccessManager.
     */
    constructor(address authority) AccessManaged(authority) {
        Params memory p = defaultParams();
        _params = p;
        emit ParamsApplied(p, uint64(block.timestamp));
    }

    // ---------------------------------------------------------------------------------------
    // Records (role-gated)
    // ---------------------------------------------------------------------------------------

    /// @inheritdoc ICreditRecorder
    /// @dev Role `CREDIT_RECORDER`. Reverts with {InvalidPass}. Emits {FulfillmentRecorded}.
    function recordFulfillment(IFulfillmentObserver.SettledPass calldata pass) external restricted {
        uint256 span = pass.to > pass.from ? pass.to - pass.from : 0;
        uint256 promised = uint256(pass.capacity) * span;
        if (span == 0 || pass.deliveredUnitSeconds > promised) revert InvalidPass();
        Params memory p = _params;
        Account storage a = _touch(pass.issuer, p.halfLife);
        a.promised = _add128(a.promised, promised);
        a.delivered = _add128(a.delivered, pass.deliveredUnitSeconds);
        a.experience = uint64(_min(uint256(a.experience) + span, type(uint64).max));
        uint256 points = uint256(pass.missed) * p.missedPenalty + uint256(pass.unreported) * p.unreportedPenalty
            + (pass.defaulted ? p.defaultPenalty : 0);
        if (points != 0) a.penalty = _add128(a.penalty, points * CreditMath.PENALTY_UNIT);
        a.fulfilled += pass.fulfilled;
        a.short_ += pass.short_;
        a.missed += pass.missed;
        a.unreported += pass.unreported;
        if (pass.defaulted) ++a.defaults;
        if (pass.deliveredUnitSeconds != 0) {
            ClassCredit storage c = _classCredit[pass.issuer][pass.assetClass];
            uint256 decayed = CreditMath.decay(c.delivered, block.timestamp - c.lastUpdate, p.halfLife);
            c.delivered = _add128(decayed, pass.deliveredUnitSeconds);
            c.lastUpdate = uint64(block.timestamp);
        }
        _emitFulfillment(pass);
    }

    /// @inheritdoc ICreditRecorder
    /// @dev Role `FRAUD_REPORTER`. Emits {SlashRecorded}.
    function recordSlash(address attestor, uint256 amount) external restricted {
        Params memory p = _params;
        Account storage a = _touch(attestor, p.halfLife);
        a.penalty = _add128(a.penalty, uint256(p.slashPenalty) * CreditMath.PENALTY_UNIT);
        ++a.slashes;
        emit SlashRecorded(attestor, amount, uint64(block.timestamp));
    }

    /// @inheritdoc ICreditRecorder
    /// @dev Role `FRAUD_REPORTER`. Emits {FrozenRecorded}.
    function recordFrozen(address issuer, uint256 productId) external restricted {
        Params memory p = _params;
        Account storage a = _touch(issuer, p.halfLife);
        a.penalty = _add128(a.penalty, uint256(p.frozenPenalty) * CreditMath.PENALTY_UNIT);
        ++a.frozen;
        emit FrozenRecorded(issuer, productId, uint64(block.timestamp));
    }

    // ---------------------------------------------------------------------------------------
    // Parameters (admin, delayed)
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Schedules new score parameters, applicable after {PARAMS_DELAY} (replaces any pending
     * change and restarts the delay).
     * @dev Admin (AccessManager). Reverts with {InvalidCreditParams} (see {checkParams}). Emits {ParamsScheduled}.
     * @param p The parameters.
     */
    function scheduleParams(Params calldata p) external restricted {
        if (!checkParams(p)) revert InvalidCreditParams();
        uint64 eta = uint64(block.timestamp) + PARAMS_DELAY;
        _pendingParams = PendingParams({params: p, eta: eta});
        emit ParamsScheduled(p, eta);
    }

    /**
     * @notice Puts the scheduled parameters in force once their delay has passed. Anyone may call.
     * Records already stored keep their decayed values; from now on they decay with the new
     * half-life, and new records use the new penalties.
     * @dev Reverts with {NoPendingCreditChange} or {CreditChangeNotReady}. Emits {ParamsApplied}.
     */
    function applyParams() external {
        PendingParams memory pending = _pendingParams;
        if (pending.eta == 0) revert NoPendingCreditChange();
        if (block.timestamp < pending.eta) revert CreditChangeNotReady(pending.eta);
        delete _pendingParams;
        _params = pending.params;
        emit ParamsApplied(pending.params, uint64(block.timestamp));
    }

    /**
     * @notice Schedules the lending contract whose borrower records (summed over `currencies`) make
     * the borrower part of scores, applicable after {PARAMS_DELAY}. address(0) removes the source.
     * @dev Admin (AccessManager). Reverts with `TooManyItems` (more than {MAX_LOAN_CURRENCIES}) or
     * `ZeroAddress` (a zero currency). Emits {LoanSourceScheduled}.
     * @param source The lending contract (`ILoanHistory`), or address(0).
     * @param currencies Its loan currencies.
     */
    function scheduleLoanSource(ILoanHistory source, address[] calldata currencies) external restricted {
        uint256 n = currencies.length;
        if (n > MAX_LOAN_CURRENCIES) revert TooManyItems(n, MAX_LOAN_CURRENCIES);
        for (uint256 i = 0; i < n; ++i) {
            if (currencies[i] == address(0)) revert ZeroAddress();
        }
        uint64 eta = uint64(block.timestamp) + PARAMS_DELAY;
        _pendingLoans = PendingLoans({source: source, eta: eta, currencies: currencies});
        emit LoanSourceScheduled(address(source), currencies, eta);
    }

    /**
     * @notice Puts the scheduled loan record source in force once its delay has passed. Anyone may call.
     * @dev Reverts with {NoPendingCreditChange} or {CreditChangeNotReady}. Emits {LoanSourceApplied}.
     */
    function applyLoanSource() external {
        PendingLoans memory pending = _pendingLoans;
        if (pending.eta == 0) revert NoPendingCreditChange();
        if (block.timestamp < pending.eta) revert CreditChangeNotReady(pending.eta);
        delete _pendingLoans;
        _loans = pending.source;
        _loanCurrencies = pending.currencies;
        emit LoanSourceApplied(address(pending.source), pending.currencies);
    }

    // ---------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------

    /// @inheritdoc ICreditScore
    function scoreOf(address account) external view returns (uint256) {
        return _breakdown(account, block.timestamp, true).score;
    }

    /// @inheritdoc ICreditScore
    function collateralTerms(address issuer, bytes32 assetClass)
        external
        view
        returns (uint256 collateralScore, uint256 classCredit)
    {
        collateralScore = _breakdown(issuer, block.timestamp, false).collateralScore;
        classCredit = classCreditOf(issuer, assetClass);
    }

    /**
     * @notice An account's score and its parts now (see {CreditMath-score}).
     * @param account The account.
     * @return The breakdown.
     */
    function creditOf(address account) external view returns (CreditMath.Breakdown memory) {
        return _breakdown(account, block.timestamp, true);
    }

    /**
     * @notice An account's score and its parts as of `at` (its records decayed to then, its borrower
     * record as it is now): what {creditOf} returns in a block of that timestamp if no record arrives
     * before. Lets anyone compare an offline report with the contract at a chosen time.
     * @dev Reverts with {TimeBeforeRecord} if `at` is before the account's last record.
     * @param account The account.
     * @param at The time.
     * @return The breakdown.
     */
    function creditAt(address account, uint64 at) external view returns (CreditMath.Breakdown memory) {
        uint64 last = _accounts[account].lastUpdate;
        if (at < last) revert TimeBeforeRecord(at, last);
        return _breakdown(account, at, true);
    }

    /**
     * @notice An account's stored record (decayed to its `lastUpdate`, not to now).
     * @param account The account.
     * @return The record.
     */
    function accountOf(address account) external view returns (Account memory) {
        return _accounts[account];
    }

    /**
     * @notice An account's live borrower counts, summed over the loan currencies (zeros without a
     * loan source).
     * @param account The account.
     * @return repaid Loans repaid on time.
     * @return repaidLate Loans repaid late.
     * @return defaulted Loans foreclosed.
     */
    function loanCountsOf(address account)
        public
        view
        returns (uint256 repaid, uint256 repaidLate, uint256 defaulted)
    {
        ILoanHistory loans = _loans;
        if (address(loans) == address(0)) return (0, 0, 0);
        uint256 n = _loanCurrencies.length;
        for (uint256 i = 0; i < n; ++i) {
            ILoanHistory.BorrowerRecord memory r = loans.borrowerRecord(account, _loanCurrencies[i]);
            repaid += r.repaid;
            repaidLate += r.repaidLate;
            defaulted += r.defaulted;
        }
    }

    /// @inheritdoc ICreditScore
    function slashesOf(address account) external view returns (uint256) {
        return _accounts[account].slashes;
    }

    /// @inheritdoc ICreditScore
    function classCreditOf(address account, bytes32 assetClass) public view returns (uint256) {
        ClassCredit memory c = _classCredit[account][assetClass];
        return CreditMath.decay(c.delivered, block.timestamp - c.lastUpdate, _params.halfLife);
    }

    /// @notice The parameters in force.
    /// @return The parameters.
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @notice The scheduled parameters (`eta == 0`: none).
    /// @return p The parameters.
    /// @return eta When they can be applied.
    function pendingParams() external view returns (Params memory p, uint64 eta) {
        return (_pendingParams.params, _pendingParams.eta);
    }

    /// @notice The loan record source in force and its currencies.
    /// @return source The lending contract (address(0): none).
    /// @return currencies Its loan currencies.
    function loanSource() external view returns (address source, address[] memory currencies) {
        return (address(_loans), _loanCurrencies);
    }

    /// @notice The scheduled loan record source (`eta == 0`: none).
    /// @return source The lending contract.
    /// @return currencies Its loan currencies.
    /// @return eta When it can be applied.
    function pendingLoanSource() external view returns (address source, address[] memory currencies, uint64 eta) {
        return (address(_pendingLoans.source), _pendingLoans.currencies, _pendingLoans.eta);
    }

    /// @notice Version of the score formula.
    /// @return The version.
    function formulaVersion() external pure returns (uint256) {
        return CreditMath.VERSION;
    }

    /**
     * @notice The parameters a new registry starts with: half-life 180 days, half confidence at 90
     * settled days, penalties missed 40, unreported 60, default 300, frozen 500, slash 300, loans
     * +5 per repaid (at most +50), late -20, defaulted -200.
     * @return p The parameters.
     */
    function defaultParams() public pure returns (Params memory p) {
        p = Params({
            halfLife: 180 days,
            confidenceHalf: 90 days,
            missedPenalty: 40,
            unreportedPenalty: 60,
            defaultPenalty: 300,
            frozenPenalty: 500,
            slashPenalty: 300,
            loanBonusPerRepaid: 5,
            loanBonusCap: 50,
            latePenalty: 20,
            loanDefaultPenalty: 200
        });
    }

    /**
     * @notice Whether parameters are within bounds: half-life 7..1,460 days, half confidence
     * 1..730 days, every penalty <= 1,000 points, loan bonuses <= 100 points (a cap >= the per-loan bonus).
     * @param p The parameters.
     * @return True if acceptable.
     */
    function checkParams(Params calldata p) public pure returns (bool) {
        return p.halfLife >= 7 days && p.halfLife <= 1460 days && p.confidenceHalf >= 1 days
            && p.confidenceHalf <= 730 days && p.missedPenalty <= 1000 && p.unreportedPenalty <= 1000
            && p.defaultPenalty <= 1000 && p.frozenPenalty <= 1000 && p.slashPenalty <= 1000
            && p.latePenalty <= 1000 && p.loanDefaultPenalty <= 1000 && p.loanBonusCap <= 100
            && p.loanBonusPerRepaid <= p.loanBonusCap;
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    /// @dev Decays an account's record to now and returns it for update.
    function _touch(address account, uint256 halfLife) private returns (Account storage a) {
        a = _accounts[account];
        uint256 last = a.lastUpdate;
        if (last != 0 && last != block.timestamp) {
            uint256 elapsed = block.timestamp - last;
            a.promised = uint128(CreditMath.decay(a.promised, elapsed, halfLife));
            a.delivered = uint128(CreditMath.decay(a.delivered, elapsed, halfLife));
            a.experience = uint64(CreditMath.decay(a.experience, elapsed, halfLife));
            a.penalty = uint128(CreditMath.decay(a.penalty, elapsed, halfLife));
        }
        a.lastUpdate = uint64(block.timestamp);
    }

    /// @dev The breakdown at `at`; without `withLoans` the borrower part is left out (collateral
    /// terms never use it, and a mint then never calls the lending contract).
    function _breakdown(address account, uint256 at, bool withLoans)
        private
        view
        returns (CreditMath.Breakdown memory)
    {
        Account storage a = _accounts[account]; // reads the two slots the score needs, not the counters
        Params memory p = _params;
        uint256 last = a.lastUpdate;
        uint256 elapsed = last == 0 ? 0 : at - last;
        CreditMath.Inputs memory x;
        x.promised = CreditMath.decay(a.promised, elapsed, p.halfLife);
        x.delivered = CreditMath.decay(a.delivered, elapsed, p.halfLife);
        x.experience = CreditMath.decay(a.experience, elapsed, p.halfLife);
        x.penalty = CreditMath.decay(a.penalty, elapsed, p.halfLife);
        x.confidenceHalf = p.confidenceHalf;
        x.loanBonusPerRepaid = p.loanBonusPerRepaid;
        x.loanBonusCap = p.loanBonusCap;
        x.latePenalty = p.latePenalty;
        x.loanDefaultPenalty = p.loanDefaultPenalty;
        if (withLoans) (x.repaid, x.repaidLate, x.loanDefaults) = loanCountsOf(account);
        return CreditMath.score(x);
    }

    function _emitFulfillment(IFulfillmentObserver.SettledPass calldata pass) private {
        emit FulfillmentRecorded(
            pass.issuer,
            pass.productId,
            pass.assetClass,
            pass.capacity,
            pass.from,
            pass.to,
            pass.deliveredUnitSeconds,
            pass.fulfilled,
            pass.short_,
            pass.missed,
            pass.unreported,
            pass.defaulted,
            uint64(block.timestamp)
        );
    }

    function _add128(uint256 a, uint256 b) private pure returns (uint128) {
        return uint128(_min(a + b, type(uint128).max));
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
