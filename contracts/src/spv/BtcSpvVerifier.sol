// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {CommitteeAttested} from "../common/CommitteeAttested.sol";
import {AttestorSignature, IAttestorRegistry} from "../interfaces/IAttestorRegistry.sol";
import {IBtcSpvVerifier} from "../interfaces/IBtcSpvVerifier.sol";
import {BitcoinPrimitives} from "./BitcoinPrimitives.sol";

/**
 * @title BtcSpvVerifier
 * @notice Verifies, on chain, Bitcoin SPV proofs that a transaction paying a given output script at
 * least a given amount is included in a block buried under enough proof of work, anchored at a
 * header checkpoint the committee of the {AttestorRegistry} attests. The same proof, with the same
 * rules, check order and reasons, is verified offline by the Java `io.hashmix.proofs.spv.SpvVerifier`.
 *
 * @dev Byte order: every hash (block hash, prevHash, Merkle root, txid, branch node) is in Bitcoin's
 * *internal* order, the raw `sha256(sha256(x))` output as on the wire, NOT the reversed display order
 * of block explorers and RPC.
 *
 * Checks, in this order; the first failure reverts (the Java reason is in brackets):
 * 1. Structure {Malformed} [MALFORMED]: 1 .. {MAX_HEADERS} headers of 80 bytes; `headerIndex` among
 *    them; `txIndex` a uint32; `requiredConfirmations >= 1`; `minAmount <= MAX_MONEY`; an output
 *    script of 1 .. {MAX_SCRIPT_SIZE} bytes.
 * 2. {SixtyFourByteTx} [SIXTY_FOUR_BYTE_TX]: neither the transaction nor the coinbase is 64 bytes.
 * 3. {Malformed}: both transactions parse strictly in the stripped (non-witness) serialization.
 * 4. Header chain, header by header: the first header's parent must be an attested checkpoint and
 *    every later one the previous header ({BrokenLink}); the target ({BadTarget}: valid, canonical,
 *    at most the pow limit, equal to the parent's `nBits` inside a retarget period, at most 4x the
 *    parent's target at a boundary); the hash at most the target ({InsufficientWork}).
 * 5. Merkle inclusion in `headers[headerIndex]` ({WrongMerkleBranch}, {WrongIndex}), with the coinbase
 *    proven at the same depth (this closes the 64-byte transaction attack from below).
 * 6. Payment: some output pays exactly the script ({WrongScript}); they sum to at least `minAmount`
 *    ({AmountTooLow}).
 * 7. Depth: `headers - headerIndex >= requiredConfirmations` ({TooFewConfirmations}), last, so that it
 *    means "valid, come back later".
 *
 * Trust: the committee attests that a checkpoint is on the best chain; the headers above it are
 * proven by their work only. Proof of work is checked against each header's own target with the
 * network's retarget bounds (not Core's exact retarget value, which needs timestamps the proof does
 * not carry), so a checkpoint should be recent and `requiredConfirmations` chosen for the value at
 * stake. Bitcoin's testnet minimum-difficulty rule is not supported.
 *
 * Payments are claimed once: {consumePayment} (role `SPV_CONSUMER`: the fulfillment vault and the
 * Bitcoin evidence contract) marks the txid used, for every consumer at once. Each accepted checkpoint
 * records when it was accepted ({Checkpoint-acceptedAt}), so a consumer can refuse proofs anchored at
 * an old one.
 */
