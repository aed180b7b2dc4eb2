package dev.outlet.runtimes;

/** A language whose runtime loop Outlet ships. */
public enum Family {
  PYTHON("python", "Python"),
  NODEJS("nodejs", "Node.js"),
  JAVA("java", "Java");

  private final String folder;
  private final String label;

  Family(String folder, String label) {
    this.folder = folder;
    this.label = label;
  }

  /** The folder of the runtime's files (under Outlet's runtimes) and its name in runtime ids. */
  public String folder() {
    return folder;
  }

  public String label() {
    return label;
  }
}
