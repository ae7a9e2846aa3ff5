// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {HashMixEIP712} from "../common/HashMixEIP712.sol";
import {ICreditScore} from "../interfaces/ICreditScore.sol";
import {SignaturePolicy} from "../common/SignaturePolicy.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";
import {IHashPowerValuation} from "../interfaces/IHashPowerValuation.sol";
import {LendingBase} from "./LendingBase.sol";
import {LendingStorage} from "./LendingStorage.sol";
import {LoanMath} from "./LoanMath.sol";

/**
 * @title LendingOrders
 * @notice The signed orders of HashMix lending (EIP-712, domain "HashMix" "1", verifying contract:
 * {HashPowerLending}) and the checks every loan's terms pass, shared by the lending contract (new
 * loans) and its module (refinances).
 * @dev Orders die by expiry (inclusive), by the maker's {HashPowerLending-cancel} (recorded per
 * maker and order hash), by {HashPowerLending-incrementCounter} (every order of a maker), and, for
 * the orders that name a token, by the token's nonce: escrowing the token moves it, so a loan offer
 * or a borrow request starts at most one loan. Run by `delegatecall`, the module hashes orders in the
 * lending contract's domain (OpenZeppelin's EIP712 rebuilds the separator for `address(this)`).
 */
abstract contract LendingOrders is LendingBase, HashMixEIP712 {
    // solhint-disable gas-struct-packing
    /// @notice A lender's signed offer to lend against one token (the token's nonce and units are signed).
    /// `minCreditScore` (0: none) is the least credit score the borrower must have when a loan starts or
    /// is refinanced on the offer.
    struct LoanOffer {
        address lender;
        uint256 tokenId;
        uint32 tokenNonce;
        uint256 units;
        address currency;
        uint256 principal;
        uint256 maxRepayment;
        uint32 aprBps;
        uint64 duration;
        uint16 minCreditScore;
        uint256 counter;
        uint256 salt;
        uint64 expiry;
    }

    /// @notice A holder's signed request to borrow against one of its tokens; a lender fills it.
    struct BorrowRequest {
        address borrower;
        uint256 tokenId;
        uint32 tokenNonce;
        uint256 units;
        address currency;
        uint256 principal;
        uint256 maxRepayment;
        uint32 aprBps;
        uint64 duration;
        uint256 counter;
        uint256 salt;
        uint64 expiry;
    }

    /// @notice A lender's signed offer to lend against any token matching criteria (`issuer == 0`: any
    /// issuer), each loan at most `maxLtvBps` of the token's valuation, up to `totalPrincipal` in all,
    /// to borrowers whose credit score is at least `minCreditScore` (0: any).
    struct CollectionOffer {
        address lender;
        bytes32 assetClass;
        address issuer;
        uint256 minUnits;
        uint64 minRemainingTerm;
        uint32 maxLtvBps;
        address currency;
        uint256 totalPrincipal;
        uint32 aprBps;
        uint64 duration;
        uint16 minCreditScore;
        uint256 counter;
        uint256 salt;
        uint64 expiry;
    }

    // solhint-enable gas-struct-packing

    /// @dev What a new loan is made of, whatever order started it (memory only).
    // solhint-disable-next-line gas-struct-packing
    struct NewLoan {
        address lender;
        address borrower;
        uint256 tokenId;
        address currency;
        uint256 principal;
        uint256 maxRepayment;
        uint256 aprBps;
        uint256 duration;
        bytes32 orderHash;
        uint8 kind;
    }

    /// @notice EIP-712 type hash of {LoanOffer}.
    // solhint-disable-next-line gas-small-strings
    bytes32 public constant LOAN_OFFER_TYPEHASH = keccak256(
        "LoanOffer(address lender,uint256 tokenId,uint32 tokenNonce,uint256 units,address currency,uint256 principal,"
        "uint256 maxRepayment,uint32 aprBps,uint64 duration,uint16 minCreditScore,uint256 counter,uint256 salt,"
        "uint64 expiry)"
    );
    /// @notice EIP-712 type hash of {BorrowRequest}.
    // solhint-disable-next-line gas-small-strings
    bytes32 public constant BORROW_REQUEST_TYPEHASH = keccak256(
        "BorrowRequest(address borrower,uint256 tokenId,uint32 tokenNonce,uint256 units,address currency,"
        "uint256 principal,uint256 maxRepayment,uint32 aprBps,uint64 duration,uint256 counter,uint256 salt,"
        "uint64 expiry)"
    );
    /// @notice EIP-712 type hash of {CollectionOffer}.
    // solhint-disable-next-line gas-small-strings
    bytes32 public constant COLLECTION_OFFER_TYPEHASH = keccak256(
        "CollectionOffer(address lender,bytes32 assetClass,address issuer,uint256 minUnits,uint64 minRemainingTerm,"
        "uint32 maxLtvBps,address currency,uint256 totalPrincipal,uint32 aprBps,uint64 duration,uint16 minCreditScore,"
        "uint256 counter,uint256 salt,uint64 expiry)"
    );

    /// @notice `kind` of {LoanStarted} and {LoanRefinanced}: a loan offer.
    uint8 public constant KIND_LOAN_OFFER = 0;
    /// @notice `kind` of {LoanStarted} and {LoanRefinanced}: a borrow request.
    uint8 public constant KIND_BORROW_REQUEST = 1;
    /// @notice `kind` of {LoanStarted} and {LoanRefinanced}: a collection offer.
    uint8 public constant KIND_COLLECTION_OFFER = 2;

    uint256 private constant _LOAN_OFFER_SIZE = 13 * 32;
    uint256 private constant _BORROW_REQUEST_SIZE = 12 * 32;
    uint256 private constant _COLLECTION_OFFER_SIZE = 14 * 32;

    /// @notice EIP-712 digest of a loan offer: what the lender signs, and its order hash.
    /// @param offer The offer.
    /// @return The digest.
    function hashLoanOffer(LoanOffer calldata offer) public view returns (bytes32) {
        uint256 offset;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            offset := offer
        }
        return _hashTypedDataV4(_structHash(LOAN_OFFER_TYPEHASH, offset, _LOAN_OFFER_SIZE));
    }

    /// @notice EIP-712 digest of a borrow request: what the borrower signs, and its order hash.
    /// @param request The request.
    /// @return The digest.
    function hashBorrowRequest(BorrowRequest calldata request) public view returns (bytes32) {
        uint256 offset;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            offset := request
        }
        return _hashTypedDataV4(_structHash(BORROW_REQUEST_TYPEHASH, offset, _BORROW_REQUEST_SIZE));
    }

    /// @notice EIP-712 digest of a collection offer: what the lender signs, and its order hash.
    /// @param offer The offer.
    /// @return The digest.
    function hashCollectionOffer(CollectionOffer calldata offer) public view returns (bytes32) {
        uint256 offset;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            offset := offer
        }
        return _hashTypedDataV4(_structHash(COLLECTION_OFFER_TYPEHASH, offset, _COLLECTION_OFFER_SIZE));
    }

    // ---------------------------------------------------------------------------------------
    // Internal: orders and terms
    // ---------------------------------------------------------------------------------------

    /// @dev The terms of a loan on a loan offer, to `borrower` (whose credit score the offer may gate).
    function _offerLoan(LoanOffer calldata offer, bytes32 orderHash, address borrower)
        internal
        view
        returns (NewLoan memory n)
    {
        _checkBorrowerScore(borrower, offer.minCreditScore);
        n.lender = offer.lender;
        n.borrower = borrower;
        n.tokenId = offer.tokenId;
        n.currency = offer.currency;
        n.principal = offer.principal;
        n.maxRepayment = offer.maxRepayment;
        n.aprBps = offer.aprBps;
        n.duration = offer.duration;
        n.orderHash = orderHash;
        n.kind = KIND_LOAN_OFFER;
    }

    /// @dev The terms of a collection-offer loan of `principal` to `borrower` (whose credit score the
    /// offer may gate): its cap is the principal plus interest over the duration and the grace period.
    function _collectionLoan(
        CollectionOffer calldata offer,
        bytes32 orderHash,
        address borrower,
        uint256 tokenId,
        uint256 principal
    ) internal view returns (NewLoan memory n) {
        _checkBorrowerScore(borrower, offer.minCreditScore);
        n.lender = offer.lender;
        n.borrower = borrower;
        n.tokenId = tokenId;
        n.currency = offer.currency;
        n.principal = principal;
        n.maxRepayment = principal + LoanMath.interestFor(principal, offer.aprBps, offer.duration + GRACE_PERIOD);
        n.aprBps = offer.aprBps;
        n.duration = offer.duration;
        n.orderHash = orderHash;
        n.kind = KIND_COLLECTION_OFFER;
    }

    /// @dev Reverts unless `borrower`'s credit score is at least `minScore` (0: no check, no call). A
    /// registry's revert is bubbled up; without a registry (no code answers) every score reads as 0, so
    /// an offer that asks for one is refused. A plain static call: the checked high-level call and its
    /// decoder cost ~200 bytes of code in each lending contract, and both are at their size goal.
    function _checkBorrowerScore(address borrower, uint256 minScore) internal view {
        if (minScore == 0) return;
        address source = address(creditScores);
        bytes4 selector = ICreditScore.scoreOf.selector;
        uint256 score;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 0x04), borrower)
            if iszero(staticcall(gas(), source, ptr, 0x24, 0x00, 0x20)) {
                returndatacopy(ptr, 0x00, returndatasize())
                revert(ptr, returndatasize())
            }
            score := mul(mload(0x00), gt(returndatasize(), 0x1f))
        }
        if (score < minScore) revert BorrowerScoreTooLow(borrower, score, minScore);
    }

    /// @dev The order-independent term checks; returns the maturity.
    function _checkTerms(NewLoan memory n, IHashPowerToken.TokenData memory t)
        internal
        view
        returns (uint256 maturity)
    {
        if (
            n.principal == 0 || n.duration == 0 || n.maxRepayment < n.principal || n.aprBps > MAX_APR_BPS
                || n.lender == address(0)
        ) revert InvalidLoanTerms();
        maturity = block.timestamp + n.duration;
        if (maturity > t.end) revert TermBeyondProduct(uint64(Math.min(maturity, type(uint64).max)), t.end);
    }

    /// @dev The token named by a token-bound order: its nonce and units must be the signed ones, and
    /// its product live.
    function _tokenFor(uint256 tokenId, uint32 tokenNonce, uint256 units)
        internal
        view
        returns (IHashPowerToken.TokenData memory t)
    {
        t = token.tokenData(tokenId);
        if (t.nonce != tokenNonce) revert TokenNonceMismatch(tokenId, tokenNonce, t.nonce);
        if (t.units != units) revert TokenUnitsMismatch(tokenId, units, t.units);
        if (t.frozen || t.defaulted || t.end <= block.timestamp) revert CollateralNotAccepted(tokenId);
    }

    /// @dev Checks a collection offer and the token against it, and books `principal` against its total.
    function _useCollectionOffer(
        bytes32 orderHash,
        CollectionOffer calldata offer,
        bytes calldata signature,
        uint256 tokenId,
        uint256 principal
    ) internal returns (IHashPowerToken.TokenData memory t) {
        _checkOrder(orderHash, offer.lender, offer.counter, offer.expiry, signature);
        t = token.tokenData(tokenId);
        if (t.frozen || t.defaulted || t.end <= block.timestamp) revert CollateralNotAccepted(tokenId);
        address wantedIssuer = offer.issuer;
        if (
            t.assetClass != offer.assetClass || (wantedIssuer != address(0) && t.issuer != wantedIssuer)
                || t.units < offer.minUnits || t.end - block.timestamp < offer.minRemainingTerm
        ) revert CollectionMismatch(tokenId);
        uint256 allowed = _maxPrincipal(tokenId, t.assetClass, offer.maxLtvBps);
        if (principal > allowed) revert LtvExceeded(principal, allowed);
        LendingStorage.OrderState storage state = _s().orders[orderHash];
        uint256 lent = state.lent;
        uint256 remaining = offer.totalPrincipal > lent ? offer.totalPrincipal - lent : 0;
        if (principal > remaining) revert OfferExhausted(orderHash, remaining, principal);
        state.lent = uint128(lent + principal);
    }

    /// @dev `floor(floor(value * ltv / 10_000) / price)`: rounds against the borrower. A price of 0 is
    /// treated as unusable.
    function _maxPrincipal(uint256 tokenId, bytes32 assetClass, uint256 maxLtvBps) internal view returns (uint256) {
        uint256 value = valuation.valueOf(tokenId);
        uint256 price = valuation.payoutTokenPrice(assetClass);
        if (price == 0) revert IHashPowerValuation.PriceUnusable(assetClass);
        return Math.mulDiv(value, maxLtvBps, _BPS) / price;
    }

    function _checkOrder(
        bytes32 orderHash,
        address maker,
        uint256 orderCounter,
        uint64 expiry,
        bytes calldata signature
    ) internal view {
        if (block.timestamp > expiry) revert LoanOrderExpired(expiry);
        uint256 current = _s().counters[maker];
        if (orderCounter != current) revert StaleLoanCounter(orderCounter, current);
        if (_s().cancelled[maker][orderHash]) revert LoanOrderCancelled(orderHash);
        if (!SignaturePolicy.isValidSignatureNow(maker, orderHash, signature)) revert InvalidLoanSignature();
    }


    /// @dev `keccak256(typeHash || order)` over the order's calldata (all fields static): see
    /// `HashMixMarket._structHash`.
    function _structHash(bytes32 typeHash, uint256 offset, uint256 size) internal pure returns (bytes32 h) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, typeHash)
            calldatacopy(add(ptr, 0x20), offset, size)
            h := keccak256(ptr, add(size, 0x20))
        }
    }
}
