// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Hostile test doubles: raw calls, assembly and odd fallbacks are the point.
// solhint-disable no-inline-assembly, avoid-low-level-calls, no-complex-fallback

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";

/// @dev A well-behaved contract signer (like a 1-of-1 Safe): valid iff `key` signed the hash.
contract ERC1271Wallet is IERC1271 {
    address public immutable key;

    constructor(address key_) {
        key = key_;
    }

    function isValidSignature(bytes32 hash, bytes memory signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(hash, signature);
        return err == ECDSA.RecoverError.NoError && recovered == key ? IERC1271.isValidSignature.selector : bytes4(0);
    }

    receive() external payable {}

    function exec(address target, uint256 value, bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
    }
}

/// @dev Always reverts.
contract ERC1271Reverting {
    error Nope();

    function isValidSignature(bytes32, bytes memory) external pure returns (bytes4) {
        revert Nope();
    }
}

/// @dev Returns a wrong magic value.
contract ERC1271WrongMagic {
    function isValidSignature(bytes32, bytes memory) external pure returns (bytes4) {
        return 0xdeadbeef;
    }
}

/// @dev Returns the magic value with dirty low-order bytes in the word (not a clean bytes4).
contract ERC1271DirtyMagic {
    function isValidSignature(bytes32, bytes memory) external pure returns (bytes32) {
        return bytes32(IERC1271.isValidSignature.selector) | bytes32(uint256(1));
    }
}

/// @dev Returns only the 4 magic bytes (short returndata).
contract ERC1271ShortData {
    fallback() external {
        assembly {
            mstore(0, shl(224, 0x1626ba7e))
            return(0, 4)
        }
    }
}

/// @dev Returns nothing at all (e.g. a contract without the function but with a fallback).
contract ERC1271NoData {
    fallback() external {}
}

/// @dev Burns all the gas it is given.
contract ERC1271GasBurner {
    function isValidSignature(bytes32, bytes memory) external view returns (bytes4) {
        uint256 x;
        while (gasleft() > 0) {
            x++;
        }
        return IERC1271.isValidSignature.selector;
    }
}

/// @dev Valid only while its (externally set) flag is on: it can change its answer at any time.
contract ERC1271Toggle {
    bool public valid = true;

    function set(bool v) external {
        valid = v;
    }

    function isValidSignature(bytes32, bytes memory) external view returns (bytes4) {
        return valid ? IERC1271.isValidSignature.selector : bytes4(0);
    }

    receive() external payable {}

    function exec(address target, uint256 value, bytes calldata data) external {
        (bool ok,) = target.call{value: value}(data);
        require(ok, "call failed");
    }
}

/// @dev Says "valid" only when it receives more gas than the registry's cap, so the cap decides.
contract ERC1271GasHungry {
    function isValidSignature(bytes32, bytes memory) external view returns (bytes4) {
        return gasleft() > 100_000 ? IERC1271.isValidSignature.selector : bytes4(0);
    }
}

/// @dev Returns the magic followed by a lot of data (returndata bomb attempt).
contract ERC1271ReturnBomb {
    fallback() external {
        assembly {
            mstore(0, shl(224, 0x1626ba7e))
            return(0, 20000)
        }
    }
}
