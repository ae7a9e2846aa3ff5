// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {CommitteeAttested} from "../common/CommitteeAttested.sol";
import {ZeroAddress} from "../common/Errors.sol";
import {IAssetClassRegistry} from "../interfaces/IAssetClassRegistry.sol";
import {AttestorSignature, IAttestorRegistry} from "../interfaces/IAttestorRegistry.sol";
import {IBitcoinEvidence, IFulfillmentReportEntry} from "../interfaces/IBitcoinEvidence.sol";
import {IBtcSpvVerifier} from "../interfaces/IBtcSpvVerifier.sol";
import {IFulfillmentVault} from "../interfaces/IFulfillmentVault.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";
import {BitcoinPrimitives} from "./BitcoinPrimitives.sol";
import {SubsidyFloor} from "./SubsidyFloor.sol";

/**
 * @title BitcoinEvidence
 * @notice Binds Bitcoin SPV payout proofs to hash power products, so that a Bitcoin product's
 * fulfillment report is backed by the Bitcoin chain rather than by the committee's word alone.
 *
 * 1. **Commitment.** The committee signs, per product, the payout scripts its pool pays to and
 *    whether SPV evidence is required ({PayoutCommitment}, EIP-712, M-of-N of the product's asset
 *    class). A later commitment with a higher `version` replaces it (the committee again); once a
 *    product requires SPV evidence, no later commitment can drop the requirement.
 * 2. **Asset class parameters** ({ClassConfig}): the minimum confirmations, the maximum checkpoint
 *    age, the epoch-window slack and the satoshi to payout-base-unit conversion. The first
 *    configuration of a class applies at once (nothing can rely on it yet); every change waits
 *    {PARAMS_DELAY} ({scheduleClassParams}, {applyClassParams}).
 * 3. **Reports** ({submitReportWithEvidence}, anyone): the report goes to the fulfillment vault
 *    (every report check and the committee's signatures), then its proofs are checked here. The
 *    vault asks this contract about every report ({checkRelayer}): a product that requires SPV
 *    evidence is refused on every other path ({SpvEvidenceRequired}). Per proof, in order: the
 *    verifier checks and consumes the payment (each txid once across every report of every product,
 *    whichever contract consumes it); its script must be committed ({ScriptNotCommitted}); its
 *    including block must have at least the class's confirmations in the proof
 *    ({ConfirmationsBelowMinimum}); its checkpoint must have been accepted at most `maxCheckpointAge`
 *    ago ({StaleCheckpoint}); the including block's timestamp must be inside
 *    `[epochStart - windowSlack, epochEnd + windowSlack]` ({PaymentOutsideWindow}). The first proof's
 *    coinbase must carry its block height (BIP 34: {CoinbaseHeightMismatch}), which makes the height,
 *    and so the subsidy, proven rather than attested. Then, for the report: its `evidence` is the txid
 *    of a single proof or `keccak256(txid_0 || ... || txid_n-1)` ({EvidenceMismatch}); `revenue <=
 *    proven` ({RevenueAboveProven}) with `proven = satoshis * baseUnitsPerSatoshi`; `deliveredUnits *
 *    unitRevenue <= proven * 1e18` ({DeliveredAboveProven}); and `unitRevenue` is at least the subsidy
 *    floor of the first proof's including block over the epoch ({UnitRevenueBelowFloor}, see
 *    {SubsidyFloor}).
 *
 * Bitcoin timestamps: a block's time must exceed the median of the 11 before it and be at most two
 * hours ahead of the network's clock, so it can read an hour or more before, or up to two hours
 * after, the moment it was mined: `windowSlack` (at least two hours is advised) absorbs both.
 */
