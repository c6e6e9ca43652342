package org.urad.envmon.ingest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.urad.envmon.ingest.metrics.Stage;

/** The p50 / p99 of each stage of the path, one column pair per service run, printed after the main table. */
final class StageTable {

    private record Column(String name, ServiceStage.Latency latency) {}

    private final List<Column> columns = new ArrayList<>();

    void add(String name, ServiceStage.Latency latency) {
        columns.add(new Column(name, latency));
    }

    String markdown() {
        if (columns.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n| stage (latency window, 50 % load), ms |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Column c : columns) {
            out.append(" ").append(c.name()).append(" p50 | ").append(c.name()).append(" p99 |");
            rule.append("---:|---:|");
        }
        out.append("\n").append(rule).append("\n");
        for (Stage s : Stage.values()) {
            out.append("| ").append(s.tag()).append(" |");
            for (Column c : columns) {
                out.append(" ")
                        .append(ms(c.latency().p50Millis()[s.ordinal()]))
                        .append(" | ")
                        .append(ms(c.latency().p99Millis()[s.ordinal()]))
                        .append(" |");
            }
            out.append("\n");
        }
        return out.toString();
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.0f", v);
    }
}
