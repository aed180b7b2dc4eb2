package dev.outlet.sqs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A message attribute's value as the wire carries it ({@code MessageAttributeValue}): its data type
 * ({@code String}, {@code Number}, {@code Binary}, optionally with a {@code .label}) and the one
 * value that type holds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageAttribute(
    @JsonProperty("StringValue") String stringValue,
    @JsonProperty("BinaryValue") byte[] binaryValue,
    @JsonProperty("DataType") String dataType) {

  /** Whether the data type is {@code Binary} or a labelled {@code Binary.x}. */
  boolean isBinary() {
    return dataType != null && (dataType.equals("Binary") || dataType.startsWith("Binary."));
  }

  /** The bytes this value counts for in the message size: name, type and value. */
  int size(String name) {
    int value =
        isBinary()
            ? binaryValue == null ? 0 : binaryValue.length
            : stringValue == null ? 0 : Utf8.length(stringValue);
    return Utf8.length(name) + Utf8.length(dataType == null ? "" : dataType) + value;
  }
}
