package dev.outlet.server;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The CloudWatch metrics calls {@code outlet stats} makes, in the query protocol the AWS CLI uses
 * (form-encoded POST, XML reply): ListMetrics for the function names, GetMetricData for one value
 * per query over a whole window. Blocking; not thread-safe.
 */
final class CloudWatchQueries {
  /** One MetricStat query: a metric of a function (or the account, for null) and a statistic. */
  record Query(String id, String function, String metric, String stat) {}

  private final EndpointClient client;

  CloudWatchQueries(EndpointClient client) {
    this.client = client;
  }

  /** The functions with AWS/Lambda metrics in the last two weeks, by name. */
  List<String> functions() throws EndpointClient.CliException {
    Document doc = call(Map.of("Action", "ListMetrics", "Namespace", "AWS/Lambda"));
    TreeSet<String> names = new TreeSet<>();
    NodeList dims = doc.getElementsByTagName("Dimensions");
    for (int i = 0; i < dims.getLength(); i++) {
      List<Element> members = children((Element) dims.item(i), "member");
      if (members.size() == 1 && text(members.get(0), "Name").equals("FunctionName")) {
        names.add(text(members.get(0), "Value"));
      }
    }
    return new ArrayList<>(names);
  }

  /**
   * Each query's value over {@code [start, end)} as one period, or absent when it has no data.
   *
   * @param start and {@code end}: whole minutes
   */
  Map<String, Double> values(List<Query> queries, Instant start, Instant end)
      throws EndpointClient.CliException {
    Map<String, Double> out = new HashMap<>();
    long period = end.getEpochSecond() - start.getEpochSecond();
    for (int from = 0; from < queries.size(); from += 500) {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("Action", "GetMetricData");
      form.put("Version", "2010-08-01");
      form.put("StartTime", start.toString());
      form.put("EndTime", end.toString());
      List<Query> chunk = queries.subList(from, Math.min(queries.size(), from + 500));
      for (int i = 0; i < chunk.size(); i++) {
        Query q = chunk.get(i);
        String p = "MetricDataQueries.member." + (i + 1) + ".";
        form.put(p + "Id", q.id());
        form.put(p + "MetricStat.Metric.Namespace", "AWS/Lambda");
        form.put(p + "MetricStat.Metric.MetricName", q.metric());
        if (q.function() != null) {
          form.put(p + "MetricStat.Metric.Dimensions.member.1.Name", "FunctionName");
          form.put(p + "MetricStat.Metric.Dimensions.member.1.Value", q.function());
        }
        form.put(p + "MetricStat.Period", Long.toString(period));
        form.put(p + "MetricStat.Stat", q.stat());
      }
      NodeList results = call(form).getElementsByTagName("MetricDataResults");
      for (Element r :
          results.getLength() == 0
              ? List.<Element>of()
              : children((Element) results.item(0), "member")) {
        List<Element> values = children(children(r, "Values").get(0), "member");
        if (!values.isEmpty()) {
          out.put(text(r, "Id"), Double.parseDouble(values.get(0).getTextContent()));
        }
      }
    }
    return out;
  }

  private Document call(Map<String, String> form) throws EndpointClient.CliException {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    EndpointClient.Response r =
        client.post(
            "monitoring",
            "application/x-www-form-urlencoded; charset=utf-8",
            null,
            body.toString());
    Document doc;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      doc =
          f.newDocumentBuilder()
              .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new EndpointClient.CliException(
          "unexpected reply from Outlet's CloudWatch API: HTTP " + r.status());
    }
    if (r.status() != 200) {
      Element root = doc.getDocumentElement();
      throw new EndpointClient.CliException(
          "Outlet's CloudWatch API refused the query: "
              + text(root, "Code")
              + " "
              + text(root, "Message"));
    }
    return doc;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element parent, String name) {
    NodeList nodes = parent.getElementsByTagName(name);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
  }
}
