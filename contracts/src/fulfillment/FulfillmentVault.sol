// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {CommitteeAttested} from "../common/CommitteeAttested.sol";
import {AmountNotReceived, LengthMismatch, NotTheIssuer, TooManyItems, ZeroAddress} from "../common/Errors.sol";
import {Transfers} from "../common/Transfers.sol";
import {AttestorSignature, IAttestorRegistry} from "../interfaces/IAttestorRegistry.sol";
import {IBitcoinEvidence} from "../interfaces/IBitcoinEvidence.sol";
import {IBtcSpvVerifier} from "../interfaces/IBtcSpvVerifier.sol";
import {ICollateralVault} from "../interfaces/ICollateralVault.sol";
import {IFulfillmentObserver} from "../interfaces/IFulfillmentObserver.sol";
import {IFulfillmentVault} from "../interfaces/IFulfillmentVault.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";
import {IHoldingHistory} from "../interfaces/IHoldingHistory.sol";

/**
 * @title FulfillmentVault
 * @notice Settles what the hash power of each hash power token product earned, epoch by epoch, and
 * pays it to whoever held the product's tokens, exactly for units x time held.
 *
 * Life of an epoch (see {EpochStatus}): once it has ended, the attestor committee signs a
 * {FulfillmentReport} (units delivered on average, the revenue the issuer owes, what one promised
 * unit earned scaled by {PRECISION}, the payout evidence) and anyone relays it ({submitReport}, or
 * {submitReportWithPayment} with a Bitcoin SPV proof of the payout). The issuer then deposits the
 * revenue ({deposit}) before the deposit deadline. {settle} (anyone) closes epochs in order: a
 * shortfall (`(capacity - delivered) * unitRevenue / PRECISION`) is paid from the product's
 * collateral; a missed deposit costs `revenue + shortfall` of collateral; an epoch never reported
 * within the report window costs `max(capacity * lastUnitRevenue / PRECISION, unreportedFloor)`
 * scaled to the epoch's length, where `unreportedFloor` is the collateral's per-epoch share when
 * the vault first touched the product (so an issuer who withholds reports forfeits collateral).
 * (`unitRevenue` is scaled by {PRECISION} because one unit often earns a fraction of a base unit:
 * 0.001 TH/s earns about 0.05 satoshi a day.) When the collateral runs out, what is left is paid and
 * the product is defaulted (later compensation is 0).
 *
 * Holders claim per *holding* of the token's holding history ({IHoldingHistory-holding}): the vault
 * keeps a payout-per-unit accumulator `A` (scaled by {PRECISION}) that is exact at epoch
 * boundaries and interpolated linearly by time inside an epoch; a holding `(start, end, units)` is
 * worth `units * (A(b) - A(a)) / PRECISION` over `[a, b)` = its time clipped to the product's term
 * and to the settled epochs.
 *
 * Rounding is down everywhere, against the claimant: the accumulator at the end of epoch `e` is
 * `floor(E_0..e * PRECISION / capacity)` (computed from the cumulative entitlement, so the remainders
 * of earlier epochs are carried instead of lost), and each holding is paid `floor(units * dA /
 * PRECISION)` over its whole claimed span minus what it was already paid (so repeated claims never
 * lose more than one base unit per holding in total). The sum of all claims never exceeds the
 * deposits plus the compensation; the dust (below `#holdings + capacity / PRECISION + 1` base units
 * per product) stays in the vault.
 *
 * Only the product's collateral token (the asset class's payout token, snapshotted on the product's
 * first touch) is ever paid. Fee-on-transfer payout tokens are refused: a deposit or a collateral
 * transfer that does not arrive in full reverts.
 *
 * Bitcoin evidence: with a {bitcoinEvidence} binding, every report is first shown to it
 * (`checkRelayer`): a product whose payout commitment requires SPV evidence is reported only
 * through `BitcoinEvidence.submitReportWithEvidence` (which relays here, then checks the proofs);
 * products without such a commitment behave exactly as before.
 *
 * An optional {observer} (the credit system and incentive programs, through one router) is told
 * once per settle pass what was settled ({IFulfillmentObserver-onSettled}) and, per accepted
 * report, who signed it ({IFulfillmentObserver-onReported}). It gets at most {OBSERVER_GAS} and
 * cannot block anything: a failing observer costs an {ObserverFailed} event. A call that does not
 * leave the observer its gas reverts with {ObserverGasTooLow}, so nobody can drop a record by
 * sending too little gas. With no observer (address(0)) the vault behaves exactly as without the hook.
 */
