package dev.outlet.core.writer;

/** An append or task refused because its {@link DurableWriter} is closed or closing. */
public final class WriterClosedException extends IllegalStateException {

  /**
   * @param store the store's name as users know it, e.g. {@code metrics.db}
   */
  public WriterClosedException(String store) {
    super(store + " is closed");
  }
}
