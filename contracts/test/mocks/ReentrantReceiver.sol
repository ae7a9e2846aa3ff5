// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Hostile test doubles: raw calls, assembly and odd fallbacks are the point.
// solhint-disable no-inline-assembly, avoid-low-level-calls, no-complex-fallback

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @dev An ERC-721 holder/issuer whose onERC721Received calls `target` with `data` (once),
/// recording whether that succeeded and its revert data; it then accepts the token.
contract ReentrantReceiver is IERC721Receiver {
    address public target;
    bytes public data;
    bool public armed;
    bool public lastCallSucceeded;
    bytes public lastError;
    uint256 public receivedCount;

    function arm(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
        armed = true;
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

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        receivedCount++;
        if (armed) {
            armed = false;
            (bool ok, bytes memory ret) = target.call(data);
            lastCallSucceeded = ok;
            lastError = ret;
        }
        return IERC721Receiver.onERC721Received.selector;
    }
}
