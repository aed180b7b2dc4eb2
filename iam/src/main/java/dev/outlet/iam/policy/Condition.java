package dev.outlet.iam.policy;

import java.util.List;
import java.util.Objects;

/**
 * One key under one operator of a {@code Condition} block. A statement's conditions are a flat list
 * that must all hold: AWS ANDs the operators of a block and the keys under an operator, and ORs the
 * values of one key.
 *
 * @param operator the operator with its qualifiers ({@code ForAnyValue:StringLikeIfExists})
 * @param key the condition key as written ({@code aws:SourceArn}); looked up case-insensitively
 * @param values the values as written (numbers and booleans as their JSON text), ORed
 */
public record Condition(ConditionOperator operator, String key, List<String> values) {
  public Condition {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(key, "key");
    values = List.copyOf(values);
  }
}
