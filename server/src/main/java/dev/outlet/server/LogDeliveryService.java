package dev.outlet.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.outlet.edge.Access;
import dev.outlet.edge.AwsException;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.Service;
import java.util.List;
import java.util.Map;

/**
 * Outlet's own question to its log delivery, for {@code outlet logs NAME}: why a function's logs
 * are dropped ({@code X-Amz-Target: OutletLogs.GetDeliveryProblem}, {@code {"functionName":
 * "NAME"}} answers {@code {"problem": "..."}} or {@code {}}). It needs {@code logs:FilterLogEvents}
 * on the function's log group, like reading the logs themselves.
 */
final class LogDeliveryService {
  static final String TARGET_PREFIX = "OutletLogs.";

  record Ask(@JsonProperty("functionName") String functionName) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Answer(@JsonProperty("problem") String problem) {}

  private LogDeliveryService() {}

  static Service create(LogDelivery delivery, String account) {
    return new Service(
        "Outlet log delivery",
        new Protocol.AwsJson("1.1", false),
        Service.byTarget(TARGET_PREFIX),
        Map.of(
            "GetDeliveryProblem",
            call -> {
              String name = call.input(Ask.class).functionName();
              return new Answer(name == null ? null : delivery.problems().get(name));
            }),
        4096,
        Service.Errors.of(
            name -> new AwsException("UnknownOperationException", 400, "Unknown: " + name),
            (operation, limit) -> new AwsException("InvalidParameterException", 400, "Too large"),
            message -> new AwsException("SerializationException", 400, message),
            requestId -> new AwsException("ServiceUnavailableException", 500, requestId)),
        call -> {
          Ask ask = call.input(Ask.class);
          String name = ask.functionName() == null ? "*" : ask.functionName();
          return List.of(
              new Access(
                  "logs:FilterLogEvents",
                  "arn:aws:logs:"
                      + call.region()
                      + ":"
                      + account
                      + ":log-group:/aws/lambda/"
                      + name
                      + ":*"));
        });
  }
}
