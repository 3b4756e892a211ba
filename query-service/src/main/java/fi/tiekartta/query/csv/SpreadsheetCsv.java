package fi.tiekartta.query.csv;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Every CSV the query-service hands out, in the one form a Finnish spreadsheet opens right: UTF-8 with a
 * byte-order mark (without it Excel reads the file as Windows-1252 and breaks ä and ö), semicolons between fields
 * (the list separator of a Finnish Excel, whose decimal separator is the comma), CRLF line ends (RFC 4180), a
 * header row.
 *
 * <p>Written by Jackson's CSV generator, which quotes a field only when it holds a separator, a quote or a line
 * end (strict checking: without it, every field with a character below the separator would be quoted), and
 * doubles the quotes inside. It does not quote a lone line feed; no field written here can hold one (titles are
 * one line by the command-service's rules, and everything else is a code, a number, a date or a label).
 */
public final class SpreadsheetCsv {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private SpreadsheetCsv() {
    }

    /** The header, then one line per row; each row has a field per header column. */
    public static byte[] write(List<String> header, Iterable<String[]> rows) {
        CsvSchema schema = CsvSchema.builder()
                .addColumns(header, CsvSchema.ColumnType.STRING)
                .setUseHeader(true)
                .setColumnSeparator(';')
                .setLineSeparator("\r\n")
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(BOM);
        try (SequenceWriter writer = CSV.writer(schema).writeValues(bytes)) {
            for (String[] row : rows) {
                writer.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written to memory
        }
        return bytes.toByteArray();
    }

    /**
     * Text that a spreadsheet would take for a formula (=, +, -, @, a tab or a carriage return first) gets an
     * apostrophe in front: titles are typed by people, and a CSV that runs a formula when opened is a known
     * attack on whoever opens it. {@code null} is an empty field.
     */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /** A number, a date or a code as it is; {@code null} is an empty field. */
    public static String value(Object value) {
        return value == null ? "" : value.toString();
    }
}
