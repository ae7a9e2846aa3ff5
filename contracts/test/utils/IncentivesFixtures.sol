// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {TestPayoutToken} from "../../src/dev/TestPayoutToken.sol";
import {HMXToken} from "../../src/incentives/HMXToken.sol";
import {EmissionController} from "../../src/incentives/EmissionController.sol";
import {IssuerRewards} from "../../src/incentives/IssuerRewards.sol";
import {AttestorRewards} from "../../src/incentives/AttestorRewards.sol";
import {HolderRewards} from "../../src/incentives/HolderRewards.sol";
import {TokenStakingProgram} from "../../src/incentives/TokenStakingProgram.sol";
import {HookStakeProgram} from "../../src/incentives/HookStakeProgram.sol";
import {CreditFixtures} from "./CreditFixtures.sol";

/// @dev The credit fixtures plus the incentive layer, wired as the Java Deployer wires it: the emission
/// controller and its HMX (cap one billion; the controller is its only minter) (1 HMX per second from T0 + 1 hour, halving yearly) and five
/// programs with their initial weights set before emission starts — issuers 40, holders 30,
/// attestors 10, liquidity providers 10 (a test LP share token), lenders 10 (the hook held by
/// `lending`) — the issuer, attestor and holder programs told by the observer router.
abstract contract IncentivesFixtures is CreditFixtures {
    HMXToken internal hmx;
    EmissionController internal controller;
    IssuerRewards internal issuerRewards;
    AttestorRewards internal attestorRewards;
    HolderRewards internal holderRewards;
    TokenStakingProgram internal lpProgram;
    HookStakeProgram internal lenderProgram;
    TestPayoutToken internal lpShares;

    address internal lending = makeAddr("lending");

    uint256 internal constant HMX_CAP = 1e27;
    uint256 internal constant RATE = 1e18;
    uint64 internal constant HALVING = 365 days;
    uint256 internal constant START = T0 + 1 hours;

    function setUp() public virtual override {
        super.setUp();
        controller = new EmissionController(address(manager), HMX_CAP, uint64(START), RATE, HALVING);
        hmx = controller.hmx();
        issuerRewards = new IssuerRewards(address(manager), controller, credit, btc);
        attestorRewards = new AttestorRewards(address(manager), controller, credit);
        holderRewards = new HolderRewards(address(manager), controller, hpt, btc);
        lpShares = new TestPayoutToken("Pool share (test)", "tLP", 18, owner);
        lpProgram = new TokenStakingProgram(controller, lpShares);
        lenderProgram = new HookStakeProgram(address(manager), controller);
        _register("EmissionController", address(controller));
        _register("IssuerRewards", address(issuerRewards));
        _register("AttestorRewards", address(attestorRewards));
        _register("HolderRewards", address(holderRewards));
        _register("HookStakeProgram", address(lenderProgram));
        _register("HashPowerLending", lending); // the wiring table grants it the lenders' program's setStake
        _wire();

        vm.startPrank(owner);
        address[5] memory programs =
            [address(issuerRewards), address(holderRewards), address(attestorRewards), address(lpProgram), address(lenderProgram)];
        uint64[5] memory weights = [uint64(40), 30, 10, 10, 10];
        for (uint256 i; i < 5; i++) {
            controller.addProgram(programs[i]);
            controller.setInitialWeight(programs[i], weights[i]);
        }
        router.addProgram(issuerRewards);
        router.addProgram(attestorRewards);
        router.addProgram(holderRewards);
        vm.stopPrank();
    }

    /// LP shares for `who`, approved to the LP program.
    function _lp(address who, uint256 amount) internal {
        vm.prank(owner);
        lpShares.mint(who, amount);
        vm.prank(who);
        lpShares.approve(address(lpProgram), type(uint256).max);
    }

    /// HMX for `who` (minted by the controller, its minter, as if claimed).
    function _hmx(address who, uint256 amount) internal {
        vm.prank(address(controller));
        hmx.mint(who, amount);
    }
}
