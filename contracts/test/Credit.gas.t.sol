// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {CreditFixtures} from "./utils/CreditFixtures.sol";
import {FulfillmentFixtures} from "./utils/FulfillmentFixtures.sol";
import {GasBench} from "./utils/GasBench.sol";

/// @notice Mint gas without any credit system (the plain fulfillment fixtures): the baseline. Each
/// mint is prepared in setUp and is not the protocol's first (the first pays zero-to-nonzero writes
/// of counters and balances no later mint pays); figures as GasBench explains.
contract MintGasWithoutCreditTest is FulfillmentFixtures, GasBench {
    bytes internal mintCall;

    function setUp() public override {
        super.setUp();
        _product(UNITS, TERM, 90_000); // warm-up: the protocol's first mint
        HashPowerToken.ProductAttestation memory a = _attestation(attestationNonce++);
        a.capacity = UNITS;
        a.end = uint64(T0 + TERM);
        a.collateral = 90_000;
        AttestorSignature[] memory sigs = _sigs(a, 0, THRESHOLD);
        mintCall = abi.encodeCall(HashPowerToken.mintProduct, (a, sigs));
    }

    function test_gas_mint_noCreditSystem() public {
        Measured memory m = _bench("mint, no collateral policy", address(hpt), issuer, mintCall, 0, 0);
        assertLt(m.txTotal, 600_000);
    }
}

/// @notice Mint gas with the collateral policy in force: no base rate, a newcomer (no record in the
/// class: the score is skipped), and an issuer with a record (score and class credit computed).
/// docs/benchmarks.md subtracts the baseline above: the goal is at most 30,000 more.
contract MintGasWithCreditTest is CreditFixtures, GasBench {
    address internal fresh = makeAddr("freshIssuer");
    bytes internal noRateCall;
    bytes internal newcomerCall;
    bytes internal veteranCall;

    function setUp() public override {
        super.setUp();
        _fund(fresh, 1_000e8);
        // a record for `issuer`: a product fulfilled over three epochs
        (uint256 pid,) = _product(UNITS, TERM, 90_000);
        _fulfillEpochs(pid, 3, TERM);
        bytes32 etc = _newClass("ETC-ETCHASH", address(wbtc), true); // a class without a base rate
        noRateCall = _call(issuer, etc, 5_000_001);

        _enableBaseRate(btc, 1e15);
        HashPowerToken.ProductAttestation memory w = _attestationFor(fresh, hw, attestationNonce++);
        w.collateral = 11e8;
        w.deadline = uint64(block.timestamp + 1 days);
        _mint(w); // the fresh issuer's first product: its own zero-to-nonzero writes
        newcomerCall = _call(fresh, btc, 5_000_002);
        veteranCall = _call(issuer, btc, 5_000_003);
    }

    function _call(address who, bytes32 cls, uint256 nonce) internal view returns (bytes memory) {
        HashPowerToken.ProductAttestation memory a = _attestationFor(who, hw, nonce);
        a.assetClass = cls;
        a.capacity = UNITS;
        a.start = uint64(T0);
        a.end = uint64(T0 + 60 days);
        a.collateral = 10e8;
        a.deadline = uint64(block.timestamp + 30 days);
        return abi.encodeCall(HashPowerToken.mintProduct, (a, _sigs(a, 0, THRESHOLD)));
    }

    function test_gas_mint_policyWithoutRate() public {
        _bench("mint, collateral policy, no base rate", address(hpt), issuer, noRateCall, 0, 0);
    }

    function test_gas_mint_policyNewcomer() public {
        _bench("mint, collateral policy, newcomer in the class", address(hpt), fresh, newcomerCall, 0, 0);
    }

    function test_gas_mint_policyIssuerWithRecord() public {
        assertGt(credit.classCreditOf(issuer, btc), 0);
        _bench("mint, collateral policy, issuer with a record", address(hpt), issuer, veteranCall, 0, 0);
    }
}
