import java.util.List;
import java.util.Locale;

/** The human-readable table bench/run prints at the end. */
final class Table {
  private Table() {}

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String render(List<Figure> figures) {
    String fmt = "%-8s %-46s %-5s %26s %10s %7s  %s%n";
    StringBuilder b = new StringBuilder();
    b.append(String.format(fmt, "scenario", "figure", "unit", "Outlet min / median / p99",
        "baseline", "ratio", "target"));
    for (Figure f : figures) {
      Stats s = f.outlet();
      String three = s.n() == 1
          ? num(s.median())
          : num(s.min()) + " / " + num(s.median()) + " / " + num(s.p99());
      String target = f.target() == null ? "" : f.target() + (f.met() ? "  met" : "  MISSED");
      b.append(String.format(fmt, f.scenario(), f.name(), f.unit(), three,
          f.baseline() == null ? "" : num(f.baseline().median()),
          f.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", f.ratio()), target));
    }
    return b.toString();
  }
}
