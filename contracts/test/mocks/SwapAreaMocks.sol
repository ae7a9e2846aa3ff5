// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IHashPowerToken} from "../../src/interfaces/IHashPowerToken.sol";
import {IFulfillmentRecord} from "../../src/interfaces/IFulfillmentRecord.sol";
import {IFulfillmentVault} from "../../src/interfaces/IFulfillmentVault.sol";

/// @dev Just what HashPowerValuation reads of the token: one settable product (and its token 1).
contract SwapMockToken {
    IHashPowerToken.Product internal _product;

    function setProduct(bytes32 assetClass, uint256 capacity, uint64 start, uint64 end) external {
        _product.assetClass = assetClass;
        _product.capacity = capacity;
        _product.start = start;
        _product.end = end;
    }

    function product(uint256) external view returns (IHashPowerToken.Product memory) {
        return _product;
    }
}

/// @dev Just what HashPowerValuation reads of the fulfillment vault: a record and settled epochs.
contract SwapMockVault {
    IFulfillmentRecord.Record internal _record;
    mapping(uint32 epoch => IFulfillmentVault.EpochData) internal _epochs;

    function settle(uint32 epoch, bool delivered, uint64 deliveredUnits) external {
        IFulfillmentVault.EpochData storage d = _epochs[epoch];
        d.deliveredUnits = deliveredUnits;
        if (delivered) {
            d.status = IFulfillmentVault.EpochStatus.Short;
            _record.epochsShort++;
        } else {
            d.status = IFulfillmentVault.EpochStatus.Missed;
            _record.epochsMissed++;
        }
    }

    function record(uint256) external view returns (IFulfillmentRecord.Record memory) {
        return _record;
    }

    function epochData(uint256, uint32 epoch) external view returns (IFulfillmentVault.EpochData memory) {
        return _epochs[epoch];
    }
}

/// @dev A settable price feed.
contract SwapMockOracle {
    uint256 internal _hashprice;
    uint256 internal _payoutPrice;

    function set(uint256 hashprice, uint256 payoutPrice) external {
        _hashprice = hashprice;
        _payoutPrice = payoutPrice;
    }

    function prices(bytes32) external view returns (uint256, uint256) {
        return (_hashprice, _payoutPrice);
    }
}
