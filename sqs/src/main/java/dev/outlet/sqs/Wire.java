package dev.outlet.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.outlet.edge.AwsException;
import dev.outlet.edge.Call;
import dev.outlet.edge.Protocol;
import java.util.Map;

/**
 * A call's input and output in its protocol: JSON bodies bound straight to the input record, query
 * forms shaped first ({@link QueryInput}); results as the JSON protocol's objects (encoded by the
 * edge) or as SQS's query XML ({@link QueryReplies}).
 */
final class Wire {
  private Wire() {}

  static <T> T input(Call call, Class<T> type) {
    if (!(call.protocol() instanceof Protocol.AwsQuery)) {
      return call.input(type);
    }
    JsonNode shaped = QueryInput.shape(call.input(JsonNode.class));
    try {
      return Protocol.Codecs.JSON.treeToValue(shaped, type);
    } catch (JsonProcessingException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof AwsException refused) {
          throw refused;
        }
      }
      String member =
          e instanceof MismatchedInputException m && !m.getPath().isEmpty()
              ? m.getPath().get(m.getPath().size() - 1).getFieldName()
              : null;
      throw SqsError.INVALID_PARAMETER_VALUE.with(
          member == null
              ? "The request does not match the operation's input."
              : "The value for parameter " + member + " is invalid.");
    }
  }

  static Object output(Call call, Results result) {
    if (call.protocol() instanceof Protocol.AwsQuery) {
      return QueryReplies.reply(call.operation(), result, call.requestId());
    }
    return result instanceof Results.Empty ? Map.of() : result;
  }
}
