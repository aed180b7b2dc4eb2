package dev.outlet.local.sam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the intrinsic functions Outlet supports: {@code Ref} (parameters, pseudo parameters,
 * functions, HTTP APIs and queues of the template: a queue's {@code Ref} is its URL), {@code
 * Fn::Sub} (both forms), {@code Fn::GetAtt} ({@code Function.Arn}, {@code Queue.Arn}, {@code
 * Queue.QueueName}, {@code Queue.QueueUrl}) and {@code Fn::Join}. Anything else is {@link
 * Unsupported}. Immutable.
 */
final class Intrinsics {
  /** The value of {@code AWS::NoValue}: the property is removed. */
  static final Object NO_VALUE = new Object();

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  /** An intrinsic Outlet cannot evaluate; the message names it. */
  static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message);
    }
  }

  private final Map<String, String> parameters;
  private final Map<String, String> functionNames;
  private final List<String> apis;
  private final Map<String, SamQueue.Names> queues;
  private final String stackName;
  private final String region;
  private final String account;

  Intrinsics(
      Map<String, String> parameters,
      Map<String, String> functionNames,
      List<String> apis,
      String stackName,
      String region,
      String account) {
    this(parameters, functionNames, apis, Map.of(), stackName, region, account);
  }

  Intrinsics(
      Map<String, String> parameters,
      Map<String, String> functionNames,
      List<String> apis,
      Map<String, SamQueue.Names> queues,
      String stackName,
      String region,
      String account) {
    this.parameters = parameters;
    this.functionNames = functionNames;
    this.apis = apis;
    this.queues = queues;
    this.stackName = stackName;
    this.region = region;
    this.account = account;
  }

  /**
   * Resolves {@code value} into {@code props} under {@code key}: left out when it resolves to no
   * value, and a warning at {@code at} (no entry) when an intrinsic in it is unsupported.
   */
  void resolveInto(
      Map<String, Object> props, String key, Object value, String at, SamReader.Warnings warnings) {
    try {
      Object v = resolve(value);
      if (v != NO_VALUE) {
        props.put(key, v);
      }
    } catch (Unsupported u) {
      warnings.add(at + key + ": " + u.getMessage() + ", ignored");
    }
  }

  /** Resolves every intrinsic inside {@code value}; lists and maps are copied. */
  Object resolve(Object value) throws Unsupported {
    if (value instanceof Map<?, ?> map) {
      if (map.size() == 1) {
        String key = String.valueOf(map.keySet().iterator().next());
        Object arg = map.values().iterator().next();
        if (key.equals("Ref")) {
          return refValue(String.valueOf(arg));
        }
        if (key.startsWith("Fn::")) {
          return function(key, arg);
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object v = resolve(e.getValue());
        if (v != NO_VALUE) {
          out.put(String.valueOf(e.getKey()), v);
        }
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object o : list) {
        Object v = resolve(o);
        if (v != NO_VALUE) {
          out.add(v);
        }
      }
      return out;
    }
    return value;
  }

  private Object function(String key, Object arg) throws Unsupported {
    return switch (key) {
      case "Fn::Sub" -> sub(arg);
      case "Fn::GetAtt" -> getAtt(arg);
      case "Fn::Join" -> join(arg);
      default -> throw new Unsupported(key + " is not supported by Outlet");
    };
  }

  String ref(String name) throws Unsupported {
    return switch (name) {
      case "AWS::Region" -> region;
      case "AWS::AccountId" -> account;
      case "AWS::StackName" -> stackName;
      case "AWS::Partition" -> "aws";
      case "AWS::URLSuffix" -> "amazonaws.com";
      case "AWS::NoValue" -> throw new Unsupported("AWS::NoValue is only allowed as a value");
      default -> {
        if (parameters.containsKey(name)) {
          yield parameters.get(name);
        }
        if (functionNames.containsKey(name)) {
          yield functionNames.get(name);
        }
        if (apis.contains(name)) {
          yield name;
        }
        if (queues.containsKey(name)) {
          yield queues.get(name).url();
        }
        throw new Unsupported("Ref " + name + " names nothing Outlet deploys");
      }
    };
  }

  private Object refValue(String name) throws Unsupported {
    return name.equals("AWS::NoValue") ? NO_VALUE : ref(name);
  }

  private String getAtt(Object arg) throws Unsupported {
    List<?> parts =
        arg instanceof List<?> l
            ? l
            : List.of(String.valueOf(arg).split("\\.", 2)); // long form "A.B" in JSON is rare
    if (parts.size() != 2) {
      throw new Unsupported("Fn::GetAtt needs [LogicalId, Attribute]");
    }
    String id = String.valueOf(parts.get(0));
    String attr = String.valueOf(parts.get(1));
    if (functionNames.containsKey(id) && attr.equals("Arn")) {
      return "arn:aws:lambda:" + region + ":" + account + ":function:" + functionNames.get(id);
    }
    SamQueue.Names q = queues.get(id);
    if (q != null) {
      switch (attr) {
        case "Arn" -> {
          return q.arn();
        }
        case "QueueName" -> {
          return q.name();
        }
        case "QueueUrl" -> {
          return q.url();
        }
        default -> {}
      }
    }
    throw new Unsupported("Fn::GetAtt " + id + "." + attr + " is not supported by Outlet");
  }

  private String sub(Object arg) throws Unsupported {
    String template;
    Map<?, ?> vars = Map.of();
    if (arg instanceof List<?> l && l.size() == 2 && l.get(1) instanceof Map<?, ?> m) {
      template = String.valueOf(l.get(0));
      vars = m;
    } else if (arg instanceof String s) {
      template = s;
    } else {
      throw new Unsupported("Fn::Sub needs a string or [string, {variables}]");
    }
    Matcher m = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).trim();
      String value;
      if (name.startsWith("!")) {
        value = "${" + name.substring(1) + "}";
      } else if (vars.containsKey(name)) {
        value = String.valueOf(resolve(vars.get(name)));
      } else if (name.contains(".") && !name.startsWith("AWS::")) {
        value =
            getAtt(
                List.of(
                    name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1)));
      } else {
        value = ref(name);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String join(Object arg) throws Unsupported {
    if (!(arg instanceof List<?> l) || l.size() != 2 || !(l.get(1) instanceof List<?> items)) {
      throw new Unsupported("Fn::Join needs [delimiter, [values]]");
    }
    List<String> parts = new ArrayList<>();
    for (Object o : items) {
      Object v =
          o instanceof Map<?, ?> mm && mm.size() == 1 && mm.containsKey("Ref")
              ? refValue(String.valueOf(mm.get("Ref")))
              : resolve(o);
      if (v != NO_VALUE) {
        parts.add(String.valueOf(v));
      }
    }
    return String.join(String.valueOf(l.get(0)), parts);
  }
}
