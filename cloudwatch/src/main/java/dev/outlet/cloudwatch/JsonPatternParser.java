package dev.outlet.cloudwatch;

import dev.outlet.cloudwatch.JsonCondition.Kind;
import dev.outlet.cloudwatch.JsonCondition.Op;
import dev.outlet.cloudwatch.JsonCondition.Selector;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the inside of a {@code { ... }} JSON pattern into a {@link JsonCondition}: a tokenizer and
 * a recursive-descent parser over {@code or := and ('||' and)*}, {@code and := term ('&&' term)*},
 * {@code term := '(' or ')' | condition}. Single use, not thread-safe.
 */
final class JsonPatternParser {

  private enum Type {
    OPEN,
    CLOSE,
    AND,
    OR,
    OP,
    SELECTOR,
    QUOTED,
    WORD
  }

  private record Token(Type type, String text) {}

  private final List<Token> tokens;
  private int at;

  JsonPatternParser(String body) {
    this.tokens = tokenize(body);
  }

  JsonCondition parse() {
    if (tokens.isEmpty()) {
      throw new InvalidPatternException("empty JSON pattern");
    }
    JsonCondition c = or();
    if (at < tokens.size()) {
      throw new InvalidPatternException("unexpected '" + tokens.get(at).text() + "'");
    }
    return c;
  }

  private JsonCondition or() {
    JsonCondition left = and();
    while (accept(Type.OR) != null) {
      left = new JsonCondition.Or(left, and());
    }
    return left;
  }

  private JsonCondition and() {
    JsonCondition left = term();
    while (accept(Type.AND) != null) {
      left = new JsonCondition.And(left, term());
    }
    return left;
  }

  private JsonCondition term() {
    if (accept(Type.OPEN) != null) {
      JsonCondition inner = or();
      expect(Type.CLOSE, "')'");
      return inner;
    }
    Selector selector = selector(expect(Type.SELECTOR, "a selector such as $.field").text());
    Token next = expect(null, "an operator");
    if (next.type() == Type.OP) {
      return comparison(selector, op(next.text()), expect(null, "a value"));
    }
    String word = next.type() == Type.WORD ? next.text().toUpperCase(Locale.ROOT) : "";
    return switch (word) {
      case "IS" -> new JsonCondition.Is(selector, isKind(expect(Type.WORD, "TRUE, FALSE or NULL")));
      case "EXISTS" -> new JsonCondition.Is(selector, Kind.EXISTS);
      case "NOT" -> {
        Token exists = expect(Type.WORD, "EXISTS");
        if (!exists.text().equalsIgnoreCase("EXISTS")) {
          throw new InvalidPatternException("expected EXISTS after NOT");
        }
        yield new JsonCondition.Is(selector, Kind.NOT_EXISTS);
      }
      default -> throw new InvalidPatternException("expected an operator after " + selector.text());
    };
  }

  private static JsonCondition comparison(Selector selector, Op op, Token value) {
    if (value.type() == Type.WORD) {
      BigDecimal number = number(value.text());
      if (number != null) {
        return new JsonCondition.NumberCompare(selector, op, number);
      }
    } else if (value.type() != Type.QUOTED) {
      throw new InvalidPatternException("expected a value, found '" + value.text() + "'");
    }
    if (op != Op.EQ && op != Op.NE) {
      throw new InvalidPatternException(op.symbol + " needs a number");
    }
    return JsonCondition.TextCompare.of(selector, op == Op.EQ, value.text());
  }

  private static Kind isKind(Token t) {
    return switch (t.text().toUpperCase(Locale.ROOT)) {
      case "TRUE" -> Kind.TRUE;
      case "FALSE" -> Kind.FALSE;
      case "NULL" -> Kind.NULL;
      default -> throw new InvalidPatternException("IS " + t.text());
    };
  }

  private static Op op(String symbol) {
    for (Op op : Op.values()) {
      if (op.symbol.equals(symbol)) {
        return op;
      }
    }
    throw new InvalidPatternException("unknown operator " + symbol);
  }

  private static BigDecimal number(String text) {
    if (text.isEmpty() || !(Character.isDigit(text.charAt(0)) || text.charAt(0) == '-')) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code $}, then {@code .name} and {@code [index]} steps. */
  static Selector selector(String text) {
    List<Object> steps = new ArrayList<>();
    int i = 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
          end++;
        }
        if (end == i + 1) {
          throw new InvalidPatternException("empty field name in " + text);
        }
        steps.add(text.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int end = text.indexOf(']', i);
        if (end < 0) {
          throw new InvalidPatternException("unclosed [ in " + text);
        }
        try {
          steps.add(Integer.parseInt(text.substring(i + 1, end)));
        } catch (NumberFormatException e) {
          throw new InvalidPatternException("array index in " + text);
        }
        i = end + 1;
      } else {
        throw new InvalidPatternException("bad selector " + text);
      }
    }
    return new Selector(text, steps);
  }

  private Token accept(Type type) {
    if (at < tokens.size() && tokens.get(at).type() == type) {
      return tokens.get(at++);
    }
    return null;
  }

  /** The next token, which must be of {@code type} (any with null). */
  private Token expect(Type type, String what) {
    if (at >= tokens.size()) {
      throw new InvalidPatternException("expected " + what + " at the end");
    }
    Token t = tokens.get(at);
    if (type != null && t.type() != type) {
      throw new InvalidPatternException("expected " + what + ", found '" + t.text() + "'");
    }
    at++;
    return t;
  }

  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        out.add(new Token(c == '(' ? Type.OPEN : Type.CLOSE, String.valueOf(c)));
        i++;
      } else if (s.startsWith("&&", i) || s.startsWith("||", i)) {
        out.add(new Token(c == '&' ? Type.AND : Type.OR, s.substring(i, i + 2)));
        i += 2;
      } else if (c == '=' || c == '!' || c == '<' || c == '>') {
        int len = i + 1 < s.length() && s.charAt(i + 1) == '=' && c != '=' ? 2 : 1;
        out.add(new Token(Type.OP, s.substring(i, i + len)));
        i += len;
      } else if (c == '"') {
        StringBuilder text = new StringBuilder();
        i = quoted(s, i, text);
        out.add(new Token(Type.QUOTED, text.toString()));
      } else {
        int end = i;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && !special(s, end)) {
          end++;
        }
        String word = s.substring(i, end);
        out.add(new Token(word.startsWith("$") ? Type.SELECTOR : Type.WORD, word));
        i = end;
      }
    }
    return out;
  }

  private static boolean special(String s, int i) {
    char c = s.charAt(i);
    return "()=!<>\"".indexOf(c) >= 0 || s.startsWith("&&", i) || s.startsWith("||", i);
  }

  private static int quoted(String s, int start, StringBuilder text) {
    for (int i = start + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        text.append(s.charAt(++i));
      } else if (c == '"') {
        return i + 1;
      } else {
        text.append(c);
      }
    }
    throw new InvalidPatternException("unterminated quote");
  }
}
