// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Harnesses exposing the kernel libraries (src/common/) and hostile test doubles for them: raw
// calls, assembly and odd fallbacks are the point.
// solhint-disable no-inline-assembly, avoid-low-level-calls, no-complex-fallback

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {CommitteeAttested} from "../../src/common/CommitteeAttested.sol";
import {SignaturePolicy} from "../../src/common/SignaturePolicy.sol";
import {Transfers} from "../../src/common/Transfers.sol";
import {AttestorSignature, IAttestorRegistry} from "../../src/interfaces/IAttestorRegistry.sol";

// =========================================================================================
// Harnesses
// =========================================================================================

/// @dev Exposes {SignaturePolicy}; `*WithMemory` variants also report how far the free memory
/// pointer moved across the check, to show that return data is never copied to memory (the
/// tests also compare gas, which catches a copy that bypasses the pointer).
contract SignaturePolicyHarness {
    function gasLimit() external pure returns (uint256) {
        return SignaturePolicy.ERC1271_GAS_LIMIT;
    }

    function isValid(address signer, bytes32 digest, bytes calldata signature) external view returns (bool) {
        return SignaturePolicy.isValidSignatureNow(signer, digest, signature);
    }

    function isValidErc1271(address signer, bytes32 digest, bytes calldata signature) external view returns (bool) {
        return SignaturePolicy.isValidErc1271SignatureNow(signer, digest, signature);
    }

    function isValidWithMemory(address signer, bytes32 digest, bytes calldata signature)
        external
        view
        returns (bool valid, uint256 grown)
    {
        uint256 before;
        assembly {
            before := mload(0x40)
        }
        valid = SignaturePolicy.isValidSignatureNow(signer, digest, signature);
        uint256 afterwards;
        assembly {
            afterwards := mload(0x40)
        }
        grown = afterwards - before;
    }

    /// @dev Runs the check and then proves the caller still has gas to work with: it writes
    /// `rounds` storage slots afterwards (so a check that ate the caller's gas makes this revert).
    uint256[] public work;

    function isValidThenWork(address signer, bytes32 digest, bytes calldata signature, uint256 rounds)
        external
        returns (bool valid)
    {
        valid = SignaturePolicy.isValidSignatureNow(signer, digest, signature);
        for (uint256 i; i < rounds; i++) {
            work.push(i + 1);
        }
    }
}

/// @dev Exposes {Transfers} (holds what it pulls; can be funded with native coin).
contract TransfersHarness {
    receive() external payable {}

    function pullExact(IERC20 token, address from, uint256 amount) external {
        Transfers.pullExact(token, from, amount);
    }

    function sendNative(address to, uint256 amount) external {
        Transfers.sendNative(to, amount);
    }

    function sendNativeWithMemory(address to, uint256 amount) external returns (uint256 grown) {
        uint256 before;
        assembly {
            before := mload(0x40)
        }
        Transfers.sendNative(to, amount);
        uint256 afterwards;
        assembly {
            afterwards := mload(0x40)
        }
        grown = afterwards - before;
    }
}

/// @dev A committee-attested contract with a one-field message, `Ping(uint256 value,uint256 nonce,
/// uint64 deadline,uint64 committeeEpoch)`, consumed through {CommitteeAttested}.
contract CommitteeHarness is CommitteeAttested {
    bytes32 public constant PING_TYPEHASH =
        keccak256("Ping(uint256 value,uint256 nonce,uint64 deadline,uint64 committeeEpoch)");

    event Pinged(uint256 value, uint256 nonce, bytes32 digest, address[] signers);

    constructor(IAttestorRegistry attestors) CommitteeAttested(attestors) {}

    function hashPing(uint256 value, uint256 nonce, uint64 deadline, uint64 committeeEpoch)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(PING_TYPEHASH, value, nonce, deadline, committeeEpoch)));
    }

    function ping(
        bytes32 assetClass,
        uint256 value,
        uint256 nonce,
        uint64 deadline,
        uint64 committeeEpoch,
        AttestorSignature[] calldata signatures
    ) external returns (bytes32 digest, address[] memory signers) {
        bytes32 structHash = keccak256(abi.encode(PING_TYPEHASH, value, nonce, deadline, committeeEpoch));
        (digest, signers) = _consumeAttestation(structHash, assetClass, nonce, deadline, committeeEpoch, signatures);
        emit Pinged(value, nonce, digest, signers);
    }
}

