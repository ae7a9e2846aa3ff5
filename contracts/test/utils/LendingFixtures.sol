// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {EmissionController} from "../../src/incentives/EmissionController.sol";
import {HookStakeProgram} from "../../src/incentives/HookStakeProgram.sol";
import {HashPowerLending} from "../../src/lending/HashPowerLending.sol";
import {LendingLens} from "../../src/lending/LendingLens.sol";
import {LendingModule} from "../../src/lending/LendingModule.sol";
import {LendingOrders} from "../../src/lending/LendingOrders.sol";
import {LoanStatus} from "../../src/lending/LendingStorage.sol";
import {IFrozenRedemption} from "../../src/interfaces/IFrozenRedemption.sol";
import {IRevenueClaims} from "../../src/interfaces/IRevenueClaims.sol";
import {HashPowerToken} from "../../src/token/HashPowerToken.sol";
import {TestPayoutToken} from "../../src/dev/TestPayoutToken.sol";
import {MockCreditScore, MockValuation} from "../mocks/LendingMocks.sol";
import {ICreditScore} from "../../src/interfaces/ICreditScore.sol";
import {FulfillmentFixtures} from "./FulfillmentFixtures.sol";
import {MerkleHelper} from "./MerkleHelper.sol";

/// @dev Lending on top of {FulfillmentFixtures} (token, collateral vault, hardware registry, the real
/// fulfillment vault with 7-day BTC epochs): a mock valuation the tests control (100 numeraire units
/// per hash power unit, BTC at 1e15 per satoshi, i.e. 100,000 per BTC), a mock credit score source
/// (every score 0 until set), the lending contract with its module and lens, a borrower holding a
/// 1,000-unit token of a 70-day product (10 epochs), two lenders funded with tWBTC, and helpers to
/// build, sign and fill every order kind and to run fulfillment epochs that pay the escrowed token.
abstract contract LendingFixtures is FulfillmentFixtures {
    HashPowerLending internal lending;
    LendingModule internal module;
    LendingLens internal lendingLens;
    MockValuation internal valuation;
    /// the borrowers' credit scores that offers with a minimum score are checked against
    MockCreditScore internal creditScores;
    /// another ERC-20 (not the product's payout token)
    TestPayoutToken internal usdc;

    address internal lender;
    uint256 internal lenderKey;
    address internal lender2;
    uint256 internal lender2Key;
    address internal borrower;
    uint256 internal borrowerKey;
    address internal bidder = makeAddr("bidder");
    address internal keeper = makeAddr("keeper");

    uint256 internal constant PRODUCT_TERM = 70 days;
    uint256 internal constant L_UNITS = 1_000;
    uint256 internal constant PRINCIPAL = 0.1e8;
    uint256 internal constant MAX_REPAYMENT = 0.2e8;
    uint32 internal constant APR = 1_000;
    uint64 internal constant DURATION = 28 days;
    uint256 internal constant BTC_PRICE = 1e15;
    /// numeraire per unit: a 1,000-unit token is worth 1e23 = 1 BTC at BTC_PRICE
    uint256 internal constant PER_UNIT = 1e20;
    uint256 internal constant LOAN_START = T0 + 1 hours;

    uint256 internal pid;
    uint256 internal tokenId;
    uint256 internal orderSalt;

    function setUp() public virtual override {
        super.setUp();
        (lender, lenderKey) = makeAddrAndKey("lender");
        (lender2, lender2Key) = makeAddrAndKey("lender2");
        (borrower, borrowerKey) = makeAddrAndKey("borrower");
        usdc = new TestPayoutToken("USD Coin (test)", "tUSDC", 6, owner);
        valuation = new MockValuation(hpt);
        valuation.setPrice(btc, BTC_PRICE);
        valuation.setPerUnit(PER_UNIT);
        creditScores = new MockCreditScore();
        module = new LendingModule(
            hpt,
            IRevenueClaims(address(fv)),
            IFrozenRedemption(address(hardwareRegistry)),
            valuation,
            ICreditScore(address(creditScores))
        );
        lending = new HashPowerLending(
            address(manager),
            hpt,
            IRevenueClaims(address(fv)),
            IFrozenRedemption(address(hardwareRegistry)),
            valuation,
            ICreditScore(address(creditScores)),
            module,
            collateralVault
        );
        lendingLens = new LendingLens(address(lending));
        _register("HashPowerLending", address(lending));
        _wire();

        (pid, tokenId) = _product(L_UNITS, PRODUCT_TERM, COLLATERAL);
        _give(borrower, tokenId);
        _fundLender(lender, 100e8);
        _fundLender(lender2, 100e8);
        _fundLender(borrower, 10e8);
        _fundLender(bidder, 100e8);
        vm.warp(LOAN_START);
    }

    /// The fixture's score source as the lending contracts take it.
    function _scores() internal view returns (ICreditScore) {
        return ICreditScore(address(creditScores));
    }

    // ---------------------------------------------------------------- lenders' program

    /// A lenders' reward program for `currency` (a `HookStakeProgram` on its own emission controller,
    /// weight 10, emission from an hour from now), granted to the lending contract and set for `currency`.
    function _lenderProgram(address currency) internal returns (HookStakeProgram program) {
        EmissionController controller =
            new EmissionController(address(manager), 1e27, uint64(block.timestamp + 1 hours), 1e18, 365 days);
        program = new HookStakeProgram(address(manager), controller);
        _register("HookStakeProgram", address(program));
        _wire(); // grants the lending contract the program's setStake (STAKE_REPORTER)
        vm.startPrank(owner);
        controller.addProgram(address(program));
        controller.setInitialWeight(address(program), 10);
        lending.setLenderProgram(currency, address(program));
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- accounts

    function _give(address to, uint256 id) internal {
        address from = hpt.ownerOf(id);
        vm.prank(from);
        hpt.transferFrom(from, to, id);
        vm.prank(to);
        hpt.setApprovalForAll(address(lending), true);
    }

    function _fundLender(address who, uint256 amount) internal {
        vm.prank(owner);
        wbtc.mint(who, amount);
        vm.prank(who);
        wbtc.approve(address(lending), type(uint256).max);
    }

    // ---------------------------------------------------------------- orders

    function _loanOffer(address maker, uint256 id) internal returns (LendingOrders.LoanOffer memory o) {
        HashPowerToken.TokenData memory t = hpt.tokenData(id);
        o.lender = maker;
        o.tokenId = id;
        o.tokenNonce = t.nonce;
        o.units = t.units;
        o.currency = address(wbtc);
        o.principal = PRINCIPAL;
        o.maxRepayment = MAX_REPAYMENT;
        o.aprBps = APR;
        o.duration = DURATION;
        o.counter = lendingLens.counter(maker);
        o.salt = ++orderSalt;
        o.expiry = uint64(block.timestamp + 7 days);
    }

    function _request(address maker, uint256 id) internal returns (LendingOrders.BorrowRequest memory r) {
        HashPowerToken.TokenData memory t = hpt.tokenData(id);
        r.borrower = maker;
        r.tokenId = id;
        r.tokenNonce = t.nonce;
        r.units = t.units;
        r.currency = address(wbtc);
        r.principal = PRINCIPAL;
        r.maxRepayment = MAX_REPAYMENT;
        r.aprBps = APR;
        r.duration = DURATION;
        r.counter = lendingLens.counter(maker);
        r.salt = ++orderSalt;
        r.expiry = uint64(block.timestamp + 7 days);
    }

    function _collection(address maker) internal returns (LendingOrders.CollectionOffer memory c) {
        c.lender = maker;
        c.assetClass = btc;
        c.issuer = issuer;
        c.minUnits = 100;
        c.minRemainingTerm = 30 days;
        c.maxLtvBps = 5_000;
        c.currency = address(wbtc);
        c.totalPrincipal = 1e8;
        c.aprBps = APR;
        c.duration = DURATION;
        c.counter = lendingLens.counter(maker);
        c.salt = ++orderSalt;
        c.expiry = uint64(block.timestamp + 7 days);
    }

    function _sign(uint256 key, LendingOrders.LoanOffer memory o) internal view returns (bytes memory) {
        return _signDigest(key, lending.hashLoanOffer(o));
    }

    function _sign(uint256 key, LendingOrders.BorrowRequest memory r) internal view returns (bytes memory) {
        return _signDigest(key, lending.hashBorrowRequest(r));
    }

    function _sign(uint256 key, LendingOrders.CollectionOffer memory c) internal view returns (bytes memory) {
        return _signDigest(key, lending.hashCollectionOffer(c));
    }

    // ---------------------------------------------------------------- loans

    /// The borrower borrows against its token on the lender's default offer.
    function _borrow() internal returns (uint256 loanId) {
        return _borrowWith(_loanOffer(lender, tokenId));
    }

    function _borrowWith(LendingOrders.LoanOffer memory o) internal returns (uint256 loanId) {
        bytes memory sig = _sign(lenderKeyOf(o.lender), o);
        vm.prank(borrower);
        return lending.borrow(o, sig);
    }

    function lenderKeyOf(address who) internal view returns (uint256) {
        if (who == lender) return lenderKey;
        if (who == lender2) return lender2Key;
        if (who == borrower) return borrowerKey;
        revert("no key");
    }

    function _loan(uint256 loanId) internal view returns (LendingLens.LoanView memory) {
        return lendingLens.loanOf(loanId);
    }

    function _status(uint256 loanId) internal view returns (LoanStatus) {
        return lendingLens.loanOf(loanId).status;
    }

    function _debt(uint256 loanId) internal view returns (uint256) {
        return lendingLens.debtOf(loanId);
    }

    // ---------------------------------------------------------------- epochs

    /// Reports epoch `e` of product `p` (all units delivered, `revenue` for the whole product),
    /// deposits it and settles: the escrowed token's holding becomes claimable.
    function _payEpoch(uint256 p, uint32 e, uint256 revenue) internal {
        uint256 end = _epochEnd(e, PRODUCT_TERM);
        if (block.timestamp <= end) vm.warp(end + 1);
        uint256 capacity = hpt.product(p).capacity;
        _submit(_rScaled(p, e, capacity, revenue, (revenue * 1e18) / capacity));
        _deposit(p, e);
    }

    /// Reports epochs 0 .. count-1 of the default product with no revenue, each right after it ends
    /// (time moves forward): they settle as fulfilled and pay nothing, so later epochs can settle
    /// without the unreported-epoch compensation.
    function _zeroEpochs(uint32 count) internal {
        for (uint32 e = 0; e < count; e++) {
            _payEpoch(pid, e, 0);
        }
    }

    /// Like {_payEpoch} but only `delivered` units delivered: the shortfall is paid from collateral.
    function _payEpochShort(uint256 p, uint32 e, uint256 revenue, uint256 delivered, uint256 unitRevenue) internal {
        uint256 end = _epochEnd(e, PRODUCT_TERM);
        if (block.timestamp <= end) vm.warp(end + 1);
        _submit(_rScaled(p, e, delivered, revenue, unitRevenue));
        _deposit(p, e);
    }

    // ---------------------------------------------------------------- product status

    /// A second product over the same default hardware as `earlier` (every fixture product uses
    /// `hw`), minted now, its token given to `to`; a challenge then freezes it (the later product)
    /// and forfeits its collateral to its holders ({_freezeLater}).
    function _duplicateProduct(address to, uint256 term) internal returns (uint256 p, uint256 id) {
        (p, id) = _product(L_UNITS, term, COLLATERAL);
        _give(to, id);
    }

    /// Freezes the later of two products sharing hw[1] by a duplicate-hardware challenge.
    function _freezeLater(uint256 earlier, uint256 later) internal {
        vm.prank(challenger);
        hardwareRegistry.challengeDuplicateHardware(hw[1], earlier, MerkleHelper.proof(hw, 1), later, MerkleHelper.proof(hw, 1));
    }

    function _markDefaulted(uint256 p) internal {
        _register("FulfillmentVault", address(this));
        _wire();
        hpt.markDefaulted(p);
    }
}
