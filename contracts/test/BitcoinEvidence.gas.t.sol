// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {BitcoinEvidence} from "../src/spv/BitcoinEvidence.sol";
import {FulfillmentVault} from "../src/fulfillment/FulfillmentVault.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {IBitcoinEvidence} from "../src/interfaces/IBitcoinEvidence.sol";
import {IBtcSpvVerifier} from "../src/interfaces/IBtcSpvVerifier.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {BitcoinEvidenceFixtures} from "./utils/BitcoinEvidenceFixtures.sol";
import {GasBench} from "./utils/GasBench.sol";
import {IFulfillmentObserver} from "../src/interfaces/IFulfillmentObserver.sol";

/// @notice Gas of a report relayed with its bound evidence (one and three payout proofs, each of 6 headers, a
/// 2-transaction block), measured as the relayer's transaction would pay it, and the cost the evidence gate adds
/// to a plain report. Everything is prepared in setUp (its own transaction), so the measured call starts cold,
/// like a real one. Execution gas and transaction total, in both EDR modes: see GasBench. docs/benchmarks.md quotes
/// `npm run gas` and the Java receipt.
contract BitcoinEvidenceGasTest is BitcoinEvidenceFixtures, GasBench {
    uint256 internal pid;
    bytes internal oneProof;
    bytes internal firstReport;
    bytes internal threeProofs;
    bytes internal plainWithGate;
    bytes internal plainWithoutGate;
    FulfillmentVault internal ungated;

    function setUp() public override {
        super.setUp();
        ungated = new FulfillmentVault(
            address(manager),
            hpt,
            collateralVault,
            attestorRegistry,
            spv,
            IBitcoinEvidence(address(0)),
            IFulfillmentObserver(address(0))
        );
        vm.prank(owner);
        ungated.setEpochConfig(btc, EPOCH, REPORT_WINDOW, DEPOSIT_WINDOW);
        pid = _spvProduct();
        (uint256 p3,) = _defaultProduct();
        _commit(p3, _scripts(poolScript), true, 1);
        (uint256 fresh,) = _spvProductFresh();
        (uint256 plain,) = _defaultProduct();
        (uint256 plain2,) = _defaultProduct();

        // epoch 0 of every product is reported first: the measured reports are steady-state (products tracked)
        vm.warp(_epochEnd(0, TERM) + 2 hours);
        _relayOne(pid, 0);
        _relayOne(p3, 0);
        _report(plain, 0, UNITS, 1e8, 1e5);
        IFulfillmentVault.FulfillmentReport memory q0 = _r(plain2, 0, UNITS, 1e8, 1e5);
        ungated.submitReport(q0, _sigsOver(ungated.hashFulfillmentReport(q0), 0, THRESHOLD));

        vm.warp(_epochEnd(1, TERM) + 2 hours);
        oneProof = _oneProofCall(pid, 1);
        firstReport = _oneProofCall(fresh, 1);
        IBtcSpvVerifier.PaymentProof[] memory ps = new IBtcSpvVerifier.PaymentProof[](3);
        bytes32[] memory txids = new bytes32[](3);
        for (uint256 i; i < 3; i++) {
            (ps[i], txids[i]) = _poolPayment(30_000_000 + i, 1);
        }
        IFulfillmentVault.FulfillmentReport memory r3 =
            _evReport(p3, 1, UNITS, 9e7, 9e22, keccak256(abi.encodePacked(txids)));
        threeProofs = abi.encodeCall(BitcoinEvidence.submitReportWithEvidence, (r3, _signReport(r3), ps));

        IFulfillmentVault.FulfillmentReport memory q = _r(plain, 1, UNITS, 1e8, 1e5);
        plainWithGate = abi.encodeCall(FulfillmentVault.submitReport, (q, _signReport(q)));
        IFulfillmentVault.FulfillmentReport memory q2 = _r(plain2, 1, UNITS, 1e8, 1e5);
        AttestorSignature[] memory sigs2 = _sigsOver(ungated.hashFulfillmentReport(q2), 0, THRESHOLD);
        plainWithoutGate = abi.encodeCall(FulfillmentVault.submitReport, (q2, sigs2));
    }

    function _spvProductFresh() internal returns (uint256 p, uint256 tokenId) {
        (p, tokenId) = _defaultProduct();
        _commit(p, _scripts(poolScript), true, 1);
    }

    function _oneProofCall(uint256 productId, uint32 e) internal returns (bytes memory) {
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(100_000_000, e);
        IFulfillmentVault.FulfillmentReport memory r = _evReport(productId, e, UNITS, 1e8, 1e23, txid);
        return abi.encodeCall(BitcoinEvidence.submitReportWithEvidence, (r, _signReport(r), _one(p)));
    }

    function _relayOne(uint256 productId, uint32 e) internal {
        (IBtcSpvVerifier.PaymentProof memory p, bytes32 txid) = _poolPayment(100_000_000, e);
        _relay(_evReport(productId, e, UNITS, 1e8, 1e23, txid), _one(p));
    }

    function test_gas_reportWithOnePayoutProof() public {
        Measured memory m = _bench("report with 1 payout proof (6 headers), product tracked", address(evidence), relayer, oneProof, 0, 0);
        assertLt(m.execution, 350_000);
        assertEq(uint8(lens.epochInfo(pid, 1).status), uint8(IFulfillmentVault.EpochStatus.Reported));
    }

    function test_gas_reportWithThreePayoutProofs() public {
        Measured memory m =
            _bench("report with 3 payout proofs (6 headers each), product tracked", address(evidence), relayer, threeProofs, 0, 0);
        assertLt(m.execution, 650_000);
    }

    /// The first report of a product also pays the vault's snapshot of it (about 200,000 gas of new slots).
    function test_gas_firstReportWithOnePayoutProof() public {
        Measured memory m =
            _bench("report with 1 payout proof, the product's first report", address(evidence), relayer, firstReport, 0, 0);
        assertLt(m.execution, 550_000);
    }

    /// A plain report of a product without commitment, through the gated vault ...
    function test_gas_plainReportWithTheGate() public {
        Measured memory m = _bench("plain report, vault with the evidence gate", address(fv), relayer, plainWithGate, 0, 0);
        assertLt(m.execution, 200_000);
    }

    /// ... and through a vault without a binding: the difference is what the gate adds to every report.
    function test_gas_plainReportWithoutTheGate() public {
        Measured memory m = _bench("plain report, vault without a binding", address(ungated), relayer, plainWithoutGate, 0, 0);
        assertLt(m.execution, 200_000);
    }
}
