package dev.outlet.cloudwatch;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The empty response ({@code {}}) of the operations that return nothing. Annotated so the mapper
 * writes it as an empty object rather than refusing a record without members.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Empty() {
  static final Empty INSTANCE = new Empty();
}
