package dev.outlet.sandbox;

/**
 * Where a streamed response goes as the runtime sends it ({@code Lambda-Runtime-Function-Response-
 * Mode: streaming}) when its caller reads it as a stream (InvokeWithResponseStream): the bytes, in
 * order, on the runtime connection's thread. How the stream ended arrives as the invocation's
 * result, after the last bytes.
 */
public interface ResponseStream {
  /** The runtime began its response, of {@code contentType}: called once, before any bytes. */
  void begin(String contentType);

  /** The next bytes of the response. */
  void write(byte[] bytes);

  /** Whether the reader cannot take more now: the runtime is paused until {@link #whenDrained}. */
  boolean full();

  /** Runs {@code resume} once the reader can take more. */
  void whenDrained(Runnable resume);
}
