// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {AttestorInfo, AttestorSignature, IAttestorRegistry} from "./interfaces/IAttestorRegistry.sol";

/**
 * @title AttestorRegistry
 * @notice The attestation committee of HashMix: who may attest, with how much bonded native coin,
 * how many signatures each asset class needs, and the M-of-N signature check consumer contracts
 * (such as HashPowerToken) call before accepting an attestation.
 * @dev Committee epochs: every membership change ({addAttestor}, {removeAttestor},
 * {requestExit}, {slash} of a member) increments {epoch}. Attestations carry the epoch they were signed for and
 * {verifySignatures} only accepts the current one, so signatures collected before a committee
 * change stop working.
 *
 * Bonds: members deposit native coin with {depositBond}; a member is *active* (its signatures
 * count) while its bond is at least {minBond}. Consumers lock the bonds of the attestors of an
 * attestation until its end ({lockBonds}) and slash the whole bond of an attestor proven to have
 * misbehaved ({slash}); {CHALLENGER_SHARE_BPS} of a slashed bond is credited to a beneficiary who
 * pulls it ({withdrawSlashProceeds}), the rest is burnt, and a slashed member leaves the committee.
 * Leaving takes {exitDelay} (at most {MAX_EXIT_DELAY}): after {requestExit} (or {removeAttestor},
 * or a slash) the bond can be withdrawn from `max(exitAvailableAt, lockedUntil)` on.
 *
 * Loops are bounded: the committee has at most {MAX_COMMITTEE_SIZE} members, and a signature list
 * must be strictly ascending with every signer an active member, so {verifySignatures} never looks
 * at more than `MAX_COMMITTEE_SIZE + 1` entries before it returns or reverts.
 *
 * Trust: the owner chooses members, thresholds and consumers, with immediate effect; deployments
 * put a timelock or a multisig behind the `Ownable2Step` ownership. A consumer can lock and slash
 * any bond, so only audited protocol contracts (HashPowerToken) are ever made consumers.
 */
