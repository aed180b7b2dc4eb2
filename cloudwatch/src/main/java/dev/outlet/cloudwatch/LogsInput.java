package dev.outlet.cloudwatch;

/**
 * A CloudWatch Logs request record, bound by the edge's JSON mapper (unknown members ignored,
 * members of the wrong JSON type a {@code SerializationException}). Absent optional members are
 * null; {@link #validate()} checks the rest with AWS's messages ({@link LogsValidation}) before the
 * operation runs, so an operation only reads valid values.
 */
sealed interface LogsInput
    permits CreateLogGroup.Request,
        CreateLogStream.Request,
        DeleteLogGroup.Request,
        DeleteRetentionPolicy.Request,
        DescribeLogGroups.Request,
        DescribeLogStreams.Request,
        FilterLogEvents.Request,
        GetLogEvents.Request,
        PutLogEvents.Request,
        PutRetentionPolicy.Request {

  /** Throws {@link LogsException} for the first member that breaks AWS's constraints. */
  void validate();
}