contract BitcoinEvidence is IBitcoinEvidence, CommitteeAttested, AccessManaged {
    // solhint-disable gas-struct-packing
    /**
     * @notice What the committee signs (EIP-712, see {PAYOUT_COMMITMENT_TYPEHASH}).
     * @param productId The product.
     * @param payoutScripts The scriptPubKeys the product's pool pays to (1 .. {MAX_SCRIPTS}, distinct,
     * each 1 .. {MAX_SCRIPT_SIZE} bytes).
     * @param spvRequired Whether its reports need SPV evidence.
     * @param version Must exceed the product's current commitment version (the first is >= 1).
     * @param nonce Consumed once.
     * @param deadline Last second the commitment is accepted.
     * @param committeeEpoch The committee epoch of the signatures.
     */
    struct PayoutCommitment {
        uint256 productId;
        bytes[] payoutScripts;
        bool spvRequired;
        uint64 version;
        uint256 nonce;
        uint64 deadline;
        uint64 committeeEpoch;
    }
    // solhint-enable gas-struct-packing

    /**
     * @notice Parameters of an asset class (one slot).
     * @param minConfirmations Least headers from a payment's block to the proof's tip, the block counted.
     * @param maxCheckpointAge Most seconds between a checkpoint's acceptance and a report it anchors.
     * @param windowSlack Seconds a payment's block time may fall before the epoch's start or after its end.
     * @param baseUnitsPerSatoshi Payout-token base units per satoshi (1 for an 8-decimal wrapped BTC).
     * @param unitDecimals Decimals of the class's unit (TH/s), read from the asset class registry.
     * @param configured Whether the class has parameters.
     */
    struct ClassConfig {
        uint16 minConfirmations;
        uint32 maxCheckpointAge;
        uint32 windowSlack;
        uint64 baseUnitsPerSatoshi;
        uint8 unitDecimals;
        bool configured;
    }

    /// @dev A product's current commitment.
    struct Commitment {
        uint64 version;
        bool spvRequired;
        bytes32[] scriptHashes;
    }

    /// @dev Inputs and running values of one {consumeEvidence} call.
    struct Tally {
        uint256 productId;
        uint64 version;
        uint256 epochSeconds;
        uint256 satoshis;
        uint256 floor;
        uint256 floorHeight;
        uint256 windowFrom;
        uint256 windowTo;
    }

    /// @notice EIP-712 type hash of {PayoutCommitment}.
    // solhint-disable-next-line gas-small-strings
    bytes32 public constant PAYOUT_COMMITMENT_TYPEHASH = keccak256(
        "PayoutCommitment(uint256 productId,bytes[] payoutScripts,bool spvRequired,uint64 version,uint256 nonce,"
        "uint64 deadline,uint64 committeeEpoch)"
    );

    /// @notice Most payout scripts per commitment.
    uint256 public constant MAX_SCRIPTS = 8;
    /// @notice Longest payout script (Core's `MAX_SCRIPT_SIZE`, as the verifier).
    uint256 public constant MAX_SCRIPT_SIZE = 10_000;
    /// @notice Most payout proofs per report.
    uint256 public constant MAX_PAYMENTS = 8;
    /// @notice Delay between scheduling and applying a change of a configured class's parameters.
    uint64 public constant PARAMS_DELAY = 2 days;
    /// @notice Largest `minConfirmations` (one retarget period: the most headers a proof carries).
    uint256 public constant MAX_MIN_CONFIRMATIONS = 2016;
    /// @notice Largest `maxCheckpointAge`.
    uint256 public constant MAX_CHECKPOINT_AGE = 90 days;
    /// @notice Largest `windowSlack`.
    uint256 public constant MAX_WINDOW_SLACK = 30 days;
    /// @notice Largest `baseUnitsPerSatoshi` (an 18-decimal token needs 10^10).
    uint256 public constant MAX_BASE_UNITS_PER_SATOSHI = 1e12;
    /// @notice Scale of unit revenues (the vault's `PRECISION`).
    uint256 public constant PRECISION = 1e18;

    uint256 private constant _HEADER_SIZE = 80;
    /// @dev keccak256("TH/s"): the only unit the floor knows.
    bytes32 private constant _TERAHASH_UNIT = keccak256("TH/s");

    /// @notice The hash power token (products: issuer, asset class).
    IHashPowerToken public immutable token;
    /// @notice The SPV verifier that checks and consumes payments (this contract needs `SPV_CONSUMER`).
    IBtcSpvVerifier public immutable verifier;
    /// @notice The asset class registry (units and their decimals).
    IAssetClassRegistry public immutable assetClasses;

    /// @notice The fulfillment vault reports are relayed to ({setFulfillmentVault}, once).
    IFulfillmentVault public fulfillmentVault;

    mapping(bytes32 assetClass => ClassConfig) private _configs;
    mapping(bytes32 assetClass => ClassConfig) private _pending;
    mapping(bytes32 assetClass => uint64 eta) private _pendingEta;
    mapping(uint256 productId => Commitment) private _commitments;
    mapping(uint256 productId => mapping(uint64 version => mapping(bytes32 scriptHash => bool))) private _committed;

    /// @notice {setFulfillmentVault} has not been called.
    error VaultNotSet();
    /// @notice The fulfillment vault was already set.
    error VaultAlreadySet();
    /// @notice A commitment with no script, too many, an empty, oversized or repeated one, or version 0.
    error InvalidCommitment();
    /// @notice `version` does not exceed the product's current commitment version.
    error StaleCommitmentVersion(uint256 productId, uint64 version, uint64 current);
    /// @notice The product requires SPV evidence; a commitment cannot drop that.
    error SpvRequirementLocked(uint256 productId);
    /// @notice The asset class has no parameters here.
    error ClassNotConfigured(bytes32 assetClass);
    /// @notice Class parameters outside their bounds.
    error InvalidClassParams();
    /// @notice The asset class's unit is not TH/s (the floor assumes it).
    error UnsupportedUnit(bytes32 assetClass);
    /// @notice No parameter change is scheduled for the class.
    error NoPendingClassParams(bytes32 assetClass);
    /// @notice The scheduled change may be applied from `eta` on.
    error ClassParamsNotReady(bytes32 assetClass, uint64 eta);
    /// @notice The product has no payout commitment.
    error NoPayoutCommitment(uint256 productId);
    /// @notice A report needs 1 .. {MAX_PAYMENTS} payout proofs.
    error InvalidPaymentCount(uint256 count, uint256 max);
    /// @notice Proof `payment` pays a script the product did not commit to.
    error ScriptNotCommitted(uint256 payment, bytes32 scriptHash);
    /// @notice Proof `payment`'s block has `confirmations` in the proof, below the class's `minimum`.
    error ConfirmationsBelowMinimum(uint256 payment, uint256 confirmations, uint256 minimum);
    /// @notice Proof `payment` is anchored at a checkpoint accepted at `acceptedAt`, longer ago than allowed.
    error StaleCheckpoint(uint256 payment, bytes32 checkpoint, uint64 acceptedAt);
    /// @notice Proof `payment`'s block time is outside the epoch's window `[from, to]`.
    error PaymentOutsideWindow(uint256 payment, uint256 blockTime, uint256 from, uint256 to);
    /// @notice The first proof's coinbase does not start with the BIP 34 push of `height`.
    error CoinbaseHeightMismatch(uint256 height);
    /// @notice The report's evidence is not the proven txid (or the hash of the proven txids).
    error EvidenceMismatch(bytes32 evidence, bytes32 txid);
    /// @notice The report's revenue exceeds what the proofs paid (in payout base units).
    error RevenueAboveProven(uint256 revenue, uint256 proven);
    /// @notice `deliveredUnits * unitRevenue / 1e18` exceeds what the proofs paid.
    error DeliveredAboveProven(uint256 deliveredUnits, uint256 unitRevenue, uint256 proven);
    /// @notice The report's unit revenue is below the subsidy floor of the proven block.
    error UnitRevenueBelowFloor(uint256 unitRevenue, uint256 floor);

    /// @notice Reports are relayed to `vault` from now on.
    event FulfillmentVaultSet(address indexed vault);
    /// @notice The committee committed `productId`'s payout scripts (`version`, scripts in the order signed).
    event PayoutCommitted(uint256 indexed productId, uint64 version, bool spvRequired, bytes[] payoutScripts);
    /// @notice A class's parameters apply from now on.
    event ClassParamsSet(
        bytes32 indexed assetClass,
        uint16 minConfirmations,
        uint32 maxCheckpointAge,
        uint32 windowSlack,
        uint64 baseUnitsPerSatoshi,
        uint8 unitDecimals
    );
    /// @notice A change of a class's parameters was scheduled; {applyClassParams} from `eta` on.
    event ClassParamsScheduled(
        bytes32 indexed assetClass,
        uint16 minConfirmations,
        uint32 maxCheckpointAge,
        uint32 windowSlack,
        uint64 baseUnitsPerSatoshi,
        uint64 eta
    );
    /// @notice A scheduled change was cancelled.
    event ClassParamsCancelled(bytes32 indexed assetClass);
    /// @notice A report of `productId`'s `epoch` was backed by proofs of `satoshis` to its committed
    /// scripts (`proven` base units); `floor` is the subsidy floor of the block at `floorHeight`.
    event EvidenceAccepted(
        uint256 indexed productId,
        uint32 indexed epoch,
        uint64 commitmentVersion,
        uint256 satoshis,
        uint256 proven,
        uint256 floor,
        uint256 floorHeight
    );

    /**
     * @notice Deploys the binding (EIP-712 domain "HashMix", "1", this contract).
     * @dev Reverts with `ZeroAddress` for a zero registry, token, verifier or asset class registry.
     * The AccessManager must grant this contract `SPV_CONSUMER` on the verifier; the admin then sets
     * the vault once ({setFulfillmentVault}).
     * @param authority The protocol's AccessManager (its admin sets class parameters).
     * @param attestors The attestor registry (commitments are signed by the product's class committee).
     * @param token_ The hash power token.
     * @param verifier_ The Bitcoin SPV verifier.
     * @param assetClasses_ The asset class registry.
     */
    constructor(
        address authority,
        IAttestorRegistry attestors,
        IHashPowerToken token_,
        IBtcSpvVerifier verifier_,
        IAssetClassRegistry assetClasses_
    ) CommitteeAttested(attestors) AccessManaged(authority) {
        if (
            address(token_) == address(0) || address(verifier_) == address(0) || address(assetClasses_) == address(0)
        ) revert ZeroAddress();
        token = token_;
        verifier = verifier_;
        assetClasses = assetClasses_;
    }

    // ---------------------------------------------------------------------------------------
    // Commitments
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Records a committee-signed payout commitment (anyone may relay it).
     * @dev Reverts with {InvalidCommitment}, the token's `UnknownProduct`, {ClassNotConfigured} (the
     * product's class), {StaleCommitmentVersion}, {SpvRequirementLocked}, then `AttestationExpired`,
     * `NonceAlreadyUsed` and the registry's signature errors (threshold of the product's class).
     * Emits {PayoutCommitted}.
     * @param c The commitment.
     * @param sigs Committee signatures over {hashPayoutCommitment}, signers ascending.
     */
    function submitCommitment(PayoutCommitment calldata c, AttestorSignature[] calldata sigs) external {
        bytes32[] memory hashes = _scriptHashes(c.payoutScripts);
        if (c.version == 0) revert InvalidCommitment();
        bytes32 assetClass = token.product(c.productId).assetClass;
        if (!_configs[assetClass].configured) revert ClassNotConfigured(assetClass);
        Commitment storage current = _commitments[c.productId];
        if (c.version <= current.version) revert StaleCommitmentVersion(c.productId, c.version, current.version);
        if (current.spvRequired && !c.spvRequired) revert SpvRequirementLocked(c.productId);
        _consumeAttestation(
            _commitmentHash(c, hashes), assetClass, c.nonce, c.deadline, c.committeeEpoch, sigs
        );
        current.version = c.version;
        current.spvRequired = c.spvRequired;
        current.scriptHashes = hashes;
        mapping(bytes32 scriptHash => bool) storage committed = _committed[c.productId][c.version];
        for (uint256 i = 0; i < hashes.length; ++i) {
            committed[hashes[i]] = true;
        }
        emit PayoutCommitted(c.productId, c.version, c.spvRequired, c.payoutScripts);
    }

    /// @notice The EIP-712 digest the committee signs for `c`.
    /// @dev Reverts with {InvalidCommitment} for a script list {submitCommitment} would refuse.
    /// @param c The commitment.
    /// @return The digest.
    function hashPayoutCommitment(PayoutCommitment calldata c) external view returns (bytes32) {
        return _hashTypedDataV4(_commitmentHash(c, _scriptHashes(c.payoutScripts)));
    }

    /// @inheritdoc IBitcoinEvidence
    function requiresSpv(uint256 productId) external view returns (bool) {
        return _commitments[productId].spvRequired;
    }

    /**
     * @notice A product's current commitment (version 0: none).
     * @param productId Product id.
     * @return version Its version.
     * @return spvRequired Whether reports need SPV evidence.
     * @return scriptHashes `keccak256` of each committed script, in the order signed.
     */
    function commitmentOf(uint256 productId)
        external
        view
        returns (uint64 version, bool spvRequired, bytes32[] memory scriptHashes)
    {
        Commitment storage c = _commitments[productId];
        return (c.version, c.spvRequired, c.scriptHashes);
    }

    /// @notice Whether `script` is one of the product's currently committed payout scripts.
    /// @param productId Product id.
    /// @param script A scriptPubKey.
    /// @return True if committed.
    function isCommittedScript(uint256 productId, bytes calldata script) external view returns (bool) {
        return _committed[productId][_commitments[productId].version][keccak256(script)];
    }

    // ---------------------------------------------------------------------------------------
    // Asset class parameters
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Sets or schedules the parameters of a Bitcoin asset class (admin). A class without
     * parameters gets them at once; a configured one gets them after {PARAMS_DELAY} ({applyClassParams}),
     * replacing any change already scheduled.
     * @dev Reverts with {InvalidClassParams} (`minConfirmations` 1 .. {MAX_MIN_CONFIRMATIONS},
     * `maxCheckpointAge` 1 .. {MAX_CHECKPOINT_AGE}, `windowSlack` <= {MAX_WINDOW_SLACK},
     * `baseUnitsPerSatoshi` 1 .. {MAX_BASE_UNITS_PER_SATOSHI}), the registry's `UnknownAssetClass`, or
     * {UnsupportedUnit} (not TH/s). Emits {ClassParamsSet} or {ClassParamsScheduled}.
     * @param assetClass The asset class.
     * @param minConfirmations Least confirmations of a payment.
     * @param maxCheckpointAge Most seconds since a checkpoint's acceptance.
     * @param windowSlack Slack of the epoch window, seconds.
     * @param baseUnitsPerSatoshi Payout base units per satoshi.
     */
    function scheduleClassParams(
        bytes32 assetClass,
        uint16 minConfirmations,
        uint32 maxCheckpointAge,
        uint32 windowSlack,
        uint64 baseUnitsPerSatoshi
    ) external restricted {
        if (
            minConfirmations == 0 || minConfirmations > MAX_MIN_CONFIRMATIONS || maxCheckpointAge == 0
                || maxCheckpointAge > MAX_CHECKPOINT_AGE || windowSlack > MAX_WINDOW_SLACK || baseUnitsPerSatoshi == 0
                || baseUnitsPerSatoshi > MAX_BASE_UNITS_PER_SATOSHI
        ) revert InvalidClassParams();
        IAssetClassRegistry.AssetClass memory ac = assetClasses.assetClass(assetClass);
        if (keccak256(bytes(ac.unitName)) != _TERAHASH_UNIT) revert UnsupportedUnit(assetClass);
        ClassConfig memory cfg = ClassConfig({
            minConfirmations: minConfirmations,
            maxCheckpointAge: maxCheckpointAge,
            windowSlack: windowSlack,
            baseUnitsPerSatoshi: baseUnitsPerSatoshi,
            unitDecimals: ac.unitDecimals,
            configured: true
        });
        if (!_configs[assetClass].configured) {
            _apply(assetClass, cfg);
            return;
        }
        uint64 eta = uint64(block.timestamp) + PARAMS_DELAY;
        _pending[assetClass] = cfg;
        _pendingEta[assetClass] = eta;
        emit ClassParamsScheduled(
            assetClass, minConfirmations, maxCheckpointAge, windowSlack, baseUnitsPerSatoshi, eta
        );
    }

    /**
     * @notice Applies a scheduled parameter change once its delay has passed. Anyone may call.
     * @dev Reverts with {NoPendingClassParams} or {ClassParamsNotReady}. Emits {ClassParamsSet}.
     * @param assetClass The asset class.
     */
    function applyClassParams(bytes32 assetClass) external {
        uint64 eta = _pendingEta[assetClass];
        if (eta == 0) revert NoPendingClassParams(assetClass);
        if (block.timestamp < eta) revert ClassParamsNotReady(assetClass, eta);
        ClassConfig memory cfg = _pending[assetClass];
        delete _pending[assetClass];
        delete _pendingEta[assetClass];
        _apply(assetClass, cfg);
    }

    /**
     * @notice Cancels a scheduled parameter change (admin).
     * @dev Reverts with {NoPendingClassParams}. Emits {ClassParamsCancelled}.
     * @param assetClass The asset class.
     */
    function cancelClassParams(bytes32 assetClass) external restricted {
        if (_pendingEta[assetClass] == 0) revert NoPendingClassParams(assetClass);
        delete _pending[assetClass];
        delete _pendingEta[assetClass];
        emit ClassParamsCancelled(assetClass);
    }

    /// @notice The parameters in force for a class (`configured == false`: none).
    /// @param assetClass The asset class.
    /// @return The parameters.
    function classParams(bytes32 assetClass) external view returns (ClassConfig memory) {
        return _configs[assetClass];
    }

    /// @notice A scheduled change of a class's parameters (`eta == 0`: none).
    /// @param assetClass The asset class.
    /// @return params The scheduled parameters.
    /// @return eta When they may be applied.
    function pendingClassParams(bytes32 assetClass) external view returns (ClassConfig memory params, uint64 eta) {
        return (_pending[assetClass], _pendingEta[assetClass]);
    }

    // ---------------------------------------------------------------------------------------
    // Evidence
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Relays a committee-signed report to the fulfillment vault together with SPV proofs of
     * the product's payouts, and accepts it only if they back it (see the contract docs). Anyone may
     * relay. The only way to report a product whose commitment requires SPV evidence.
     * @dev Reverts with {VaultNotSet}, {InvalidPaymentCount}, {NoPayoutCommitment}, then the vault's
     * report errors (`submitReport`: epoch, deadline, nonce, signatures), then per
     * proof the verifier's errors (`PaymentAlreadyClaimed`, proof errors), {ScriptNotCommitted},
     * {ConfirmationsBelowMinimum}, {StaleCheckpoint}, {PaymentOutsideWindow}, {CoinbaseHeightMismatch}
     * (first proof), then {EvidenceMismatch}, {RevenueAboveProven}, {DeliveredAboveProven} and
     * {UnitRevenueBelowFloor}. Any failure undoes the report and the payments' consumption. Emits
     * {EvidenceAccepted} (the vault emits `FulfillmentReported`, the verifier `PaymentConsumed`).
     * @param r The report (`evidence`: see {evidenceOf}).
     * @param sigs Committee signatures over the vault's `hashFulfillmentReport`, signers ascending.
     * @param payments Payout proofs (1 .. {MAX_PAYMENTS}); the first one's block sets the floor.
     * @return satoshis Satoshis the proofs paid to the committed scripts.
     */
    function submitReportWithEvidence(
        IFulfillmentVault.FulfillmentReport calldata r,
        AttestorSignature[] calldata sigs,
        IBtcSpvVerifier.PaymentProof[] calldata payments
    ) external returns (uint256 satoshis) {
        IFulfillmentVault vault = fulfillmentVault;
        if (address(vault) == address(0)) revert VaultNotSet();
        uint256 n = payments.length;
        if (n == 0 || n > MAX_PAYMENTS) revert InvalidPaymentCount(n, MAX_PAYMENTS);
        Tally memory t;
        t.productId = r.productId;
        t.version = _commitments[t.productId].version;
        if (t.version == 0) revert NoPayoutCommitment(t.productId);
        IFulfillmentReportEntry(address(vault)).submitReport(r, sigs);
        ClassConfig memory cfg = _window(vault.trackedState(t.productId), r.epoch, t);
        bytes32[] memory txids = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            txids[i] = _bindPayment(i, payments[i], cfg, t);
        }
        bytes32 expected = n == 1 ? txids[0] : keccak256(abi.encodePacked(txids));
        if (r.evidence != expected) revert EvidenceMismatch(r.evidence, expected);
        uint256 proven = t.satoshis * cfg.baseUnitsPerSatoshi;
        if (r.revenue > proven) revert RevenueAboveProven(r.revenue, proven);
        if (r.deliveredUnits * r.unitRevenue > proven * PRECISION) {
            revert DeliveredAboveProven(r.deliveredUnits, r.unitRevenue, proven);
        }
        if (r.unitRevenue < t.floor) revert UnitRevenueBelowFloor(r.unitRevenue, t.floor);
        emit EvidenceAccepted(t.productId, r.epoch, t.version, t.satoshis, proven, t.floor, t.floorHeight);
        return t.satoshis;
    }

    /// @inheritdoc IBitcoinEvidence
    function checkRelayer(address relayer, uint256 productId) external view {
        if (relayer != address(this) && _commitments[productId].spvRequired) revert SpvEvidenceRequired(productId);
    }

    /**
     * @notice Sets the fulfillment vault reports are relayed to, once (admin). The vault is deployed
     * after this contract, since it takes this contract's address.
     * @dev Reverts with `ZeroAddress` or {VaultAlreadySet}. Emits {FulfillmentVaultSet}.
     * @param vault The fulfillment vault.
     */
    function setFulfillmentVault(IFulfillmentVault vault) external restricted {
        if (address(vault) == address(0)) revert ZeroAddress();
        if (address(fulfillmentVault) != address(0)) revert VaultAlreadySet();
        fulfillmentVault = vault;
        emit FulfillmentVaultSet(address(vault));
    }

    /**
     * @notice The report evidence a set of payments must carry: the txid of a single payment, else
     * `keccak256(txid_0 || ... || txid_n-1)` (internal byte order, in the order of the proofs).
     * @param txids The proven txids.
     * @return The evidence.
     */
    function evidenceOf(bytes32[] calldata txids) external pure returns (bytes32) {
        return txids.length == 1 ? txids[0] : keccak256(abi.encodePacked(txids));
    }

    /**
     * @notice The subsidy-only revenue of one unit over `epochSeconds`, in payout base units x 1e18,
     * rounded down ({SubsidyFloor}): what a report's `unitRevenue` must reach.
     * @dev Reverts with {InvalidClassParams} for an invalid `nBits`, `epochSeconds >= 2^32`,
     * `unitDecimals > 18` or `baseUnitsPerSatoshi` above {MAX_BASE_UNITS_PER_SATOSHI}.
     * @param nBits The header's compact target.
     * @param height The header's height.
     * @param epochSeconds Length of the epoch.
     * @param unitDecimals Decimals of the TH/s unit.
     * @param baseUnitsPerSatoshi Payout base units per satoshi.
     * @return The floor.
     */
    function subsidyFloor(
        uint32 nBits,
        uint256 height,
        uint256 epochSeconds,
        uint8 unitDecimals,
        uint256 baseUnitsPerSatoshi
    ) external pure returns (uint256) {
        (bool ok, uint256 target) = BitcoinPrimitives.decodeCompact(nBits);
        if (!ok || epochSeconds > type(uint32).max || unitDecimals > 18
            || baseUnitsPerSatoshi > MAX_BASE_UNITS_PER_SATOSHI) revert InvalidClassParams();
        return SubsidyFloor.floorOf(target, height, epochSeconds, unitDecimals, baseUnitsPerSatoshi);
    }

    /// @notice The block subsidy at `height` in satoshis: 50 BTC halved every 210,000 blocks, 0 from
    /// the 64th halving on.
    /// @param height Block height.
    /// @return The subsidy.
    function blockSubsidy(uint256 height) external pure returns (uint256) {
        return SubsidyFloor.blockSubsidy(height);
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    /// @dev The reported epoch's length and payment window from the vault's snapshot of the product;
    /// returns the class parameters.
    function _window(IFulfillmentVault.ProductState memory st, uint32 epoch, Tally memory t)
        private
        view
        returns (ClassConfig memory cfg)
    {
        // a commitment exists only for a configured class, and configurations are never removed
        cfg = _configs[st.assetClass];
        // the vault accepted the report: the product is tracked and `epoch` one of its epochs
        uint256 epochStart = uint256(st.start) + uint256(epoch) * st.epochLength;
        uint256 epochEnd = epochStart + st.epochLength < st.end ? epochStart + st.epochLength : st.end;
        t.epochSeconds = epochEnd - epochStart;
        t.windowFrom = epochStart > cfg.windowSlack ? epochStart - cfg.windowSlack : 0;
        t.windowTo = epochEnd + cfg.windowSlack;
    }

    /// @dev Consumes one proof and checks its binding; returns its txid, adds its satoshis to `t`
    /// and, for the first proof, sets the floor.
    function _bindPayment(uint256 i, IBtcSpvVerifier.PaymentProof calldata p, ClassConfig memory cfg, Tally memory t)
        private
        returns (bytes32 txid)
    {
        uint256 amount;
        (txid, amount) = verifier.consumePayment(p);
        t.satoshis += amount;
        bytes32 scriptHash = keccak256(p.outputScript);
        if (!_committed[t.productId][t.version][scriptHash]) revert ScriptNotCommitted(i, scriptHash);
        // the verifier accepted the proof: whole 80-byte headers, headerIndex among them
        uint256 confirmations = p.headers.length / _HEADER_SIZE - p.headerIndex;
        if (confirmations < cfg.minConfirmations) {
            revert ConfirmationsBelowMinimum(i, confirmations, cfg.minConfirmations);
        }
        bytes32 anchor = bytes32(p.headers[4:36]);
        IBtcSpvVerifier.Checkpoint memory cp = verifier.checkpoint(anchor);
        if (block.timestamp - cp.acceptedAt > cfg.maxCheckpointAge) revert StaleCheckpoint(i, anchor, cp.acceptedAt);
        uint256 at = p.headerIndex * _HEADER_SIZE;
        uint256 blockTime = BitcoinPrimitives.readU32(p.headers, at + 68);
        if (blockTime < t.windowFrom || blockTime > t.windowTo) {
            revert PaymentOutsideWindow(i, blockTime, t.windowFrom, t.windowTo);
        }
        if (i == 0) _setFloor(p, uint256(cp.height) + 1 + p.headerIndex, cfg, t);
    }

    /// @dev The floor from the first proof's including block, whose height its coinbase must carry.
    function _setFloor(IBtcSpvVerifier.PaymentProof calldata p, uint256 height, ClassConfig memory cfg, Tally memory t)
        private
        pure
    {
        if (!_coinbaseHasHeight(p.coinbaseTransaction, height)) revert CoinbaseHeightMismatch(height);
        uint256 at = p.headerIndex * _HEADER_SIZE;
        (, uint256 target) = BitcoinPrimitives.decodeCompact(uint32(BitcoinPrimitives.readU32(p.headers, at + 72)));
        t.floorHeight = height;
        t.floor = SubsidyFloor.floorOf(target, height, t.epochSeconds, cfg.unitDecimals, cfg.baseUnitsPerSatoshi);
    }

    /**
     * @dev Whether a coinbase's scriptSig starts with `CScript() << height` (BIP 34): `OP_0` for 0,
     * `OP_1 .. OP_16` for 1 .. 16, else a direct push of the minimal little-endian script number (a
     * 0x00 byte added when the top bit is set). The verifier accepted the coinbase: version, one
     * input (count 0x01), its 36-byte null outpoint, a one-byte scriptSig length (2 .. 100) at 41.
     */
    function _coinbaseHasHeight(bytes calldata coinbase, uint256 height) internal pure returns (bool) {
        uint256 length = uint8(coinbase[41]);
        if (height <= 16) return uint8(coinbase[42]) == (height == 0 ? 0 : 0x50 + height);
        uint256 size = 0;
        for (uint256 v = height; v != 0; v >>= 8) ++size;
        if ((height >> (8 * size - 1)) & 1 == 1) ++size; // sign bit: one more (zero) byte
        if (length < size + 1 || uint8(coinbase[42]) != size) return false;
        for (uint256 j = 0; j < size; ++j) {
            if (uint8(coinbase[43 + j]) != (height >> (8 * j)) & 0xff) return false;
        }
        return true;
    }

    /// @dev Applies parameters and emits {ClassParamsSet}.
    function _apply(bytes32 assetClass, ClassConfig memory cfg) private {
        _configs[assetClass] = cfg;
        emit ClassParamsSet(
            assetClass,
            cfg.minConfirmations,
            cfg.maxCheckpointAge,
            cfg.windowSlack,
            cfg.baseUnitsPerSatoshi,
            cfg.unitDecimals
        );
    }

    /// @dev `keccak256` of each script; {InvalidCommitment} unless 1 .. {MAX_SCRIPTS} distinct scripts
    /// of 1 .. {MAX_SCRIPT_SIZE} bytes.
    function _scriptHashes(bytes[] calldata scripts) private pure returns (bytes32[] memory hashes) {
        uint256 n = scripts.length;
        if (n == 0 || n > MAX_SCRIPTS) revert InvalidCommitment();
        hashes = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 len = scripts[i].length;
            if (len == 0 || len > MAX_SCRIPT_SIZE) revert InvalidCommitment();
            bytes32 h = keccak256(scripts[i]);
            for (uint256 j = 0; j < i; ++j) {
                if (hashes[j] == h) revert InvalidCommitment();
            }
            hashes[i] = h;
        }
    }

    /// @dev EIP-712 struct hash: `bytes[]` is encoded as `keccak256` of the concatenated `keccak256`
    /// of each element.
    function _commitmentHash(PayoutCommitment calldata c, bytes32[] memory scriptHashes)
        private
        pure
        returns (bytes32)
    {
        return keccak256(
            abi.encode(
                PAYOUT_COMMITMENT_TYPEHASH,
                c.productId,
                keccak256(abi.encodePacked(scriptHashes)),
                c.spvRequired,
                c.version,
                c.nonce,
                c.deadline,
                c.committeeEpoch
            )
        );
    }
}
