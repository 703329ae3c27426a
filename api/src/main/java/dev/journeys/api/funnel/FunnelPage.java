package dev.journeys.api.funnel;

import dev.journeys.funnel.Funnel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The funnel as one HTML page: a bar chart in inline SVG (entered, each step's messages, converted,
 * attributed; one block of bars per version and arm) and the numbers as a table. No script and
 * nothing fetched from elsewhere, so it works behind any proxy and under a strict CSP.
 */
final class FunnelPage {

  private static final int BAR_HEIGHT = 18;
  private static final int LABEL_WIDTH = 260;
  private static final int BAR_WIDTH = 480;

  private FunnelPage() {}

  /** One bar: a label, a count, and the count it is a share of (entered). */
  private record Bar(String label, long count, long of) {}

  static String render(Funnel funnel) {
    var html = new StringBuilder();
    html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Funnel: ")
        .append(esc(funnel.journey()))
        .append("</title><style>body{font-family:sans-serif;margin:2em}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;")
        .append("text-align:right}th:first-child,td:first-child{text-align:left}</style>")
        .append("</head><body>\n<h1>Funnel: ")
        .append(esc(funnel.journey()))
        .append("</h1>\n<p>A conversion is attributed when it happens within ")
        .append(esc(funnel.attributionWindow().toString()))
        .append(
            " after the enrollment's last message (sent, or withheld from the hold-out).</p>\n");
    html.append(chart(funnel)).append('\n').append(table(funnel)).append("</body></html>\n");
    return html.toString();
  }

  private static String chart(Funnel funnel) {
    List<Object> rows = new ArrayList<>(); // a String heading, or a Bar
    for (Funnel.Group g : funnel.groups()) {
      rows.add(title(g));
      rows.add(new Bar("entered", g.entered(), g.entered()));
      for (Funnel.Stage s : g.steps()) {
        boolean heldOut = s.sent() == 0 && s.heldBack() > 0;
        rows.add(
            new Bar(
                s.step() + (heldOut ? " (held back)" : " (sent)"),
                heldOut ? s.heldBack() : s.sent(),
                g.entered()));
      }
      rows.add(new Bar("converted", g.converted(), g.entered()));
      rows.add(new Bar("converted, attributed", g.attributed(), g.entered()));
      rows.add(new Bar("exited", g.exited(), g.entered()));
    }
    int height = rows.size() * (BAR_HEIGHT + 4) + 8;
    var svg = new StringBuilder();
    svg.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" id=\"funnel-chart\" width=\"")
        .append(LABEL_WIDTH + BAR_WIDTH + 120)
        .append("\" height=\"")
        .append(height)
        .append("\" font-size=\"12\"><title>Funnel of ")
        .append(esc(funnel.journey()))
        .append("</title>");
    int y = 4;
    for (Object row : rows) {
      if (row instanceof String heading) {
        svg.append(text(4, y + 13, heading, "bold"));
      } else {
        Bar bar = (Bar) row;
        double share = bar.of() == 0 ? 0 : (double) bar.count() / bar.of();
        int width = (int) Math.round(share * BAR_WIDTH);
        svg.append(text(16, y + 13, bar.label(), "normal"))
            .append("<rect class=\"bar\" x=\"")
            .append(LABEL_WIDTH)
            .append("\" y=\"")
            .append(y)
            .append("\" width=\"")
            .append(width)
            .append("\" height=\"")
            .append(BAR_HEIGHT)
            .append("\" fill=\"#3b78c4\"><title>")
            .append(esc(bar.label() + ": " + bar.count()))
            .append("</title></rect>")
            .append(
                text(
                    LABEL_WIDTH + width + 6,
                    y + 13,
                    bar.count() + String.format(Locale.ROOT, " (%.1f%%)", share * 100),
                    "normal"));
      }
      y += BAR_HEIGHT + 4;
    }
    return svg.append("</svg>").toString();
  }

  private static String table(Funnel funnel) {
    var t = new StringBuilder("<table><tr><th>version / arm</th><th>entered</th><th>running</th>");
    t.append("<th>converted</th><th>attributed</th><th>exited</th><th>completed</th>")
        .append("<th>cancelled</th><th>conversion</th></tr>");
    for (Funnel.Group g : funnel.groups()) {
      t.append("<tr><td>")
          .append(esc(title(g)))
          .append("</td>")
          .append(cells(g.entered(), g.running(), g.converted(), g.attributed()))
          .append(cells(g.exited(), g.completed(), g.cancelled()))
          .append(String.format(Locale.ROOT, "<td>%.2f%%</td></tr>", g.conversionRate() * 100));
    }
    return t.append("</table>").toString();
  }

  private static String title(Funnel.Group g) {
    return "version "
        + g.version()
        + (g.experiment() == null ? ": all enrollments" : ": " + g.experiment() + " = " + g.arm());
  }

  private static String cells(long... values) {
    var s = new StringBuilder();
    for (long v : values) {
      s.append("<td>").append(v).append("</td>");
    }
    return s.toString();
  }

  private static String text(int x, int y, String content, String weight) {
    return "<text x=\""
        + x
        + "\" y=\""
        + y
        + "\" font-weight=\""
        + weight
        + "\">"
        + esc(content)
        + "</text>";
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
