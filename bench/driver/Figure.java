/**
 * One measured figure: Outlet's samples, the baseline measured in the same run (or null), and the
 * issue's target where there is one. {@code ratio} is Outlet's median over the baseline's.
 *
 * @param target the target as text ("<= 250 us"), or null
 * @param met whether Outlet's figure meets the target (null without a target)
 */
record Figure(
    String scenario,
    String name,
    String unit,
    Stats outlet,
    String baselineName,
    Stats baseline,
    String target,
    Boolean met,
    String note) {

  Double ratio() {
    return baseline == null || baseline.median() == 0 ? null : outlet.median() / baseline.median();
  }

  Figure withTarget(String text, boolean ok) {
    return new Figure(scenario, name, unit, outlet, baselineName, baseline, text, ok, note);
  }

  Figure withNote(String text) {
    return new Figure(scenario, name, unit, outlet, baselineName, baseline, target, met, text);
  }

  static Figure of(String scenario, String name, String unit, Stats outlet) {
    return new Figure(scenario, name, unit, outlet, null, null, null, null, null);
  }

  static Figure against(
      String scenario, String name, String unit, Stats outlet, String baselineName, Stats base) {
    return new Figure(scenario, name, unit, outlet, baselineName, base, null, null, null);
  }

  String json() {
    StringBuilder b = new StringBuilder("{");
    b.append("\"scenario\":").append(Json.str(scenario));
    b.append(",\"figure\":").append(Json.str(name));
    b.append(",\"unit\":").append(Json.str(unit));
    b.append(",\"outlet\":").append(outlet.json());
    if (baseline != null) {
      b.append(",\"baseline\":{\"name\":").append(Json.str(baselineName));
      b.append(",\"stats\":").append(baseline.json()).append('}');
      b.append(",\"ratio\":").append(Json.num(ratio()));
    }
    if (target != null) {
      b.append(",\"target\":").append(Json.str(target)).append(",\"target_met\":").append(met);
    }
    if (note != null) {
      b.append(",\"note\":").append(Json.str(note));
    }
    return b.append('}').toString();
  }
}
