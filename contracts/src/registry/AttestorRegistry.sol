// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ZeroAddress, ZeroAmount} from "../common/Errors.sol";
import {SignaturePolicy} from "../common/SignaturePolicy.sol";
import {Transfers} from "../common/Transfers.sol";
import {AttestorInfo, AttestorSignature, IAttestorRegistry} from "../interfaces/IAttestorRegistry.sol";

/**
 * @title AttestorRegistry
 * @notice The attestation committee of HashMix: who may attest, with how much bonded native coin,
 * how many signatures each asset class needs, and the M-of-N signature check that committee-attested
 * contracts (the hash power token, the fulfillment vault, the SPV verifier) run before accepting a
 * committee message.
 * @dev Committee epochs: every membership change ({addAttestor}, {removeAttestor},
 * {requestExit}, {slash} of a member) increments {epoch}. Attestations carry the epoch they were signed for and
 * {verifySignatures} only accepts the current one, so signatures collected before a committee
 * change stop working.
 *
 * Bonds: members deposit native coin with {depositBond}; a member is *active* (its signatures
 * count) while its bond is at least {minBond}. The hash power token locks the bonds of a product's
 * attestors until its end ({lockBonds}, role `BOND_LOCKER`); the hardware registry slashes the whole
 * bond of an attestor proven to have signed two products sharing hardware ({slash}, role
 * `BOND_SLASHER`). A slashed bond is burnt in full (no challenger share: the challenger may be the
 * fraudster, see the hardware registry) and a slashed member leaves the committee.
 * Leaving takes {exitDelay} (at most {MAX_EXIT_DELAY}): after {requestExit} (or {removeAttestor},
 * or a slash) the bond can be withdrawn from `max(exitAvailableAt, lockedUntil)` on.
 *
 * Loops are bounded: the committee has at most {MAX_COMMITTEE_SIZE} members, and a signature list
 * must be strictly ascending with every signer an active member, so {verifySignatures} never looks
 * at more than `MAX_COMMITTEE_SIZE + 1` entries before it returns or reverts. Signatures follow the
 * protocol's one {SignaturePolicy}.
 *
 * Trust: admin functions (members, thresholds) and the two hooks are `restricted` by the protocol's
 * AccessManager; its admin should be a timelock or a multisig, and only audited protocol contracts
 * ever get the hook roles.
 */
