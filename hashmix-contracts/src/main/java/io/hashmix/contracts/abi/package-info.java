/**
 * ABI metadata the SDK needs beyond what web3j offers, chiefly the custom-error catalogue.
 */
package io.hashmix.contracts.abi;