contract BtcSpvVerifier is IBtcSpvVerifier, CommitteeAttested, AccessManaged {
    // solhint-disable gas-struct-packing
    /// @notice What the committee signs (EIP-712 typed data, see {HEADER_CHECKPOINT_TYPEHASH}).
    /// @dev `blockHash` is in internal byte order; `nBits` is the checkpoint block's compact target,
    /// which the retarget rule compares the first proven header with.
    struct HeaderCheckpoint {
        bytes32 blockHash;
        uint64 height;
        uint32 nBits;
        uint256 nonce;
        uint64 deadline;
        uint64 committeeEpoch;
    }

    // solhint-enable gas-struct-packing

    /// @dev What parsing a transaction learns.
    struct TxInfo {
        bool coinbase;
        bool nullOutpoint;
        bool paysScript;
        uint256 amount;
    }

    /// @notice EIP-712 type hash of {HeaderCheckpoint}.
    // solhint-disable-next-line gas-small-strings
    bytes32 public constant HEADER_CHECKPOINT_TYPEHASH = keccak256(
        "HeaderCheckpoint(bytes32 blockHash,uint64 height,uint32 nBits,uint256 nonce,uint64 deadline,"
        "uint64 committeeEpoch)"
    );

    /// @notice Most headers a proof may carry: one retarget period (as the Java verifier).
    uint256 public constant MAX_HEADERS = 2016;
    /// @notice Deepest Merkle branch accepted (a block has fewer than 2^15 transactions).
    uint256 public constant MAX_MERKLE_DEPTH = 20;
    /// @notice Longest expected output script, Core's `MAX_SCRIPT_SIZE`.
    uint256 public constant MAX_SCRIPT_SIZE = 10_000;
    /// @notice 21 million BTC in satoshis, Core's `MAX_MONEY`.
    uint256 public constant MAX_MONEY = 21_000_000 * 100_000_000;
    /// @notice Main-network pow limit (nBits `0x1d00ffff`): `2^224 - 1`.
    uint256 public constant MAINNET_POW_LIMIT = (1 << 224) - 1;
    /// @notice Regtest pow limit (nBits `0x207fffff`): `2^255 - 1`.
    uint256 public constant REGTEST_POW_LIMIT = (1 << 255) - 1;

    uint256 private constant _HEADER_SIZE = 80;
    uint256 private constant _NULL_INDEX = 0xffffffff;

    /// @notice The asset class (BTC-SHA256) whose threshold applies to checkpoints.
    bytes32 public immutable assetClass;
    /// @notice The easiest target a header may claim.
    uint256 public immutable powLimit;
    /// @notice Blocks per difficulty period (2016 on Bitcoin).
    uint256 public immutable retargetInterval;
    /// @notice Whether targets may change at period boundaries (main network); false = regtest.
    bool public immutable retargeting;

    mapping(bytes32 blockHash => Checkpoint) private _checkpoints;
    mapping(bytes32 txid => bool) private _claimed;

    /// @notice [MALFORMED] The proof is structurally invalid (counts, indexes, amounts, an
    /// unparseable or segwit-serialized transaction, a non-canonical or out-of-bounds varint...).
    error Malformed();
    /// @notice [SIXTY_FOUR_BYTE_TX] The transaction or the coinbase is exactly 64 bytes.
    error SixtyFourByteTx();
    /// @notice [BROKEN_LINK] Header `header` does not name the previous header (for the first one:
    /// an attested checkpoint) as its parent.
    error BrokenLink(uint256 header);
    /// @notice [BAD_TARGET] Header `header` claims a target the rules do not allow.
    error BadTarget(uint256 header, uint32 nBits);
    /// @notice [INSUFFICIENT_WORK] The hash of header `header` is above its target.
    error InsufficientWork(uint256 header);
    /// @notice [WRONG_MERKLE_BRANCH] A branch does not lead to the root, is too deep, differs in depth
    /// from the coinbase's, or the coinbase proof carries no coinbase.
    error WrongMerkleBranch();
    /// @notice [WRONG_INDEX] The index does not fit the branch, names a phantom (duplicated) position,
    /// or disagrees with whether the transaction is a coinbase.
    error WrongIndex(uint256 txIndex);
    /// @notice [WRONG_SCRIPT] No output pays exactly the expected script.
    error WrongScript();
    /// @notice [AMOUNT_TOO_LOW] The outputs paying the script sum to `amount`, below `min`.
    error AmountTooLow(uint256 amount, uint256 min);
    /// @notice [TOO_FEW_CONFIRMATIONS] `have` headers from the including block on, `need` required.
    error TooFewConfirmations(uint256 have, uint256 need);

    /// @notice The checkpoint's height is above 2^32-2 or its nBits is not a valid target.
    error InvalidCheckpoint(uint64 height, uint32 nBits);
    /// @notice A checkpoint for this block hash was already accepted.
    error CheckpointExists(bytes32 blockHash);
    /// @notice The Bitcoin transaction was already claimed through {consumePayment}.
    error PaymentAlreadyClaimed(bytes32 txid);
    /// @notice A zero pow limit or retarget interval at deployment.
    error InvalidNetworkParams();

    /// @notice The committee attested a checkpoint (`blockHash` internal order).
    event CheckpointAccepted(bytes32 indexed blockHash, uint64 height);
    /// @notice `consumer` claimed the payment of `txid` (internal order) of `amount` satoshis.
    event PaymentConsumed(bytes32 indexed txid, address indexed consumer, uint256 amount);

    /**
     * @notice Deploys a verifier for one network (the Java `NetworkParams`).
     * @param authority The protocol's AccessManager (grants `SPV_CONSUMER`).
     * @param attestors The committee registry.
     * @param assetClass_ The BTC-SHA256 asset class whose committee and threshold attest checkpoints.
     * @param powLimit_ The easiest target allowed ({MAINNET_POW_LIMIT} or {REGTEST_POW_LIMIT}).
     * @param retargetInterval_ Blocks per difficulty period (2016).
     * @param retargeting_ True on the main network; false (regtest): every header keeps the
     * checkpoint's nBits.
     */
    constructor(
        address authority,
        IAttestorRegistry attestors,
        bytes32 assetClass_,
        uint256 powLimit_,
        uint256 retargetInterval_,
        bool retargeting_
    ) CommitteeAttested(attestors) AccessManaged(authority) {
        if (powLimit_ == 0 || retargetInterval_ == 0) revert InvalidNetworkParams();
        assetClass = assetClass_;
        powLimit = powLimit_;
        retargetInterval = retargetInterval_;
        retargeting = retargeting_;
    }

    // ---------------------------------------------------------------------------------------
    // Checkpoints
    // ---------------------------------------------------------------------------------------

    /**
     * @notice Accepts a header checkpoint attested by the committee (anyone may submit it).
     * @dev Reverts with {InvalidCheckpoint}, {CheckpointExists}, then `AttestationExpired`,
     * `NonceAlreadyUsed` or the registry's signature errors. Consumes the nonce.
     * @param c The checkpoint (`blockHash` internal order).
     * @param signatures Committee signatures over {hashHeaderCheckpoint}, signers ascending.
     */
    function submitCheckpoint(HeaderCheckpoint calldata c, AttestorSignature[] calldata signatures) external {
        (bool ok,) = BitcoinPrimitives.decodeCompact(c.nBits);
        if (!ok || c.height > 0xfffffffe) revert InvalidCheckpoint(c.height, c.nBits);
        if (_checkpoints[c.blockHash].exists) revert CheckpointExists(c.blockHash);
        _consumeAttestation(_checkpointHash(c), assetClass, c.nonce, c.deadline, c.committeeEpoch, signatures);
        _checkpoints[c.blockHash] =
            Checkpoint({height: c.height, nBits: c.nBits, exists: true, acceptedAt: uint64(block.timestamp)});
        emit CheckpointAccepted(c.blockHash, c.height);
    }

    /// @notice The EIP-712 digest the committee signs for `c`.
    /// @param c The checkpoint.
    /// @return The digest.
    function hashHeaderCheckpoint(HeaderCheckpoint calldata c) external view returns (bytes32) {
        return _hashTypedDataV4(_checkpointHash(c));
    }

    /// @notice Whether `blockHash` (internal order) is an accepted checkpoint.
    /// @param blockHash Block hash.
    /// @return True if accepted.
    function isCheckpoint(bytes32 blockHash) external view returns (bool) {
        return _checkpoints[blockHash].exists;
    }

    /// @notice Height of an accepted checkpoint (0 if unknown: see {isCheckpoint}).
    /// @param blockHash Block hash, internal order.
    /// @return The height.
    function checkpointHeight(bytes32 blockHash) external view returns (uint64) {
        return _checkpoints[blockHash].height;
    }

    /// @inheritdoc IBtcSpvVerifier
    /// @dev `acceptedAt` is the block time of {submitCheckpoint}: consumers bound a checkpoint's age with it.
    function checkpoint(bytes32 blockHash) external view returns (Checkpoint memory) {
        return _checkpoints[blockHash];
    }

    // ---------------------------------------------------------------------------------------
    // Payments
    // ---------------------------------------------------------------------------------------

    /// @notice Whether the payment of `txid` (internal order) was claimed.
    /// @param txid Transaction id.
    /// @return True if claimed.
    function isPaymentClaimed(bytes32 txid) external view returns (bool) {
        return _claimed[txid];
    }

    /**
     * @notice Verifies a payment proof (see the contract's check list); reverts with the first failing
     * check's error.
     * @param proof The proof.
     * @return txid The transaction's txid, internal order.
     * @return amount Satoshis paid to `proof.outputScript` (sum over the matching outputs).
     * @return blockHash Hash of the including block, internal order.
     */
    function verifyPayment(PaymentProof calldata proof)
        public
        view
        returns (bytes32 txid, uint256 amount, bytes32 blockHash)
    {
        // 1. structure
        uint256 count = proof.headers.length / _HEADER_SIZE;
        if (
            proof.headers.length % _HEADER_SIZE != 0 || count == 0 || count > MAX_HEADERS
                || proof.headerIndex >= count || proof.txIndex > _NULL_INDEX || proof.requiredConfirmations == 0
                || proof.minAmount > MAX_MONEY || proof.outputScript.length == 0
                || proof.outputScript.length > MAX_SCRIPT_SIZE
        ) revert Malformed();
        // 2. 64-byte transactions
        if (proof.transaction.length == 64 || proof.coinbaseTransaction.length == 64) revert SixtyFourByteTx();
        // 3. parsing
        bytes32 scriptHash = keccak256(proof.outputScript);
        TxInfo memory info = _parseTx(proof.transaction, proof.outputScript.length, scriptHash);
        TxInfo memory cb = _parseTx(proof.coinbaseTransaction, 0, bytes32(0));
        // 4. header chain
        blockHash = _checkChain(proof.headers, count, proof.headerIndex);
        // 5. inclusion
        uint256 at = proof.headerIndex * _HEADER_SIZE;
        txid = _checkInclusion(proof, info, cb, bytes32(proof.headers[at + 36:at + 68]));
        // 6. payment
        if (!info.paysScript) revert WrongScript();
        amount = info.amount;
        if (amount < proof.minAmount) revert AmountTooLow(amount, proof.minAmount);
        // 7. depth
        uint256 confirmations = count - proof.headerIndex;
        if (confirmations < proof.requiredConfirmations) {
            revert TooFewConfirmations(confirmations, proof.requiredConfirmations);
        }
    }

    /**
     * @notice Verifies a payment proof and claims its txid, once: a txid claimed before reverts with
     * {PaymentAlreadyClaimed}, whatever script or amount the new proof names. Role `SPV_CONSUMER` only.
     * @param proof The proof.
     * @return txid The transaction's txid, internal order.
     * @return amount Satoshis paid to `proof.outputScript`.
     */
    function consumePayment(PaymentProof calldata proof) external restricted returns (bytes32 txid, uint256 amount) {
        (txid, amount,) = verifyPayment(proof);
        if (_claimed[txid]) revert PaymentAlreadyClaimed(txid);
        _claimed[txid] = true;
        emit PaymentConsumed(txid, msg.sender, amount);
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    /// @dev Step 4; returns the hash of `headers[headerIndex]`.
    /// @dev All fields are static: `abi.encode` is EIP-712's `typeHash || enc(field_1) || ...`.
    function _checkpointHash(HeaderCheckpoint calldata c) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                HEADER_CHECKPOINT_TYPEHASH, c.blockHash, c.height, c.nBits, c.nonce, c.deadline, c.committeeEpoch
            )
        );
    }

    function _checkChain(bytes calldata headers, uint256 count, uint256 headerIndex)
        private
        view
        returns (bytes32 included)
    {
        Checkpoint memory cp = _checkpoints[bytes32(headers[4:36])];
        if (!cp.exists) revert BrokenLink(0);
        bytes32 prevHash = bytes32(headers[4:36]);
        uint32 prevBits = cp.nBits;
        (, uint256 prevTarget) = BitcoinPrimitives.decodeCompact(prevBits);
        uint256 height = cp.height;
        for (uint256 i = 0; i < count; ++i) {
            uint256 off = i * _HEADER_SIZE;
            ++height;
            if (bytes32(headers[off + 4:off + 36]) != prevHash) revert BrokenLink(i);
            uint32 nBits = uint32(BitcoinPrimitives.readU32(headers, off + 72));
            uint256 target = _checkTarget(i, nBits, prevBits, prevTarget, height);
            bytes32 hash = BitcoinPrimitives.sha256d(headers[off:off + _HEADER_SIZE]);
            if (uint256(BitcoinPrimitives.reverse32(hash)) > target) revert InsufficientWork(i);
            if (i == headerIndex) included = hash;
            prevHash = hash;
            prevBits = nBits;
            prevTarget = target;
        }
    }

    /// @dev The BAD_TARGET rules of one header; returns its target.
    function _checkTarget(uint256 i, uint32 nBits, uint32 prevBits, uint256 prevTarget, uint256 height)
        private
        view
        returns (uint256 target)
    {
        bool ok;
        (ok, target) = BitcoinPrimitives.decodeCompact(nBits);
        if (!ok || BitcoinPrimitives.encodeCompact(target) != nBits || target > powLimit) revert BadTarget(i, nBits);
        if (retargeting && height % retargetInterval == 0) {
            // at most 4x easier than the parent (4 * prevTarget may exceed 2^256: then no bound applies)
            if (prevTarget <= type(uint256).max >> 2 && target > prevTarget << 2) revert BadTarget(i, nBits);
        } else if (nBits != prevBits) {
            revert BadTarget(i, nBits);
        }
    }

    /// @dev Step 5; returns the txid.
    function _checkInclusion(PaymentProof calldata proof, TxInfo memory info, TxInfo memory cb, bytes32 root)
        private
        pure
        returns (bytes32 txid)
    {
        uint256 depth = proof.merkleBranch.length;
        if (depth > MAX_MERKLE_DEPTH || proof.coinbaseBranch.length != depth) revert WrongMerkleBranch();
        uint256 index = proof.txIndex;
        if (index >= (1 << depth)) revert WrongIndex(index);
        if (!cb.coinbase) revert WrongMerkleBranch();
        if (index == 0 && !info.coinbase) revert WrongIndex(index);
        if (index != 0 && info.nullOutpoint) revert WrongIndex(index);
        bytes32 node = BitcoinPrimitives.sha256d(proof.coinbaseTransaction);
        for (uint256 level = 0; level < depth; ++level) {
            node = BitcoinPrimitives.hashPair(node, proof.coinbaseBranch[level]);
        }
        if (node != root) revert WrongMerkleBranch();
        txid = BitcoinPrimitives.sha256d(proof.transaction);
        node = txid;
        for (uint256 level = 0; level < depth; ++level) {
            bytes32 sibling = proof.merkleBranch[level];
            if (index & 1 == 1) {
                if (sibling == node) revert WrongIndex(proof.txIndex);
                node = BitcoinPrimitives.hashPair(sibling, node);
            } else {
                node = BitcoinPrimitives.hashPair(node, sibling);
            }
            index >>= 1;
        }
        if (node != root) revert WrongMerkleBranch();
    }

    /**
     * @dev Strict parse of the stripped serialization (the Java `BitcoinTransaction.parseStripped`):
     * canonical varints; counts and lengths bounded by {BitcoinPrimitives.MAX_SIZE} and by the bytes
     * left (41 per input, 9 per output, 1 per script byte); at least one input and one output; every
     * value and the sum within {MAX_MONEY}; no segwit marker; no trailing bytes. Reverts {Malformed}.
     * Also sums the outputs whose script hashes to `scriptHash` and has length `scriptLength`.
     */
    function _parseTx(bytes calldata raw, uint256 scriptLength, bytes32 scriptHash)
        private
        pure
        returns (TxInfo memory info)
    {
        uint256 len = raw.length;
        // version, then a byte that must not be 0x00 (segwit marker, or an empty input list): so
        // the input count read next is at least 1
        if (len < 5 || raw[4] == 0x00) revert Malformed();
        (uint256 n, uint256 pos) = _readLength(raw, 4, 41);
        for (uint256 i = 0; i < n; ++i) {
            if (len - pos < 36) revert Malformed();
            bool isNull = bytes32(raw[pos:pos + 32]) == bytes32(0)
                && BitcoinPrimitives.readU32(raw, pos + 32) == _NULL_INDEX;
            uint256 scriptSigLength;
            (scriptSigLength, pos) = _readLength(raw, pos + 36, 1);
            pos += scriptSigLength;
            if (len - pos < 4) revert Malformed();
            pos += 4;
            if (isNull) {
                info.nullOutpoint = true;
                info.coinbase = n == 1 && scriptSigLength >= 2 && scriptSigLength <= 100;
            }
        }
        uint256 m;
        (m, pos) = _readLength(raw, pos, 9);
        if (m == 0) revert Malformed();
        uint256 total;
        for (uint256 j = 0; j < m; ++j) {
            if (len - pos < 8) revert Malformed();
            uint256 value = BitcoinPrimitives.readU64(raw, pos);
            if (value > MAX_MONEY) revert Malformed();
            total += value;
            if (total > MAX_MONEY) revert Malformed();
            uint256 scriptLen;
            (scriptLen, pos) = _readLength(raw, pos + 8, 1);
            if (scriptLen == scriptLength && scriptLength != 0 && keccak256(raw[pos:pos + scriptLen]) == scriptHash) {
                info.paysScript = true;
                info.amount += value;
            }
            pos += scriptLen;
        }
        if (len - pos != 4) revert Malformed();
    }

    /// @dev A canonical varint count or length of items of at least `minItem` bytes, bounded by
    /// {BitcoinPrimitives.MAX_SIZE} and by the bytes left after it.
    function _readLength(bytes calldata raw, uint256 pos, uint256 minItem)
        private
        pure
        returns (uint256 n, uint256 next)
    {
        bool ok;
        (ok, n, next) = BitcoinPrimitives.readVarInt(raw, pos);
        if (!ok || n > BitcoinPrimitives.MAX_SIZE || n * minItem > raw.length - next) revert Malformed();
    }
}