contract AttestorRegistry is IAttestorRegistry, Ownable2Step, ReentrancyGuard {
    /// @notice Maximum number of committee members.
    uint256 public constant MAX_COMMITTEE_SIZE = 32;

    /// @notice Gas forwarded to each EIP-1271 `isValidSignature` staticcall.
    uint256 public constant ERC1271_GAS_LIMIT = 100_000;

    /// @notice Share of a slashed bond credited to the beneficiary, in basis points (10%). The
    /// rest is burnt (kept in this contract, unreachable), so an attestor that challenges its own
    /// duplicate still loses 90% of its bond.
    uint256 public constant CHALLENGER_SHARE_BPS = 1_000;

    /// @notice Maximum {exitDelay} (checked at deployment).
    uint64 public constant MAX_EXIT_DELAY = 365 days;

    uint256 private constant _BPS = 10_000;

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
    mapping(address consumer => bool) private _consumers;
    mapping(address beneficiary => uint256) private _slashProceeds;

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
    /// @notice The caller is not an allowed consumer.
    error NotAConsumer(address caller);
    /// @notice The bond cannot be withdrawn before `until`.
    error BondLocked(address attestor, uint64 until);
    /// @notice The account has nothing to withdraw.
    error NothingToWithdraw(address account);
    /// @notice A zero amount (or a zero {minBond} at deployment).
    error ZeroAmount();
    /// @notice Sending native coin to `to` failed.
    error NativeTransferFailed(address to, uint256 amount);
    /// @notice address(0) given where an account is required.
    error ZeroAddress();
    /// @notice The exit delay given at deployment is above {MAX_EXIT_DELAY}.
    error ExitDelayTooLong(uint64 exitDelay, uint64 max);

    /// @notice `attestor` joined the committee; `epoch` is the new committee epoch.
    event AttestorAdded(address indexed attestor, uint64 epoch);
    /// @notice `attestor` was removed by the owner ({removeAttestor}) or because it was slashed
    /// ({slash}); its exit delay started; `epoch` is the new epoch.
    event AttestorRemoved(address indexed attestor, uint64 epoch);
    /// @notice The signature threshold of an asset class was set.
    event ThresholdSet(bytes32 indexed assetClass, uint8 threshold);
    /// @notice A consumer was allowed or disallowed.
    event ConsumerSet(address indexed consumer, bool allowed);
    /// @notice `attestor` deposited `amount`; its bond is now `total`.
    event BondDeposited(address indexed attestor, uint256 amount, uint256 total);
    /// @notice `attestor` left the committee; it may withdraw from `availableAt` (and after its lock).
    event ExitRequested(address indexed attestor, uint64 availableAt, uint64 epoch);
    /// @notice `attestor` withdrew its whole bond.
    event BondWithdrawn(address indexed attestor, uint256 amount);
    /// @notice The bond of `attestor` is now locked until `until`.
    event BondsLocked(address indexed attestor, uint64 until);
    /// @notice The whole bond of `attestor` (`amount`) was slashed; {CHALLENGER_SHARE_BPS} of it
    /// was credited to `beneficiary` and the rest burnt (see {SlashBurned}).
    event AttestorSlashed(address indexed attestor, address indexed beneficiary, uint256 amount);
    /// @notice `beneficiary` withdrew its slash proceeds.
    event SlashProceedsWithdrawn(address indexed beneficiary, uint256 amount);
    /// @notice `amount` of the slashed bond of `attestor` was burnt (added to {totalBurned}).
    event SlashBurned(address indexed attestor, uint256 amount);

    modifier onlyConsumer() {
        if (!_consumers[msg.sender]) revert NotAConsumer(msg.sender);
        _;
    }

    /**
     * @notice Creates an empty committee (epoch 0, no thresholds, no consumers).
     * @param initialOwner Admin (reverts with `OwnableInvalidOwner` if zero).
     * @param minBond_ Minimum bond for a member to be active, in wei (must be > 0, else {ZeroAmount}).
     * @param exitDelay_ Seconds between leaving the committee and being able to withdraw the bond
     * (at most {MAX_EXIT_DELAY}, else {ExitDelayTooLong}).
     */
    constructor(address initialOwner, uint256 minBond_, uint64 exitDelay_) Ownable(initialOwner) {
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
    function addAttestor(address attestor) external onlyOwner {
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
    function removeAttestor(address attestor) external onlyOwner {
        uint64 newEpoch = _leave(attestor);
        emit AttestorRemoved(attestor, newEpoch);
    }

    /**
     * @notice Sets the number of valid signatures an attestation of `assetClass` needs.
     * @param assetClass Asset class id (see AssetClassRegistry).
     * @param threshold_ 1..{MAX_COMMITTEE_SIZE}.
     */
    function setThreshold(bytes32 assetClass, uint8 threshold_) external onlyOwner {
        if (threshold_ == 0 || threshold_ > MAX_COMMITTEE_SIZE) revert InvalidThreshold(threshold_);
        _thresholds[assetClass] = threshold_;
        emit ThresholdSet(assetClass, threshold_);
    }

    /**
     * @notice Allows or disallows a consumer contract to lock and slash bonds.
     * @param consumer Contract address (not zero).
     * @param allowed New status.
     */
    function setConsumer(address consumer, bool allowed) external onlyOwner {
        if (consumer == address(0)) revert ZeroAddress();
        _consumers[consumer] = allowed;
        emit ConsumerSet(consumer, allowed);
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
        _sendNative(msg.sender, amount);
    }

    // ---------------------------------------------------------------------------------------
    // Consumers
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Locks the bonds of `attestors_` until at least `until` (a lock is never shortened).
     * @dev Emits {BondsLocked} for each attestor whose lock was extended. The consumer passes the
     * signers returned by {verifySignatures}, so the list has at most {MAX_COMMITTEE_SIZE} entries.
     * @param attestors_ Accounts whose bonds are locked.
     * @param until Timestamp the bonds stay locked until.
     */
    function lockBonds(address[] calldata attestors_, uint64 until) external onlyConsumer {
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
     * @notice Slashes the whole bond of `attestor` (locked or not, member or not): credits
     * {CHALLENGER_SHARE_BPS} of it to `beneficiary`, who pulls it with {withdrawSlashProceeds}, and
     * burns the rest ({totalBurned}; the coin stays in this contract, unreachable). A member is
     * also removed from the committee as by {removeAttestor} (epoch bump, exit delay starts,
     * {AttestorRemoved}), so signatures it gave before the slash never verify again, even if it is
     * re-added and re-bonds. Never takes more than the bond.
     * @dev Consumers call this only with valid evidence (HashPowerToken: a duplicate-hardware
     * challenge). Burning most of the bond makes a self-challenge (colluding attestors challenging
     * their own duplicate) cost them 90% of their bonds. Emits {AttestorSlashed} (amount = whole
     * bond) and {SlashBurned}.
     * @param attestor Slashed account.
     * @param beneficiary Account credited (not zero).
     * @return slashed The whole bond slashed (0 if the bond was already empty; then nothing is
     * emitted and membership is unchanged).
     */
    function slash(address attestor, address beneficiary) external onlyConsumer returns (uint256 slashed) {
        if (beneficiary == address(0)) revert ZeroAddress();
        Attestor storage info = _info[attestor];
        slashed = info.bond;
        if (slashed == 0) return 0;
        info.bond = 0;
        uint256 share = (slashed * CHALLENGER_SHARE_BPS) / _BPS;
        uint256 burned = slashed - share;
        _slashProceeds[beneficiary] += share;
        totalBurned += burned;
        emit AttestorSlashed(attestor, beneficiary, slashed);
        emit SlashBurned(attestor, burned);
        if (_memberPosition[attestor] != 0) {
            uint64 newEpoch = _leave(attestor);
            emit AttestorRemoved(attestor, newEpoch);
        }
    }

    /// @notice Sends the caller its whole slash proceeds (pull payment).
    function withdrawSlashProceeds() external nonReentrant {
        uint256 amount = _slashProceeds[msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        _slashProceeds[msg.sender] = 0;
        emit SlashProceedsWithdrawn(msg.sender, amount);
        _sendNative(msg.sender, amount);
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

    /// @notice Whether `consumer` may lock and slash bonds.
    /// @param consumer Account.
    /// @return True if allowed.
    function isConsumer(address consumer) external view returns (bool) {
        return _consumers[consumer];
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

    /// @notice Slash proceeds `beneficiary` can withdraw.
    /// @param beneficiary Account.
    /// @return Amount in wei.
    function slashProceeds(address beneficiary) external view returns (uint256) {
        return _slashProceeds[beneficiary];
    }

    /**
     * @notice Verifies that `signatures` carry at least the threshold of `assetClass` of valid
     * signatures over `digest` from distinct active attestors of the current epoch.
     * @dev Reverts with {StaleCommitteeEpoch}, {ThresholdNotSet}, {SignersNotSorted} (signers must
     * be strictly ascending, which also rejects duplicates), {NotAnActiveAttestor},
     * {InvalidAttestorSignature} (any invalid entry) or {BelowThreshold}. EOAs (no code) must give a
     * 65-byte ECDSA signature with low s and v in {27, 28} (64-byte EIP-2098 signatures are rejected
     * on purpose); contracts are asked through EIP-1271 with {ERC1271_GAS_LIMIT} gas, and only a
     * returned 32-byte word equal to the magic value counts. A contract that reverts, returns short
     * data or burns its gas just fails the check.
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
            if (!_isValidSignature(signer, digest, signatures[i].signature)) revert InvalidAttestorSignature(signer);
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

    function _isValidSignature(address signer, bytes32 digest, bytes calldata signature)
        private
        view
        returns (bool)
    {
        if (signer.code.length == 0) {
            // 65 bytes only, checked here as well so a future OZ version accepting EIP-2098
            // short signatures does not change the rule.
            if (signature.length != 65) return false;
            (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
            return err == ECDSA.RecoverError.NoError && recovered == signer;
        }
        return _isValidErc1271Signature(signer, digest, signature);
    }

    /// @dev Staticcall with capped gas; copies at most 32 bytes of returndata (no returndata bomb).
    function _isValidErc1271Signature(address signer, bytes32 digest, bytes calldata signature)
        private
        view
        returns (bool)
    {
        bytes memory data = abi.encodeCall(IERC1271.isValidSignature, (digest, signature));
        uint256 gasLimit = ERC1271_GAS_LIMIT;
        bool success;
        uint256 size;
        bytes32 word;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            success := staticcall(gasLimit, signer, add(data, 0x20), mload(data), 0x00, 0x20)
            size := returndatasize()
            word := mload(0x00)
        }
        return success && size >= 32 && word == bytes32(IERC1271.isValidSignature.selector);
    }

    function _sendNative(address to, uint256 amount) private {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert NativeTransferFailed(to, amount);
    }
}
