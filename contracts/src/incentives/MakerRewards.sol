// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {CommitteeAttested} from "../common/CommitteeAttested.sol";
import {ZeroAddress} from "../common/Errors.sol";
import {AttestorSignature, IAttestorRegistry} from "../interfaces/IAttestorRegistry.sol";
import {IRewardSource} from "../interfaces/IRewardSource.sol";

/**
 * @title MakerRewards
 * @notice The market makers' emission program: a committee-attested cumulative Merkle distribution.
 * Paying makers on the fill itself would add reward accounting to the market's gas-optimised path, so
 * nothing happens there: after each period the committee computes every maker's cumulative reward
 * from the market's `OrderFilled` events (the rule is public and reproducible: docs/incentives.md,
 * Java `MakerRewardsAllocator`), signs the Merkle root of `(maker, cumulative)` leaves with the
 * last block it counted and the tree's total ({publishRoot}), and each maker claims
 * `cumulative − claimed` against a proof ({claim}): O(1) per claim, whatever the number of makers
 * and periods.
 * @dev What the contract guarantees whatever the committee signs: a root is published only with
 * M-of-N committee signatures of the current committee epoch (the `threshold` of {assetClass}),
 * once (nonce), before its deadline, in period order and over a later block range; a root's total
 * never decreases and never exceeds what the program has pulled from the emission controller, so
 * everything claimable was funded; a maker's claims add up to its latest cumulative amount, never
 * more (no double claim); and all claims together never exceed the current root's total (a
 * committee that signed inconsistent roots can misallocate within the funded total, not beyond it).
 * Leaves are OpenZeppelin standard-tree leaves: `keccak256(bytes.concat(keccak256(abi.encode(maker,
 * cumulative))))`.
 */
