package dev.outlet.core;

/** Lambda's published quotas, in bytes where sizes (lambda-contract.md §1.7, §2.6). */
public final class Limits {
  public static final int SYNC_PAYLOAD = 6 * 1024 * 1024;
  public static final int ASYNC_PAYLOAD = 1024 * 1024;
  public static final int RESPONSE_PAYLOAD = SYNC_PAYLOAD + 100;

  /**
   * A streamed response (InvokeWithResponseStream, Function URLs in RESPONSE_STREAM mode): 200 MB.
   */
  public static final long STREAMED_RESPONSE = 200L * 1024 * 1024;

  public static final long ZIPPED_CODE = 50L * 1024 * 1024;
  public static final long UNZIPPED_CODE = 250L * 1024 * 1024;
  public static final long CREATE_REQUEST = 70_167_211L;
  public static final int ENVIRONMENT = 4096;
  public static final int LOG_TAIL = 4096;
  public static final int MIN_MEMORY = 128;
  public static final int MAX_MEMORY = 10240;
  public static final int MIN_TIMEOUT = 1;
  public static final int MAX_TIMEOUT = 900;
  public static final int MIN_EPHEMERAL = 512;
  public static final int MAX_EPHEMERAL = 10240;
  public static final int MIN_UNRESERVED_CONCURRENCY = 100;
  public static final long TOTAL_CODE_SIZE = 80_530_636_800L;

  private Limits() {}
}
