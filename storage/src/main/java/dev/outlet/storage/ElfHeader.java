package dev.outlet.storage;

import dev.outlet.core.Architecture;

/**
 * The few fields of an ELF header that decide whether Lambda can exec a binary. Immutable.
 *
 * @param bigEndian {@code EI_DATA} is 2 (Lambda's machines are little-endian)
 * @param type {@code e_type}: 2 executable, 3 shared object (PIE executables are this too)
 * @param machine {@code e_machine}
 */
record ElfHeader(boolean bigEndian, int type, int machine) {
  static final int EM_386 = 3;
  static final int EM_ARM = 40;
  static final int EM_X86_64 = 62;
  static final int EM_AARCH64 = 183;

  private static final int ET_EXEC = 2;
  private static final int ET_DYN = 3;

  /** Bytes needed to read {@code e_machine}. */
  static final int MIN_LENGTH = 20;

  static boolean hasMagic(byte[] head, int length) {
    return length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
  }

  /** Parses a header that {@link #hasMagic has the magic}; null when it is cut short. */
  static ElfHeader parse(byte[] head, int length) {
    if (length < MIN_LENGTH) {
      return null;
    }
    boolean bigEndian = head[5] == 2;
    return new ElfHeader(bigEndian, u16(head, 16, bigEndian), u16(head, 18, bigEndian));
  }

  boolean executable() {
    return type == ET_EXEC || type == ET_DYN;
  }

  /** The Lambda architecture this binary runs on, or null when Lambda has none for it. */
  Architecture architecture() {
    if (bigEndian) {
      return null;
    }
    return switch (machine) {
      case EM_X86_64 -> Architecture.X86_64;
      case EM_AARCH64 -> Architecture.ARM64;
      default -> null;
    };
  }

  /** How people name the machine: "aarch64", "i386 (32-bit x86)", "machine 8". */
  String machineName() {
    String name =
        switch (machine) {
          case EM_X86_64 -> "x86-64";
          case EM_AARCH64 -> "aarch64";
          case EM_386 -> "i386 (32-bit x86)";
          case EM_ARM -> "ARM (32-bit)";
          default -> "machine " + machine;
        };
    return bigEndian ? "big-endian " + name : name;
  }

  private static int u16(byte[] b, int offset, boolean bigEndian) {
    int first = b[offset] & 0xff;
    int second = b[offset + 1] & 0xff;
    return bigEndian ? (first << 8) | second : (second << 8) | first;
  }
}
