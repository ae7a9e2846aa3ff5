// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice Life of a loan. `Repaid`, `Sold` and `Claimed` are final.
enum LoanStatus {
    None,
    Active,
    Auction,
    Repaid,
    Sold,
    Claimed
}

/**
 * @title LendingStorage
 * @notice The storage of {HashPowerLending}, in one ERC-7201 namespace ("hashmix.storage.Lending"),
 * so that the {LendingLens} can read it through `extsload` without the lending contract carrying
 * every derived view (each contract stays under the protocol's code size limit).
 */
library LendingStorage {
    /// @notice A loan (4 slots; three written when it starts, the last once interest is carried).
    /// @dev A loan's id is `tokenId << 32 | nonce`, the token's nonce while escrowed (the escrow
    /// moves it, so every loan of a token has its own id and the id names the token). Times are
    /// 32-bit seconds (until 2106, as the token's). `capLeft` is what the borrower may still be asked
    /// for (the max repayment minus what was paid); `interestScaled` is unpaid interest x
    /// `LoanMath.YEAR_BPS`, accrued up to `lastAccrual`; `holdingIndex` is written when the loan closes
    /// (while it is open the lending contract's holding is the token's open one, its last);
    /// `currencyId` is the loan currency's id in
    /// `currencies` (ids count from 1); `staked` says its principal counts in its lender's `lent` (the
    /// currency had a lenders' reward program when the lender took the loan).
    struct Loan {
        // slot 0
        address borrower;
        uint32 lastAccrual;
        uint32 maturity;
        uint24 holdingIndex;
        LoanStatus status;
        // slot 1
        address lender;
        uint32 lenderSince;
        uint24 aprBps;
        bool redemptionBooked;
        uint16 currencyId;
        bool staked;
        // slot 2
        uint128 principal;
        uint128 capLeft;
        // slot 3
        uint256 interestScaled;
    }

    /// @notice A foreclosure auction (2 slots).
    struct Auction {
        address initiator;
        uint40 start;
        uint128 startPrice;
        uint128 floorPrice;
    }

    /// @notice A loan currency (one slot): its id in `currencies` (0 until its first loan) and its
    /// lenders' reward program (address(0): none).
    struct CurrencyState {
        uint16 id;
        address lenderProgram;
    }

    /// @notice A loan offer that refinanced a loan (`used`), and the principal lent from a collection offer.
    struct OrderState {
        bool used;
        uint128 lent;
    }

    /// @notice One slot of a borrower's record in one currency.
    struct BorrowerCounts {
        uint32 repaid;
        uint32 repaidLate;
        uint32 defaulted;
        uint160 amountRepaid;
    }

    /// @notice One slot of a lender's record in one currency.
    struct LenderCounts {
        uint32 paidOff;
        uint32 defaulted;
        uint192 amountReceived;
    }

    /// @custom:storage-location erc7201:hashmix.storage.Lending
    struct Layout {
        uint256 currencyCount;
        mapping(uint256 loanId => Loan) loans;
        mapping(uint256 loanId => Auction) auctions;
        mapping(address maker => uint256) counters;
        mapping(bytes32 orderHash => OrderState) orders;
        mapping(address maker => mapping(bytes32 orderHash => bool)) cancelled;
        mapping(address account => mapping(address currency => uint256)) credits;
        mapping(address account => mapping(address currency => BorrowerCounts)) borrowerCounts;
        mapping(address account => mapping(address currency => uint256)) borrowerDefaulted;
        mapping(address account => mapping(address currency => LenderCounts)) lenderCounts;
        mapping(address account => mapping(address currency => uint256)) lenderBadDebt;
        mapping(address currency => CurrencyState) currencyStates;
        mapping(uint256 currencyId => address) currencies;
        mapping(uint256 tokenId => bool) redemptionTaken;
        mapping(address lender => mapping(address currency => uint256)) lent;
    }

    /// @notice `keccak256(abi.encode(uint256(keccak256("hashmix.storage.Lending")) - 1)) & ~bytes32(uint256(0xff))`.
    bytes32 internal constant SLOT = 0x9a08336882d6ecdfc748f7f3ca469e881ef5a6450996baeec550773478063400;

    /// @notice Position of a field of {Layout} (the namespace's first slot plus its index): `currencyCount`.
    uint256 internal constant CURRENCY_COUNT = 0;
    /// @notice Index of `loans`.
    uint256 internal constant LOANS = 1;
    /// @notice Index of `auctions`.
    uint256 internal constant AUCTIONS = 2;
    /// @notice Index of `counters`.
    uint256 internal constant COUNTERS = 3;
    /// @notice Index of `orders`.
    uint256 internal constant ORDERS = 4;
    /// @notice Index of `cancelled`.
    uint256 internal constant CANCELLED = 5;
    /// @notice Index of `credits`.
    uint256 internal constant CREDITS = 6;
    /// @notice Index of `borrowerCounts`.
    uint256 internal constant BORROWER_COUNTS = 7;
    /// @notice Index of `borrowerDefaulted`.
    uint256 internal constant BORROWER_DEFAULTED = 8;
    /// @notice Index of `lenderCounts`.
    uint256 internal constant LENDER_COUNTS = 9;
    /// @notice Index of `lenderBadDebt`.
    uint256 internal constant LENDER_BAD_DEBT = 10;
    /// @notice Index of `currencyStates`.
    uint256 internal constant CURRENCY_STATES = 11;
    /// @notice Index of `currencies` (1-based ids).
    uint256 internal constant CURRENCIES = 12;
    /// @notice Index of `redemptionTaken` (a token's frozen redemption was booked to one of its loans).
    uint256 internal constant REDEMPTION_TAKEN = 13;
    /// @notice Index of `lent` (a lender's outstanding principal in a currency, over its open loans
    /// that count for the lenders' reward program).
    uint256 internal constant LENT = 14;

    /// @notice The lending contract's storage.
    /// @return st The layout.
    function layout() internal pure returns (Layout storage st) {
        bytes32 slot = SLOT;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            st.slot := slot
        }
    }

    /// @notice The slot of `mapping[key]` for the mapping at field `index` of the layout.
    /// @param index The mapping's field index.
    /// @param key The key (an address or a number, as a word).
    /// @return The slot.
    function mappingSlot(uint256 index, bytes32 key) internal pure returns (bytes32) {
        return keccak256(abi.encode(key, uint256(SLOT) + index));
    }

    /// @notice The slot of `mapping[a][b]` for the nested mapping at field `index` of the layout.
    /// @param index The mapping's field index.
    /// @param a The outer key.
    /// @param b The inner key.
    /// @return The slot.
    function nestedSlot(uint256 index, bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return keccak256(abi.encode(b, mappingSlot(index, a)));
    }
}
