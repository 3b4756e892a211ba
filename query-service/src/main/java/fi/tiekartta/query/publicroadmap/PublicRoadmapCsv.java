package fi.tiekartta.query.publicroadmap;

import fi.tiekartta.query.csv.SpreadsheetCsv;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The public roadmap as a spreadsheet ({@link SpreadsheetCsv}), one row per project, sectors in the configured
 * order and projects by id. The header row names the JSON fields, so that both formats read the same to a program.
 */
final class PublicRoadmapCsv {

    static final List<String> HEADER = List.of(
            "asOf", "sector", "sectorLabel", "projectId", "title", "plannedStartYear", "plannedEndYear", "status",
            "statusLabel", "progressPercent", "targetYear", "scheduledFor", "effectiveDate", "units");

    private PublicRoadmapCsv() {
    }

    static byte[] render(PublicRoadmap roadmap) {
        List<String[]> rows = new ArrayList<>();
        for (PublicRoadmap.Sector sector : roadmap.sectors()) {
            for (PublicProject project : sector.projects()) {
                rows.add(new String[]{
                        roadmap.asOf().toString(), sector.sector(), sector.label(), project.projectId(),
                        SpreadsheetCsv.text(project.title()), SpreadsheetCsv.value(project.plannedStartYear()),
                        SpreadsheetCsv.value(project.plannedEndYear()), project.status().name(), project.statusLabel(),
                        SpreadsheetCsv.value(project.progressPercent()), SpreadsheetCsv.value(project.targetYear()),
                        SpreadsheetCsv.text(project.scheduledFor()), SpreadsheetCsv.value(project.effectiveDate()),
                        SpreadsheetCsv.text(units(project.units()))});
            }
        }
        return SpreadsheetCsv.write(HEADER, rows);
    }

    /** {@code VAKA: IN_PROGRESS 50 % → 2025 | KOULUT: DONE}: one cell, readable, and the JSON has the structure. */
    private static String units(List<PublicProject.Unit> units) {
        return units.stream().map(u -> u.unit() + ": " + u.status().name()
                                       + (u.progressPercent() == null ? "" : " " + u.progressPercent() + " %")
                                       + (u.targetYear() == null ? "" : " → " + u.targetYear()))
                    .collect(Collectors.joining(" | "));
    }
}
