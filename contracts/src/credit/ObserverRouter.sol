// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {TooManyItems, ZeroAddress} from "../common/Errors.sol";
import {ICreditRecorder} from "../interfaces/ICreditRecorder.sol";
import {IFulfillmentObserver} from "../interfaces/IFulfillmentObserver.sol";

/**
 * @title ObserverRouter
 * @notice The fulfillment vault's one observer: fans each settle pass out to the credit registry
 * (as a fulfillment record) and to the incentive programs that listen (issuers, attestors,
 * holders), and each accepted report to the programs.
 * @dev The vault calls {onSettled} and {onReported} (role `FULFILLMENT_NOTIFIER`) with a bounded
 * amount of gas and ignores a failure; here each recipient is called on its own (`try`), the credit
 * registry first, so one failing program never costs the credit record or another program its
 * call. A failure emits {DeliveryFailed}. The credit registry (the protocol's own record, of
 * bounded cost) takes what it needs; then each program may use all the gas left except
 * {PROGRAM_GAS_FLOOR} for every program after it: a program that burns all it is given (a bug, an
 * unbounded loop) leaves each later one at least the floor, enough for a light notification (a count,
 * a day's points), while a working program keeps nearly the whole budget (a program's cost grows with
 * the days it finishes, so a fair split of the budget would make a long gap fail it). A program too
 * heavy for the floor is protected by the admin removing the one that misbehaves.
 * The admin may add programs (at most {MAX_PROGRAMS}) and remove them at once (a circuit breaker: a
 * program only ever gains from being told).
 */
contract ObserverRouter is IFulfillmentObserver, AccessManaged {
    /// @notice Most programs told.
    uint256 public constant MAX_PROGRAMS = 4;

    /// @notice Gas each program is sure of whatever the programs called before it do.
    uint256 public constant PROGRAM_GAS_FLOOR = 60_000;

    /// @dev Gas kept back per program still to call: its {DeliveryFailed} event and the loop.
    uint256 private constant RESERVE_PER_CALL = 10_000;

    /// @notice The credit registry (address(0): none); this router needs its role `CREDIT_RECORDER`.
    ICreditRecorder public immutable credit;

    IFulfillmentObserver[] private _programs;

    /// @notice The program is already told.
    error ProgramAlreadyListening(address program);
    /// @notice The program is not told.
    error ProgramNotListening(address program);

    /// @notice A program is now told of settle passes and reports.
    event ProgramAdded(address indexed program);
    /// @notice A program is no longer told.
    event ProgramRemoved(address indexed program);
    /// @notice `recipient` failed to take a notification about `productId`.
    event DeliveryFailed(address indexed recipient, uint256 indexed productId);

    /**
     * @param authority The protocol's AccessManager.
     * @param credit_ The credit registry, or address(0).
     */
    constructor(address authority, ICreditRecorder credit_) AccessManaged(authority) {
        credit = credit_;
    }

    /// @inheritdoc IFulfillmentObserver
    /// @dev Role `FULFILLMENT_NOTIFIER` (the fulfillment vault). Emits {DeliveryFailed} per failure.
    function onSettled(SettledPass calldata pass) external restricted {
        ICreditRecorder c = credit;
        uint256 n = _programs.length;
        if (address(c) != address(0)) {
            try c.recordFulfillment(pass) {}
            catch {
                emit DeliveryFailed(address(c), pass.productId);
            }
        }
        for (uint256 i = 0; i < n; ++i) {
            IFulfillmentObserver p = _programs[i];
            try p.onSettled{gas: _allowance(n - i - 1)}(pass) {}
            catch {
                emit DeliveryFailed(address(p), pass.productId);
            }
        }
    }

    /// @inheritdoc IFulfillmentObserver
    /// @dev Role `FULFILLMENT_NOTIFIER` (the fulfillment vault). Emits {DeliveryFailed} per failure.
    function onReported(uint256 productId, uint32 epoch, bytes32 assetClass, address[] calldata signers)
        external
        restricted
    {
        uint256 n = _programs.length;
        for (uint256 i = 0; i < n; ++i) {
            IFulfillmentObserver p = _programs[i];
            try p.onReported{gas: _allowance(n - i - 1)}(productId, epoch, assetClass, signers) {}
            catch {
                emit DeliveryFailed(address(p), productId);
            }
        }
    }

    /**
     * @notice Starts telling a program (it needs the role `REWARD_NOTIFIER` on its own functions).
     * @dev Admin (AccessManager). Reverts with `ZeroAddress`, `TooManyItems` or {ProgramAlreadyListening}.
     * Emits {ProgramAdded}.
     * @param program The program.
     */
    function addProgram(IFulfillmentObserver program) external restricted {
        if (address(program) == address(0)) revert ZeroAddress();
        uint256 n = _programs.length;
        if (n >= MAX_PROGRAMS) revert TooManyItems(n + 1, MAX_PROGRAMS);
        for (uint256 i = 0; i < n; ++i) {
            if (_programs[i] == program) revert ProgramAlreadyListening(address(program));
        }
        _programs.push(program);
        emit ProgramAdded(address(program));
    }

    /**
     * @notice Stops telling a program (immediately).
     * @dev Admin (AccessManager). Reverts with {ProgramNotListening}. Emits {ProgramRemoved}.
     * @param program The program.
     */
    function removeProgram(IFulfillmentObserver program) external restricted {
        uint256 n = _programs.length;
        for (uint256 i = 0; i < n; ++i) {
            if (_programs[i] == program) {
                _programs[i] = _programs[n - 1];
                _programs.pop();
                emit ProgramRemoved(address(program));
                return;
            }
        }
        revert ProgramNotListening(address(program));
    }

    /// @dev The most gas the next program may use: all that is left but the floor and reserve of each of the
    /// `later` programs still to call after it (and its own reserve).
    function _allowance(uint256 later) private view returns (uint256) {
        uint256 kept = later * (PROGRAM_GAS_FLOOR + RESERVE_PER_CALL) + RESERVE_PER_CALL;
        uint256 left = gasleft();
        return left > kept ? left - kept : 0;
    }

    /// @notice The programs told, in order.
    /// @return The programs.
    function programs() external view returns (IFulfillmentObserver[] memory) {
        return _programs;
    }
}
