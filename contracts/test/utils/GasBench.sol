// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";
import {console} from "forge-std/console.sol";

/// @dev Empty functions, to measure what `vm.lastCallGas` counts for a call that does nothing, and
/// a storage slot to see how refunds are reported.
contract GasProbe {
    uint256 public slot;

    function ping() external {}

    function pingData(bytes calldata) external {}

    function set(uint256 v) external {
        slot = v;
    }
}

/// @notice Measures one call as a real transaction would pay it, in both ways EDR runs a test. The
/// `*.gas.t.sol` suites prepare everything in setUp (its own transaction), so the measured call
/// starts with cold storage like a real one. Two figures per call
/// (HashMixMarket.gas.t.sol's {test_gas_accounting_whatLastCallGasCounts} asserts each point):
///
/// - EXECUTION GAS: what the callee's own frame uses (its code, the calls it makes, storage, logs),
///   before any refund. Under `hardhat test solidity` this is `vm.lastCallGas().gasTotalUsed`: it
///   does NOT include the 21,000 base cost nor calldata, and refunds are not subtracted.
/// - TRANSACTION TOTAL: a real transaction's receipt `gasUsed` for the same call:
///       gross  = 21,000 + calldata (4 per zero byte, 16 per other byte) + execution
///       total  = max(gross - min(refund, gross / 5),                     // EIP-3529 refund cap
///                    21,000 + 10 * (zero bytes + 4 * other bytes))       // EIP-7623 calldata floor
///   (the callee is the transaction's `to` and `from` its origin, both warm in a real transaction;
///   here the callee is reached from the test contract, whose own cold-access and value-transfer
///   costs are charged to the test, not to the callee's frame).
/// - `hardhat test --gas-stats` (`npm run gas`) runs every state-changing call of a test as its own
///   transaction (isolation, as Foundry does for gas reports). Then `gasTotalUsed` already IS the
///   transaction total (floor applied, refund subtracted), so adding 21,000 + calldata to it would
///   count them twice; view calls are not isolated. {_bench} detects the mode with an empty probe
///   call (>= 21,000 means isolated) and derives execution = total + refund - 21,000 - calldata,
///   valid while the floor does not bind and the refund is under its cap (both asserted).
///
/// A call the test body makes before the bench (a view call too) warms what it touches in the plain
/// mode only, where the plain total then comes out lower: prepare in setUp instead.
abstract contract GasBench is Test {
    /// The figures of one measured call (see the contract notes).
    struct Measured {
        uint256 execution;
        uint256 calldataGas;
        uint256 tokens;
        uint256 refund;
        uint256 txTotal;
        bool isolated;
    }

    /// Etched rather than deployed: a deployment would move the addresses of the fixtures' contracts
    /// (and with them signatures and calldata bytes), and cost gas in every test.
    GasProbe internal constant GAS_PROBE = GasProbe(address(uint160(uint256(keccak256("GasBench.probe")))));

    constructor() {
        vm.etch(address(GAS_PROBE), type(GasProbe).runtimeCode);
    }

    /// Calldata gas (EIP-2028: 4 per zero byte, 16 per other byte) and EIP-7623 tokens
    /// (zero bytes + 4 * other bytes). Zero bytes are counted in assembly (~35 gas a byte): a Solidity
    /// loop costs ~250, more than many a measured call in the tests' own gas (.gas-snapshot).
    function _calldataCost(bytes memory data) internal pure returns (uint256 gas, uint256 tokens) {
        uint256 zeros;
        // solhint-disable-next-line no-inline-assembly
        assembly {
            let p := add(data, 32)
            for { let end := add(p, mload(data)) } lt(p, end) { p := add(p, 1) } {
                zeros := add(zeros, iszero(byte(0, mload(p))))
            }
        }
        uint256 others = data.length - zeros;
        gas = 4 * zeros + 16 * others;
        tokens = zeros + 4 * others;
    }

    /// Whether EDR runs each state-changing call of a test as its own transaction (it does under
    /// `--gas-stats`): an empty call then costs at least the 21,000 base.
    function _isolated() internal returns (bool) {
        GAS_PROBE.ping();
        return vm.lastCallGas().gasTotalUsed >= 21_000;
    }

    /// Execution gas and transaction total of the last call, whatever the mode (see the notes).
    function _measure(bytes memory data, bool isolated) internal view returns (Measured memory m) {
        Vm.Gas memory g = vm.lastCallGas();
        m.isolated = isolated;
        (m.calldataGas, m.tokens) = _calldataCost(data);
        m.refund = g.gasRefunded > 0 ? uint256(uint64(g.gasRefunded)) : 0;
        uint256 floor = 21_000 + 10 * m.tokens;
        if (isolated) {
            m.txTotal = g.gasTotalUsed;
            assertGt(m.txTotal, floor, "the calldata floor binds: execution cannot be recovered");
            m.execution = m.txTotal + m.refund - 21_000 - m.calldataGas;
            assertLe(m.refund, (m.txTotal + m.refund) / 5, "refund above its cap");
        } else {
            m.execution = g.gasTotalUsed;
            uint256 gross = 21_000 + m.calldataGas + m.execution;
            uint256 refund = m.refund < gross / 5 ? m.refund : gross / 5; // EIP-3529 cap
            m.txTotal = gross - refund;
            if (m.txTotal < floor) m.txTotal = floor; // EIP-7623 floor
        }
    }

    /// Calls `target` with `data` and `value` as `from` (sender and origin), bubbles a revert, and
    /// logs both figures. `goal`: a transaction total to print alongside (0: none).
    function _bench(string memory name, address target, address from, bytes memory data, uint256 value, uint256 goal)
        internal
        returns (Measured memory m)
    {
        bool isolated = _isolated();
        vm.prank(from, from);
        uint256 g0 = gasleft();
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        uint256 delta = g0 - gasleft();
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        m = _measure(data, isolated);
        console.log(name);
        console.log("  mode                        ", isolated ? "isolated (--gas-stats)" : "plain");
        console.log("  execution gas               ", m.execution);
        console.log("  calldata gas (bytes)        ", m.calldataGas, data.length);
        console.log("  refund                      ", m.refund);
        console.log("  transaction total           ", m.txTotal);
        if (!isolated) console.log("  gasleft delta in the test   ", delta);
        if (goal != 0) console.log("  goal (transaction total)    ", goal);
    }
}
