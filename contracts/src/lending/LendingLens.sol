// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ZeroAddress} from "../common/Errors.sol";
import {IHashPowerToken} from "../interfaces/IHashPowerToken.sol";
import {IHashPowerValuation} from "../interfaces/IHashPowerValuation.sol";
import {ILoanRecord} from "../interfaces/ILoanRecord.sol";
import {LendingBase} from "./LendingBase.sol";
import {LendingStorage, LoanStatus} from "./LendingStorage.sol";
import {LoanMath} from "./LoanMath.sol";

/// @notice What the lens reads the lending contract's storage through.
interface ILendingStorageReader {
    /// @notice Raw storage words.
    /// @param startSlot First slot.
    /// @param nSlots Number of slots.
    /// @return values The words.
    function extsload(bytes32 startSlot, uint256 nSlots) external view returns (bytes32[] memory values);
}

/**
 * @title LendingLens
 * @notice Read-only views of {HashPowerLending} loans, derived from its storage (read with
 * `extsload`): a loan with its interest and debt now, auctions and their current price, whether a
 * loan can be foreclosed, what a collection offer lends against a token, order states, counters,
 * credits, and the borrowers' and lenders' records ({ILoanRecord}, for the credit system). Kept apart
 * so that the lending contract stays under the protocol's code size limit.
 */