contract MakerRewards is CommitteeAttested, ReentrancyGuardTransient {
    /// @notice What the committee signs after a period (EIP-712, {MAKER_ROOT_TYPEHASH}).
    /// @dev `period` counts from 1; `toBlock` is the last block whose fills the tree counts (fills from
    /// the market's deployment); `total` is the sum of the tree's cumulative amounts.
    // solhint-disable-next-line gas-struct-packing
    struct MakerRoot {
        uint64 period;
        uint64 toBlock;
        bytes32 root;
        uint256 total;
        uint256 nonce;
        uint64 deadline;
        uint64 committeeEpoch;
    }

    /// @notice The current root and its bookkeeping.
    /// @dev `claimed` is the sum of every maker's claims (at most `total`); `pulled` what the program
    /// pulled from the emission controller in all (at least `total`). `total` and `claimed` share a
    /// slot, so a claim reads and writes one slot besides the root (a total above 2^128 - 1 is refused;
    /// the HMX cap is below 2^96).
    struct State {
        uint64 period;
        uint64 toBlock;
        bytes32 root;
        uint128 total;
        uint128 claimed;
        uint256 pulled;
    }

    /// @notice EIP-712 type hash of {MakerRoot}.
    // solhint-disable-next-line gas-small-strings
    bytes32 public constant MAKER_ROOT_TYPEHASH = keccak256(
        "MakerRoot(uint64 period,uint64 toBlock,bytes32 root,uint256 total,uint256 nonce,uint64 deadline,"
        "uint64 committeeEpoch)"
    );

    /// @notice Where rewards come from (the emission controller; add this program there).
    IRewardSource public immutable source;
    /// @notice The asset class whose committee threshold applies to roots.
    bytes32 public immutable assetClass;

    State private _state;
    mapping(address maker => uint256) private _claimedBy;

    /// @notice The root's period is not the one after the current root's.
    error PeriodOutOfOrder(uint64 expected, uint64 actual);
    /// @notice The root's last block is not after the current root's, or not yet mined.
    error BlockRangeInvalid(uint64 previousToBlock, uint64 toBlock);
    /// @notice The root's total is below the current root's (totals are cumulative) or above what the
    /// program has pulled (it would promise unfunded rewards).
    error RootTotalOutOfBounds(uint256 total, uint256 previousTotal, uint256 pulled);
    /// @notice The proof does not place `(maker, cumulative)` in the current root.
    error InvalidMakerProof(address maker, uint256 cumulative);
    /// @notice The maker already claimed `claimed`, at least `cumulative`.
    error NothingToClaim(address maker, uint256 cumulative, uint256 claimed);
    /// @notice Paying this claim would take all claims above the current root's total (the committee
    /// signed roots whose leaves are inconsistent with the claims already paid).
    error RootTotalExceeded(uint256 total, uint256 claimedAfter);

    /// @notice The committee's root for `period` is current: makers claim against it.
    event RootPublished(uint64 indexed period, uint64 toBlock, bytes32 root, uint256 total, uint256 pulled);
    /// @notice `maker` was paid `amount` of HMX, its claims now adding up to `cumulative`.
    event MakerRewardClaimed(address indexed maker, uint256 amount, uint256 cumulative);

    /**
     * @param attestors The attestor registry (the committee).
     * @param source_ The emission controller.
     * @param assetClass_ The asset class whose committee threshold applies to roots.
     */
    constructor(IAttestorRegistry attestors, IRewardSource source_, bytes32 assetClass_)
        CommitteeAttested(attestors)
    {
        if (address(source_) == address(0)) revert ZeroAddress();
        source = source_;
        assetClass = assetClass_;
    }

    /**
     * @notice Publishes the committee's root for the next period: pulls what accrued to the program
     * from the emission controller, then makes the root current. Anyone may submit it.
     * @dev Reverts with {PeriodOutOfOrder}, {BlockRangeInvalid}, `AttestationExpired`,
     * `NonceAlreadyUsed`, the registry's signature errors (`StaleCommitteeEpoch`, `BelowThreshold`,
     * ...), {RootTotalOutOfBounds}, and the controller's `UnknownProgram`. Emits {RootPublished}.
     * @param r The root.
     * @param signatures The committee's signatures of {hashMakerRoot}, signers ascending.
     */
    function publishRoot(MakerRoot calldata r, AttestorSignature[] calldata signatures) external nonReentrant {
        State storage s = _state;
        if (r.period != s.period + 1) revert PeriodOutOfOrder(s.period + 1, r.period);
        if (r.toBlock <= s.toBlock || r.toBlock >= block.number) revert BlockRangeInvalid(s.toBlock, r.toBlock);
        _consumeAttestation(_rootHash(r), assetClass, r.nonce, r.deadline, r.committeeEpoch, signatures);
        uint256 pulled = s.pulled + source.pull();
        if (r.total < s.total || r.total > pulled) revert RootTotalOutOfBounds(r.total, s.total, pulled);
        s.period = r.period;
        s.toBlock = r.toBlock;
        s.root = r.root;
        s.total = SafeCast.toUint128(r.total);
        s.pulled = pulled;
        emit RootPublished(r.period, r.toBlock, r.root, r.total, pulled);
    }

    /**
     * @notice Pays `maker` what the current root gives it beyond what it already claimed. Anyone may
     * call; the HMX always goes to the maker.
     * @dev Reverts with {InvalidMakerProof}, {NothingToClaim}, {RootTotalExceeded}. Emits
     * {MakerRewardClaimed}.
     * @param maker The maker.
     * @param cumulative The maker's cumulative amount in the current root.
     * @param proof The Merkle proof of the maker's leaf.
     * @return amount The HMX paid.
     */
    function claim(address maker, uint256 cumulative, bytes32[] calldata proof)
        external
        nonReentrant
        returns (uint256 amount)
    {
        State storage s = _state;
        if (!MerkleProof.verifyCalldata(proof, s.root, leaf(maker, cumulative))) {
            revert InvalidMakerProof(maker, cumulative);
        }
        uint256 already = _claimedBy[maker];
        if (cumulative <= already) revert NothingToClaim(maker, cumulative, already);
        amount = cumulative - already;
        uint256 claimedAfter = s.claimed + amount;
        if (claimedAfter > s.total) revert RootTotalExceeded(s.total, claimedAfter);
        _claimedBy[maker] = cumulative;
        s.claimed = uint128(claimedAfter); // at most `total`, a uint128
        emit MakerRewardClaimed(maker, amount, cumulative);
        source.payout(maker, amount);
    }

    /**
     * @notice The Merkle leaf of `(maker, cumulative)`.
     * @param maker The maker.
     * @param cumulative Its cumulative amount.
     * @return The leaf.
     */
    function leaf(address maker, uint256 cumulative) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(maker, cumulative))));
    }

    /**
     * @notice The EIP-712 digest the committee signs for `r`.
     * @param r The root.
     * @return The digest.
     */
    function hashMakerRoot(MakerRoot calldata r) external view returns (bytes32) {
        return _hashTypedDataV4(_rootHash(r));
    }

    /**
     * @notice The current root and its bookkeeping.
     * @return The state.
     */
    function state() external view returns (State memory) {
        return _state;
    }

    /**
     * @notice What `maker` has claimed in all.
     * @param maker The maker.
     * @return The amount.
     */
    function claimedBy(address maker) external view returns (uint256) {
        return _claimedBy[maker];
    }

    /**
     * @notice What the committee may allocate now: everything the program pulled or could pull, less
     * the current root's total (the next root's total may be at most the current total plus this).
     * @return The amount.
     */
    function unallocated() external view returns (uint256) {
        return _state.pulled + source.pending(address(this)) - _state.total;
    }

    function _rootHash(MakerRoot calldata r) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                MAKER_ROOT_TYPEHASH, r.period, r.toBlock, r.root, r.total, r.nonce, r.deadline, r.committeeEpoch
            )
        );
    }
}
