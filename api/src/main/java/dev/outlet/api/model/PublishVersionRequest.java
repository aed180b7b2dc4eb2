package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** PublishVersion's body: optional preconditions and the version's description. */
public record PublishVersionRequest(
    @JsonProperty("CodeSha256") String codeSha256,
    @JsonProperty("Description") String description,
    @JsonProperty("RevisionId") String revisionId) {}
