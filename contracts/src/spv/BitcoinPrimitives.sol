// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/**
 * @title BitcoinPrimitives
 * @notice Pure helpers for Bitcoin wire data: little-endian integers, double SHA-256, byte order
 * and the `nBits` ("compact") target encoding. Nothing here reverts on bad input: callers decide
 * what a failure means (see {BtcSpvVerifier}).
 * @dev Hashes are in Bitcoin's *internal* byte order (the raw `sha256(sha256(x))` output, as on the
 * wire), not the reversed display order of block explorers.
 */
library BitcoinPrimitives {
    /// @notice Bitcoin Core's `MAX_SIZE`: the largest count or length a serialization may declare.
    uint256 internal constant MAX_SIZE = 0x02000000;

    /// @notice `sha256(sha256(data))`, internal byte order.
    /// @param data Bytes to hash.
    /// @return The double SHA-256.
    function sha256d(bytes memory data) internal pure returns (bytes32) {
        return sha256(abi.encodePacked(sha256(data)));
    }

    /// @notice Parent of two Merkle nodes: `sha256d(left || right)`.
    /// @param left Left child, internal order.
    /// @param right Right child, internal order.
    /// @return The parent, internal order.
    function hashPair(bytes32 left, bytes32 right) internal pure returns (bytes32) {
        return sha256(abi.encodePacked(sha256(abi.encodePacked(left, right))));
    }

    /// @notice Reverses the 32 bytes of `v` (internal order <-> the big-endian number a hash stands for).
    /// @param v Input word.
    /// @return r The word with its bytes reversed.
    function reverse32(bytes32 v) internal pure returns (bytes32 r) {
        uint256 x = uint256(v);
        x = ((x >> 8) & 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff)
            | ((x & 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff) << 8);
        x = ((x >> 16) & 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff)
            | ((x & 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff) << 16);
        x = ((x >> 32) & 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff)
            | ((x & 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff) << 32);
        x = ((x >> 64) & 0x0000000000000000ffffffffffffffff0000000000000000ffffffffffffffff)
            | ((x & 0x0000000000000000ffffffffffffffff0000000000000000ffffffffffffffff) << 64);
        r = bytes32((x >> 128) | (x << 128));
    }

    /// @notice Little-endian uint32 at `pos` (the caller checked `pos + 4 <= data.length`).
    /// @param data Calldata bytes.
    /// @param pos Offset.
    /// @return The value.
    function readU32(bytes calldata data, uint256 pos) internal pure returns (uint256) {
        uint256 v = uint32(bytes4(data[pos:pos + 4]));
        return ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >> 8) & 0xff00) | (v >> 24);
    }

    /// @notice Little-endian uint64 at `pos` (the caller checked `pos + 8 <= data.length`).
    /// @param data Calldata bytes.
    /// @param pos Offset.
    /// @return The value.
    function readU64(bytes calldata data, uint256 pos) internal pure returns (uint256) {
        uint256 v = uint64(bytes8(data[pos:pos + 8]));
        v = ((v >> 8) & 0x00ff00ff00ff00ff) | ((v & 0x00ff00ff00ff00ff) << 8);
        v = ((v >> 16) & 0x0000ffff0000ffff) | ((v & 0x0000ffff0000ffff) << 16);
        return (v >> 32) | ((v & 0xffffffff) << 32);
    }

    /**
     * @notice Decodes a canonical CompactSize at `pos`, like Core's `ReadCompactSize`.
     * @param data Calldata bytes.
     * @param pos Offset of the varint.
     * @return ok False if the encoding is truncated or not the shortest one.
     * @return value The value.
     * @return next Offset after the varint.
     */
    function readVarInt(bytes calldata data, uint256 pos)
        internal
        pure
        returns (bool ok, uint256 value, uint256 next)
    {
        if (pos >= data.length) return (false, 0, pos);
        uint8 first = uint8(data[pos]);
        uint256 size;
        uint256 min;
        if (first < 0xfd) return (true, first, pos + 1);
        if (first == 0xfd) {
            (size, min) = (2, 0xfd);
        } else if (first == 0xfe) {
            (size, min) = (4, 0x10000);
        } else {
            (size, min) = (8, 0x100000000);
        }
        if (data.length - pos - 1 < size) return (false, 0, pos);
        for (uint256 i = size; i >= 1; --i) {
            value = (value << 8) | uint8(data[pos + i]);
        }
        if (value < min) return (false, 0, pos);
        return (true, value, pos + 1 + size);
    }

    /**
     * @notice The target an `nBits` value encodes (Core's `SetCompact`), refusing, like
     * `CheckProofOfWork`, a negative, overflowing (more than 256 bits) or zero target.
     * @param nBits The compact encoding.
     * @return ok False for a negative, overflowing or zero target.
     * @return target The target (0 when not ok).
     */
    function decodeCompact(uint32 nBits) internal pure returns (bool ok, uint256 target) {
        uint256 size = nBits >> 24;
        uint256 word = nBits & 0x007fffff;
        if (size <= 3) {
            word >>= 8 * (3 - size);
            target = word;
        }
        if (word != 0 && (nBits & 0x00800000) != 0) return (false, 0);
        if (word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32))) {
            return (false, 0);
        }
        if (size > 3) {
            // cannot overflow after the check above (and shifts of 256 bits or more give 0)
            target = word << (8 * (size - 3));
        }
        if (target == 0) return (false, 0);
        return (true, target);
    }

    /// @notice The canonical compact encoding of a nonzero target (Core's `GetCompact`).
    /// @param target A target, 1 .. 2^256-1.
    /// @return The `nBits`.
    function encodeCompact(uint256 target) internal pure returns (uint32) {
        uint256 size = Math.log256(target) + 1;
        uint256 compact = size <= 3 ? target << (8 * (3 - size)) : target >> (8 * (size - 3));
        if ((compact & 0x00800000) != 0) {
            compact >>= 8;
            ++size;
        }
        return uint32(compact | (size << 24));
    }
}
