package dev.outlet.edge.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Inputs for property tests of parsers a client or a package reaches, and the one check they all
 * make: a parser given anything returns a value or throws its declared error, within a bounded
 * time, never another exception (which the edge would answer with a 500) and never an {@link Error}
 * such as running out of memory.
 */
public final class Fuzz {
  /** Longer than any parser should take on one input on a loaded two-core machine. */
  public static final Duration BOUND = Duration.ofSeconds(5);

  private Fuzz() {}

  /** What a parser did with one input. */
  public sealed interface Outcome<T> {
    /** It returned {@code value}. */
    record Parsed<T>(T value) implements Outcome<T> {}

    /** It threw its declared error. */
    record Refused<T>(Exception error) implements Outcome<T> {}
  }

  /**
   * Runs {@code parse} on a fresh virtual thread, bounded by {@link #BOUND}; fails (an {@link
   * AssertionError} naming the input) on a hang or any throwable other than the {@code declared}
   * ones.
   */
  @SafeVarargs
  public static <T> Outcome<T> run(
      Object input, Callable<T> parse, Class<? extends Exception>... declared) {
    CompletableFuture<T> done = new CompletableFuture<>();
    Thread worker =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    done.complete(parse.call());
                  } catch (Throwable t) {
                    done.completeExceptionally(t);
                  }
                });
    try {
      return new Outcome.Parsed<>(done.get(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      worker.interrupt();
      throw new AssertionError("no answer within " + BOUND + " for " + show(input));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      for (Class<? extends Exception> ok : declared) {
        if (ok.isInstance(cause)) {
          return new Outcome.Refused<>((Exception) cause);
        }
      }
      throw new AssertionError("undeclared " + cause + " for " + show(input), cause);
    }
  }

  /** An input in a failure message: text quoted, bytes in hex, cut at 2,000 characters. */
  public static String show(Object input) {
    String s =
        input instanceof byte[] b
            ? "bytes " + java.util.HexFormat.of().formatHex(b)
            : "\"" + input + "\"";
    return s.length() > 2_000 ? s.substring(0, 2_000) + "... (" + s.length() + ")" : s;
  }

  /**
   * Variants of {@code samples}: the samples themselves, cut short, with bytes flipped, inserted,
   * deleted or duplicated, a span repeated (deep nesting where the span opens one), a huge number
   * or a long string spliced in, invalid UTF-8 bytes, and sometimes several of these at once.
   */
  public static Arbitrary<byte[]> mutationsOf(List<byte[]> samples) {
    Arbitrary<byte[]> sample = Arbitraries.of(samples);
    Arbitrary<byte[]> once =
        Combinators.combine(sample, Arbitraries.longs(), Arbitraries.integers().between(0, 11))
            .as((s, seed, kind) -> mutate(s, new java.util.Random(seed), kind));
    Arbitrary<byte[]> twice =
        Combinators.combine(once, Arbitraries.longs(), Arbitraries.integers().between(0, 11))
            .as((s, seed, kind) -> mutate(s, new java.util.Random(seed), kind));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, sample),
        net.jqwik.api.Tuple.of(6, once),
        net.jqwik.api.Tuple.of(3, twice),
        net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)));
  }

  /** {@link #mutationsOf} of UTF-8 text samples, as text (invalid bytes decode as U+FFFD). */
  public static Arbitrary<String> textMutationsOf(List<String> samples) {
    return mutationsOf(samples.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList())
        .map(b -> new String(b, StandardCharsets.UTF_8));
  }

  private static final byte[][] SPLICES = {
    "99999999999999999999999999999999999999".getBytes(StandardCharsets.US_ASCII),
    "-1e999999999".getBytes(StandardCharsets.US_ASCII),
    "1.7976931348623157E309".getBytes(StandardCharsets.US_ASCII),
    {(byte) 0xC3},
    {(byte) 0xFF, (byte) 0xFE},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
    {0},
    "\\u0000\\ud800".getBytes(StandardCharsets.US_ASCII),
    // CBOR heads declaring enormous lengths: byte string, text, array, map
    {0x5B, 0x7F, -1, -1, -1, -1, -1, -1, -1},
    {0x7B, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00},
    {(byte) 0x9B, 0x00, 0x00, 0x00, 0x7F, -1, -1, -1, -1},
    {(byte) 0xBA, 0x7F, -1, -1, -1},
    "%".getBytes(StandardCharsets.US_ASCII),
    "%zz".getBytes(StandardCharsets.US_ASCII),
    "&=&==".getBytes(StandardCharsets.US_ASCII),
    ".member.".getBytes(StandardCharsets.US_ASCII),
  };

  static byte[] mutate(byte[] s, java.util.Random r, int kind) {
    int at = s.length == 0 ? 0 : r.nextInt(s.length + 1);
    return switch (kind) {
      case 0 -> Arrays.copyOf(s, at); // truncation
      case 1 -> { // byte flips
        byte[] out = s.clone();
        for (int i = 0, n = 1 + r.nextInt(4); i < n && out.length > 0; i++) {
          out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
        }
        yield out;
      }
      case 2 -> splice(s, at, at, randomBytes(r, 1 + r.nextInt(8))); // insertion
      case 3 -> splice(s, at, Math.min(s.length, at + 1 + r.nextInt(8)), new byte[0]); // deletion
      case 4 -> { // a span repeated many times: deep nesting when it opens a structure
        int end = Math.min(s.length, at + 1 + r.nextInt(6));
        byte[] span = Arrays.copyOfRange(s, at, end);
        yield splice(s, at, at, repeat(span, 1 + r.nextInt(3_000)));
      }
      case 5, 6 -> splice(s, at, at, SPLICES[r.nextInt(SPLICES.length)]);
      case 7 -> splice(s, at, at, repeat(new byte[] {(byte) ('a' + r.nextInt(26))}, 70_000));
      case 8 -> splice(s, at, at, repeat("[{(".substring(r.nextInt(3)).getBytes(), 5_000));
      case 9 -> { // a byte replaced with a delimiter
        byte[] out = s.clone();
        if (out.length > 0) {
          out[r.nextInt(out.length)] = (byte) "{}[]\"',:=&.%\\ \n\t-?#;/*".charAt(r.nextInt(22));
        }
        yield out;
      }
      case 10 -> { // two halves swapped
        yield splice(
            Arrays.copyOfRange(s, at, s.length),
            s.length - at,
            s.length - at,
            Arrays.copyOf(s, at));
      }
      default -> splice(s, at, at, Arrays.copyOfRange(s, 0, Math.min(s.length, 64)));
    };
  }

  private static byte[] randomBytes(java.util.Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] repeat(byte[] span, int times) {
    byte[] out = new byte[span.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(span, 0, out, i * span.length, span.length);
    }
    return out;
  }

  private static byte[] splice(byte[] s, int from, int to, byte[] insert) {
    byte[] out = new byte[from + insert.length + (s.length - to)];
    System.arraycopy(s, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(s, to, out, from + insert.length, s.length - to);
    return out;
  }

  /**
   * The corpus file {@code resource} on the test class path: one input a line, {@code #} lines and
   * blank lines skipped, {@code \n}, {@code \t}, {@code \\} and {@code \xHH} (a byte) unescaped.
   */
  public static List<byte[]> corpus(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no corpus " + resource);
      }
      List<byte[]> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        out.add(unescape(line));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #corpus} as UTF-8 text. */
  public static List<String> textCorpus(Class<?> owner, String resource) {
    return corpus(owner, resource).stream()
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .toList();
  }

  private static byte[] unescape(String line) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < utf8.length; i++) {
      if (utf8[i] == '\\' && i + 1 < utf8.length) {
        char c = (char) utf8[i + 1];
        if (c == 'n') {
          out.write('\n');
          i++;
          continue;
        }
        if (c == 't') {
          out.write('\t');
          i++;
          continue;
        }
        if (c == '\\') {
          out.write('\\');
          i++;
          continue;
        }
        if (c == 'x' && i + 3 < utf8.length) {
          out.write(Integer.parseInt(new String(utf8, i + 2, 2, StandardCharsets.US_ASCII), 16));
          i += 3;
          continue;
        }
      }
      out.write(utf8[i]);
    }
    return out.toByteArray();
  }
}