// =========================================================================================
// EIP-1271 doubles (in addition to ../mocks/ERC1271Mocks.sol)
// =========================================================================================

/// @dev Answers every call with `size` bytes: the word `word` followed by zeros (or fewer bytes
/// than a word when `size < 32`). Covers garbage words, exact-magic, short and huge answers.
contract ERC1271Scripted {
    bytes32 public word;
    uint256 public size;

    constructor(bytes32 word_, uint256 size_) {
        word = word_;
        size = size_;
    }

    function set(bytes32 word_, uint256 size_) external {
        word = word_;
        size = size_;
    }

    fallback() external {
        bytes32 w = word;
        uint256 n = size;
        assembly {
            mstore(0, w)
            return(0, n)
        }
    }
}

/// @dev Spends about `burn` gas, then answers the magic value: shows the policy's cap is generous
/// enough for a real wallet and is the only limit.
contract ERC1271GasUser {
    uint256 public immutable burn;

    constructor(uint256 burn_) {
        burn = burn_;
    }

    function isValidSignature(bytes32, bytes memory) external view returns (bytes4) {
        uint256 stopAt = gasleft() - burn;
        uint256 x;
        while (gasleft() > stopAt) {
            x++;
        }
        return IERC1271.isValidSignature.selector;
    }
}

/// @dev Accepts any signature at all (the code an EOA could delegate to under EIP-7702).
contract ERC1271AcceptAll {
    function isValidSignature(bytes32, bytes memory) external pure returns (bytes4) {
        return IERC1271.isValidSignature.selector;
    }
}

/// @dev Valid only in even blocks: its answer changes between calls without any state write.
contract ERC1271EvenBlocks {
    function isValidSignature(bytes32, bytes memory) external view returns (bytes4) {
        return block.number % 2 == 0 ? IERC1271.isValidSignature.selector : bytes4(0);
    }
}

/// @dev Tries to write storage inside isValidSignature (a staticcall must make it fail).
contract ERC1271StateChanger {
    uint256 public calls;

    function isValidSignature(bytes32, bytes memory) external returns (bytes4) {
        calls++;
        return IERC1271.isValidSignature.selector;
    }
}

// =========================================================================================
// Tokens and receivers for {Transfers}
// =========================================================================================

/// @dev USDT-style: transfer/transferFrom return nothing.
contract NoReturnToken {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function approve(address spender, uint256 amount) external {
        allowance[msg.sender][spender] = amount;
    }

    function transferFrom(address from, address to, uint256 amount) external {
        require(allowance[from][msg.sender] >= amount && balanceOf[from] >= amount, "no");
        allowance[from][msg.sender] -= amount;
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
    }
}

/// @dev transferFrom moves the tokens but returns false.
contract FalseReturnToken is ERC20 {
    constructor() ERC20("False", "FALSE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        super.transferFrom(from, to, amount);
        return false;
    }
}

/// @dev Credits the recipient twice what was sent (a rebasing / bonus token).
contract InflatingToken is ERC20 {
    constructor() ERC20("Inflating", "INF") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from != address(0) && to != address(0)) super._update(address(0), to, value);
    }
}

/// @dev Reverts on any call at all (proves a zero-amount pull or send makes no call).
contract RevertEverything {
    fallback() external payable {
        revert("called");
    }
}

/// @dev Accepts native coin and answers with a huge payload (return-data bomb).
contract NativeReturnBomb {
    uint256 public received;

    receive() external payable {
        received += msg.value;
        assembly {
            return(0, 60000)
        }
    }
}
