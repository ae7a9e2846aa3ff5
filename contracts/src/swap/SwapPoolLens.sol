// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice What the lens reads the pool's storage through.
interface ISwapPoolStorageReader {
    /// @notice Raw storage words.
    /// @param startSlot First slot.
    /// @param nSlots Number of slots.
    /// @return values The words.
    function extsload(bytes32 startSlot, uint256 nSlots) external view returns (bytes32[] memory values);
}

/**
 * @title SwapPoolLens
 * @notice Read-only views of a {HashPowerSwapPool}'s books, read from its storage with `extsload`: held
 * tokens and products with their units, class settings (listed, scheduled) and tallies, the payout tokens
 * and the revenue books. Kept apart so that the pool stays under the protocol's code size goal; the pool
 * itself keeps what its own callers need (`heldTokens`, `quote`, the previews, `claimableRevenue`,
 * `totalValue`).
 * @dev The slots are the pool's storage layout: OpenZeppelin `ERC20` (slots 0-4), `AccessManaged` (5),
 * then the pool's own variables in declaration order from slot 6. `SwapPoolLens.t.sol` checks every view
 * against the pool's behaviour, so a layout change that the constants miss fails the tests.
 */
contract SwapPoolLens {
    /// @notice A class's settings (the pool's `ClassConfig`).
    /// @param maxUnits Exposure cap.
    /// @param minRemaining Least term left of incoming tokens, seconds.
    /// @param listed Whether the class is listed.
    struct ClassConfig {
        uint64 maxUnits;
        uint32 minRemaining;
        bool listed;
    }

    uint256 private constant CLASS_CONFIG = 6;
    uint256 private constant PENDING = 7;
    uint256 private constant CLASS_UNITS = 8;
    uint256 private constant CLASSES = 9;
    uint256 private constant PAYOUT_TOKENS = 10;
    uint256 private constant HELD_OF = 11;
    uint256 private constant POSITIONS = 13;
    uint256 private constant PRODUCTS = 14;
    uint256 private constant ACC_PER_SHARE = 15;
    uint256 private constant ACCOUNTED = 16;
    uint256 private constant STREAMS = 17;

    uint256 private constant MASK32 = type(uint32).max;
    uint256 private constant MASK48 = type(uint48).max;
    uint256 private constant MASK64 = type(uint64).max;
    uint256 private constant MASK128 = type(uint128).max;

    /// @notice The pool read.
    address public immutable pool;

    /// @param pool_ The swap pool.
    constructor(address pool_) {
        pool = pool_;
    }

    /**
     * @notice A held token's product and units (zeros if not held).
     * @param tokenId Token.
     * @return productId Product.
     * @return units Units.
     */
    function heldToken(uint256 tokenId) external view returns (uint256 productId, uint256 units) {
        uint256 w = _word(_mappingSlot(HELD_OF, bytes32(tokenId)));
        return (w & MASK48, (w >> 48) & MASK64);
    }

    /// @notice The products the pool holds units of.
    /// @return ids The product ids.
    function products() external view returns (uint256[] memory ids) {
        bytes32[] memory w = _array(PRODUCTS);
        ids = new uint256[](w.length);
        for (uint256 i; i < w.length; ++i) {
            ids[i] = uint256(w[i]);
        }
    }

    /**
     * @notice Units the pool holds of a product.
     * @param productId Product.
     * @return The units.
     */
    function productUnits(uint256 productId) external view returns (uint256) {
        return _word(_mappingSlot(POSITIONS, bytes32(productId))) & MASK64;
    }

    /**
     * @notice Settings and holdings of an asset class.
     * @param assetClass Asset class id.
     * @return config The settings.
     * @return units Units of the class held.
     */
    function classState(bytes32 assetClass) external view returns (ClassConfig memory config, uint256 units) {
        uint256 w = _word(_mappingSlot(CLASS_CONFIG, assetClass));
        config = ClassConfig({
            maxUnits: uint64(w & MASK64),
            minRemaining: uint32((w >> 64) & MASK32),
            listed: ((w >> 96) & 0xff) != 0
        });
        units = _word(_mappingSlot(CLASS_UNITS, assetClass));
    }

    /**
     * @notice The scheduled settings of a class (`eta == 0`: none).
     * @param assetClass Asset class id.
     * @return maxUnits Scheduled cap.
     * @return minRemaining Scheduled minimum term.
     * @return eta When they can be applied.
     */
    function pendingClass(bytes32 assetClass) external view returns (uint64 maxUnits, uint32 minRemaining, uint64 eta) {
        uint256 w = _word(_mappingSlot(PENDING, assetClass));
        return (uint64(w & MASK64), uint32((w >> 64) & MASK32), uint64((w >> 96) & MASK64));
    }

    /// @notice The listed asset classes.
    /// @return The ids.
    function listedClasses() external view returns (bytes32[] memory) {
        return _array(CLASSES);
    }

    /// @notice The payout tokens whose revenue the pool distributes, in the order `claimRevenue` pays them.
    /// @return tokens The tokens.
    function payoutTokens() external view returns (address[] memory tokens) {
        bytes32[] memory w = _array(PAYOUT_TOKENS);
        tokens = new address[](w.length);
        for (uint256 i; i < w.length; ++i) {
            tokens[i] = address(uint160(uint256(w[i])));
        }
    }

    /**
     * @notice Revenue-per-share accumulator of a payout token (x the pool's `ACC_SCALE`), the balance the
     * pool has accounted for, and the revenue still unlocking (as of the pool's last update) with its end.
     * @param payout Payout token.
     * @return accPerShare The accumulator.
     * @return accounted The accounted balance.
     * @return locked Revenue not released yet at the last update.
     * @return unlockEnd When it is fully released.
     */
    function revenueState(address payout)
        external
        view
        returns (uint256 accPerShare, uint256 accounted, uint256 locked, uint64 unlockEnd)
    {
        bytes32 key = bytes32(uint256(uint160(payout)));
        accPerShare = _word(_mappingSlot(ACC_PER_SHARE, key));
        accounted = _word(_mappingSlot(ACCOUNTED, key));
        uint256 st = _word(_mappingSlot(STREAMS, key));
        locked = st & MASK128;
        unlockEnd = uint64(st >> 192);
    }

    /// @dev The elements of the dynamic array at `slot` (each one word).
    function _array(uint256 slot) private view returns (bytes32[] memory) {
        uint256 length = _word(bytes32(slot));
        if (length == 0) return new bytes32[](0);
        return _read(keccak256(abi.encode(slot)), length);
    }

    function _mappingSlot(uint256 slot, bytes32 key) private pure returns (bytes32) {
        return keccak256(abi.encode(key, slot));
    }

    function _word(bytes32 slot) private view returns (uint256) {
        return uint256(_read(slot, 1)[0]);
    }

    function _read(bytes32 slot, uint256 n) private view returns (bytes32[] memory) {
        return ISwapPoolStorageReader(pool).extsload(slot, n);
    }
}
