// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Hostile test doubles: raw calls, assembly and odd fallbacks are the point.
// solhint-disable no-inline-assembly, avoid-low-level-calls, no-complex-fallback, gas-custom-errors

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IHashPowerToken} from "../../src/interfaces/IHashPowerToken.sol";
import {IHashPowerValuation} from "../../src/interfaces/IHashPowerValuation.sol";
import {IHoldingHistory} from "../../src/interfaces/IHoldingHistory.sol";

/// @dev Credit scores the tests set (0 unless set), a switch that makes {scoreOf} revert with
/// `ScoreUnavailable`, and one that makes it answer a single byte (malformed).
contract MockCreditScore {
    error ScoreUnavailable();

    mapping(address account => uint256) public scores;
    bool public reverting;
    bool public garbage;
    uint256 public calls;

    function setScore(address account, uint256 score) external {
        scores[account] = score;
    }

    function setReverting(bool r) external {
        reverting = r;
    }

    function setGarbage(bool g) external {
        garbage = g;
    }

    function scoreOf(address account) external view returns (uint256) {
        if (reverting) revert ScoreUnavailable();
        if (garbage) {
            assembly {
                mstore(0, 0xff)
                return(31, 1)
            }
        }
        return scores[account];
    }
}

/// @dev A valuation the tests control: a value per token (or units x `perUnit` when none is set),
/// a price per asset class, and a stale switch that makes every call revert with PriceUnusable.
contract MockValuation is IHashPowerValuation {
    IHashPowerToken public immutable token;
    mapping(uint256 tokenId => uint256) public values;
    mapping(uint256 tokenId => bool) public hasValue;
    mapping(bytes32 assetClass => uint256) public prices;
    uint256 public perUnit;
    bool public stale;
    bool public garbage;

    constructor(IHashPowerToken token_) {
        token = token_;
    }

    function setValue(uint256 tokenId, uint256 value) external {
        values[tokenId] = value;
        hasValue[tokenId] = true;
    }

    function setPerUnit(uint256 v) external {
        perUnit = v;
    }

    function setPrice(bytes32 assetClass, uint256 price) external {
        prices[assetClass] = price;
    }

    function setStale(bool s) external {
        stale = s;
    }

    /// makes valueOf return 1 byte of data (malformed)
    function setGarbage(bool g) external {
        garbage = g;
    }

    function valueOf(uint256 tokenId) external view returns (uint256) {
        IHashPowerToken.TokenData memory t = token.tokenData(tokenId);
        if (stale) revert PriceUnusable(t.assetClass);
        if (garbage) {
            assembly {
                mstore(0, 1)
                return(31, 1)
            }
        }
        if (hasValue[tokenId]) return values[tokenId];
        return t.units * perUnit;
    }

    function valueOfUnits(uint256, uint256 units) external view returns (uint256) {
        if (stale) revert PriceUnusable(bytes32(0));
        return units * perUnit;
    }

    function deliveryRatio(uint256) external pure returns (uint256) {
        return 1e18;
    }

    function payoutTokenPrice(bytes32 assetClass) external view returns (uint256) {
        if (stale) revert PriceUnusable(assetClass);
        return prices[assetClass];
    }
}

