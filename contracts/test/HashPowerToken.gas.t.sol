// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {console} from "forge-std/console.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {HashPowerFixtures} from "./utils/HashPowerFixtures.sol";
import {TokenAreaGasProbe} from "./mocks/TokenAreaMocks.sol";

/// @notice Gas benchmarks of the hash power token's lifecycle, one test per operation, measured the
/// way HashMixMarket.gas.t.sol measures fills: everything is prepared in setUp (a separate
/// transaction), so the measured call starts with cold storage like a real one. Each test logs two
/// figures (see HashMixMarket.gas.t.sol for how they are reconciled):
/// - EXECUTION GAS: the token's own call frame, `vm.lastCallGas().gasTotalUsed` of the call under a
///   plain `hardhat test solidity` (no 21,000 base, no calldata, refunds not subtracted);
/// - TRANSACTION TOTAL: 21,000 + calldata (4 per zero byte, 16 per other byte) + execution - the
///   refund (capped at a fifth), at least the EIP-7623 calldata floor.
/// Under `--gas-stats` (each call its own transaction, detected with an empty probe call)
/// `gasTotalUsed` already is the transaction total and the execution gas is derived from it.
/// Steady state: the issuer already minted a product (its token balance, the vault's collateral
/// balance and the attestors' bond locks are in use) and holds several tokens; the fresh holder
/// never held a token. Holdings opened in setUp are an hour old, so every operation closes a
/// holding of non-zero length (one storage write, as in real use).
contract HashPowerTokenGasTest is HashPowerFixtures {
    address internal fresh = makeAddr("freshHolder");
    TokenAreaGasProbe internal probe;

    HashPowerToken.ProductAttestation internal nextProduct;
    AttestorSignature[] internal nextSigs;
    uint256 internal wholeToken; // the issuer's token of product 1 (all units)
    uint256 internal partA; // two slices of product 2, for the merge
    uint256 internal partB;
    uint256 internal moveToken; // a token of product 3 to transfer

    function setUp() public override {
        super.setUp();
        probe = new TokenAreaGasProbe();
        probe.ping();
        (, wholeToken) = _mintDefault();
        (, uint256 second) = _mint(_attestation(2));
        vm.prank(issuer);
        uint256[] memory parts = hpt.split(second, _units(CAPACITY / 2, CAPACITY / 2));
        (partA, partB) = (parts[0], parts[1]);
        (, moveToken) = _mint(_attestation(3));

        // the next product (3-of-5), ending later than the others: the signers' locks are extended
        HashPowerToken.ProductAttestation memory a = _attestation(4);
        a.end = uint64(T0 + 400 days);
        a.deadline = uint64(T0 + 2 days);
        nextProduct = a;
        AttestorSignature[] memory sigs = _sigs(a, 0, THRESHOLD);
        for (uint256 i; i < sigs.length; i++) {
            nextSigs.push(sigs[i]);
        }
        vm.warp(block.timestamp + 1 hours);
    }

    struct Measured {
        bool isolated;
        uint256 execution;
        uint256 calldataGas;
        uint256 tokens;
        uint256 refund;
        uint256 txTotal;
    }

    /// Calldata gas (EIP-2028) and EIP-7623 tokens (zero bytes + 4 * other bytes).
    function _calldataCost(bytes memory data) internal pure returns (uint256 gas, uint256 tokens) {
        for (uint256 i; i < data.length; i++) {
            if (data[i] == 0) {
                gas += 4;
                tokens += 1;
            } else {
                gas += 16;
                tokens += 4;
            }
        }
    }

    /// Whether EDR runs each state-changing call as its own transaction (`--gas-stats`).
    function _isolated() internal returns (bool) {
        probe.ping();
        return vm.lastCallGas().gasTotalUsed >= 21_000;
    }

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

    function _bench(string memory name, address from, bytes memory data) internal returns (Measured memory m) {
        bool isolated = _isolated();
        vm.prank(from, from);
        uint256 g0 = gasleft();
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = address(hpt).call(data);
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
    }

    function test_gas_mintProduct_3of5() public {
        bytes memory data = abi.encodeCall(HashPowerToken.mintProduct, (nextProduct, nextSigs));
        _bench("mintProduct, 3-of-5 signatures, collateral locked in the vault", issuer, data);
        assertEq(hpt.productCount(), 4);
    }

    function test_gas_split_intoTwo() public {
        bytes memory data = abi.encodeCall(HashPowerToken.split, (wholeToken, _units(CAPACITY / 4, CAPACITY - CAPACITY / 4)));
        _bench("split into 2", issuer, data);
        assertEq(hpt.balanceOf(issuer), 5);
    }

    function test_gas_merge_two() public {
        bytes memory data = abi.encodeCall(HashPowerToken.merge, (_ids(partA, partB)));
        _bench("merge 2", issuer, data);
        assertEq(hpt.balanceOf(issuer), 3);
    }

    function test_gas_carve() public {
        bytes memory data = abi.encodeCall(HashPowerToken.carve, (wholeToken, CAPACITY / 3, fresh));
        _bench("carve to a fresh holder", issuer, data);
        assertEq(hpt.balanceOf(fresh), 1);
    }

    function test_gas_transferFrom_toFreshHolder() public {
        bytes memory data = abi.encodeCall(hpt.transferFrom, (issuer, fresh, moveToken));
        _bench("transferFrom to a fresh holder", issuer, data);
        assertEq(hpt.ownerOf(moveToken), fresh);
    }

    function test_gas_bumpTokenNonce() public {
        bytes memory data = abi.encodeCall(HashPowerToken.bumpTokenNonce, (moveToken));
        _bench("bumpTokenNonce", issuer, data);
        assertEq(hpt.tokenNonce(moveToken), 1);
    }
}
