package dev.outlet.api;

import dev.outlet.core.FunctionRecord;
import dev.outlet.sandbox.SandboxSpec;

/** A function as the data plane sees it: its record and the sandbox spec derived from it. */
public record Deployed(FunctionRecord record, SandboxSpec spec) {}
