package io.vigil.web.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A chart of articles (bars) and alerts (a line) per hour, laid out here so the template draws plain SVG shapes — no
 * script, no inline style, nothing a content security policy would block.
 *
 * @param width the drawing's width in SVG units
 * @param height the drawing's height in SVG units
 * @param bars one bar per hour with articles
 * @param alertLine the alert line's points ({@code x,y x,y …}), empty when there were no alerts
 * @param ticks day labels along the bottom
 * @param maxArticles the articles of the busiest hour, the top of the scale
 * @param totalArticles articles in the whole period
 * @param totalAlerts alerts in the whole period
 * @param summary the chart in words, for screen readers
 */
public record HourlyChart(
        int width,
        int height,
        List<Bar> bars,
        String alertLine,
        List<Tick> ticks,
        long maxArticles,
        long totalArticles,
        long totalAlerts,
        String summary) {

    /** One hour's bar. */
    public record Bar(double x, double y, double width, double height, String label) {}

    /** A label under the chart. */
    public record Tick(double x, String label) {
        public double labelX() {
            return x + 3;
        }
    }

    static final int WIDTH = 720;
    static final int HEIGHT = 160;
    static final int AXIS = 18;

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("EEE d MMM").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("EEE d MMM HH:00").withZone(ZoneOffset.UTC);

    /** Lays out {@code hours} hours up to {@code now}, from counts keyed by the start of their hour (UTC). */
    public static HourlyChart of(Instant now, int hours, Map<Instant, Long> articles, Map<Instant, Long> alerts) {
        Instant end = now.truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(Duration.ofHours(hours - 1L));
        long max = Math.max(
                1,
                Math.max(
                        articles.values().stream()
                                .mapToLong(Long::longValue)
                                .max()
                                .orElse(0),
                        alerts.values().stream()
                                .mapToLong(Long::longValue)
                                .max()
                                .orElse(0)));
        double slot = (double) WIDTH / hours;
        double plot = HEIGHT - AXIS;
        List<Bar> bars = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        long totalArticles = 0;
        long totalAlerts = 0;
        for (int i = 0; i < hours; i++) {
            Instant hour = start.plus(Duration.ofHours(i));
            long count = articles.getOrDefault(hour, 0L);
            long alertCount = alerts.getOrDefault(hour, 0L);
            totalArticles += count;
            totalAlerts += alertCount;
            double x = i * slot;
            if (count > 0) {
                double h = Math.max(1, plot * count / max);
                bars.add(new Bar(
                        round(x + slot * 0.1),
                        round(plot - h),
                        round(slot * 0.8),
                        round(h),
                        HOUR.format(hour) + ": " + count + " articles, " + alertCount + " alerts"));
            }
            if (!alerts.isEmpty()) {
                line.append(round(x + slot / 2))
                        .append(',')
                        .append(round(plot - plot * alertCount / max))
                        .append(' ');
            }
            if (hour.atZone(ZoneOffset.UTC).getHour() == 0 && x < WIDTH - 70) {
                ticks.add(new Tick(round(x), DAY.format(hour)));
            }
        }
        String summary = totalArticles + " articles and " + totalAlerts + " alerts in the last " + hours
                + " hours; the busiest hour had "
                + articles.values().stream().mapToLong(Long::longValue).max().orElse(0)
                + " articles";
        return new HourlyChart(
                WIDTH, HEIGHT, bars, line.toString().strip(), ticks, max, totalArticles, totalAlerts, summary);
    }

    /** The y coordinate of the plot's bottom line. */
    public int baseline() {
        return HEIGHT - AXIS;
    }

    /** Where a day tick ends, just under the baseline. */
    public int tickBottom() {
        return baseline() + 4;
    }

    /** The y coordinate of the day labels. */
    public int labelY() {
        return height - 4;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
