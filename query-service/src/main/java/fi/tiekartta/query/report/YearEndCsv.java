package fi.tiekartta.query.report;

import fi.tiekartta.query.csv.SpreadsheetCsv;

import java.util.ArrayList;
import java.util.List;

/**
 * The year-end report as a spreadsheet ({@link SpreadsheetCsv}): one row per project on the roadmap on 31.12.,
 * sectors in the configured order and projects by id; each row carries the year, the knowledge instant and the
 * event-log digest, so that any row copied elsewhere still says where it came from.
 */
final class YearEndCsv {

    private static final List<String> HEADER = List.of(
            "Vuosi", "Tilannepäivä", "Tiedot hetkellä (UTC)", "Toimiala", "Toimialan nimi", "Hanke", "Nimi",
            "Tila 31.12.", "Tilan nimi", "Suunniteltu päättymisvuosi", "Aloitettu", "Valmistunut", "Siirretty",
            "Siirretty vuodesta", "Siirretty vuoteen", "Luovuttu tai yhdistetty", "Myöhässä", "Tapahtumalokin tiiviste");

    private YearEndCsv() {
    }

    static byte[] render(YearEnd report) {
        List<String[]> rows = new ArrayList<>();
        for (YearEnd.SectorYear sector : report.sectors()) {
            for (ProjectYear project : sector.projects()) {
                rows.add(row(report, sector, project));
            }
        }
        return SpreadsheetCsv.write(HEADER, rows);
    }

    private static String[] row(YearEnd report, YearEnd.SectorYear sector, ProjectYear project) {
        Postponement postponed = project.postponed();
        List<String> row = new ArrayList<>();
        row.add(Integer.toString(report.year()));
        row.add(report.asOf().toString());
        row.add(report.knownAt().toString());
        row.add(sector.sector().code());
        row.add(sector.sector().label());
        row.add(project.projectId());
        row.add(SpreadsheetCsv.text(project.title()));
        row.add(project.status().name());
        row.add(project.status().finnishLabel());
        row.add(SpreadsheetCsv.value(project.plannedEndYear()));
        row.add(yesNo(project.started()));
        row.add(yesNo(project.completed()));
        row.add(yesNo(postponed != null));
        row.add(postponed == null ? "" : SpreadsheetCsv.value(postponed.fromYear()));
        row.add(postponed == null ? "" : SpreadsheetCsv.value(postponed.toYear()));
        row.add(yesNo(project.dropped()));
        row.add(yesNo(project.overdue()));
        row.add(report.digest());
        return row.toArray(String[]::new);
    }

    private static String yesNo(boolean value) {
        return value ? "kyllä" : "ei";
    }
}
