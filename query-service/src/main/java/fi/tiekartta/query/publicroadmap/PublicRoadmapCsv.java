package fi.tiekartta.query.publicroadmap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The public roadmap as a spreadsheet, made like the year-end report's CSV: UTF-8 with a byte-order mark (Excel
 * reads ä and ö right only with it), semicolons between fields (the list separator of a Finnish Excel), CRLF
 * line ends (RFC 4180). One row per project, sectors in the configured order and projects by id. The header
 * row names the JSON fields, so that both formats read the same to a program. A text that begins with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets an apostrophe in front: a
 * spreadsheet would otherwise run it as a formula.
 */
final class PublicRoadmapCsv {

    static final List<String> HEADER = List.of(
            "asOf", "sector", "sectorLabel", "projectId", "title", "plannedStartYear", "plannedEndYear", "status",
            "statusLabel", "progressPercent", "targetYear", "scheduledFor", "effectiveDate", "units");

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String SEPARATOR = ";";
    private static final String LINE_END = "\r\n";

    private PublicRoadmapCsv() {
    }

    static byte[] render(PublicRoadmap roadmap) {
        StringBuilder text = new StringBuilder();
        line(text, HEADER);
        for (PublicRoadmap.Sector sector : roadmap.sectors()) {
            for (PublicProject project : sector.projects()) {
                List<String> row = new ArrayList<>();
                row.add(roadmap.asOf().toString());
                row.add(sector.sector());
                row.add(sector.label());
                row.add(project.projectId());
                row.add(project.title());
                row.add(string(project.plannedStartYear()));
                row.add(string(project.plannedEndYear()));
                row.add(project.status().name());
                row.add(project.statusLabel());
                row.add(string(project.progressPercent()));
                row.add(string(project.targetYear()));
                row.add(string(project.scheduledFor()));
                row.add(string(project.effectiveDate()));
                row.add(units(project.units()));
                line(text, row);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(BOM);
        bytes.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /** {@code VAKA: IN_PROGRESS 50 % → 2025 | KOULUT: DONE}: one cell, readable, and the JSON has the structure. */
    private static String units(List<PublicProject.Unit> units) {
        return units.stream().map(u -> u.unit() + ": " + u.status().name()
                                       + (u.progressPercent() == null ? "" : " " + u.progressPercent() + " %")
                                       + (u.targetYear() == null ? "" : " → " + u.targetYear()))
                    .collect(Collectors.joining(" | "));
    }

    private static void line(StringBuilder text, List<String> fields) {
        text.append(fields.stream().map(PublicRoadmapCsv::field).collect(Collectors.joining(SEPARATOR))).append(LINE_END);
    }

    static String field(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.contains(SEPARATOR) || safe.contains("\"") || safe.contains("\n") || safe.contains("\r");
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private static String string(Object value) {
        return value == null ? "" : value.toString();
    }
}
