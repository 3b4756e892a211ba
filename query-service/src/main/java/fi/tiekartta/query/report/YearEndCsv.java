package fi.tiekartta.query.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The year-end report as a spreadsheet: UTF-8 with a byte-order mark (without it Excel reads the file as
 * Windows-1252 and breaks ä and ö), semicolons between fields (the list separator of a Finnish Excel, whose
 * decimal separator is the comma), CRLF line ends (RFC 4180). One row per project on the roadmap on 31.12.,
 * sectors in the configured order and projects by id; each row carries the year, the knowledge instant and
 * the event-log digest, so that any row copied elsewhere still says where it came from.
 *
 * <p>Written by Jackson's CSV generator, which quotes a field only when it holds a separator, a quote or a line
 * end (strict checking: without it, every field with a character below the separator would be quoted), and
 * doubles the quotes inside. No field can hold a line feed alone: titles are one line (the command-service's
 * rules), and everything else is a code, a number, a date or a configured label.
 */
final class YearEndCsv {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final List<String> HEADER = List.of(
            "Vuosi", "Tilannepäivä", "Tiedot hetkellä (UTC)", "Toimiala", "Toimialan nimi", "Hanke", "Nimi",
            "Tila 31.12.", "Tilan nimi", "Suunniteltu päättymisvuosi", "Aloitettu", "Valmistunut", "Siirretty",
            "Siirretty vuodesta", "Siirretty vuoteen", "Luovuttu tai yhdistetty", "Myöhässä", "Tapahtumalokin tiiviste");
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();
    private static final CsvSchema SCHEMA = CsvSchema.builder()
            .addColumns(HEADER, CsvSchema.ColumnType.STRING)
            .setUseHeader(true)
            .setColumnSeparator(';')
            .setLineSeparator("\r\n")
            .build();

    private YearEndCsv() {
    }

    static byte[] render(YearEnd report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(BOM);
        try (SequenceWriter rows = CSV.writer(SCHEMA).writeValues(bytes)) {
            for (YearEnd.SectorYear sector : report.sectors()) {
                for (ProjectYear project : sector.projects()) {
                    rows.write(row(report, sector, project));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written to memory
        }
        return bytes.toByteArray();
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
        row.add(text(project.title()));
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
        return row.toArray(String[]::new);
    }

    /**
     * Text that a spreadsheet would take for a formula (=, +, -, @ first) gets an apostrophe in front: titles are
     * typed by people, and a CSV that runs a formula when opened is a known attack on whoever opens it.
     */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String number(Integer value) {
        return value == null ? "" : value.toString();
    }

    private static String yesNo(boolean value) {
        return value ? "kyllä" : "ei";
    }
}
