package fi.tiekartta.command.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts semicolon-separated text into records, keeping the line each record starts on so that errors can name
 * it. Fields may be quoted as in RFC 4180 ({@code "a;b"}, {@code ""} for a quote, line breaks inside), because
 * spreadsheet programs write titles that contain a semicolon that way. A quote inside an unquoted field is
 * taken literally. Blank lines are skipped but still counted.
 */
final class CsvRecords {

    private static final char SEPARATOR = ';';
    private static final char QUOTE = '"';

    /** @param problem what makes the record unreadable, or {@code null} */
    record CsvRecord(int line, List<String> fields, String problem) {
    }

    private CsvRecords() {
    }

    static List<CsvRecord> split(String text) {
        return new Splitter(text).split();
    }

    private static final class Splitter {
        private final String text;
        private final List<CsvRecord> records = new ArrayList<>();
        private List<String> fields = new ArrayList<>();
        private final StringBuilder field = new StringBuilder();
        private int line = 1;
        private int recordLine = 1;
        private boolean inQuotes;
        private boolean closedQuote;
        private String problem;

        Splitter(String text) {
            this.text = text;
        }

        List<CsvRecord> split() {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
                if (inQuotes) {
                    if (c == QUOTE && i + 1 < text.length() && text.charAt(i + 1) == QUOTE) {
                        field.append(QUOTE);
                        i++;
                    } else if (c == QUOTE) {
                        inQuotes = false;
                        closedQuote = true;
                    } else if (c == '\n' || c == '\r') {
                        field.append('\n');
                        line++;
                        i += crlf ? 1 : 0;
                    } else {
                        field.append(c);
                    }
                } else if (c == SEPARATOR) {
                    endField();
                } else if (c == '\n' || c == '\r') {
                    endRecord();
                    line++;
                    recordLine = line;
                    i += crlf ? 1 : 0;
                } else if (closedQuote) {
                    if (!Character.isWhitespace(c) && problem == null) {
                        problem = "has text after the closing quote of a field";
                    }
                } else if (c == QUOTE && field.toString().isBlank()) {
                    field.setLength(0);
                    inQuotes = true;
                } else {
                    field.append(c);
                }
            }
            if (inQuotes && problem == null) {
                problem = "has a quoted field that is never closed";
            }
            endRecord();
            return records;
        }

        private void endField() {
            fields.add(field.toString());
            field.setLength(0);
            closedQuote = false;
        }

        private void endRecord() {
            boolean blank = fields.isEmpty() && !closedQuote && field.toString().isBlank();
            endField();
            if (!blank || problem != null) {
                records.add(new CsvRecord(recordLine, List.copyOf(fields), problem));
            }
            fields = new ArrayList<>();
            problem = null;
        }
    }
}
