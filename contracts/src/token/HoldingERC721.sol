// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {ERC721Utils} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Utils.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC165} from "@openzeppelin/contracts/utils/introspection/ERC165.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IHoldingHistory} from "../interfaces/IHoldingHistory.sol";

/**
 * @title HoldingERC721
 * @notice ERC-721 that remembers who held each token, from when to when, with how many units: its
 * holding history ({IHoldingHistory}), which is what fulfillment pays by.
 * @dev Same behaviour, events and errors (ERC-6093) as OpenZeppelin's ERC721, on a storage layout
 * made for this token: one slot per token holds its owner, the start of the open holding, the
 * token nonce, the number of closed holdings and whether a single-token approval is set. A transfer
 * therefore writes that one slot (instead of OpenZeppelin's owner slot, approval slot and a
 * separate slice slot), never reads the approval slot unless an approval was given, and appends
 * one closed holding (the one storage slot exact units x time payouts need).
 *
 * A holding is closed by every transfer, by the burn of the token, and by a change of its units (a
 * carve: {_setUnits}); a holding of zero length (closed in the second it opened) is not
 * recorded. Times are 32-bit seconds (until 2106).
 *
 * A holding closed by a change of units keeps its holder, so it needs only a start and units: the
 * token's slice slot, which the change of units writes anyway, keeps the last such holding (its
 * holder is read from the next holding), and the carve writes no new slot for it. When the slice
 * must make room (the next carve) or the next holding would leave no record of the holder (it closes
 * in the second it opened), the kept holding moves to a slot of its own. The history reads the same
 * either way.
 */
