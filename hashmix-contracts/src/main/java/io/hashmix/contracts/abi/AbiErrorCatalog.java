package io.hashmix.contracts.abi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hashmix.contracts.ContractArtifact;
import io.hashmix.contracts.ProtocolContract;

/**
 * Every custom error declared by a set of ABIs, indexed by selector.
 *
 * <p>web3j has no custom-error decoder; the SDK builds this catalogue once from the exported ABIs
 * and looks revert data up in it. Errors with the same signature in several contracts (e.g.
 * OpenZeppelin's) are one entry; two different signatures sharing a selector is a build error.
 */
public final class AbiErrorCatalog {

    private final Map<String, AbiError> bySelector;

    private AbiErrorCatalog(Map<String, AbiError> bySelector) {
        this.bySelector = Map.copyOf(bySelector);
    }

    /** The catalogue of every protocol contract's errors. */
    public static AbiErrorCatalog ofProtocol() {
        List<String> abis = new ArrayList<>();
        for (ProtocolContract c : ProtocolContract.values()) {
            abis.add(c.artifact().abiJson());
        }
        return fromAbis(abis);
    }

    /** The catalogue of the errors of the given artifacts. */
    public static AbiErrorCatalog ofArtifacts(Collection<ContractArtifact> artifacts) {
        return fromAbis(artifacts.stream().map(ContractArtifact::abiJson).toList());
    }

    /**
     * Builds a catalogue from ABI JSON arrays.
     *
     * @throws IllegalArgumentException if an ABI is not a JSON array of entries, or two errors collide
     */
    public static AbiErrorCatalog fromAbis(Collection<String> abiJsons) {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, AbiError> errors = new LinkedHashMap<>();
        for (String json : abiJsons) {
            JsonNode abi;
            try {
                abi = mapper.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("ABI is not valid JSON: " + e.getOriginalMessage(), e);
            }
            if (abi == null || !abi.isArray()) {
                throw new IllegalArgumentException("ABI must be a JSON array of entries");
            }
            for (JsonNode entry : abi) {
                if (!"error".equals(entry.path("type").asText())) {
                    continue;
                }
                AbiError error = new AbiError(entry.path("name").asText(), parameters(entry.path("inputs")));
                AbiError previous = errors.putIfAbsent(error.selector(), error);
                if (previous != null && !previous.signature().equals(error.signature())) {
                    throw new IllegalArgumentException("error selector clash: " + previous.signature()
                            + " and " + error.signature() + " share " + error.selector());
                }
            }
        }
        return new AbiErrorCatalog(errors);
    }

    private static List<AbiParameter> parameters(JsonNode inputs) {
        List<AbiParameter> params = new ArrayList<>();
        for (JsonNode in : inputs) {
            String type = in.path("type").asText();
            if (type.startsWith("tuple")) {
                // no protocol error takes a struct; fail loudly if one ever does instead of mis-decoding
                throw new IllegalArgumentException("tuple error parameters are not supported: " + in);
            }
            params.add(new AbiParameter(in.path("name").asText(), type));
        }
        return params;
    }

    /**
     * Looks an error up by selector.
     *
     * @param selector {@code 0x} + 8 hex digits, any case
     */
    public Optional<AbiError> bySelector(String selector) {
        return Optional.ofNullable(bySelector.get(selector.toLowerCase(Locale.ROOT)));
    }

    /** All errors in the catalogue. */
    public Collection<AbiError> errors() {
        return bySelector.values();
    }
}