contract AttestorRegistry is IAttestorRegistry, AccessManaged, ReentrancyGuardTransient {
    /// @notice Maximum number of committee members.
    uint256 public constant MAX_COMMITTEE_SIZE = 32;

    /// @notice Maximum {exitDelay} (checked at deployment).
    uint64 public constant MAX_EXIT_DELAY = 365 days;

    /// @dev Storage form of {AttestorInfo}: flags and timestamps share one slot.
    struct Attestor {
        bool member;
        uint64 lockedUntil;
        uint64 exitAvailableAt;
        uint256 bond;
    }

    uint256 private immutable _minBond;
    uint64 private immutable _exitDelay;

    uint64 private _epoch;
    address[] private _members;
    /// @dev index + 1 in `_members` (0 = not a member).
    mapping(address attestor => uint256 position) private _memberPosition;
    mapping(address attestor => Attestor) private _info;
    mapping(bytes32 assetClass => uint8) private _thresholds;

    /// @notice Slashed native coin burnt so far (held by this contract, never withdrawable).
    uint256 public totalBurned;

    /// @notice The signature list was signed for another committee epoch.
    error StaleCommitteeEpoch(uint64 signed, uint64 current);
    /// @notice No threshold was set for the asset class.
    error ThresholdNotSet(bytes32 assetClass);
    /// @notice Signers are not strictly ascending (this also rejects duplicates).
    error SignersNotSorted(address previous, address signer);
    /// @notice The signer is not a member or its bond is below {minBond}.
    error NotAnActiveAttestor(address signer);
    /// @notice The signature of `signer` does not verify.
    error InvalidAttestorSignature(address signer);
    /// @notice Fewer valid signatures than the threshold.
    error BelowThreshold(uint256 valid, uint256 required);
    /// @notice The account is already a committee member (also: a member tried to withdraw its bond).
    error AlreadyMember(address attestor);
    /// @notice The account is not a committee member.
    error NotAMember(address attestor);
    /// @notice The committee already has {MAX_COMMITTEE_SIZE} members.
    error CommitteeFull(uint256 max);
    /// @notice The threshold is 0 or above {MAX_COMMITTEE_SIZE}.
    error InvalidThreshold(uint8 threshold);
    /// @notice The bond cannot be withdrawn before `until`.
    error BondLocked(address attestor, uint64 until);
    /// @notice The account has nothing to withdraw.
    error NothingToWithdraw(address account);
    /// @notice The exit delay given at deployment is above {MAX_EXIT_DELAY}.
    error ExitDelayTooLong(uint64 exitDelay, uint64 max);

    /// @notice `attestor` joined the committee; `epoch` is the new committee epoch.
    event AttestorAdded(address indexed attestor, uint64 epoch);
    /// @notice `attestor` was removed by the admin ({removeAttestor}) or because it was slashed
    /// ({slash}); its exit delay started; `epoch` is the new epoch.
    event AttestorRemoved(address indexed attestor, uint64 epoch);
    /// @notice The signature threshold of an asset class was set.
    event ThresholdSet(bytes32 indexed assetClass, uint8 threshold);
    /// @notice `attestor` deposited `amount`; its bond is now `total`.
    event BondDeposited(address indexed attestor, uint256 amount, uint256 total);
    /// @notice `attestor` left the committee; it may withdraw from `availableAt` (and after its lock).
    event ExitRequested(address indexed attestor, uint64 availableAt, uint64 epoch);
    /// @notice `attestor` withdrew its whole bond.
    event BondWithdrawn(address indexed attestor, uint256 amount);
    /// @notice The bond of `attestor` is now locked until `until`.
    event BondsLocked(address indexed attestor, uint64 until);
    /// @notice The whole bond of `attestor` (`amount`) was slashed and burnt (added to {totalBurned}).
    event AttestorSlashed(address indexed attestor, uint256 amount);

    /**
     * @notice Creates an empty committee (epoch 0, no thresholds).
     * @param authority The protocol's AccessManager.
     * @param minBond_ Minimum bond for a member to be active, in wei (must be > 0, else {ZeroAmount}).
     * @param exitDelay_ Seconds between leaving the committee and being able to withdraw the bond
     * (at most {MAX_EXIT_DELAY}, else {ExitDelayTooLong}).
     */
    constructor(address authority, uint256 minBond_, uint64 exitDelay_) AccessManaged(authority) {
        if (minBond_ == 0) revert ZeroAmount();
        if (exitDelay_ > MAX_EXIT_DELAY) revert ExitDelayTooLong(exitDelay_, MAX_EXIT_DELAY);
        _minBond = minBond_;
        _exitDelay = exitDelay_;
    }

    // ---------------------------------------------------------------------------------------
    // Admin
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Adds `attestor` to the committee and bumps the epoch. A former member that is
     * re-added keeps its remaining bond and its pending exit is cancelled.
     * @param attestor Account to add (EOA or EIP-1271 contract).
     */
    function addAttestor(address attestor) external restricted {
        if (attestor == address(0)) revert ZeroAddress();
        if (_memberPosition[attestor] != 0) revert AlreadyMember(attestor);
        if (_members.length >= MAX_COMMITTEE_SIZE) revert CommitteeFull(MAX_COMMITTEE_SIZE);
        _members.push(attestor);
        _memberPosition[attestor] = _members.length;
        Attestor storage info = _info[attestor];
        info.member = true;
        info.exitAvailableAt = 0;
        uint64 newEpoch = ++_epoch;
        emit AttestorAdded(attestor, newEpoch);
    }

    /**
     * @notice Removes `attestor` from the committee and bumps the epoch. Its bond stays in the
     * registry (slashable while locked) and can be withdrawn as after {requestExit}: from
     * `block.timestamp + exitDelay` on, and not before its `lockedUntil`.
     * @param attestor Member to remove.
     */
    function removeAttestor(address attestor) external restricted {
        uint64 newEpoch = _leave(attestor);
        emit AttestorRemoved(attestor, newEpoch);
    }

    /**
     * @notice Sets the number of valid signatures an attestation of `assetClass` needs.
     * @param assetClass Asset class id (see AssetClassRegistry).
     * @param threshold_ 1..{MAX_COMMITTEE_SIZE}.
     */
    function setThreshold(bytes32 assetClass, uint8 threshold_) external restricted {
        if (threshold_ == 0 || threshold_ > MAX_COMMITTEE_SIZE) revert InvalidThreshold(threshold_);
        _thresholds[assetClass] = threshold_;
        emit ThresholdSet(assetClass, threshold_);
    }

    // ---------------------------------------------------------------------------------------
    // Attestors
    // ---------------------------------------------------------------------------------------

    /// @notice Adds `msg.value` to the caller's bond. Members only; `msg.value` must be > 0.
    function depositBond() external payable {
        if (_memberPosition[msg.sender] == 0) revert NotAMember(msg.sender);
        if (msg.value == 0) revert ZeroAmount();
        Attestor storage info = _info[msg.sender];
        uint256 total = info.bond + msg.value;
        info.bond = total;
        emit BondDeposited(msg.sender, msg.value, total);
    }

    /// @notice Leaves the committee (bumps the epoch) and starts the exit delay.
    function requestExit() external {
        uint64 newEpoch = _leave(msg.sender);
        emit ExitRequested(msg.sender, _info[msg.sender].exitAvailableAt, newEpoch);
    }

    /**
     * @notice Withdraws the caller's whole remaining bond. Only former members (reverts with
     * {AlreadyMember} for a member), only from `max(exitAvailableAt, lockedUntil)` on
     * ({BondLocked} with that timestamp), and only if something is left ({NothingToWithdraw}).
     */
    function withdrawBond() external nonReentrant {
        Attestor storage info = _info[msg.sender];
        if (info.member) revert AlreadyMember(msg.sender);
        uint256 amount = info.bond;
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        uint64 until = info.exitAvailableAt > info.lockedUntil ? info.exitAvailableAt : info.lockedUntil;
        if (block.timestamp < until) revert BondLocked(msg.sender, until);
        info.bond = 0;
        emit BondWithdrawn(msg.sender, amount);
        Transfers.sendNative(msg.sender, amount);
    }

    // ---------------------------------------------------------------------------------------
    // Hooks (AccessManager roles)
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Locks the bonds of `attestors_` until at least `until` (a lock is never shortened).
     * @dev Role `BOND_LOCKER` (the hash power token). Emits {BondsLocked} for each attestor whose
     * lock was extended. The token passes the signers returned by {verifySignatures}, so the list
     * has at most {MAX_COMMITTEE_SIZE} entries.
     * @param attestors_ Accounts whose bonds are locked.
     * @param until Timestamp the bonds stay locked until.
     */
    function lockBonds(address[] calldata attestors_, uint64 until) external restricted {
        uint256 n = attestors_.length;
        for (uint256 i = 0; i < n; ++i) {
            Attestor storage info = _info[attestors_[i]];
            if (until > info.lockedUntil) {
                info.lockedUntil = until;
                emit BondsLocked(attestors_[i], until);
            }
        }
    }

    /**
     * @notice Slashes and burns the whole bond of `attestor` (locked or not, member or not): the
     * coin stays in this contract, unreachable ({totalBurned}). A member is also removed from the
     * committee as by {removeAttestor} (epoch bump, exit delay starts, {AttestorRemoved}), so
     * signatures it gave before the slash never verify again, even if it is re-added and re-bonds.
     * @dev Role `BOND_SLASHER` (the hardware registry, on a proven duplicate-hardware challenge).
     * Nothing of the bond goes to the challenger: a challenger may be the fraudulent issuer or a
     * colluding attestor, and any share would let them recover part of what fraud costs. Emits
     * {AttestorSlashed}.
     * @param attestor Slashed account.
     * @return slashed The bond burnt (0 if it was already empty; then nothing is emitted and
     * membership is unchanged).
     */
    function slash(address attestor) external restricted returns (uint256 slashed) {
        Attestor storage info = _info[attestor];
        slashed = info.bond;
        if (slashed == 0) return 0;
        info.bond = 0;
        totalBurned += slashed;
        emit AttestorSlashed(attestor, slashed);
        if (_memberPosition[attestor] != 0) {
            uint64 newEpoch = _leave(attestor);
            emit AttestorRemoved(attestor, newEpoch);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------

    /// @inheritdoc IAttestorRegistry
    function epoch() external view returns (uint64) {
        return _epoch;
    }

    /// @inheritdoc IAttestorRegistry
    function threshold(bytes32 assetClass) external view returns (uint8) {
        return _thresholds[assetClass];
    }

    /// @notice Minimum bond for a member to be active, in wei.
    /// @return The minimum bond.
    function minBond() external view returns (uint256) {
        return _minBond;
    }

    /// @notice Seconds between leaving the committee and being able to withdraw.
    /// @return The exit delay.
    function exitDelay() external view returns (uint64) {
        return _exitDelay;
    }

    /// @inheritdoc IAttestorRegistry
    function isActiveAttestor(address attestor) public view returns (bool) {
        Attestor storage info = _info[attestor];
        return info.member && info.bond >= _minBond;
    }

    /// @notice Current committee members (at most {MAX_COMMITTEE_SIZE}), in no particular order.
    /// @return The members.
    function attestors() external view returns (address[] memory) {
        return _members;
    }

    /// @notice Membership, bond, lock and exit state of an account.
    /// @param attestor Account.
    /// @return The state (all zero for an unknown account).
    function attestorInfo(address attestor) external view returns (AttestorInfo memory) {
        Attestor storage info = _info[attestor];
        return AttestorInfo({
            member: info.member,
            bond: info.bond,
            lockedUntil: info.lockedUntil,
            exitAvailableAt: info.exitAvailableAt
        });
    }

    /**
     * @notice Verifies that `signatures` carry at least the threshold of `assetClass` of valid
     * signatures over `digest` from distinct active attestors of the current epoch.
     * @dev Reverts with {StaleCommitteeEpoch}, {ThresholdNotSet}, {SignersNotSorted} (signers must
     * be strictly ascending, which also rejects duplicates), {NotAnActiveAttestor},
     * {InvalidAttestorSignature} (any invalid entry) or {BelowThreshold}. Each signature is checked
     * with the protocol's {SignaturePolicy}: a 65-byte low-s ECDSA signature of the signer, or, for
     * a contract signer, an EIP-1271 answer within a capped gas budget (a wallet that reverts,
     * returns short data or burns its gas just fails the check).
     * @param digest EIP-712 digest that was signed.
     * @param assetClass Asset class whose threshold applies.
     * @param committeeEpoch Epoch the attestation was signed for (must equal {epoch}).
     * @param signatures Signatures, signers strictly ascending.
     * @return signers The signers, in the given order.
     */
    function verifySignatures(
        bytes32 digest,
        bytes32 assetClass,
        uint64 committeeEpoch,
        AttestorSignature[] calldata signatures
    ) external view returns (address[] memory signers) {
        if (committeeEpoch != _epoch) revert StaleCommitteeEpoch(committeeEpoch, _epoch);
        uint256 required = _thresholds[assetClass];
        if (required == 0) revert ThresholdNotSet(assetClass);

        uint256 n = signatures.length;
        signers = new address[](n);
        address previous = address(0);
        for (uint256 i = 0; i < n; ++i) {
            address signer = signatures[i].signer;
            if (signer <= previous) revert SignersNotSorted(previous, signer);
            if (!isActiveAttestor(signer)) revert NotAnActiveAttestor(signer);
            if (!SignaturePolicy.isValidSignatureNow(signer, digest, signatures[i].signature)) {
                revert InvalidAttestorSignature(signer);
            }
            signers[i] = signer;
            previous = signer;
        }
        if (n < required) revert BelowThreshold(n, required);
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    /// @dev Removes a member (swap and pop), starts its exit delay and bumps the epoch.
    function _leave(address attestor) private returns (uint64 newEpoch) {
        uint256 position = _memberPosition[attestor];
        if (position == 0) revert NotAMember(attestor);
        uint256 last = _members.length;
        if (position != last) {
            address moved = _members[last - 1];
            _members[position - 1] = moved;
            _memberPosition[moved] = position;
        }
        _members.pop();
        delete _memberPosition[attestor];
        Attestor storage info = _info[attestor];
        info.member = false;
        info.exitAvailableAt = uint64(block.timestamp) + _exitDelay;
        newEpoch = ++_epoch;
    }
}
