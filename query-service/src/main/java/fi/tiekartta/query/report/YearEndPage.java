package fi.tiekartta.query.report;

import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the year-end template shows, worked out from one {@link YearEnd}: the texts, the numbers and the geometry of
 * the chart, so that the template only places them (and escapes every one). Nothing in it depends on the clock.
 *
 * @param pdf     true when the page is made for the PDF renderer, which draws the chart with boxes instead of SVG
 * @param address the path that reproduces this report, shown in its footer
 */
record YearEndPage(boolean pdf, int year, String day, String knownAt, String digest, String address, Chart chart,
                   List<CountsPart> counts, List<SectorPart> sectors, Definitions definitions) {

    /**
     * At most this many status columns in one counts table, so that with the sector and total columns it fits
     * the width of an A4 page in portrait; more statuses continue in a second table with the same rows.
     */
    static final int STATUS_COLUMNS_PER_TABLE = 5;

    private static final Map<ProjectStatus, String> COLOURS = new EnumMap<>(Map.of(
            ProjectStatus.NOT_STARTED, "#8a8a8a",
            ProjectStatus.POSTPONED, "#b86e00",
            ProjectStatus.WAITING, "#c9a227",
            ProjectStatus.PLANNED, "#5b8fc7",
            ProjectStatus.INVESTIGATING, "#7d68b8",
            ProjectStatus.IN_PROGRESS, "#1f63a3",
            ProjectStatus.IN_USE, "#2e7d4f",
            ProjectStatus.DONE, "#1b5e20",
            ProjectStatus.MERGED, "#5f7480",
            ProjectStatus.NOT_NEEDED, "#a33b38"));

    private static final int BAR_MAX = 360;
    private static final int LABEL_WIDTH = 170;
    private static final int ROW_HEIGHT = 26;

    static YearEndPage of(YearEnd report, String address, boolean pdf) {
        String day = finnish(report.asOf());
        Map<String, Integer> counts = report.countsByStatus();
        List<SectorPart> sectors = new ArrayList<>();
        for (int i = 0; i < report.sectors().size(); i++) {
            YearEnd.SectorYear sector = report.sectors().get(i);
            sectors.add(new SectorPart("toimiala-" + (i + 1), sector.sector().label(),
                                       sector.projects().stream().map(YearEndPage::row).toList()));
        }
        return new YearEndPage(pdf, report.year(), day, report.knownAt().toString(), report.digest(), address,
                               counts.isEmpty() ? null : chart(counts), countsParts(report, counts), sectors,
                               new Definitions(labels(ProjectStatus.IN_PROGRESS, ProjectStatus.IN_USE, ProjectStatus.DONE),
                                               ProjectStatus.DONE.finnishLabel(), ProjectStatus.POSTPONED.finnishLabel(),
                                               labels(ProjectStatus.NOT_NEEDED, ProjectStatus.MERGED),
                                               labels(ProjectStatus.DONE, ProjectStatus.NOT_NEEDED, ProjectStatus.MERGED)));
    }

    /** Horizontal bars, one per status that has projects; the counts table carries the same numbers. */
    record Chart(int width, int height, String description, List<Bar> bars) {
    }

    /**
     * One bar: SVG coordinates for the page, and its length in percent of the longest for the PDF's boxes.
     */
    record Bar(String label, int count, String colour, int labelX, int textY, int barX, int barY, int barWidth,
               int countX, int percent) {
    }

    /** One counts table: some of the status columns, every sector as a row, and the totals row. */
    record CountsPart(String caption, List<String> statuses, boolean withTotal, List<CountsRow> rows, CountsRow totals) {
    }

    record CountsRow(String label, List<Integer> counts, int total) {
    }

    record SectorPart(String id, String label, List<ProjectRow> projects) {
    }

    record ProjectRow(String projectId, String title, String status, String plannedEndYear, String started,
                      String completed, String postponed, String dropped, String overdue) {
    }

    /** The status names the definitions speak of, as the vocabulary spells them. */
    record Definitions(String started, String completed, String postponed, String dropped, String notOverdue) {
    }

    private static Chart chart(Map<String, Integer> counts) {
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Bar> bars = new ArrayList<>();
        List<String> description = new ArrayList<>();
        int row = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            ProjectStatus status = ProjectStatus.valueOf(entry.getKey());
            int y = 4 + row * ROW_HEIGHT;
            int bar = Math.max(2, entry.getValue() * BAR_MAX / max);
            bars.add(new Bar(status.finnishLabel(), entry.getValue(), COLOURS.get(status), LABEL_WIDTH - 8, y + 15,
                             LABEL_WIDTH, y + 2, bar, LABEL_WIDTH + bar + 6, Math.max(1, entry.getValue() * 100 / max)));
            description.add(status.finnishLabel() + " " + entry.getValue());
            row++;
        }
        return new Chart(LABEL_WIDTH + BAR_MAX + 60, counts.size() * ROW_HEIGHT + 8, String.join(", ", description), bars);
    }

    private static List<CountsPart> countsParts(YearEnd report, Map<String, Integer> counts) {
        List<String> statuses = List.copyOf(counts.keySet());
        int parts = Math.max(1, (statuses.size() + STATUS_COLUMNS_PER_TABLE - 1) / STATUS_COLUMNS_PER_TABLE);
        int perPart = (statuses.size() + parts - 1) / parts;
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        String caption = "Hankkeiden määrät toimialoittain ja tiloittain " + finnish(report.asOf());
        List<CountsPart> tables = new ArrayList<>();
        for (int part = 0; part < parts && !statuses.isEmpty(); part++) {
            List<String> columns = statuses.subList(part * perPart, Math.min(statuses.size(), (part + 1) * perPart));
            List<CountsRow> rows = report.sectors().stream().map(s -> new CountsRow(
                    s.sector().label(), columns.stream().map(c -> s.countsByStatus().getOrDefault(c, 0)).toList(),
                    s.projects().size())).toList();
            tables.add(new CountsPart(parts == 1 ? caption : caption + " (" + (part + 1) + "/" + parts + ")",
                                      columns.stream().map(c -> ProjectStatus.valueOf(c).finnishLabel()).toList(),
                                      part == parts - 1, rows,
                                      new CountsRow("Yhteensä", columns.stream().map(counts::get).toList(), total)));
        }
        return tables;
    }

    private static ProjectRow row(ProjectYear project) {
        Postponement postponed = project.postponed();
        return new ProjectRow(project.projectId(), project.title(), project.status().finnishLabel(),
                              project.plannedEndYear() == null ? "" : project.plannedEndYear().toString(),
                              yesNo(project.started()), yesNo(project.completed()),
                              postponed == null ? "ei" : "vuodesta " + year(postponed.fromYear())
                                                         + " vuoteen " + year(postponed.toYear()),
                              yesNo(project.dropped()), yesNo(project.overdue()));
    }

    private static String labels(ProjectStatus... statuses) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < statuses.length; i++) {
            text.append(i == 0 ? "" : i == statuses.length - 1 ? " tai " : ", ").append(statuses[i].finnishLabel());
        }
        return text.toString();
    }

    static String finnish(LocalDate day) {
        return day.getDayOfMonth() + "." + day.getMonthValue() + "." + day.getYear();
    }

    private static String year(Integer year) {
        return year == null ? "?" : year.toString();
    }

    private static String yesNo(boolean value) {
        return value ? "kyllä" : "ei";
    }
}
