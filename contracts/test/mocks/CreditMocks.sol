// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ILoanHistory} from "../../src/interfaces/ILoanHistory.sol";
import {IFulfillmentObserver} from "../../src/interfaces/IFulfillmentObserver.sol";

/// @dev A lending contract's loan record as the credit registry reads it (`ILoanRecord.borrowerRecord`
/// on the lending branch): counts set by the test, per account and currency.
contract MockLoanHistory is ILoanHistory {
    mapping(address account => mapping(address currency => BorrowerRecord)) private _records;

    function set(address account, address currency, uint32 repaid, uint32 repaidLate, uint32 defaulted) external {
        _records[account][currency] = BorrowerRecord(repaid, repaidLate, defaulted, 0, 0);
    }

    function borrowerRecord(address account, address currency) external view returns (BorrowerRecord memory) {
        return _records[account][currency];
    }
}

/// @dev An observer that reverts, burns all its gas, records what it was told, or only counts the
/// calls (a program well within its share of the router's gas).
contract ProbeObserver is IFulfillmentObserver {
    enum Mode {
        Record,
        Revert,
        BurnGas,
        CountOnly
    }

    Mode public mode;
    uint256 public settledCalls;
    uint256 public reportedCalls;
    SettledPass internal _last;
    address[] internal _lastSigners;

    function setMode(Mode m) external {
        mode = m;
    }

    function onSettled(SettledPass calldata pass) external {
        _act();
        settledCalls++;
        if (mode != Mode.CountOnly) _last = pass;
    }

    function onReported(uint256, uint32, bytes32, address[] calldata signers) external {
        _act();
        reportedCalls++;
        if (mode != Mode.CountOnly) _lastSigners = signers;
    }

    function last() external view returns (SettledPass memory) {
        return _last;
    }

    function lastSigners() external view returns (address[] memory) {
        return _lastSigners;
    }

    function _act() private view {
        if (mode == Mode.Revert) revert("observer down");
        if (mode == Mode.BurnGas) {
            // solhint-disable-next-line no-empty-blocks
            while (gasleft() > 1_000) {}
        }
    }
}
