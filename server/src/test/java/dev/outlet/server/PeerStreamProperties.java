package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A streamed answer's frames on the peer hop (reachable from the network): read back whatever way
 * the network cuts them; any byte changed, a frame dropped or moved to another request, a stream
 * cut short, or noise is {@link PeerStream.Event.Invalid} and never an end nor an exception.
 */
class PeerStreamProperties {
  private static final PeerWire.Key KEY =
      new PeerWire.Key("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
  private static final String ID = "8f2c1d4e-0000-4000-8000-000000000001";

  /** A stream of {@code pieces} then an end of {@code fields} and {@code body}, as written. */
  private static byte[] stream(
      String id, List<byte[]> pieces, Map<String, String> fields, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long seq = 0;
    for (byte[] piece : pieces) {
      for (int at = 0; at < piece.length; at += PeerStream.MAX_DATA) {
        int n = Math.min(PeerStream.MAX_DATA, piece.length - at);
        out.writeBytes(PeerStream.frame(KEY, id, seq++, PeerStream.DATA, piece, at, n));
      }
    }
    byte[] end = PeerStream.end(fields, body);
    out.writeBytes(PeerStream.frame(KEY, id, seq, PeerStream.END, end, 0, end.length));
    return out.toByteArray();
  }

  private static List<PeerStream.Event> read(byte[] stream, List<Integer> cuts) {
    List<PeerStream.Event> events = new ArrayList<>();
    PeerStream.Reader reader = new PeerStream.Reader(KEY, ID, events::add);
    int at = 0;
    int i = 0;
    while (at < stream.length) {
      int n =
          Math.min(
              stream.length - at, cuts.isEmpty() ? stream.length : cuts.get(i++ % cuts.size()));
      reader.feed(Arrays.copyOfRange(stream, at, at + n));
      at += n;
    }
    reader.closed("the test's end");
    return events;
  }

  private static Map<String, String> fields() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put(PeerStreamWriter.STATUS, "200");
    f.put(PeerWire.OUTCOME, "success");
    f.put(PeerWire.LOG, "");
    return f;
  }

  @Property(tries = 300)
  void whatWasWrittenIsReadHoweverTheNetworkCutsIt(
      @ForAll @Size(max = 6) List<@Size(max = 3000) byte[]> pieces,
      @ForAll @Size(max = 500) byte[] body,
      @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 700) Integer> cuts) {
    List<PeerStream.Event> events = read(stream(ID, pieces, fields(), body), cuts);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (PeerStream.Event e : events.subList(0, events.size() - 1)) {
      assertThat(e).isInstanceOf(PeerStream.Event.Data.class);
      data.writeBytes(((PeerStream.Event.Data) e).bytes());
    }
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    pieces.forEach(written::writeBytes);
    assertThat(data.toByteArray()).isEqualTo(written.toByteArray());
    assertThat(events.getLast())
        .isInstanceOfSatisfying(
            PeerStream.Event.End.class,
            end -> {
              assertThat(end.fields()).isEqualTo(fields());
              assertThat(end.body()).isEqualTo(body);
            });
  }

  @Property(tries = 1000)
  void aChangedByteIsFoundAndNeverEndsTheStream(
      @ForAll @Size(min = 1, max = 4) List<@Size(min = 1, max = 300) byte[]> pieces,
      @ForAll @IntRange(min = 0, max = 100_000) int where,
      @ForAll @IntRange(min = 1, max = 255) int flip,
      @ForAll @Size(max = 5) List<@IntRange(min = 1, max = 100) Integer> cuts) {
    byte[] s = stream(ID, pieces, fields(), new byte[] {'{', '}'});
    s[where % s.length] ^= (byte) flip;
    List<PeerStream.Event> events = read(s, cuts);
    assertThat(events.getLast()).isInstanceOf(PeerStream.Event.Invalid.class);
    assertThat(events).noneMatch(PeerStream.Event.End.class::isInstance);
  }

  @Property(tries = 300)
  void aStreamCutShortOrAFrameDroppedIsInvalid(
      @ForAll @Size(min = 2, max = 5) List<@Size(min = 1, max = 200) byte[]> pieces,
      @ForAll @IntRange(min = 0, max = 10_000) int cutAt) {
    byte[] whole = stream(ID, pieces, fields(), new byte[0]);
    byte[] cut = Arrays.copyOf(whole, cutAt % whole.length);
    assertThat(read(cut, List.of()).getLast()).isInstanceOf(PeerStream.Event.Invalid.class);
    int first = PeerStream.HEAD + pieces.getFirst().length; // the first frame left out
    byte[] dropped = Arrays.copyOfRange(whole, first, whole.length);
    assertThat(read(dropped, List.of()).getFirst()).isInstanceOf(PeerStream.Event.Invalid.class);
  }

  @Property(tries = 200)
  void framesOfAnotherRequestAreInvalid(@ForAll @Size(min = 1, max = 200) byte[] piece) {
    byte[] other = stream("another-request", List.of(piece), fields(), new byte[0]);
    List<PeerStream.Event> events = read(other, List.of());
    assertThat(events).hasSize(1).first().isInstanceOf(PeerStream.Event.Invalid.class);
  }

  @Property(tries = 1000)
  void noiseIsInvalidOrAwaitedNeverAnException(
      @ForAll @Size(max = 400) byte[] noise,
      @ForAll @Size(max = 4) List<@IntRange(min = 1, max = 64) Integer> cuts) {
    List<PeerStream.Event> events = read(noise, cuts);
    assertThat(events).allMatch(PeerStream.Event.Invalid.class::isInstance);
  }

  @Property(tries = 50)
  void aLengthPastItsKindsLimitIsRefusedBeforeItIsBuffered(
      @ForAll @IntRange(min = PeerStream.MAX_DATA + 1) int length) {
    byte[] head = new byte[PeerStream.HEAD];
    head[0] = PeerStream.DATA;
    ByteBuffer.wrap(head, 1, 4).putInt(length);
    List<PeerStream.Event> events = new ArrayList<>();
    new PeerStream.Reader(KEY, ID, events::add).feed(head);
    assertThat(events).singleElement().isInstanceOf(PeerStream.Event.Invalid.class);
  }
}