contract LendingLens is ILoanRecord {
    // solhint-disable gas-struct-packing
    /// @notice A loan as {loanOf} returns it.
    /// @param status Its {LoanStatus}.
    /// @param borrower The borrower.
    /// @param lender The current lender.
    /// @param currency The loan currency (the product's payout token).
    /// @param tokenId The escrowed token.
    /// @param holdingIndex The lending contract's holding of the token (what revenue is claimed for;
    /// while the loan is open, the token's open holding).
    /// @param principal Principal outstanding.
    /// @param interestScaled Unpaid interest x `LoanMath.YEAR_BPS` as stored, accrued up to `lastAccrual`.
    /// @param interest Interest owed now (rounded up; frozen from an auction's start).
    /// @param debt What repaying costs now: principal plus interest, at most `capLeft`.
    /// @param capLeft What the borrower may still be asked for (max repayment minus what was paid).
    /// @param aprBps Annual rate in basis points.
    /// @param maturity End of the term.
    /// @param lenderSince When the current lender started (or refinanced) the loan.
    /// @param lastAccrual Time interest was last carried.
    /// @param redemptionBooked Whether a frozen product's redemption was booked to the loan.
    struct LoanView {
        LoanStatus status;
        address borrower;
        address lender;
        address currency;
        uint256 tokenId;
        uint256 holdingIndex;
        uint256 principal;
        uint256 interestScaled;
        uint256 interest;
        uint256 debt;
        uint256 capLeft;
        uint256 aprBps;
        uint64 maturity;
        uint64 lenderSince;
        uint64 lastAccrual;
        bool redemptionBooked;
    }
    // solhint-enable gas-struct-packing

    /// @notice The lending contract read.
    address public immutable lending;
    /// @notice Its hash power token.
    IHashPowerToken public immutable token;
    /// @notice Its valuation.
    IHashPowerValuation public immutable valuation;

    uint256 private constant _MASK40 = (1 << 40) - 1;
    uint256 private constant _MASK32 = (1 << 32) - 1;
    uint256 private constant _MASK24 = (1 << 24) - 1;
    uint256 private constant _MASK128 = (1 << 128) - 1;

    /// @notice No loan has this id (as the lending contract's `UnknownLoan`).
    error UnknownLoanId(uint256 loanId);

    /**
     * @param lending_ The lending contract ({ZeroAddress} if zero).
     */
    constructor(address lending_) {
        if (lending_ == address(0)) revert ZeroAddress();
        lending = lending_;
        token = LendingBase(lending_).token();
        valuation = LendingBase(lending_).valuation();
    }

    /**
     * @notice A loan with its interest and debt now.
     * @dev Reverts with {UnknownLoanId}.
     * @param loanId The loan.
     * @return v The loan.
     */
    function loanOf(uint256 loanId) public view returns (LoanView memory v) {
        bytes32[] memory w = _read(LendingStorage.mappingSlot(LendingStorage.LOANS, bytes32(loanId)), 4);
        uint256 s0 = uint256(w[0]);
        uint256 s1 = uint256(w[1]);
        uint256 s2 = uint256(w[2]);
        v.status = LoanStatus(uint8(s0 >> 248));
        if (v.status == LoanStatus.None) revert UnknownLoanId(loanId);
        v.borrower = address(uint160(s0));
        v.lastAccrual = uint64((s0 >> 160) & _MASK32);
        v.maturity = uint64((s0 >> 192) & _MASK32);
        v.lender = address(uint160(s1));
        v.lenderSince = uint64((s1 >> 160) & _MASK32);
        v.aprBps = (s1 >> 192) & _MASK24;
        v.redemptionBooked = ((s1 >> 216) & 0xff) != 0;
        uint256 currencyId = (s1 >> 224) & 0xffff;
        v.principal = s2 & _MASK128;
        v.capLeft = s2 >> 128;
        v.tokenId = loanId >> 32;
        v.holdingIndex = v.status == LoanStatus.Active || v.status == LoanStatus.Auction
            ? token.holdingCount(v.tokenId) - 1
            : (s0 >> 224) & _MASK24;
        v.currency = _currency(currencyId);
        uint256 iS = uint256(w[3]);
        v.interestScaled = iS;
        if (v.status == LoanStatus.Active) {
            iS += LoanMath.accrued(v.principal, v.aprBps, block.timestamp - v.lastAccrual);
        }
        v.interest = Math.ceilDiv(iS, LoanMath.YEAR_BPS);
        v.debt = LoanMath.debt(v.principal, iS, v.capLeft);
    }

    /**
     * @notice What repaying a loan would cost now, before any sweep (0 once repaid; the debt a
     * foreclosure left unpaid for a foreclosed loan).
     * @dev Reverts with {UnknownLoanId}.
     * @param loanId The loan.
     * @return The debt.
     */
    function debtOf(uint256 loanId) external view returns (uint256) {
        return loanOf(loanId).debt;
    }

    /**
     * @notice A loan's foreclosure auction (zeros if none started).
     * @param loanId The loan.
     * @return initiator Who started the foreclosure (the bounty's taker).
     * @return start When the auction started.
     * @return endsAt When it ends (bids are accepted before).
     * @return startPrice The price at its start.
     * @return floorPrice The price at its end.
     */
    function auctionOf(uint256 loanId)
        public
        view
        returns (address initiator, uint64 start, uint64 endsAt, uint256 startPrice, uint256 floorPrice)
    {
        bytes32[] memory w = _read(LendingStorage.mappingSlot(LendingStorage.AUCTIONS, bytes32(loanId)), 2);
        uint256 s0 = uint256(w[0]);
        uint256 s1 = uint256(w[1]);
        initiator = address(uint160(s0));
        start = uint64((s0 >> 160) & _MASK40);
        endsAt = start == 0 ? 0 : uint64(start + LendingBase(lending).AUCTION_DURATION());
        startPrice = s1 & _MASK128;
        floorPrice = s1 >> 128;
    }

    /**
     * @notice The price a bid pays now, if the loan's auction is running.
     * @param loanId The loan.
     * @return running Whether a bid is accepted now.
     * @return price The price (0 if not running).
     */
    function currentPrice(uint256 loanId) external view returns (bool running, uint256 price) {
        (, uint64 start, uint64 endsAt, uint256 startPrice, uint256 floorPrice) = auctionOf(loanId);
        if (start == 0 || block.timestamp >= endsAt || _status(loanId) != LoanStatus.Auction) return (false, 0);
        return (true, LoanMath.auctionPrice(startPrice, floorPrice, block.timestamp - start, endsAt - start));
    }

    /**
     * @notice Whether `startForeclosure` accepts the loan now (ignoring what its sweep would pay): it
     * is active and past maturity plus the grace period, or its product is frozen or defaulted.
     * @param loanId The loan.
     * @return True if foreclosable.
     */
    function isForeclosable(uint256 loanId) external view returns (bool) {
        if (_status(loanId) != LoanStatus.Active) return false;
        LoanView memory v = loanOf(loanId);
        IHashPowerToken.TokenData memory t = token.tokenData(v.tokenId);
        return t.frozen || t.defaulted || block.timestamp > uint256(v.maturity) + LendingBase(lending).GRACE_PERIOD();
    }

    /**
     * @notice The most a collection offer with `maxLtvBps` lends against a token now:
     * `floor(floor(value * maxLtvBps / 10_000) / payoutTokenPrice)` in the currency's base units.
     * @dev Reverts with the valuation's `PriceUnusable` and the token's errors.
     * @param tokenId The token.
     * @param maxLtvBps The loan-to-value, in basis points.
     * @return The principal.
     */
    function maxPrincipal(uint256 tokenId, uint256 maxLtvBps) external view returns (uint256) {
        bytes32 assetClass = token.tokenData(tokenId).assetClass;
        uint256 value = valuation.valueOf(tokenId);
        uint256 price = valuation.payoutTokenPrice(assetClass);
        if (price == 0) revert IHashPowerValuation.PriceUnusable(assetClass);
        return Math.mulDiv(value, maxLtvBps, 10_000) / price;
    }

    /**
     * @notice The id of the loan that escrowed `tokenId` when its nonce became `escrowNonce`:
     * `tokenId << 32 | escrowNonce` (the lending contract's numbering).
     * @param tokenId The token.
     * @param escrowNonce The token's nonce while escrowed.
     * @return The loan id.
     */
    function loanIdOf(uint256 tokenId, uint32 escrowNonce) external pure returns (uint256) {
        return (tokenId << 32) | escrowNonce;
    }

    /**
     * @notice The loan currencies in the order the lending contract first used them.
     * @return list The currencies.
     */
    function currencies() external view returns (address[] memory list) {
        uint256 n = uint256(_read(bytes32(uint256(LendingStorage.SLOT) + LendingStorage.CURRENCY_COUNT), 1)[0]);
        list = new address[](n);
        for (uint256 i = 0; i < n; ++i) {
            list[i] = _currency(i + 1);
        }
    }

    /// @notice A maker's current counter (orders must carry it).
    /// @param maker The maker.
    /// @return The counter.
    function counter(address maker) external view returns (uint256) {
        return uint256(_read(LendingStorage.mappingSlot(LendingStorage.COUNTERS, _key(maker)), 1)[0]);
    }

    /**
     * @notice An order's state.
     * @param maker The order's maker.
     * @param orderHash The order's EIP-712 digest.
     * @return cancelled Cancelled by its maker.
     * @return used A loan offer that refinanced a loan.
     * @return lent Principal lent from a collection offer so far.
     */
    function orderState(address maker, bytes32 orderHash)
        external
        view
        returns (bool cancelled, bool used, uint256 lent)
    {
        cancelled = _read(LendingStorage.nestedSlot(LendingStorage.CANCELLED, _key(maker), orderHash), 1)[0]
            != bytes32(0);
        uint256 s = uint256(_read(LendingStorage.mappingSlot(LendingStorage.ORDERS, orderHash), 1)[0]);
        used = (s & 0xff) != 0;
        lent = (s >> 8) & _MASK128;
    }

    /**
     * @notice What `account` may withdraw in `currency` (payments whose push failed).
     * @param account The account.
     * @param currency The currency.
     * @return The credit.
     */
    function credit(address account, address currency) external view returns (uint256) {
        return uint256(_read(LendingStorage.nestedSlot(LendingStorage.CREDITS, _key(account), _key(currency)), 1)[0]);
    }

    /**
     * @notice `lender`'s outstanding principal in `currency` over its open loans that count for the
     * lenders' reward program (started or refinanced while the currency had one): its stake there.
     * @param lender The lender.
     * @param currency The currency.
     * @return The principal.
     */
    function outstandingPrincipal(address lender, address currency) external view returns (uint256) {
        return _word(LendingStorage.nestedSlot(LendingStorage.LENT, _key(lender), _key(currency)));
    }

    /**
     * @notice The lenders' reward program of `currency` (address(0): none).
     * @param currency The currency.
     * @return The program.
     */
    function lenderProgram(address currency) external view returns (address) {
        uint256 word = _word(LendingStorage.mappingSlot(LendingStorage.CURRENCY_STATES, _key(currency)));
        return address(uint160(word >> 16));
    }

    /// @inheritdoc ILoanRecord
    function borrowerRecord(address account, address currency) external view returns (BorrowerRecord memory r) {
        uint256 c = _word(LendingStorage.nestedSlot(LendingStorage.BORROWER_COUNTS, _key(account), _key(currency)));
        r.repaid = uint32(c & _MASK32);
        r.repaidLate = uint32((c >> 32) & _MASK32);
        r.defaulted = uint32((c >> 64) & _MASK32);
        r.amountRepaid = c >> 96;
        r.amountDefaulted =
            _word(LendingStorage.nestedSlot(LendingStorage.BORROWER_DEFAULTED, _key(account), _key(currency)));
    }

    /// @inheritdoc ILoanRecord
    function lenderRecord(address account, address currency) external view returns (LenderRecord memory r) {
        uint256 c = _word(LendingStorage.nestedSlot(LendingStorage.LENDER_COUNTS, _key(account), _key(currency)));
        r.paidOff = uint32(c & _MASK32);
        r.defaulted = uint32((c >> 32) & _MASK32);
        r.amountReceived = c >> 64;
        r.badDebt =
            _word(LendingStorage.nestedSlot(LendingStorage.LENDER_BAD_DEBT, _key(account), _key(currency)));
    }

    function _status(uint256 loanId) private view returns (LoanStatus) {
        uint256 s0 = uint256(_read(LendingStorage.mappingSlot(LendingStorage.LOANS, bytes32(loanId)), 1)[0]);
        return LoanStatus(uint8(s0 >> 248));
    }

    function _currency(uint256 id) private view returns (address) {
        return address(uint160(_word(LendingStorage.mappingSlot(LendingStorage.CURRENCIES, bytes32(id)))));
    }

    function _word(bytes32 slot) private view returns (uint256) {
        return uint256(_read(slot, 1)[0]);
    }

    function _read(bytes32 slot, uint256 n) private view returns (bytes32[] memory) {
        return ILendingStorageReader(lending).extsload(slot, n);
    }

    function _key(address a) private pure returns (bytes32) {
        return bytes32(uint256(uint160(a)));
    }
}
