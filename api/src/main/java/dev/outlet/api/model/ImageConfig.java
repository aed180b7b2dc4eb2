package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code ImageConfig}: what replaces a container image's {@code ENTRYPOINT}, {@code CMD} and {@code
 * WORKDIR} (a member left out is the image's).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageConfig(
    @JsonProperty("EntryPoint") List<String> entryPoint,
    @JsonProperty("Command") List<String> command,
    @JsonProperty("WorkingDirectory") String workingDirectory) {}
