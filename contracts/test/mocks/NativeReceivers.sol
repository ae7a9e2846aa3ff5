// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Hostile test doubles: raw calls, assembly and odd fallbacks are the point.
// solhint-disable no-inline-assembly, avoid-low-level-calls, no-complex-fallback

import {AttestorRegistry} from "../../src/registry/AttestorRegistry.sol";

/// @dev An attestor/beneficiary contract that refuses native coin.
contract NativeRejecter {
    function exec(address target, uint256 value, bytes calldata data) external payable {
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
    }
}

/// @dev An attestor contract that re-enters withdrawBond when paid.
contract NativeReentrant {
    AttestorRegistry public immutable registry;
    bytes public lastError;
    uint256 public received;

    constructor(AttestorRegistry registry_) {
        registry = registry_;
    }

    function exec(address target, uint256 value, bytes calldata data) external payable {
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
    }

    receive() external payable {
        received += msg.value;
        (bool ok, bytes memory ret) = address(registry).call(abi.encodeCall(AttestorRegistry.withdrawBond, ()));
        if (!ok) lastError = ret;
    }
}
