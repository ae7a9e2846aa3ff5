// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ICollateralVault} from "../../src/interfaces/ICollateralVault.sol";

/// @dev A collateral vault that lies about what it sends: it reports `amount` of collateral for
/// every product and, depending on `mode`, sends one base unit less than it says it took, says it
/// took one less than it sent, or sends one more. Used to check that the fulfillment vault only
/// books collateral that arrived exactly (AmountNotReceived).
contract ShortCollateralVault is ICollateralVault {
    enum Mode {
        Honest,
        SendLess,
        ReportLess,
        SendMore
    }

    IERC20 public immutable payout;
    uint256 public amount;
    Mode public mode;

    constructor(IERC20 payout_, uint256 amount_) {
        payout = payout_;
        amount = amount_;
    }

    function setMode(Mode m) external {
        mode = m;
    }

    function lock(uint256, address, address, uint256) external pure {
        revert("not used");
    }

    function take(uint256, uint256 wanted) external returns (uint256 taken) {
        taken = wanted < amount ? wanted : amount;
        amount -= taken;
        uint256 sent = taken;
        if (mode == Mode.SendLess) sent = taken - 1;
        else if (mode == Mode.SendMore) sent = taken + 1;
        else if (mode == Mode.ReportLess) taken -= 1;
        require(payout.transfer(msg.sender, sent), "transfer");
    }

    function release(uint256, address to) external returns (uint256 released) {
        released = amount;
        amount = 0;
        require(payout.transfer(to, released), "transfer");
    }

    function forfeit(uint256, address, uint256) external pure returns (uint256, uint256) {
        revert("not used");
    }

    function payForfeited(uint256, address, uint256) external pure {
        revert("not used");
    }

    function collateralOf(uint256) external view returns (address, uint256) {
        return (address(payout), amount);
    }

    function forfeitedOf(uint256) external pure returns (uint256) {
        return 0;
    }
}
