package fi.tiekartta.query.round;

import fi.tiekartta.query.csv.SpreadsheetCsv;
import fi.tiekartta.query.projects.ProjectView;
import fi.tiekartta.query.projects.StoredView;
import fi.tiekartta.query.roadmap.Roadmap;

import java.util.ArrayList;
import java.util.List;

/**
 * A round's report as a spreadsheet ({@link SpreadsheetCsv}, as the year-end report): one row per project on the
 * roadmap on the round's day, sectors in the configured order and projects by id; each row names the round, the
 * day, the knowledge instant and whether the report is still provisional, so a row copied elsewhere says where it
 * came from.
 */
final class RoundReportCsv {

    private static final List<String> HEADER = List.of(
            "Kierros", "Kierroksen nimi", "Tilannepäivä", "Tiedot hetkellä (UTC)", "Alustava", "Toimiala",
            "Toimialan nimi", "Hanke", "Nimi", "Vastuuhenkilö", "Tila", "Tilan nimi", "Valmiusaste (%)",
            "Tavoitevuosi", "Huomio");

    private RoundReportCsv() {
    }

    static byte[] render(RoundReport report) {
        List<String[]> rows = new ArrayList<>();
        for (Roadmap.SectorRoadmap sector : report.roadmap().sectors()) {
            for (ProjectView project : sector.projects().stream().map(StoredView::view).toList()) {
                rows.add(new String[]{
                        SpreadsheetCsv.text(report.roundId()), SpreadsheetCsv.text(report.title()),
                        report.asOf().toString(), report.knownAt().toString(), report.provisional() ? "kyllä" : "ei",
                        sector.sector(), sector.label(), project.projectId(), SpreadsheetCsv.text(project.title()),
                        SpreadsheetCsv.text(project.owner()), project.status().name(), project.statusLabel(),
                        SpreadsheetCsv.value(project.progressPercent()), SpreadsheetCsv.value(project.targetYear()),
                        SpreadsheetCsv.text(project.note())});
            }
        }
        return SpreadsheetCsv.write(HEADER, rows);
    }
}
