// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Hostile test doubles: raw calls, assembly and odd fallbacks are the point.
// solhint-disable no-inline-assembly, avoid-low-level-calls, no-complex-fallback

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @dev Takes a 1% fee on every transfer (the recipient gets 99%).
contract FeeOnTransferToken is ERC20 {
    constructor() ERC20("Fee", "FEE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0)) {
            uint256 fee = value / 100;
            super._update(from, address(0), fee);
            super._update(from, to, value - fee);
        } else {
            super._update(from, to, value);
        }
    }
}

/// @dev On transferFrom/transfer, calls `target` with `data` first (re-entrancy probe) and records
/// the revert data; then performs the transfer normally.
contract ReentrantToken is ERC20 {
    address public target;
    bytes public data;
    bool public armed;
    bytes public lastError;
    bool public lastCallSucceeded;

    constructor() ERC20("Reentrant", "REE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
        armed = true;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (armed && from != address(0) && to != address(0)) {
            armed = false;
            (bool ok, bytes memory ret) = target.call(data);
            lastCallSucceeded = ok;
            lastError = ret;
        }
        super._update(from, to, value);
    }
}

/// @dev transferFrom reports success but moves nothing (balance check must catch it).
contract LyingToken is ERC20 {
    constructor() ERC20("Liar", "LIE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function transferFrom(address, address, uint256) public pure override returns (bool) {
        return true;
    }
}