abstract contract HoldingERC721 is ERC165, IERC721Metadata, IERC721Errors, IHoldingHistory {
    /// @dev One slot per token.
    struct TokenRecord {
        address owner;
        uint32 since;
        uint32 nonce;
        uint24 closedCount;
        bool approved;
    }

    /// @dev A closed holding (one slot); it ends where the next one starts.
    struct ClosedHolding {
        address holder;
        uint32 start;
        uint64 units;
    }

    /// @dev A slice (one slot): its product and units, and the closed holding kept here (see the
    /// contract's notes): its index, start and units (0: none kept). Kept after the burn so that
    /// the token's holdings stay readable.
    struct Slice {
        uint48 productId;
        uint64 units;
        uint24 keptIndex;
        uint32 keptStart;
        uint64 keptUnits;
    }

    mapping(uint256 tokenId => TokenRecord) internal _records;
    mapping(uint256 tokenId => Slice) internal _slices;
    mapping(uint256 tokenId => mapping(uint256 index => ClosedHolding)) private _closedHoldings;
    mapping(address owner => uint256) private _balances;
    mapping(uint256 tokenId => address) private _tokenApprovals;
    mapping(address owner => mapping(address operator => bool)) private _operatorApprovals;

    /// @notice No such holding (never-minted token or index past the last holding).
    error UnknownHolding(uint256 tokenId, uint256 index);

    // ---------------------------------------------------------------------------------------
    // ERC-721
    // ---------------------------------------------------------------------------------------

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) public view virtual override(ERC165, IERC165) returns (bool) {
        return interfaceId == type(IERC721).interfaceId || interfaceId == type(IERC721Metadata).interfaceId
            || super.supportsInterface(interfaceId);
    }

    /// @inheritdoc IERC721
    function balanceOf(address owner) public view returns (uint256) {
        if (owner == address(0)) revert ERC721InvalidOwner(address(0));
        return _balances[owner];
    }

    /// @inheritdoc IERC721
    function ownerOf(uint256 tokenId) public view returns (address) {
        return _requireOwned(tokenId);
    }

    /// @inheritdoc IERC721
    function approve(address to, uint256 tokenId) external {
        TokenRecord storage rec = _records[tokenId];
        address owner = rec.owner;
        if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
        if (msg.sender != owner && !_operatorApprovals[owner][msg.sender]) revert ERC721InvalidApprover(msg.sender);
        _tokenApprovals[tokenId] = to;
        rec.approved = to != address(0);
        emit Approval(owner, to, tokenId);
    }

    /// @inheritdoc IERC721
    function getApproved(uint256 tokenId) public view returns (address) {
        TokenRecord storage rec = _records[tokenId];
        if (rec.owner == address(0)) revert ERC721NonexistentToken(tokenId);
        return rec.approved ? _tokenApprovals[tokenId] : address(0);
    }

    /// @inheritdoc IERC721
    function setApprovalForAll(address operator, bool approved) external {
        if (operator == address(0)) revert ERC721InvalidOperator(operator);
        _operatorApprovals[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    /// @inheritdoc IERC721
    function isApprovedForAll(address owner, address operator) public view returns (bool) {
        return _operatorApprovals[owner][operator];
    }

    /// @inheritdoc IERC721
    function transferFrom(address from, address to, uint256 tokenId) public {
        if (to == address(0)) revert ERC721InvalidReceiver(address(0));
        TokenRecord memory rec = _records[tokenId];
        address owner = rec.owner;
        if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
        if (!_isAuthorized(rec, owner, msg.sender, tokenId)) revert ERC721InsufficientApproval(msg.sender, tokenId);
        if (owner != from) revert ERC721IncorrectOwner(from, tokenId, owner);
        _transfer(rec, from, to, tokenId);
    }

    /// @inheritdoc IERC721
    function safeTransferFrom(address from, address to, uint256 tokenId) external {
        safeTransferFrom(from, to, tokenId, "");
    }

    /// @inheritdoc IERC721
    function safeTransferFrom(address from, address to, uint256 tokenId, bytes memory data) public {
        transferFrom(from, to, tokenId);
        ERC721Utils.checkOnERC721Received(msg.sender, from, to, tokenId, data);
    }

    // ---------------------------------------------------------------------------------------
    // Holding history
    // ---------------------------------------------------------------------------------------

    /// @inheritdoc IHoldingHistory
    function holdingCount(uint256 tokenId) external view returns (uint256) {
        if (_slices[tokenId].productId == 0) return 0;
        TokenRecord storage rec = _records[tokenId];
        return uint256(rec.closedCount) + (rec.owner == address(0) ? 0 : 1);
    }

    /// @inheritdoc IHoldingHistory
    /// @dev Reverts with {UnknownHolding}. Times are not clipped to the product's term.
    function holding(uint256 tokenId, uint256 index) external view returns (Holding memory h) {
        Slice storage slice = _slices[tokenId];
        TokenRecord storage rec = _records[tokenId];
        uint256 closed = rec.closedCount;
        h.productId = slice.productId;
        if (h.productId == 0 || index > closed || (index == closed && rec.owner == address(0))) {
            revert UnknownHolding(tokenId, index);
        }
        if (index == closed) {
            (h.holder, h.start, h.end, h.units) = (rec.owner, rec.since, type(uint64).max, slice.units);
            return h;
        }
        address nextHolder;
        (nextHolder, h.end) = _holderAndStart(tokenId, index + 1, rec, slice);
        if (_isKept(slice, index)) {
            (h.holder, h.start, h.units) = (nextHolder, slice.keptStart, slice.keptUnits);
        } else {
            ClosedHolding storage c = _closedHoldings[tokenId][index];
            (h.holder, h.start, h.units) = (c.holder, c.start, c.units);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    /// @dev Holder and start of holding `i` of a token (`rec` and `slice` are its own): the open one
    /// (`i` = `closedCount`; after the burn, `since` is the end of the last) from the record, a
    /// closed one from its slot or, if kept in the slice, from there with the next holding's holder.
    function _holderAndStart(uint256 tokenId, uint256 i, TokenRecord storage rec, Slice storage slice)
        private
        view
        returns (address holder, uint64 start)
    {
        if (i >= rec.closedCount) return (rec.owner, rec.since);
        if (_isKept(slice, i)) {
            (holder,) = _holderAndStart(tokenId, i + 1, rec, slice);
            return (holder, slice.keptStart);
        }
        ClosedHolding storage c = _closedHoldings[tokenId][i];
        return (c.holder, c.start);
    }

    function _isKept(Slice storage slice, uint256 i) private view returns (bool) {
        return slice.keptUnits != 0 && slice.keptIndex == i;
    }

    /// @dev Copies the holding kept in a token's slice to a slot of its own, with `holder`; the
    /// caller clears or replaces the slice's copy.
    function _moveKept(uint256 tokenId, Slice storage slice, address holder) private {
        _closedHoldings[tokenId][slice.keptIndex] =
            ClosedHolding({holder: holder, start: slice.keptStart, units: slice.keptUnits});
    }

    /// @dev The owner of a live token, else {ERC721NonexistentToken}.
    function _requireOwned(uint256 tokenId) internal view returns (address owner) {
        owner = _records[tokenId].owner;
        if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
    }

    /// @dev Owner, operator, or the approved account of this token (the approval slot is read only
    /// when an approval is set).
    function _isAuthorized(TokenRecord memory rec, address owner, address spender, uint256 tokenId)
        internal
        view
        returns (bool)
    {
        return spender == owner || _operatorApprovals[owner][spender]
            || (rec.approved && _tokenApprovals[tokenId] == spender);
    }

    /// @dev {_isAuthorized} for a live token, reading its record; reverts with
    /// `ERC721NonexistentToken`. Returns the owner.
    function _authorizedOwner(uint256 tokenId, address spender) internal view returns (address owner, bool ok) {
        TokenRecord memory rec = _records[tokenId];
        owner = rec.owner;
        if (owner == address(0)) revert ERC721NonexistentToken(tokenId);
        ok = _isAuthorized(rec, owner, spender, tokenId);
    }

    /// @dev Moves a token: closes the sender's holding, bumps the nonce, drops the approval.
    function _transfer(TokenRecord memory rec, address from, address to, uint256 tokenId) private {
        _closeHolding(tokenId, rec, _slices[tokenId].units);
        rec.owner = to;
        ++rec.nonce;
        rec.approved = false;
        _records[tokenId] = rec;
        unchecked {
            // balances: from holds this token; to cannot exceed the number of tokens minted
            --_balances[from];
            ++_balances[to];
        }
        emit Transfer(from, to, tokenId);
    }

    /// @dev Mints `tokenId` to `to` with its first holding starting at `since` (> 0). No receiver check.
    function _mint(address to, uint256 tokenId, uint256 since) internal {
        if (to == address(0)) revert ERC721InvalidReceiver(address(0));
        // ids are never reused (the inheritor hands out increasing ids)
        _records[tokenId] = TokenRecord({owner: to, since: uint32(since), nonce: 0, closedCount: 0, approved: false});
        unchecked {
            ++_balances[to];
        }
        emit Transfer(address(0), to, tokenId);
    }

    /// @dev Burns a live token, closing its last holding (with `units`, its units until now). The
    /// record stays, so the token's holdings remain readable.
    function _burn(uint256 tokenId, uint256 units) internal {
        TokenRecord memory rec = _records[tokenId];
        address owner = rec.owner;
        _closeHolding(tokenId, rec, units);
        rec.owner = address(0);
        rec.approved = false;
        _records[tokenId] = rec;
        unchecked {
            --_balances[owner];
        }
        emit Transfer(owner, address(0), tokenId);
    }

    /// @dev Records the open holding of `rec.owner` with `units` as closed (unless it has zero
    /// length) and opens the next one now, before a change of owner (transfer, burn). A holding of
    /// zero length that follows the kept one would take the kept one's holder with it: the kept one
    /// moves to its own slot first. The caller writes `rec` back.
    function _closeHolding(uint256 tokenId, TokenRecord memory rec, uint256 units) private {
        uint32 now32 = uint32(block.timestamp);
        if (rec.since < now32) {
            uint24 index = rec.closedCount;
            _closedHoldings[tokenId][index] =
                ClosedHolding({holder: rec.owner, start: rec.since, units: uint64(units)});
            rec.closedCount = index + 1;
        } else {
            Slice storage slice = _slices[tokenId];
            if (slice.keptUnits != 0 && uint256(slice.keptIndex) + 1 == rec.closedCount) {
                _moveKept(tokenId, slice, rec.owner);
                slice.keptUnits = 0;
            }
        }
        rec.since = now32;
    }

    /// @dev Sets a live token's units to `units`, first closing its open holding (unless it has zero
    /// length) and opening the next one now, with the same holder: the slice keeps the closed one
    /// (moving the one it kept before, if any, to its own slot). Writes the slice and the record.
    function _setUnits(uint256 tokenId, uint256 units) internal {
        TokenRecord storage rec = _records[tokenId];
        Slice storage slice = _slices[tokenId];
        uint32 since = rec.since;
        if (since < uint32(block.timestamp)) {
            if (slice.keptUnits != 0) {
                (address holder,) = _holderAndStart(tokenId, uint256(slice.keptIndex) + 1, rec, slice);
                _moveKept(tokenId, slice, holder);
            }
            uint24 index = rec.closedCount;
            slice.keptIndex = index;
            slice.keptStart = since;
            slice.keptUnits = slice.units;
            rec.closedCount = index + 1;
            rec.since = uint32(block.timestamp);
        }
        slice.units = uint64(units);
    }
}
