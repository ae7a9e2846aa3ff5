// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {HashMixAccessManager} from "../../src/access/HashMixAccessManager.sol";

/// @dev Wires the AccessManager exactly as the Java Deployer does: from the one wiring table,
/// `contracts/deploy/access-wiring.json` (roles, restricted functions, grantees). Fixtures deploy
/// contracts, register their addresses by contract name ({_register}) and call {_wire}; entries
/// whose target or grantee is not deployed yet are skipped, so each fixture layer can wire again.
abstract contract ProtocolWiring is Test {
    /// One row of `functions` (fields in alphabetical order, as forge-std decodes JSON objects).
    struct WiringEntry {
        string grantee;
        string role;
        string signature;
        string target;
    }

    /// One row of `roles`.
    struct RoleEntry {
        uint256 id;
        string name;
    }

    string internal constant WIRING_PATH = "deploy/access-wiring.json";

    HashMixAccessManager internal manager;
    address internal admin;
    mapping(bytes32 nameHash => address) private _deployed;

    function _deployManager(address admin_) internal {
        admin = admin_;
        manager = new HashMixAccessManager(admin_);
    }

    function _register(string memory name, address at) internal {
        _deployed[keccak256(bytes(name))] = at;
    }

    function _deployedAt(string memory name) internal view returns (address) {
        if (keccak256(bytes(name)) == keccak256("$admin")) return admin;
        return _deployed[keccak256(bytes(name))];
    }

    function _roles() internal view returns (RoleEntry[] memory) {
        string memory json = vm.readFile(WIRING_PATH);
        return abi.decode(vm.parseJson(json, ".roles"), (RoleEntry[]));
    }

    function _wiring() internal view returns (WiringEntry[] memory) {
        string memory json = vm.readFile(WIRING_PATH);
        return abi.decode(vm.parseJson(json, ".functions"), (WiringEntry[]));
    }

    function _roleId(string memory name) internal view returns (uint64) {
        RoleEntry[] memory roles = _roles();
        for (uint256 i; i < roles.length; i++) {
            if (keccak256(bytes(roles[i].name)) == keccak256(bytes(name))) return uint64(roles[i].id);
        }
        revert(string.concat("unknown role ", name));
    }

    /// Applies every wiring entry whose target and grantee are deployed.
    function _wire() internal {
        WiringEntry[] memory entries = _wiring();
        vm.startPrank(admin);
        for (uint256 i; i < entries.length; i++) {
            address target = _deployedAt(entries[i].target);
            address grantee = _deployedAt(entries[i].grantee);
            if (target == address(0) || grantee == address(0)) continue;
            uint64 role = _roleId(entries[i].role);
            bytes4[] memory selectors = new bytes4[](1);
            selectors[0] = bytes4(keccak256(bytes(entries[i].signature)));
            manager.setTargetFunctionRole(target, selectors, role);
            manager.grantRole(role, grantee, 0);
        }
        vm.stopPrank();
    }
}
