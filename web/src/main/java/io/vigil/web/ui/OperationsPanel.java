package io.vigil.web.ui;

import io.vigil.web.operations.Operations;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The dashboard's operations panel: version, database, the archive's growth and the outbox, ready to print. */
public record OperationsPanel(
        String version,
        boolean embedded,
        String databaseWhere,
        String serverVersion,
        String databaseSize,
        long articles,
        String archiveSize,
        List<ShelfLine> shelves,
        String keep,
        List<DayBar> days,
        long lastDay,
        long pending,
        long dead,
        Instant oldestPending) {

    static final int WIDTH = 280;
    static final int HEIGHT = 40;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    /** One day's bar of the articles-per-day chart. */
    public record DayBar(int x, int y, int width, int height, String label) {}

    /** One partition of the archive: a month ({@code 2026-12}), "kept" or "default", and its size on disk. */
    public record ShelfLine(String label, String size) {}

    public OperationsPanel {
        days = List.copyOf(days);
        shelves = List.copyOf(shelves);
    }

    static OperationsPanel of(Operations.Status status) {
        List<Operations.DayCount> perDay = status.perDay();
        long most = Math.max(1, status.busiestDay());
        int slot = WIDTH / Math.max(1, perDay.size());
        List<DayBar> bars = new ArrayList<>();
        for (int i = 0; i < perDay.size(); i++) {
            Operations.DayCount day = perDay.get(i);
            int height = (int) Math.round((HEIGHT - 2) * (double) day.articles() / most);
            bars.add(new DayBar(
                    i * slot,
                    HEIGHT - height,
                    slot - 2,
                    height,
                    DAY.format(day.day()) + ": " + day.articles() + " article" + (day.articles() == 1 ? "" : "s")));
        }
        return new OperationsPanel(
                status.version(),
                status.database().embedded(),
                status.database().where(),
                status.database().serverVersion(),
                size(status.database().sizeBytes()),
                status.articles(),
                size(status.archiveBytes()),
                status.shelves().stream()
                        .map(shelf -> new ShelfLine(
                                shelf.month()
                                        .map(month -> month.toString().substring(0, 7))
                                        .orElse(shelf.name().replace("article_", "")),
                                size(shelf.bytes())))
                        .toList(),
                status.keep(),
                bars,
                perDay.isEmpty() ? 0 : perDay.getLast().articles(),
                status.pending(),
                status.dead(),
                status.oldestPending());
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f kB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
