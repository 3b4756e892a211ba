package fi.tiekartta.command.importing;

import fi.tiekartta.command.importing.CsvRecords.CsvRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a roadmap in the format of {@code data/heinola-digitiekartta.csv}: semicolon-separated, a header naming
 * the columns {@code id;sector;title;status_text} and optionally {@code owner}, {@code planned_start_year},
 * {@code planned_end_year}, {@code description}, in any order. Without an {@code owner} column (a roadmap document
 * names none, as Heinola's) the projects are registered without owners, for coordinators to assign.
 *
 * <p>A file whose header cannot be used is refused as a whole; a row that cannot be read is reported with its
 * line and the other rows are still read, so that one answer lists every bad row.
 */
final class RoadmapCsv {

    static final String ID = "id";
    static final String SECTOR = "sector";
    static final String TITLE = "title";
    static final String STATUS_TEXT = "status_text";
    static final String OWNER = "owner";
    static final String PLANNED_START_YEAR = "planned_start_year";
    static final String PLANNED_END_YEAR = "planned_end_year";
    static final String DESCRIPTION = "description";

    private static final List<String> REQUIRED = List.of(ID, SECTOR, TITLE, STATUS_TEXT);
    private static final List<String> OPTIONAL = List.of(OWNER, PLANNED_START_YEAR, PLANNED_END_YEAR, DESCRIPTION);
    static final String EXPECTED_HEADER = String.join(";", REQUIRED);

    /** The command fields the aggregate names in its violations, as the columns of the file. */
    private static final Map<String, String> COLUMN_OF_FIELD = Map.of(
            "projectId", ID, "sector", SECTOR, "title", TITLE, "owner", OWNER,
            "plannedStartYear", PLANNED_START_YEAR, "plannedEndYear", PLANNED_END_YEAR, "description", DESCRIPTION);

    /**
     * The rows that could be read, and what is wrong with those that could not.
     *
     * @param rowCount    how many rows the file has after its header, readable or not
     * @param namesOwners whether the file has an {@code owner} column; then every row must name one
     */
    record RoadmapFile(List<RoadmapRow> rows, List<ImportProblem> problems, int rowCount, boolean namesOwners) {
    }

    private RoadmapCsv() {
    }

    /** @throws ImportRejectedException when the file is empty, has no rows, or its header is unusable */
    static RoadmapFile read(String text) {
        List<CsvRecord> records = CsvRecords.split(text);
        if (records.isEmpty()) {
            throw ImportRejectedException.of(List.of(ImportProblem.ofRequest(
                    "body", "is empty; send the roadmap as CSV with the header " + EXPECTED_HEADER)));
        }
        CsvRecord header = records.get(0);
        Map<String, Integer> columns = columns(header);
        if (records.size() == 1) {
            throw ImportRejectedException.of(List.of(ImportProblem.ofRequest(
                    "body", "has a header but no project rows")));
        }
        List<RoadmapRow> rows = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        for (CsvRecord record : records.subList(1, records.size())) {
            readRow(record, columns, rows, problems);
        }
        return new RoadmapFile(List.copyOf(rows), List.copyOf(problems), records.size() - 1, columns.containsKey(OWNER));
    }

    /** The column of the file an aggregate's violation is about; status-change fields all come from status_text. */
    static String columnOf(String commandField) {
        return COLUMN_OF_FIELD.getOrDefault(commandField, commandField);
    }

    private static Map<String, Integer> columns(CsvRecord header) {
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, Integer> columns = new LinkedHashMap<>();
        if (header.problem() != null) {
            problems.add(headerProblem(header, header.problem()));
        }
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).trim().toLowerCase(Locale.ROOT);
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                problems.add(headerProblem(header, "names an unknown column '" + header.fields().get(i).trim()
                                                   + "'; the columns are " + String.join(", ", REQUIRED)
                                                   + " and optionally " + String.join(", ", OPTIONAL)));
            } else if (columns.putIfAbsent(name, i) != null) {
                problems.add(headerProblem(header, "names the column " + name + " twice"));
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                problems.add(headerProblem(header, "lacks the column " + required + " (expected at least "
                                                   + EXPECTED_HEADER + ", separated by ';')"));
            }
        }
        if (!problems.isEmpty()) {
            throw ImportRejectedException.of(problems);
        }
        return columns;
    }

    private static ImportProblem headerProblem(CsvRecord header, String message) {
        return ImportProblem.invalid(header.line(), null, "header", message);
    }

    private static void readRow(CsvRecord record, Map<String, Integer> columns, List<RoadmapRow> rows,
                                List<ImportProblem> problems) {
        Map<String, String> values = new HashMap<>();
        columns.forEach((name, index) -> values.put(name, index < record.fields().size()
                ? blankToNull(record.fields().get(index)) : null));
        String id = values.get(ID);
        int line = record.line();
        if (record.problem() != null) {
            problems.add(ImportProblem.invalid(line, id, "row", record.problem()));
            return;
        }
        if (record.fields().size() != columns.size()) {
            problems.add(ImportProblem.invalid(line, id, "row", "has " + record.fields().size()
                    + " fields separated by ';' where the header has " + columns.size()));
            return;
        }
        if (id == null) {
            problems.add(ImportProblem.invalid(line, null, ID, "is required"));
            return;
        }
        Integer start = year(values, PLANNED_START_YEAR, line, id, problems);
        Integer end = year(values, PLANNED_END_YEAR, line, id, problems);
        rows.add(new RoadmapRow(line, id, values.get(SECTOR), values.get(TITLE), values.get(STATUS_TEXT),
                                values.get(OWNER), start, end, values.get(DESCRIPTION)));
    }

    /** A year that cannot be read is reported, and the row is still checked further without it. */
    private static Integer year(Map<String, String> values, String column, int line, String id,
                                List<ImportProblem> problems) {
        String value = values.get(column);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            problems.add(ImportProblem.invalid(line, id, column, "must be a year such as 2024, not '" + value + "'"));
            return null;
        }
    }

    private static String blankToNull(String value) {
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