/// @dev An ERC-20 with ERC-777-like receive hooks: a recipient that registered gets
/// `tokensReceived(from, amount)` called after every transfer to it, and the hook's revert reverts
/// the transfer. Also lets tests blacklist recipients (transfers to them revert).
contract HookToken is ERC20 {
    mapping(address => bool) public hooked;
    mapping(address => bool) public blacklisted;

    constructor() ERC20("Hook BTC", "hBTC") {}

    function decimals() public pure override returns (uint8) {
        return 8;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function registerHook(bool on) external {
        hooked[msg.sender] = on;
    }

    function setBlacklisted(address who, bool on) external {
        blacklisted[who] = on;
    }

    function _update(address from, address to, uint256 value) internal override {
        require(!blacklisted[to], "blacklisted");
        super._update(from, to, value);
        if (to != address(0) && hooked[to]) {
            IHookReceiver(to).tokensReceived(from, value);
        }
    }
}

interface IHookReceiver {
    function tokensReceived(address from, uint256 amount) external;
}

/// @dev An account (lender, borrower, bidder) run by the test: it signs as `key` (ERC-1271), runs
/// calls, and on receiving HookToken or an ERC-721 re-enters `target` with `data` (once per arming),
/// recording the outcome; or reverts on receipt (`refuse`), or burns all its gas (`burn`).
contract HostileAccount is IERC1271, IHookReceiver {
    address public immutable keyOwner;
    address public target;
    bytes public data;
    bool public armed;
    bool public refuse;
    bool public burn;
    bool public lastCallSucceeded;
    bytes public lastError;
    uint256 public hookCalls;

    constructor(address keyOwner_) {
        keyOwner = keyOwner_;
    }

    function arm(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
        armed = true;
    }

    function setRefuse(bool r) external {
        refuse = r;
    }

    function setBurn(bool b) external {
        burn = b;
    }

    function exec(address target_, bytes calldata data_) external returns (bytes memory) {
        (bool ok, bytes memory ret) = target_.call(data_);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        return ECDSA.recover(hash, signature) == keyOwner ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }

    function tokensReceived(address, uint256) external {
        _onReceive();
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        _onReceive();
        return this.onERC721Received.selector;
    }

    function _onReceive() private {
        hookCalls++;
        if (burn) {
            while (true) {}
        }
        if (refuse) revert("refused");
        if (armed) {
            armed = false;
            (bool ok, bytes memory ret) = target.call(data);
            lastCallSucceeded = ok;
            lastError = ret;
        }
    }
}

/// @dev A revenue source whose claims always revert (a broken fulfillment vault).
contract RevertingRevenue {
    function claim(uint256[] calldata, uint256[] calldata) external pure returns (uint256) {
        revert("claims down");
    }

    function claimable(uint256, uint256) external pure returns (uint256) {
        return 0;
    }
}

/// @dev A redemption source with nothing to redeem.
contract NoRedemption {
    function redeemFrozen(uint256[] calldata, uint256[] calldata) external pure returns (uint256) {
        revert("nothing");
    }

    function isRedeemed(uint256) external pure returns (bool) {
        return false;
    }

    function frozenPool(uint256) external pure returns (uint256, uint256, uint64, address) {
        return (0, 0, 0, address(0));
    }
}

/// @dev A redemption source with the hardware registry's rule (pays, once per token, the holder of the
/// named holding, which must cover `frozenAt`; nothing to the issuer), whose pool, freeze time and
/// failures the tests set: a freeze time before a loan's escrow started (a token that reached the
/// escrow after the freeze) or a redemption that reverts for a while. Pays from its own balance.
contract ScriptedRedemption {
    struct Pool {
        uint256 forfeited;
        uint256 capacity;
        uint64 frozenAt;
        address issuer;
    }

    IHashPowerToken public immutable token;
    IERC20 public immutable currency;
    mapping(uint256 productId => Pool) public pools;
    mapping(uint256 tokenId => bool) public isRedeemed;
    bool public down;

    error NotHolderAtFreeze(uint256 tokenId, uint256 holdingIndex);

    constructor(IHashPowerToken token_, IERC20 currency_) {
        token = token_;
        currency = currency_;
    }

    function setPool(uint256 productId, uint256 forfeited, uint256 capacity, uint64 frozenAt, address issuer) external {
        pools[productId] = Pool(forfeited, capacity, frozenAt, issuer);
    }

    function setDown(bool d) external {
        down = d;
    }

    function frozenPool(uint256 productId) external view returns (uint256, uint256, uint64, address) {
        Pool memory p = pools[productId];
        return (p.forfeited, p.capacity, p.frozenAt, p.issuer);
    }

    function redeemFrozen(uint256[] calldata ids, uint256[] calldata idx) external returns (uint256 total) {
        require(!down, "redemption down");
        for (uint256 i; i < ids.length; ++i) {
            IHashPowerToken.TokenData memory t = token.tokenData(ids[i]);
            Pool memory p = pools[t.productId];
            require(t.frozen && p.capacity != 0, "not frozen");
            require(!isRedeemed[ids[i]], "redeemed");
            IHoldingHistory.Holding memory h = token.holding(ids[i], idx[i]);
            if (h.start > p.frozenAt || h.end <= p.frozenAt) revert NotHolderAtFreeze(ids[i], idx[i]);
            isRedeemed[ids[i]] = true;
            uint256 amount = h.holder == p.issuer ? 0 : (t.units * p.forfeited) / p.capacity;
            total += amount;
            if (amount != 0) require(currency.transfer(h.holder, amount), "transfer");
        }
    }
}
