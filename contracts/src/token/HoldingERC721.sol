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
 * A holding is closed by every transfer, by the burn of the token, and by its inheritor before a
 * change of units ({_closeHolding}); a holding of zero length (closed in the second it opened) is
 * not recorded. Times are 32-bit seconds (until 2106).
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

    mapping(uint256 tokenId => TokenRecord) internal _records;
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
        TokenRecord memory rec = _records[tokenId];
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
        (uint256 productId,) = _sliceOf(tokenId);
        if (productId == 0) return 0;
        TokenRecord memory rec = _records[tokenId];
        return uint256(rec.closedCount) + (rec.owner == address(0) ? 0 : 1);
    }

    /// @inheritdoc IHoldingHistory
    /// @dev Reverts with {UnknownHolding}. Times are not clipped to the product's term.
    function holding(uint256 tokenId, uint256 index) external view returns (Holding memory h) {
        (uint256 productId, uint256 units) = _sliceOf(tokenId);
        TokenRecord memory rec = _records[tokenId];
        uint256 closed = rec.closedCount;
        if (productId == 0 || index > closed || (index == closed && rec.owner == address(0))) {
            revert UnknownHolding(tokenId, index);
        }
        h.productId = productId;
        if (index == closed) {
            h.holder = rec.owner;
            h.start = rec.since;
            h.end = type(uint64).max;
            h.units = units;
        } else {
            ClosedHolding memory c = _closedHoldings[tokenId][index];
            h.holder = c.holder;
            h.start = c.start;
            h.end = index + 1 < closed ? _closedHoldings[tokenId][index + 1].start : rec.since;
            h.units = c.units;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------

    /// @dev The product id (0: never minted) and the current units of a token; kept by the inheritor.
    function _sliceOf(uint256 tokenId) internal view virtual returns (uint256 productId, uint256 units);

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
        (, uint256 units) = _sliceOf(tokenId);
        _closeHolding(tokenId, rec, units);
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
    /// length) and opens the next one now. The caller writes `rec` back.
    function _closeHolding(uint256 tokenId, TokenRecord memory rec, uint256 units) internal {
        uint32 now32 = uint32(block.timestamp);
        if (rec.since < now32) {
            uint24 index = rec.closedCount;
            _closedHoldings[tokenId][index] =
                ClosedHolding({holder: rec.owner, start: rec.since, units: uint64(units)});
            rec.closedCount = index + 1;
        }
        rec.since = now32;
    }
}
