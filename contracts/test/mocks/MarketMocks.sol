// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Hostile test doubles: raw calls, assembly and odd fallbacks are the point.
// solhint-disable no-inline-assembly, avoid-low-level-calls, no-complex-fallback

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";

/// @dev A contract maker (ERC-1271, valid iff `key` signed) that can run calls (approvals, fills).
abstract contract WalletBase is IERC1271 {
    address public immutable key;

    constructor(address key_) {
        key = key_;
    }

    function isValidSignature(bytes32 hash, bytes memory signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(hash, signature);
        return err == ECDSA.RecoverError.NoError && recovered == key ? IERC1271.isValidSignature.selector : bytes4(0);
    }

    function exec(address target, uint256 value, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
    }
}

/// @dev A contract seller that refuses native coin (no receive function).
contract RejectingWallet is WalletBase {
    constructor(address key_) WalletBase(key_) {}
}

/// @dev A contract seller whose receive() re-enters `target` with `data` once and records the outcome.
contract ReentrantWallet is WalletBase {
    address public target;
    bytes public data;
    bool public armed;
    bool public lastCallSucceeded;
    bytes public lastError;
    uint256 public received;

    constructor(address key_) WalletBase(key_) {}

    function arm(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
        armed = true;
    }

    receive() external payable {
        received += msg.value;
        if (armed) {
            armed = false;
            (bool ok, bytes memory ret) = target.call(data);
            lastCallSucceeded = ok;
            lastError = ret;
        }
    }
}

/// @dev A contract that refuses native coin (no receive function) and can make calls: a fee
/// recipient or a taker whose refund cannot be delivered. (Market-area copy of the registry
/// area's NativeRejecter, so the market suites do not depend on that file.)
contract MarketNativeRejecter {
    function exec(address target, uint256 value, bytes calldata data) external payable {
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
    }
}

// ------------------------------------------------------------------ payment-currency probes
// (HashMixMarket.scheduleCurrency: only ERC-20s may become payment currencies, issue #10 hole 1)

/// @dev Answers the three ERC-20 views {scheduleCurrency} probes with one word each.
abstract contract Erc20Answers {
    function totalSupply() external pure returns (uint256) {
        return 1e24;
    }

    function decimals() external pure returns (uint8) {
        return 18;
    }
}

/// @dev An ERC-721 that also answers `totalSupply()`, `balanceOf(address)` and `decimals()` like
/// an ERC-20: only its ERC-165 declaration tells it apart, and its `transferFrom(from, to, id)` has
/// the ERC-20 selector.
contract MoneyLikeERC721 is ERC721, Erc20Answers {
    constructor() ERC721("NFT", "NFT") {}

    function mint(address to, uint256 id) external {
        _mint(to, id);
    }
}

/// @dev An ERC-1155 that also answers the ERC-20 views (`balanceOf(address)` included).
contract MoneyLikeERC1155 is ERC1155, Erc20Answers {
    constructor() ERC1155("") {}

    function balanceOf(address) external pure returns (uint256) {
        return 0;
    }
}

/// @dev Answers `totalSupply()` and `balanceOf(address)` but not `decimals()`.
contract NoDecimalsToken {
    function totalSupply() external pure returns (uint256) {
        return 1;
    }

    function balanceOf(address) external pure returns (uint256) {
        return 0;
    }
}

/// @dev Answers every call with 64 bytes (not one word): not an ERC-20's answers.
contract WideAnswers {
    fallback() external {
        assembly {
            mstore(0, 1)
            mstore(32, 2)
            return(0, 64)
        }
    }
}

/// @dev Answers every call with one word: passes the ERC-20 probes (it is the delay, not the probe,
/// that gives people time to look at what is scheduled).
contract OneWordAnswers {
    fallback() external {
        assembly {
            mstore(0, 1)
            return(0, 32)
        }
    }
}

// ------------------------------------------------------------------ ERC-1271 gas use

/// @dev A maker wallet that burns `burn` gas (in a loop) before it answers "valid": within the
/// SignaturePolicy cap (100,000) it signs, above it it runs out of gas and does not.
contract ERC1271Burner {
    uint256 public immutable burn;

    constructor(uint256 burn_) {
        burn = burn_;
    }

    function isValidSignature(bytes32, bytes memory) external view returns (bytes4) {
        uint256 start = gasleft();
        uint256 x;
        while (start - gasleft() < burn) {
            x++;
        }
        return IERC1271.isValidSignature.selector;
    }

    receive() external payable {}

    function exec(address target, uint256 value, bytes calldata data) external {
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
    }
}
