package bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** The Java hello handler bench/run --full runs under aws-lambda-java-runtime-interface-client. */
public class Hello implements RequestHandler<Map<String, Object>, String> {
  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    return "Hello, " + event.getOrDefault("name", "world") + " from " + context.getFunctionName();
  }
}
