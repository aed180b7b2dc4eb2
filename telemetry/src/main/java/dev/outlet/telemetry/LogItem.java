package dev.outlet.telemetry;

/** What the log writer stores: an appended event, or the notice standing for dropped ones. */
sealed interface LogItem permits PendingEvent, DropNotice {}
