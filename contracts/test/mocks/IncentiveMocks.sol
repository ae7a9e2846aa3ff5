// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {TokenStakingProgram} from "../../src/incentives/TokenStakingProgram.sol";

/// @dev A stake token whose transfers call back into the staking program (an ERC-777-style hook):
/// the program's guard must refuse the re-entry.
contract ReentrantStakeToken is ERC20 {
    TokenStakingProgram public target;

    constructor() ERC20("Reentrant", "RE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setTarget(TokenStakingProgram t) external {
        target = t;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (address(target) != address(0) && to == address(target)) target.claim();
    }
}
