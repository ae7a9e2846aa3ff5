// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/**
 * @title TestPayoutToken
 * @notice FOR LOCAL CHAINS AND TESTS ONLY. A freely mintable ERC-20 that stands in for a real
 * payout token (for example a wrapped BTC) on a local `hardhat node` and in tests. Its owner can
 * mint any amount at will, so it has no value and must never be deployed to a public network or
 * registered as the payout token of a production asset class.
 */
contract TestPayoutToken is ERC20, Ownable {
    uint8 private immutable _decimals;

    /**
     * @notice Creates the token with no supply.
     * @param name ERC-20 name.
     * @param symbol ERC-20 symbol.
     * @param decimals_ Token decimals (e.g. 8 for a wrapped BTC stand-in).
     * @param initialOwner Account allowed to mint.
     */
    constructor(string memory name, string memory symbol, uint8 decimals_, address initialOwner)
        ERC20(name, symbol)
        Ownable(initialOwner)
    {
        _decimals = decimals_;
    }

    /**
     * @notice Decimals given at construction.
     * @return The number of decimals.
     */
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /**
     * @notice Mints `amount` tokens to `to`. Test-only: unlimited minting by the owner.
     * @param to Recipient (not address(0)).
     * @param amount Amount in the smallest unit.
     */
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
