// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Test doubles of the token area (collateral vault, HoldingERC721). Hostile ones on purpose.
// solhint-disable no-inline-assembly, avoid-low-level-calls, no-complex-fallback

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @dev An ERC-20 whose transfer/transferFrom return false (without reverting) while `failing`.
contract FalseReturningToken is ERC20 {
    bool public failing;

    constructor() ERC20("False", "FLS") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setFailing(bool f) external {
        failing = f;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        if (failing) return false;
        return super.transfer(to, value);
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (failing) return false;
        return super.transferFrom(from, to, value);
    }
}

/// @dev OpenZeppelin's ERC721, unchanged: the reference HoldingERC721 is compared against.
contract OzReferenceERC721 is ERC721 {
    constructor() ERC721("Reference", "REF") {}

    function mint(address to, uint256 tokenId) external {
        _mint(to, tokenId);
    }

    function burn(uint256 tokenId) external {
        _burn(tokenId);
    }
}

/// @dev Accepts every token and records the last call.
contract AcceptingReceiver is IERC721Receiver {
    address public lastOperator;
    address public lastFrom;
    uint256 public lastTokenId;
    bytes public lastData;
    uint256 public calls;

    function onERC721Received(address operator, address from, uint256 tokenId, bytes calldata data)
        external
        returns (bytes4)
    {
        lastOperator = operator;
        lastFrom = from;
        lastTokenId = tokenId;
        lastData = data;
        calls++;
        return IERC721Receiver.onERC721Received.selector;
    }
}

/// @dev Returns a wrong value.
contract WrongMagicReceiver is IERC721Receiver {
    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return 0x12345678;
    }
}

/// @dev Reverts with a custom error.
contract RevertingReceiver is IERC721Receiver {
    error NoThanks(uint256 tokenId);

    function onERC721Received(address, address, uint256 tokenId, bytes calldata) external pure returns (bytes4) {
        revert NoThanks(tokenId);
    }
}

/// @dev Reverts without data (an empty revert reason).
contract SilentRevertReceiver is IERC721Receiver {
    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        assembly {
            revert(0, 0)
        }
    }
}

/// @dev A contract without onERC721Received (and without a fallback).
contract NonReceiver {
    function ping() external pure returns (uint256) {
        return 1;
    }
}
