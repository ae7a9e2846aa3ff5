// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @dev Three real Bitcoin main-network blocks (genesis, 99960, 99993), copied byte for byte from
/// hashmix-proofs/src/test/resources/bitcoin/mainnet-blocks.json (a copy of shared/data/bitcoin/mainnet-blocks.json):
/// wire-order headers and raw transactions; block hashes and txids in display (RPC) order as in the file.
/// (The Solidity tests may only read ../test-vectors, so the data is embedded here.)
library MainnetBlocks {
    function count() internal pure returns (uint256) {
        return 3;
    }

    function height(uint256 b) internal pure returns (uint256) {
        if (b == 0) return 0;
        if (b == 1) return 99960;
        if (b == 2) return 99993;
        revert("no such block");
    }

    function blockHashDisplay(uint256 b) internal pure returns (bytes32) {
        if (b == 0) return 0x000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f;
        if (b == 1) return 0x0000000000032d10c9c3fe953772e3e0b0e3b7553aad593384a6ccf30f1c9c27;
        if (b == 2) return 0x00000000000306f827d8cc344b91a2a74074e3e1800e523ead74a20a915db27c;
        revert("no such block");
    }

    function header(uint256 b) internal pure returns (bytes memory) {
        if (b == 0) return hex"0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd"
            hex"7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c";
        if (b == 1) return hex"01000000e78b20013e6e9a21b6366ead5d866b2f9dc00664508b90f24da8000000000000f94b6125"
            hex"9c7e9af3455b277275800d0d6a58b929eedf9e0153a6ef2278a5d53408d11a4d4c86041b0fbf10b0";
        if (b == 2) return hex"01000000acda3db591d5c2c63e8c09e7523a5b0581707ef3e3520d6ca180000000000000701179cb"
            hex"9a9e0fe709cc96261b6b943b31362b61dacba94b03f9b71a06cc2eff7d1c1b4d4c86041b75962f88";
        revert("no such block");
    }

    function txCount(uint256 b) internal pure returns (uint256) {
        if (b == 0) return 1;
        if (b == 1) return 3;
        if (b == 2) return 4;
        revert("no such block");
    }

    function txidDisplay(uint256 b, uint256 t) internal pure returns (bytes32) {
        if (b == 0 && t == 0) return 0x4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b;
        if (b == 1 && t == 0) return 0xf89c65bdcd695e4acc621256085f20d7c093097e04a1ce34b606a5829cbaf2c6;
        if (b == 1 && t == 1) return 0x1818bef9c6aeed09de0ed999b5f2868b3555084437e1c63f29d5f37b69bb214f;
        if (b == 1 && t == 2) return 0xd43a40a2db5bad2bd176c27911ed86d97bff734425953b19c8cf77910b21020d;
        if (b == 2 && t == 0) return 0xbd0ba1c99c72cac99d690f9a8f23cbe641b187e8e70963db386b27dae8082450;
        if (b == 2 && t == 1) return 0x1253a31351799dd100c7697daef9ef3799d355fffd2e5e7abf88fd22a791908a;
        if (b == 2 && t == 2) return 0x51730153a8c4fc4d0b34200a51465349e70230ae332fb25a54e07dff18b62c7f;
        if (b == 2 && t == 3) return 0xe3aa9040ac22445f6f250fb5319734a74a3eea122d983b83187a05aa52060a68;
        revert("no such tx");
    }

    // solhint-disable-next-line function-max-lines
    function rawTx(uint256 b, uint256 t) internal pure returns (bytes memory) {
        if (b == 0 && t == 0) {
            return hex"01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff4d04ffff001d010445"
                hex"5468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e"
                hex"64206261696c6f757420666f722062616e6b73ffffffff0100f2052a01000000434104678afdb0fe5548271967f1a67130b7"
                hex"105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac"
                hex"00000000";
        }
        if (b == 1 && t == 0) {
            return hex"01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff07044c86041b0119ff"
                hex"ffffff0100f2052a0100000043410427e729f9cb5564abf2a1ccda596c636b77bd4d9d91f657d4738f3c70fce8ac4e12b1c7"
                hex"82905554d9ff2c2e050fdfe3ff93c91c5817e617877d51f450b528c9e4ac00000000";
        }
        if (b == 1 && t == 1) {
            return hex"0100000001e853c9e0c133547fd9e162b1d3860dd0f27d5b9b8a7430d28896c00fbb3f1bc7000000008c49304602210095bc"
                hex"d54ebd0caa7cee75f0f89de472a765e6ef4b98c5fd4b32c7f9d4905db9ae022100ebd3f668e3a1a36d56e30184c27531dbb9"
                hex"fc136c84b1282be562064d86997d1e014104727eb4fdcc90658cd26abe7dcb0ae7297810b15b9e27c32bcf8e3edd93490196"
                hex"8806dc18b1276d7273cc4c223feee0070361ed947888a3cef422bebfede96e08ffffffff020065cd1d000000001976a91468"
                hex"c6c2b3c0bc4a8eeb10d16a300d627a31a3b58588ac0008af2f000000001976a9141d87f0a54a1d704ffc70eae83b025698bc"
                hex"0fdcfc88ac00000000";
        }
        if (b == 1 && t == 2) {
            return hex"010000000125f582f1d37b6713b14b85665a2daea4f464f5ed1c3ab3d4dcf152fb61414b9e000000008a473044022066ec12"
                hex"ced31659e1bf961b542b58bba76ba8f2a1e8f36d5f60be0601598eac21022047ce33685a63283a4c3ebc390261191f215999"
                hex"b2f7d8e1504b8af39aae4a2881014104c5e1d713d10fe59cc48f60701a3efcac418969c22e9c6cf57440f71e44dc82837af5"
                hex"351bf3e1d898f06aa5c792bf0251a39902311d1d27c16847b1b414494f35ffffffff02404b4c00000000001976a91466a3b2"
                hex"e43cfa5c6d9b2f0095f7be5a5cb608478c88ac80b8dc3c030000001976a9146df5ed8cee34df5c05c90406761a11ed143c20"
                hex"2d88ac00000000";
        }
        if (b == 2 && t == 0) {
            return hex"01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff07044c86041b0152ff"
                hex"ffffff014034152a01000000434104216220ab283b5e2871c332de670d163fb1b7e509fd67db77997c5568e7c25afd988f19"
                hex"cd5cc5aec6430866ec64b5214826b28e0f7a86458073ff933994b47a5cac00000000";
        }
        if (b == 2 && t == 1) {
            return hex"01000000042a40ae58b06c3a61ae55dbee05cab546e80c508f71f24ef0cdc9749dac91ea5f000000004a49304602210089c6"
                hex"85b37903c4aa62d984929afeaca554d1641f9a668398cd228fb54588f06b0221008a5cfbc5b0a38ba78c4f4341e53272b9cd"
                hex"0e377b2fb740106009b8d7fa693f0b01ffffffff7b999491e30af112b11105cb053bc3633a8a87f44740eb158849a76891ff"
                hex"228b00000000494830450221009a4aa8663ff4017063d2020519f2eade5b4e3e30be69bf9a62b4e6472d1747b2022021ee3b"
                hex"3090b8ce439dbf08a5df31e2dc23d68073ebda45dc573e8a4f74f5cdfc01ffffffffdea82ec2f9e88e0241faa676c13d0930"
                hex"30b17c479770c6cc83239436a4327d49000000004a493046022100c29d9de71a34707c52578e355fa0fdc2bb69ce0a957e6b"
                hex"591658a02b1e039d69022100f82c8af79c166a822d305f0832fb800786d831aea419069b3aed97a6edf8f02101fffffffff3"
                hex"e7987da9981c2ae099f97a551783e1b21669ba0bf3aca8fe12896add91a11a0000000049483045022100e332c81781b281a3"
                hex"b35cf75a5a204a2be451746dad8147831255291ebac2604d02205f889a2935270d1bf1ef47db773d68c4d5c6a51bb51f082d"
                hex"3e1c491de63c345601ffffffff0100c817a8040000001976a91420420e56079150b50fb0617dce4c374bd61eccea88ac0000"
                hex"0000";
        }
        if (b == 2 && t == 2) {
            return hex"010000000265a7293b2d69ba51d554cd32ac7586f7fbeaeea06835f26e03a2feab6aec375f000000004a4930460221009223"
                hex"61eaafe316003087d355dd3c0ef3d9f44edae661c212a28a91e020408008022100c9b9c84d53d82c0ba9208f695c79eb42a4"
                hex"53faea4d19706a8440e1d05e6cff7501fffffffff6971f00725d17c1c531088144b45ed795a307a22d51ca377c6f7f93675b"
                hex"b03a000000008b483045022100d060f2b2f4122edac61a25ea06396fe9135affdabc66d350b5ae1813bc6bf3f302205d8363"
                hex"deef2101fc9f3d528a8b3907e9d29c40772e587dcea12838c574cb80f801410449fce4a25c972a43a6bc67456407a0d4ced7"
                hex"82d4cf8c0a35a130d5f65f0561e9f35198349a7c0b4ec79a15fead66bd7642f17cc8c40c5df95f15ac7190c76442ffffffff"
                hex"0200f2052a010000001976a914c3f537bc307c7eda43d86b55695e46047b770ea388ac00cf7b05000000001976a91407bef2"
                hex"90008c089a60321b21b1df2d7f2202f40388ac00000000";
        }
        if (b == 2 && t == 3) {
            return hex"01000000014ab7418ecda2b2531eef0145d4644a4c82a7da1edd285d1aab1ec0595ac06b69000000008c493046022100a796"
                hex"490f89e0ef0326e8460edebff9161da19c36e00c7408608135f72ef0e03e0221009e01ef7bc17cddce8dfda1f1a6d3805c51"
                hex"f9ab2f8f2145793d8e85e0dd6e55300141043e6d26812f24a5a9485c9d40b8712215f0c3a37b0334d76b2c24fcafa587ae52"
                hex"58853b6f49ceeb29cd13ebb76aa79099fad84f516bbba47bd170576b121052f1ffffffff0200a24a04000000001976a91435"
                hex"42e17b6229a25d5b76909f9d28dd6ed9295b2088ac003fab01000000001976a9149cea2b6e3e64ad982c99ebba56a882b9e8"
                hex"a816fe88ac00000000";
        }
        revert("no such tx");
    }
}