contract FulfillmentVault is IFulfillmentVault, CommitteeAttested, AccessManaged, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev Claim cursor of one holding (one slot): paid up to `claimedUntil`, `paid` in total.
    struct Cursor {
        uint64 claimedUntil;
        uint192 paid;
    }

    /// @dev One transfer of a claim batch.
    struct Payout {
        address holder;
        address token;
        uint256 amount;
    }

    /// @dev Running totals of one {settle} pass, written back once. Its first 13 members are, in
    /// order, an `IFulfillmentObserver.SettledPass` (a static struct's memory layout is its ABI
    /// encoding): the observer's calldata is copied from here ({_notifySettled}).
    // solhint-disable-next-line gas-struct-packing
    struct SettlePass {
        uint256 productId;
        address issuer;
        bytes32 assetClass;
        uint64 capacity;
        uint32 firstEpoch;
        uint32 fulfilled;
        uint32 short_;
        uint32 missed;
        uint32 unreported;
        bool newlyDefaulted;
        uint64 from;
        uint64 to;
        uint256 delivered;
        uint256 entitled;
        uint256 compensation;
        uint256 lastUnitRevenue;
        uint256 collateralLeft;
        uint256 take;
        bool collateralKnown;
        bool defaulted;
    }

    /// @notice EIP-712 type hash of {FulfillmentReport}.
    // solhint-disable-next-line gas-small-strings
    bytes32 public constant FULFILLMENT_REPORT_TYPEHASH = keccak256(
        "FulfillmentReport(uint256 productId,uint32 epoch,uint256 deliveredUnits,uint256 revenue,"
        "uint256 unitRevenue,bytes32 sourceChain,bytes32 evidence,uint256 nonce,uint64 deadline,"
        "uint64 committeeEpoch)"
    );

    /// @notice Scale of the payout-per-unit accumulator.
    uint256 public constant PRECISION = 1e18;

    /// @notice Largest `revenue + capacity * unitRevenue / PRECISION` a report may carry (keeps every epoch
    /// amount in 128 bits and all accumulator math far from overflow).
    uint256 public constant MAX_REPORT_VALUE = type(uint128).max;

    /// @notice Most items one {claim} (or {claimableMany}) takes.
    uint256 public constant MAX_CLAIM_ITEMS = 256;

    /// @notice Most epochs a {deposit} settles after recording the deposit (use {settle} for more).
    uint256 public constant MAX_AUTO_SETTLE = 32;

    /// @notice The hash power token (products, holdings).
    IHashPowerToken public immutable token;

    /// @notice Where product collateral is held (this vault needs its role `COLLATERAL_MANAGER`).
    ICollateralVault public immutable collateralVault;

    /// @notice The Bitcoin SPV verifier for {submitReportWithPayment} (address(0): not available).
    IBtcSpvVerifier public immutable spv;

    /// @notice The Bitcoin evidence binding every report is checked with (address(0): none).
    IBitcoinEvidence public immutable bitcoinEvidence;

    /// @notice Told of settle passes and reports (address(0): none).
    IFulfillmentObserver public immutable observer;

    /// @notice Gas given to each observer call.
    uint256 public constant OBSERVER_GAS = 600_000;

    mapping(bytes32 assetClass => EpochConfig) private _configs;
    mapping(uint256 productId => ProductState) private _products;
    mapping(uint256 productId => mapping(uint256 epoch => EpochData)) private _epochs;
    mapping(uint256 tokenId => mapping(uint256 holdingIndex => Cursor)) private _cursors;

    /// @notice An epoch configuration with a zero length or window.
    error InvalidEpochConfig();
    /// @notice The product's asset class has no epoch configuration yet.
    error EpochConfigNotSet(bytes32 assetClass);
    /// @notice The vault has not tracked this product yet (no report or settle touched it).
    error ProductNotTracked(uint256 productId);
    /// @notice `deliveredUnits > capacity`, `sourceChain == 0`, `unitRevenue` above 128 bits, or
    /// `revenue + capacity * unitRevenue / PRECISION > MAX_REPORT_VALUE`.
    error InvalidReport();
    /// @notice The epoch is not one of the product's epochs.
    error EpochOutOfRange(uint256 productId, uint32 epoch, uint32 epochCount);
    /// @notice The epoch has not ended yet.
    error EpochNotEnded(uint256 productId, uint32 epoch, uint64 epochEnd);
    /// @notice The epoch was already reported.
    error EpochAlreadyReported(uint256 productId, uint32 epoch);
    /// @notice The epoch was already settled.
    error EpochAlreadySettled(uint256 productId, uint32 epoch);
    /// @notice The report window of the epoch is over (it settles as `Unreported`).
    error ReportWindowClosed(uint256 productId, uint32 epoch, uint64 reportDeadline);
    /// @notice No SPV verifier was configured.
    error SpvVerifierNotSet();
    /// @notice The proven transaction is not the report's evidence.
    error EvidenceMismatch(bytes32 evidence, bytes32 txid);
    /// @notice The epoch is not awaiting a deposit.
    error EpochNotReported(uint256 productId, uint32 epoch, EpochStatus status);
    /// @notice The deposit deadline of the epoch has passed (it settles as `Missed`).
    error DepositWindowClosed(uint256 productId, uint32 epoch, uint64 depositDeadline);
    /// @notice The product's term is not over.
    error ProductNotEnded(uint256 productId, uint64 end);
    /// @notice Not every epoch of the product is settled.
    error ProductNotSettled(uint256 productId, uint32 settledEpochs, uint32 epochCount);
    /// @notice Too little gas left to give the observer {OBSERVER_GAS}.
    error ObserverGasTooLow();

    /// @notice The epoch configuration of an asset class was set.
    event EpochConfigSet(bytes32 indexed assetClass, uint32 epochLength, uint32 reportWindow, uint32 depositWindow);
    /// @notice The vault started tracking a product and snapshotted its epoch configuration.
    event ProductTracked(
        uint256 indexed productId,
        bytes32 indexed assetClass,
        uint32 epochLength,
        uint32 reportWindow,
        uint32 depositWindow,
        uint32 epochCount
    );
    /// @notice An epoch was reported (`digest` is the EIP-712 digest the committee signed).
    event FulfillmentReported(
        uint256 indexed productId,
        uint32 indexed epoch,
        bytes32 indexed digest,
        uint256 nonce,
        uint256 deliveredUnits,
        uint256 revenue,
        uint256 unitRevenue,
        bytes32 sourceChain,
        bytes32 evidence,
        uint64 depositDeadline
    );
    /// @notice The report's evidence was proven a Bitcoin transaction paying `satoshis` (SPV).
    event PaymentEvidenceVerified(
        uint256 indexed productId, uint32 indexed epoch, bytes32 indexed txid, uint256 satoshis
    );
    /// @notice The issuer deposited an epoch's revenue.
    event RevenueDeposited(uint256 indexed productId, uint32 indexed epoch, address indexed issuer, uint256 amount);
    /// @notice An epoch was settled; holders are entitled to `deposited + compensation`.
    event EpochSettled(
        uint256 indexed productId, uint32 indexed epoch, EpochStatus status, uint256 deposited, uint256 compensation
    );
    /// @notice Collateral owed for an epoch (`due`) and what was paid of it.
    event ShortfallCompensated(uint256 indexed productId, uint32 indexed epoch, uint256 due, uint256 paid);
    /// @notice The product's collateral could not cover what `epoch` owed: the product defaulted.
    event ProductDefaulted(uint256 indexed productId, uint32 indexed epoch);
    /// @notice `amount` was paid to `holder` for holding `holdingIndex` of `tokenId`.
    event Claimed(uint256 indexed tokenId, uint256 indexed holdingIndex, address indexed holder, uint256 amount);
    /// @notice The issuer withdrew the product's remaining collateral after settlement.
    event CollateralWithdrawn(uint256 indexed productId, address indexed issuer, uint256 amount);
    /// @notice The observer reverted (or ran out of its gas) when told about `productId`.
    event ObserverFailed(uint256 indexed productId);

    /**
     * @notice Deploys the vault with EIP-712 domain ("HashMix", "1").
     * @dev Reverts with `ZeroAddress` for a zero token, collateral vault or registry. The
     * AccessManager must then grant this vault `COLLATERAL_MANAGER` (collateral vault),
     * `PRODUCT_DEFAULTER` (token) and, for {submitReportWithPayment}, `SPV_CONSUMER` (verifier).
     * @param authority The protocol's AccessManager (its admin sets epoch configurations).
     * @param token_ The hash power token.
     * @param collateral The collateral vault.
     * @param attestors The attestor registry.
     * @param spv_ The Bitcoin SPV verifier, or address(0).
     * @param evidence_ The Bitcoin evidence binding, or address(0).
     * @param observer_ The fulfillment observer, or address(0).
     */
    constructor(
        address authority,
        IHashPowerToken token_,
        ICollateralVault collateral,
        IAttestorRegistry attestors,
        IBtcSpvVerifier spv_,
        IBitcoinEvidence evidence_,
        IFulfillmentObserver observer_
    ) CommitteeAttested(attestors) AccessManaged(authority) {
        if (address(token_) == address(0) || address(collateral) == address(0)) revert ZeroAddress();
        token = token_;
        collateralVault = collateral;
        spv = spv_;
        bitcoinEvidence = evidence_;
        observer = observer_;
    }

    // ---------------------------------------------------------------------------------------
    // Admin
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Sets the epoch configuration of an asset class. A product snapshots the configuration
     * on its first report or settle; later changes do not affect it.
     * @dev Admin only (AccessManager). Reverts with {InvalidEpochConfig} if any value is 0. Emits {EpochConfigSet}.
     * @param assetClass Asset class id.
     * @param epochLength Seconds per epoch.
     * @param reportWindow Seconds after an epoch's end during which it can be reported.
     * @param depositWindow Seconds after a report during which the issuer can deposit.
     */
    function setEpochConfig(bytes32 assetClass, uint32 epochLength, uint32 reportWindow, uint32 depositWindow)
        external
        restricted
    {
        if (epochLength == 0 || reportWindow == 0 || depositWindow == 0) revert InvalidEpochConfig();
        _configs[assetClass] =
            EpochConfig({epochLength: epochLength, reportWindow: reportWindow, depositWindow: depositWindow});
        emit EpochConfigSet(assetClass, epochLength, reportWindow, depositWindow);
    }

    // ---------------------------------------------------------------------------------------
    // Reports
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Records a committee-signed fulfillment report of an ended epoch. Anyone may relay it.
     * @dev Reverts with the evidence binding's `SpvEvidenceRequired` (a product that requires SPV
     * evidence, relayed by anyone but the binding), `UnknownProduct` (token), {EpochConfigNotSet}, {InvalidReport},
     * {EpochOutOfRange}, {EpochNotEnded}, {EpochAlreadySettled}, {EpochAlreadyReported},
     * {ReportWindowClosed}, then `AttestationExpired`, `NonceAlreadyUsed` and the registry's
     * signature errors (`StaleCommitteeEpoch`, `BelowThreshold`, ...), in that order. The deposit
     * deadline is `now + depositWindow`. Emits {ProductTracked} on the product's first touch and
     * {FulfillmentReported}.
     * @param r The report.
     * @param sigs M-of-N attestor signatures over {hashFulfillmentReport}, signers ascending.
     */
    function submitReport(FulfillmentReport calldata r, AttestorSignature[] calldata sigs) external nonReentrant {
        _submitReport(r, sigs);
    }

    /**
     * @notice {submitReport} plus an SPV proof that the report's evidence is a confirmed Bitcoin
     * transaction, consumed once in the verifier (the vault needs its role `SPV_CONSUMER`).
     * @dev Reverts with {SpvVerifierNotSet}, the errors of {submitReport}, the verifier's errors
     * (`PaymentAlreadyClaimed`, `AccessManagedUnauthorized` when the vault lacks the role, proof
     * errors) and {EvidenceMismatch}. Emits
     * {PaymentEvidenceVerified} after {FulfillmentReported}.
     * @param r The report (`evidence` = the payout txid, internal byte order).
     * @param sigs Attestor signatures.
     * @param proof Payment proof of the transaction.
     */
    function submitReportWithPayment(
        FulfillmentReport calldata r,
        AttestorSignature[] calldata sigs,
        IBtcSpvVerifier.PaymentProof calldata proof
    ) external nonReentrant {
        IBtcSpvVerifier verifier = spv;
        if (address(verifier) == address(0)) revert SpvVerifierNotSet();
        _submitReport(r, sigs);
        (bytes32 txid, uint256 satoshis) = verifier.consumePayment(proof);
        if (txid != r.evidence) revert EvidenceMismatch(r.evidence, txid);
        emit PaymentEvidenceVerified(r.productId, r.epoch, txid, satoshis);
    }

    // ---------------------------------------------------------------------------------------
    // Deposits and settlement
    // ---------------------------------------------------------------------------------------

    /**
     * @notice The issuer deposits a reported epoch's revenue (exactly `revenue`, pulled with
     * `transferFrom`: approve the vault first), then the product settles as far as it can (at most
     * {MAX_AUTO_SETTLE} epochs).
     * @dev Reverts with {ProductNotTracked}, {NotTheIssuer}, {EpochNotReported} (status not
     * `Reported`), {DepositWindowClosed} or `AmountNotReceived` (fee-on-transfer tokens). Emits
     * {RevenueDeposited} and the events of {settle}.
     * @param productId Product.
     * @param epoch Epoch.
     */
    function deposit(uint256 productId, uint32 epoch) external nonReentrant {
        ProductState storage st = _products[productId];
        if (st.epochLength == 0) revert ProductNotTracked(productId);
        address issuer = st.issuer;
        if (msg.sender != issuer) revert NotTheIssuer(msg.sender, issuer);
        EpochData storage ep = _epochs[productId][epoch];
        if (ep.status != EpochStatus.Reported) revert EpochNotReported(productId, epoch, ep.status);
        if (block.timestamp > ep.depositDeadline) revert DepositWindowClosed(productId, epoch, ep.depositDeadline);

        uint256 amount = ep.revenue;
        ep.status = EpochStatus.Deposited;
        st.totalDeposited += amount;
        emit RevenueDeposited(productId, epoch, issuer, amount);
        (, uint256 take, bool newlyDefaulted) = _settleEffects(productId, st, MAX_AUTO_SETTLE);

        // interactions: the payout token, then the hash power token
        IERC20 payout = IERC20(st.payoutToken);
        Transfers.pullExact(payout, issuer, amount);
        _collect(productId, payout, take, newlyDefaulted);
    }

    /**
     * @notice Settles up to `maxEpochs` epochs of a product, in order, from the first unsettled one
     * (see the contract docs); stops at the first epoch that cannot settle yet. Anyone may call.
     * @dev Reverts with `UnknownProduct` (token) or {EpochConfigNotSet} on the first touch, and
     * `AmountNotReceived`. Emits {ProductTracked} on the first touch, then per epoch
     * {ShortfallCompensated} (when collateral is owed), {ProductDefaulted} (when it runs out) and
     * {EpochSettled}.
     * @param productId Product.
     * @param maxEpochs Most epochs to settle.
     * @return settled Number of epochs settled.
     */
    function settle(uint256 productId, uint256 maxEpochs) external nonReentrant returns (uint256 settled) {
        ProductState storage st = _track(productId);
        uint256 take;
        bool newlyDefaulted;
        (settled, take, newlyDefaulted) = _settleEffects(productId, st, maxEpochs);
        _collect(productId, IERC20(st.payoutToken), take, newlyDefaulted);
    }

    /**
     * @notice The issuer takes back the product's remaining collateral once its term is over and
     * every epoch is settled.
     * @dev Reverts with {ProductNotTracked}, {NotTheIssuer}, {ProductNotEnded} or
     * {ProductNotSettled}. Emits {CollateralWithdrawn} (the collateral vault emits `CollateralReleased`).
     * @param productId Product.
     * @return amount Collateral sent to the issuer.
     */
    function withdrawCollateral(uint256 productId) external nonReentrant returns (uint256 amount) {
        ProductState storage st = _products[productId];
        if (st.epochLength == 0) revert ProductNotTracked(productId);
        address issuer = st.issuer;
        if (msg.sender != issuer) revert NotTheIssuer(msg.sender, issuer);
        if (block.timestamp < st.end) revert ProductNotEnded(productId, st.end);
        if (st.settledEpochs < st.epochCount) revert ProductNotSettled(productId, st.settledEpochs, st.epochCount);
        amount = collateralVault.release(productId, issuer);
        emit CollateralWithdrawn(productId, issuer, amount);
    }

    // ---------------------------------------------------------------------------------------
    // Claims
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Pays holdings what they earned over the settled epochs. Anyone may call: each
     * holding's value goes to its recorded holder. Consecutive items with the same holder (and
     * payout token) are paid in one transfer.
     * @dev Reverts with {LengthMismatch}, {TooManyItems} and the token's `UnknownHolding`. A holding
     * with nothing new is skipped; one claimed twice in the same call is paid once. Emits {Claimed}
     * per holding whose cursor advanced.
     * @param tokenIds Token of each holding.
     * @param holdingIndexes Index of each holding in its token's history.
     * @return total Sum paid.
     */
    function claim(uint256[] calldata tokenIds, uint256[] calldata holdingIndexes)
        external
        nonReentrant
        returns (uint256 total)
    {
        uint256 n = _checkItems(tokenIds, holdingIndexes);
        Payout[] memory payouts = new Payout[](n);
        uint256 m = 0;
        uint256 productId = 0;
        uint256 productClaimed = 0;
        for (uint256 i = 0; i < n; ++i) {
            (address holder, uint256 pid, uint256 amount) = _claimOne(tokenIds[i], holdingIndexes[i]);
            if (amount == 0) continue;
            total += amount;
            if (pid != productId) {
                if (productClaimed != 0) _products[productId].totalClaimed += productClaimed;
                productId = pid;
                productClaimed = 0;
            }
            productClaimed += amount;
            address payout = _products[pid].payoutToken;
            if (m != 0 && payouts[m - 1].holder == holder && payouts[m - 1].token == payout) {
                payouts[m - 1].amount += amount;
            } else {
                payouts[m] = Payout({holder: holder, token: payout, amount: amount});
                ++m;
            }
        }
        if (productClaimed != 0) _products[productId].totalClaimed += productClaimed;

        // interactions
        for (uint256 j = 0; j < m; ++j) {
            IERC20(payouts[j].token).safeTransfer(payouts[j].holder, payouts[j].amount);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------

    /**
     * @notice What {claim} would pay now for a holding.
     * @dev Reverts with the token's `UnknownHolding`.
     * @param tokenId Token.
     * @param holdingIndex Holding index.
     * @return amount The claimable amount.
     */
    function claimable(uint256 tokenId, uint256 holdingIndex) external view nonReentrantView returns (uint256 amount) {
        (amount,,) = _owed(tokenId, holdingIndex, token.holding(tokenId, holdingIndex));
    }

    /**
     * @notice {claimable} for many holdings (a holding listed twice is counted twice).
     * @dev Reverts with {LengthMismatch}, {TooManyItems} and the token's `UnknownHolding`.
     * @param tokenIds Token of each holding.
     * @param holdingIndexes Index of each holding.
     * @return amounts Claimable amount of each.
     * @return total Their sum.
     */
    function claimableMany(uint256[] calldata tokenIds, uint256[] calldata holdingIndexes)
        external
        view
        nonReentrantView
        returns (uint256[] memory amounts, uint256 total)
    {
        uint256 n = _checkItems(tokenIds, holdingIndexes);
        amounts = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            (uint256 amount,,) = _owed(tokenIds[i], holdingIndexes[i], token.holding(tokenIds[i], holdingIndexes[i]));
            amounts[i] = amount;
            total += amount;
        }
    }

    /**
     * @notice The claim cursor of a holding.
     * @param tokenId Token.
     * @param holdingIndex Holding index.
     * @return claimedUntil Time up to which the holding was paid (0 if never).
     * @return paid Total paid to the holding.
     */
    function claimCursor(uint256 tokenId, uint256 holdingIndex)
        external
        view
        returns (uint64 claimedUntil, uint256 paid)
    {
        Cursor memory c = _cursors[tokenId][holdingIndex];
        return (c.claimedUntil, c.paid);
    }

    /// @inheritdoc IFulfillmentVault
    function epochConfig(bytes32 assetClass) external view returns (EpochConfig memory) {
        return _configs[assetClass];
    }

    /// @inheritdoc IFulfillmentVault
    /// @dev Derived views (epoch bounds, deadlines, shortfall, what an untracked product would
    /// snapshot) are in the FulfillmentLens.
    function trackedState(uint256 productId) external view returns (ProductState memory) {
        return _products[productId];
    }

    /// @inheritdoc IFulfillmentVault
    function epochData(uint256 productId, uint32 epoch) external view returns (EpochData memory) {
        return _epochs[productId][epoch];
    }



    /**
     * @notice A product's fulfillment record (for the credit system).
     * @param productId Product (an untracked one returns zeros).
     * @return r The record.
     */
    function record(uint256 productId) external view nonReentrantView returns (Record memory r) {
        ProductState storage st = _products[productId];
        r.epochsFulfilled = st.epochsFulfilled;
        r.epochsShort = st.epochsShort;
        r.epochsMissed = st.epochsMissed;
        r.epochsUnreported = st.epochsUnreported;
        r.defaulted = st.defaulted;
        r.totalDeposited = st.totalDeposited;
        r.totalCompensation = st.totalCompensation;
        r.totalClaimed = st.totalClaimed;
    }


    /**
     * @notice The EIP-712 digest attestors sign for `r` (domain "HashMix", "1", this chain, this vault).
     * @param r The report.
     * @return The digest.
     */
    function hashFulfillmentReport(FulfillmentReport calldata r) external view returns (bytes32) {
        return _hashTypedDataV4(_reportHash(r));
    }

    // ---------------------------------------------------------------------------------------
    // Internal: reports
    // ---------------------------------------------------------------------------------------

    function _submitReport(FulfillmentReport calldata r, AttestorSignature[] calldata sigs) private {
        uint256 productId = r.productId;
        if (address(bitcoinEvidence) != address(0)) bitcoinEvidence.checkRelayer(msg.sender, productId);
        ProductState storage st = _track(productId);
        EpochData storage ep = _checkReport(r, st);
        (bytes32 digest, address[] memory signers) =
            _consumeAttestation(_reportHash(r), st.assetClass, r.nonce, r.deadline, r.committeeEpoch, sigs);

        // The epoch has ended (checked above), so max(epochEnd, now) is now.
        uint48 depositDeadline = uint48(block.timestamp + st.depositWindow);
        ep.status = EpochStatus.Reported;
        ep.deliveredUnits = uint64(r.deliveredUnits);
        ep.depositDeadline = depositDeadline;
        ep.revenue = uint128(r.revenue);
        ep.unitRevenue = uint128(r.unitRevenue);
        ep.sourceChain = r.sourceChain;
        ep.evidence = r.evidence;
        _emitReported(r, digest, depositDeadline);
        if (address(observer) != address(0)) {
            _notify(
                productId, abi.encodeCall(IFulfillmentObserver.onReported, (productId, r.epoch, st.assetClass, signers))
            );
        }
    }

    /// @dev The report checks before the committee check; returns the epoch's storage.
    function _checkReport(FulfillmentReport calldata r, ProductState storage st)
        private
        view
        returns (EpochData storage ep)
    {
        uint256 productId = r.productId;
        uint256 capacity = st.capacity;
        if (
            r.deliveredUnits > capacity || r.sourceChain == bytes32(0) || r.unitRevenue > type(uint128).max
                || r.revenue > MAX_REPORT_VALUE || _unitsValue(capacity, r.unitRevenue) > MAX_REPORT_VALUE - r.revenue
        ) revert InvalidReport();
        uint32 epoch = r.epoch;
        if (epoch >= st.epochCount) revert EpochOutOfRange(productId, epoch, st.epochCount);
        (, uint256 epochEnd) = _epochBoundsStorage(st, epoch);
        if (block.timestamp < epochEnd) revert EpochNotEnded(productId, epoch, uint64(epochEnd));
        if (epoch < st.settledEpochs) revert EpochAlreadySettled(productId, epoch);
        ep = _epochs[productId][epoch];
        if (ep.status != EpochStatus.Pending) revert EpochAlreadyReported(productId, epoch);
        uint256 reportDeadline = epochEnd + st.reportWindow;
        if (block.timestamp > reportDeadline) revert ReportWindowClosed(productId, epoch, uint64(reportDeadline));
    }

    /// @dev All fields are static: `abi.encode(typehash, r)` is EIP-712's `typeHash || enc(field_1) || ...`.
    function _reportHash(FulfillmentReport calldata r) private pure returns (bytes32) {
        return keccak256(abi.encode(FULFILLMENT_REPORT_TYPEHASH, r));
    }

    function _emitReported(FulfillmentReport calldata r, bytes32 digest, uint64 depositDeadline) private {
        emit FulfillmentReported(
            r.productId,
            r.epoch,
            digest,
            r.nonce,
            r.deliveredUnits,
            r.revenue,
            r.unitRevenue,
            r.sourceChain,
            r.evidence,
            depositDeadline
        );
    }

    /// @dev The product's state, snapshotted from the token, the collateral vault and the asset class configuration on
    /// the first touch.
    function _track(uint256 productId) private returns (ProductState storage st) {
        st = _products[productId];
        if (st.epochLength != 0) return st;
        IHashPowerToken.Product memory p = token.product(productId);
        EpochConfig memory cfg = _configs[p.assetClass];
        if (cfg.epochLength == 0) revert EpochConfigNotSet(p.assetClass);
        (, uint256 collateral) = collateralVault.collateralOf(productId);
        uint32 count = SafeCast.toUint32(Math.ceilDiv(p.end - p.start, cfg.epochLength));
        st.issuer = p.issuer;
        st.start = p.start;
        st.epochLength = cfg.epochLength;
        st.payoutToken = p.collateralToken;
        st.end = p.end;
        st.reportWindow = cfg.reportWindow;
        st.capacity = SafeCast.toUint64(p.capacity);
        st.depositWindow = cfg.depositWindow;
        st.epochCount = count;
        st.assetClass = p.assetClass;
        st.unreportedFloor = collateral / count;
        emit ProductTracked(productId, p.assetClass, cfg.epochLength, cfg.reportWindow, cfg.depositWindow, count);
    }

    // ---------------------------------------------------------------------------------------
    // Internal: settlement
    // ---------------------------------------------------------------------------------------

    /// @dev Settles epochs (effects only) and returns the collateral to take and whether the
    /// product defaulted now; the caller performs those interactions ({_collect}). The remaining
    /// collateral is read (view) from the collateral vault the first time an epoch owes some.
    function _settleEffects(uint256 productId, ProductState storage st, uint256 maxEpochs)
        private
        returns (uint256 settled, uint256 take, bool newlyDefaulted)
    {
        uint256 first = st.settledEpochs;
        uint256 count = st.epochCount;
        uint256 stop = count - first < maxEpochs ? count : first + maxEpochs;
        if (first >= stop) return (0, 0, false);
        SettlePass memory pass;
        pass.entitled = st.settledEntitlement;
        pass.lastUnitRevenue = st.lastUnitRevenue;
        pass.defaulted = st.defaulted;
        uint256 e = first;
        for (; e < stop; ++e) {
            if (!_settleEpoch(productId, st, uint32(e), pass)) break;
        }
        settled = e - first;
        if (settled == 0) return (0, 0, false);
        st.settledEpochs = uint32(e);
        st.settledEntitlement = pass.entitled;
        st.lastUnitRevenue = uint128(pass.lastUnitRevenue);
        st.epochsFulfilled += pass.fulfilled;
        st.epochsShort += pass.short_;
        st.epochsMissed += pass.missed;
        st.epochsUnreported += pass.unreported;
        if (pass.compensation != 0) st.totalCompensation += pass.compensation;
        if (pass.newlyDefaulted) st.defaulted = true;
        if (address(observer) != address(0)) _notifySettled(productId, st, first, e, pass);
        return (settled, pass.take, pass.newlyDefaulted);
    }

    /// @dev Tells the observer what a settle pass settled (epochs `first .. last - 1`): completes the
    /// pass's observer fields and sends them as `onSettled` calldata.
    function _notifySettled(
        uint256 productId,
        ProductState storage st,
        uint256 first,
        uint256 last,
        SettlePass memory pass
    ) private {
        (uint256 from,) = _epochBoundsStorage(st, first);
        (, uint256 to) = _epochBoundsStorage(st, last - 1);
        pass.productId = productId;
        pass.issuer = st.issuer;
        pass.assetClass = st.assetClass;
        pass.capacity = st.capacity;
        pass.firstEpoch = uint32(first);
        pass.from = uint64(from);
        pass.to = uint64(to);
        bytes memory data = new bytes(4 + 13 * 32);
        bytes4 selector = IFulfillmentObserver.onSettled.selector;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(add(data, 32), selector)
            mcopy(add(data, 36), pass, 416)
        }
        _notify(productId, data);
    }

    /// @dev Calls the observer with {OBSERVER_GAS}; a failure is an event, never a revert. Reverts
    /// with {ObserverGasTooLow} unless the call can get its whole budget (EIP-150 passes on at most
    /// 63/64 of what is left, and the call itself costs some).
    function _notify(uint256 productId, bytes memory data) private {
        if (gasleft() < OBSERVER_GAS + OBSERVER_GAS / 63 + 10_000) revert ObserverGasTooLow();
        address target = address(observer);
        bool ok;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            ok := call(OBSERVER_GAS, target, 0, add(data, 0x20), mload(data), 0, 0)
        }
        if (!ok) emit ObserverFailed(productId);
    }

    /// @dev Settles one epoch if it can be; returns false (and changes nothing) if not.
    function _settleEpoch(uint256 productId, ProductState storage st, uint32 e, SettlePass memory pass)
        private
        returns (bool)
    {
        EpochData storage ep = _epochs[productId][e];
        (bool ready, EpochStatus outcome, uint256 deposited, uint256 due) = _outcome(st, ep, e, pass);
        if (!ready) return false;
        uint256 paid = due == 0 ? 0 : _compensate(productId, e, due, pass);
        uint256 entitled = pass.entitled + deposited + paid;
        pass.entitled = entitled;
        pass.compensation += paid;
        ep.status = outcome;
        ep.compensation = uint128(paid);
        ep.accEnd = Math.mulDiv(entitled, PRECISION, st.capacity);
        if (outcome == EpochStatus.Fulfilled) ++pass.fulfilled;
        else if (outcome == EpochStatus.Short) ++pass.short_;
        else if (outcome == EpochStatus.Missed) ++pass.missed;
        else ++pass.unreported;
        emit EpochSettled(productId, e, outcome, deposited, paid);
        return true;
    }

    /// @dev How epoch `e` settles now (`ready == false`: not yet), what was deposited for it and
    /// what the collateral owes for it. Updates the pass's last unit revenue for reported epochs.
    function _outcome(ProductState storage st, EpochData storage ep, uint32 e, SettlePass memory pass)
        private
        view
        returns (bool ready, EpochStatus outcome, uint256 deposited, uint256 due)
    {
        EpochStatus status = ep.status;
        uint256 capacity = st.capacity;
        if (status == EpochStatus.Deposited) {
            deposited = ep.revenue;
            due = _unitsValue(capacity - ep.deliveredUnits, ep.unitRevenue);
            outcome = due == 0 ? EpochStatus.Fulfilled : EpochStatus.Short;
            pass.lastUnitRevenue = ep.unitRevenue;
            if (address(observer) != address(0)) {
                (uint256 epochStart, uint256 epochEnd) = _epochBoundsStorage(st, e);
                pass.delivered += ep.deliveredUnits * (epochEnd - epochStart);
            }
        } else if (status == EpochStatus.Reported) {
            if (block.timestamp <= ep.depositDeadline) return (false, status, 0, 0);
            due = ep.revenue + _unitsValue(capacity - ep.deliveredUnits, ep.unitRevenue);
            outcome = EpochStatus.Missed;
            pass.lastUnitRevenue = ep.unitRevenue;
        } else {
            // Pending (settled epochs are never visited)
            (uint256 epochStart, uint256 epochEnd) = _epochBoundsStorage(st, e);
            if (block.timestamp <= epochEnd + st.reportWindow) return (false, status, 0, 0);
            // No report: presumed undelivered, priced at the last unit revenue but never below the
            // collateral's per-epoch share (so withholding reports cannot pay nothing), and scaled
            // to the epoch's length (the last epoch may be shorter).
            uint256 full = Math.max(_unitsValue(capacity, pass.lastUnitRevenue), st.unreportedFloor);
            due = Math.mulDiv(full, epochEnd - epochStart, st.epochLength);
            outcome = EpochStatus.Unreported;
        }
        ready = true;
    }

    /// @dev Pays `due` from the collateral left (read once per pass from the collateral vault); defaults the
    /// product when it runs short. A defaulted product pays 0.
    function _compensate(uint256 productId, uint32 e, uint256 due, SettlePass memory pass)
        private
        returns (uint256 paid)
    {
        if (!pass.defaulted) {
            if (!pass.collateralKnown) {
                (, pass.collateralLeft) = collateralVault.collateralOf(productId);
                pass.collateralKnown = true;
            }
            uint256 left = pass.collateralLeft;
            paid = due < left ? due : left;
            pass.collateralLeft = left - paid;
            pass.take += paid;
            if (paid < due) {
                pass.defaulted = true;
                pass.newlyDefaulted = true;
                emit ProductDefaulted(productId, e);
            }
        }
        emit ShortfallCompensated(productId, e, due, paid);
    }

    /// @dev What `units` promised units earned at `unitRevenue` (scaled by {PRECISION}), rounded down.
    function _unitsValue(uint256 units, uint256 unitRevenue) private pure returns (uint256) {
        return Math.mulDiv(units, unitRevenue, PRECISION);
    }

    /// @dev Interactions of a settlement: takes `take` of collateral (checking it arrived in full)
    /// and marks the product defaulted in the token.
    function _collect(uint256 productId, IERC20 payout, uint256 take, bool newlyDefaulted) private {
        if (take != 0) {
            uint256 before = payout.balanceOf(address(this));
            uint256 taken = collateralVault.take(productId, take);
            uint256 received = payout.balanceOf(address(this)) - before;
            if (taken != take || received != take) revert AmountNotReceived(take, received);
        }
        if (newlyDefaulted) token.markDefaulted(productId);
    }

    // ---------------------------------------------------------------------------------------
    // Internal: claims
    // ---------------------------------------------------------------------------------------

    function _checkItems(uint256[] calldata tokenIds, uint256[] calldata holdingIndexes)
        private
        pure
        returns (uint256 n)
    {
        n = tokenIds.length;
        if (n != holdingIndexes.length) revert LengthMismatch(n, holdingIndexes.length);
        if (n > MAX_CLAIM_ITEMS) revert TooManyItems(n, MAX_CLAIM_ITEMS);
    }

    /// @dev Advances one holding's cursor (effects); returns its holder, product and amount owed.
    function _claimOne(uint256 tokenId, uint256 holdingIndex)
        private
        returns (address holder, uint256 productId, uint256 amount)
    {
        IHoldingHistory.Holding memory h = token.holding(tokenId, holdingIndex);
        holder = h.holder;
        productId = h.productId;
        uint256 until;
        uint256 value;
        (amount, until, value) = _owed(tokenId, holdingIndex, h);
        if (until == 0) return (holder, productId, 0);
        _cursors[tokenId][holdingIndex] =
            Cursor({claimedUntil: uint64(until), paid: SafeCast.toUint192(value)});
        emit Claimed(tokenId, holdingIndex, holder, amount);
    }

    /// @dev What a holding is owed now: `amount` to pay, the new cursor `until` (0 if nothing new)
    /// and the holding's total value up to it.
    function _owed(uint256 tokenId, uint256 holdingIndex, IHoldingHistory.Holding memory h)
        private
        view
        returns (uint256 amount, uint256 until, uint256 value)
    {
        ProductState storage st = _products[h.productId];
        uint256 start = st.start;
        uint256 length = st.epochLength;
        if (length == 0) return (0, 0, 0);
        uint256 settledEpochs = st.settledEpochs;
        uint256 end = st.end;
        uint256 a = Math.max(h.start, start);
        uint256 b = Math.min(Math.min(h.end, end), Math.min(start + settledEpochs * length, end));
        Cursor memory c = _cursors[tokenId][holdingIndex];
        if (b <= a || b <= c.claimedUntil) return (0, 0, 0);
        uint256 accA = _accAt(h.productId, start, end, length, settledEpochs, a);
        uint256 accB = _accAt(h.productId, start, end, length, settledEpochs, b);
        value = Math.mulDiv(h.units, accB - accA, PRECISION);
        return (value - c.paid, b, value);
    }

    /// @dev The accumulator at `t` (start <= t <= the end of the settled epochs): exact at epoch
    /// boundaries, linear (rounded down) inside an epoch.
    function _accAt(uint256 productId, uint256 start, uint256 end, uint256 length, uint256 settledEpochs, uint256 t)
        private
        view
        returns (uint256)
    {
        if (t <= start) return 0;
        uint256 e = (t - start) / length;
        uint256 prev = e == 0 ? 0 : _epochs[productId][e - 1].accEnd;
        uint256 epochStart = start + e * length;
        // t on a boundary (including the end of the settled epochs): the previous epoch's end value.
        if (e >= settledEpochs || t == epochStart) return prev;
        uint256 epochEnd = Math.min(epochStart + length, end);
        uint256 next = _epochs[productId][e].accEnd;
        return prev + Math.mulDiv(next - prev, t - epochStart, epochEnd - epochStart);
    }

    // ---------------------------------------------------------------------------------------
    // Internal: epochs
    // ---------------------------------------------------------------------------------------



    function _epochBoundsStorage(ProductState storage st, uint256 e) private view returns (uint256 s, uint256 end) {
        uint256 length = st.epochLength;
        s = uint256(st.start) + e * length;
        end = Math.min(s + length, st.end);
    }

}
