package fi.tiekartta.command.importing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts semicolon-separated text into records with Jackson's CSV parser (RFC 4180: {@code "a;b"}, {@code ""} for a
 * quote, line breaks inside quotes), keeping the line each record starts on so that errors can name it. Spreadsheet
 * programs write titles that contain a semicolon that way. A quote inside an unquoted field is taken literally.
 * Blank lines are skipped but still counted.
 *
 * <p>A record the parser cannot read is kept with what it could read and its problem, and reading goes on from the
 * next line, so that one answer names every bad row.
 */
final class CsvRecords {

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES) // also lets a quoted field start after spaces
            .disable(CsvParser.Feature.ALLOW_TRAILING_COMMA)
            .build();
    private static final CsvSchema SEMICOLONS = CsvSchema.emptySchema().withColumnSeparator(';');

    /** @param problem what makes the record unreadable, or {@code null} */
    record CsvRecord(int line, List<String> fields, String problem) {
    }

    private CsvRecords() {
    }

    static List<CsvRecord> split(String text) {
        List<CsvRecord> records = new ArrayList<>();
        int linesBefore = 0;
        int from = 0;
        while (from >= 0 && from < text.length()) {
            int resumeLine = read(text.substring(from), linesBefore, records);
            if (resumeLine < 0) {
                break;
            }
            from = startOfLine(text, resumeLine);
            linesBefore = resumeLine - 1;
        }
        return records;
    }

    /**
     * Reads records from {@code text}, whose first line is line {@code linesBefore + 1} of the file, into
     * {@code records}; returns the line of the file to go on from after an unreadable record, or -1 at the end.
     */
    private static int read(String text, int linesBefore, List<CsvRecord> records) {
        int recordLine = linesBefore + 1;
        List<String> fields = new ArrayList<>();
        try (JsonParser parser = CSV.getFactory().createParser(new StringReader(text))) {
            ((CsvParser) parser).setSchema(SEMICOLONS);
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_ARRAY) {
                    // the location of a row's start is that of the line break before it, counted from 0
                    recordLine = linesBefore + Math.max(parser.currentTokenLocation().getLineNr(), 0) + 1;
                    fields = new ArrayList<>();
                } else if (token == JsonToken.END_ARRAY) {
                    if (!(fields.size() == 1 && fields.get(0).isBlank())) {
                        records.add(new CsvRecord(recordLine, List.copyOf(fields), null));
                    }
                } else {
                    if (fields.isEmpty()) {
                        recordLine = linesBefore + parser.currentTokenLocation().getLineNr();
                    }
                    fields.add(parser.getText());
                }
            }
            return -1;
        } catch (JsonProcessingException unreadable) {
            String original = String.valueOf(unreadable.getOriginalMessage());
            boolean unclosed = original.startsWith("Missing closing quote");
            records.add(new CsvRecord(recordLine, List.copyOf(fields), unclosed ? "has a quoted field that is never closed"
                    : original.startsWith("Unexpected character") ? "has text after the closing quote of a field"
                    : "cannot be read as semicolon-separated values"));
            JsonLocation at = unreadable.getLocation();
            return unclosed || at == null ? -1 : linesBefore + at.getLineNr() + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string is read, not a stream
        }
    }

    /** Where line {@code line} (from 1) of {@code text} starts; past the end if it has fewer lines. */
    private static int startOfLine(String text, int line) {
        int at = 0;
        for (int current = 1; current < line && at < text.length(); current++) {
            int lf = text.indexOf('\n', at);
            int cr = text.indexOf('\r', at);
            int end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
            if (end < 0) {
                return text.length();
            }
            at = end + (text.startsWith("\r\n", end) ? 2 : 1);
        }
        return at;
    }
}
