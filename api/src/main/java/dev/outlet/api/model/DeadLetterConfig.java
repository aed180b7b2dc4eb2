package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code DeadLetterConfig}: the queue failed asynchronous events go to; "" removes it. */
public record DeadLetterConfig(@JsonProperty("TargetArn") String targetArn) {}
