package dev.outlet.local.sam;

/** A template Outlet cannot use, with a message naming the file, the place and the fix. */
public final class TemplateException extends Exception {
  private static final long serialVersionUID = 1L;

  public TemplateException(String message) {
    super(message);
  }
}
