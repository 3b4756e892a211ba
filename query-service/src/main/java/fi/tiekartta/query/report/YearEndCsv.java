package fi.tiekartta.query.report;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The year-end report as a spreadsheet: UTF-8 with a byte-order mark (without it Excel reads the file as
 * Windows-1252 and breaks ä and ö), semicolons between fields (the list separator of a Finnish Excel, whose
 * decimal separator is the comma), CRLF line ends (RFC 4180). One row per project on the roadmap on 31.12.,
 * sectors in the configured order and projects by id; each row carries the year, the knowledge instant and
 * the event-log digest, so that any row copied elsewhere still says where it came from.
 */
final class YearEndCsv {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String SEPARATOR = ";";
    private static final String LINE_END = "\r\n";
    private static final List<String> HEADER = List.of(
            "Vuosi", "Tilannepäivä", "Tiedot hetkellä (UTC)", "Toimiala", "Toimialan nimi", "Hanke", "Nimi",
            "Tila 31.12.", "Tilan nimi", "Suunniteltu päättymisvuosi", "Aloitettu", "Valmistunut", "Siirretty",
            "Siirretty vuodesta", "Siirretty vuoteen", "Luovuttu tai yhdistetty", "Myöhässä", "Tapahtumalokin tiiviste");

    private YearEndCsv() {
    }

    static byte[] render(YearEnd report) {
        StringBuilder text = new StringBuilder();
        line(text, HEADER);
        for (YearEnd.SectorYear sector : report.sectors()) {
            for (ProjectYear project : sector.projects()) {
                Postponement postponed = project.postponed();
                List<String> row = new ArrayList<>();
                row.add(Integer.toString(report.year()));
                row.add(report.asOf().toString());
                row.add(report.knownAt().toString());
                row.add(sector.sector().code());
                row.add(sector.sector().label());
                row.add(project.projectId());
                row.add(project.title());
                row.add(project.status().name());
                row.add(project.status().finnishLabel());
                row.add(number(project.plannedEndYear()));
                row.add(yesNo(project.started()));
                row.add(yesNo(project.completed()));
                row.add(yesNo(postponed != null));
                row.add(postponed == null ? "" : number(postponed.fromYear()));
                row.add(postponed == null ? "" : number(postponed.toYear()));
                row.add(yesNo(project.dropped()));
                row.add(yesNo(project.overdue()));
                row.add(report.digest());
                line(text, row);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(BOM);
        bytes.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private static void line(StringBuilder text, List<String> fields) {
        text.append(String.join(SEPARATOR, fields.stream().map(YearEndCsv::field).toList())).append(LINE_END);
    }

    /**
     * Quoted when it holds a separator, a quote or a line break. Text that a spreadsheet would take for a
     * formula (=, +, -, @ first) gets an apostrophe in front: titles are typed by people, and a CSV that runs
     * a formula when opened is a known attack on whoever opens it.
     */
    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.contains(SEPARATOR) || safe.contains("\"") || safe.contains("\n") || safe.contains("\r");
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private static String number(Integer value) {
        return value == null ? "" : value.toString();
    }

    private static String yesNo(boolean value) {
        return value ? "kyllä" : "ei";
    }
}
