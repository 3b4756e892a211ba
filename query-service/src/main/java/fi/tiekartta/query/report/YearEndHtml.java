package fi.tiekartta.query.report;

import fi.tiekartta.vocabulary.ProjectStatus;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The year-end report as a printable page in Finnish: a chart of the status counts (inline SVG), a table of
 * counts by sector, and a table per sector. Self-contained (no script, no external style, font or image), so
 * that it prints and archives as it is; nothing in it depends on when it was made, only on the report.
 */
final class YearEndHtml {

    private static final Map<ProjectStatus, String> COLOURS = new EnumMap<>(Map.of(
            ProjectStatus.NOT_STARTED, "#8a8a8a",
            ProjectStatus.POSTPONED, "#b86e00",
            ProjectStatus.WAITING, "#c9a227",
            ProjectStatus.PLANNED, "#5b8fc7",
            ProjectStatus.INVESTIGATING, "#7d68b8",
            ProjectStatus.IN_PROGRESS, "#1f63a3",
            ProjectStatus.IN_USE, "#2e7d4f",
            ProjectStatus.DONE, "#1b5e20",
            ProjectStatus.MERGED, "#5f7480",
            ProjectStatus.NOT_NEEDED, "#a33b38"));

    private static final String STYLE = """
            body{font-family:system-ui,"Segoe UI",Arial,sans-serif;color:#111;margin:2rem;line-height:1.4}
            h1{font-size:1.6rem;margin-bottom:.2rem}
            h2{font-size:1.25rem;margin-top:2rem;break-after:avoid}
            table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}
            caption{text-align:left;font-weight:600;padding:.3rem 0}
            th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
            thead th{background:#e8e8e8}
            td.luku,th.luku{text-align:right}
            tr{break-inside:avoid}
            thead{display:table-header-group}
            figure{margin:1rem 0}
            code{font-size:.85rem;word-break:break-all}
            dt{font-weight:600;margin-top:.4rem}
            @page{size:A4;margin:15mm}
            @media print{body{margin:0}a{color:inherit;text-decoration:none}}
            """;

    /**
     * The page's own Content-Security-Policy: nothing may run or load, and only its one style sheet applies
     * (named by hash, so the policy stays exact). It replaces the services' default policy for this answer, which
     * would refuse the inline style and leave a printed report unstyled.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-" + styleHash()
            + "'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static String styleHash() {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(STYLE.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final int BAR_MAX = 360;
    private static final int LABEL_WIDTH = 170;
    private static final int ROW_HEIGHT = 26;

    private YearEndHtml() {
    }

    static byte[] render(YearEnd report) {
        StringBuilder html = new StringBuilder(16_384);
        String day = finnish(report.asOf());
        html.append("<!DOCTYPE html>\n<html lang=\"fi\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<title>Digitiekartan vuosiraportti ").append(report.year()).append("</title>\n")
            .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n<header>\n")
            .append("<h1>Digitiekartan vuosiraportti ").append(report.year()).append("</h1>\n")
            .append("<p>Hankkeiden tilanne ").append(day).append(" sellaisena kuin se tiedettiin hetkellä <time datetime=\"")
            .append(report.knownAt()).append("\">").append(report.knownAt()).append("</time> (UTC).</p>\n</header>\n<main>\n");
        summary(html, report, day);
        for (int i = 0; i < report.sectors().size(); i++) {
            sector(html, report, report.sectors().get(i), "toimiala-" + (i + 1), day);
        }
        definitions(html, report);
        html.append("</main>\n<footer>\n<p>Laskettu tapahtumalokista, jonka tiiviste on <code>").append(escape(report.digest()))
            .append("</code>.</p>\n<p>Sama raportti saadaan tavu tavulta uudelleen osoitteesta <code>/api/reports/year-end/")
            .append(report.year()).append("?knownAt=").append(report.knownAt()).append("</code>.</p>\n</footer>\n</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void summary(StringBuilder html, YearEnd report, String day) {
        Map<String, Integer> counts = report.countsByStatus();
        html.append("<section aria-labelledby=\"yhteenveto\">\n<h2 id=\"yhteenveto\">Hankkeet tiloittain ").append(day).append("</h2>\n");
        if (counts.isEmpty()) {
            html.append("<p>Digitiekartalla ei ollut hankkeita ").append(day).append(".</p>\n</section>\n");
            return;
        }
        chart(html, counts, day);
        List<ProjectStatus> columns = counts.keySet().stream().map(ProjectStatus::valueOf).toList();
        html.append("<table>\n<caption>Hankkeiden määrät toimialoittain ja tiloittain ").append(day).append("</caption>\n")
            .append("<thead>\n<tr><th scope=\"col\">Toimiala</th>");
        columns.forEach(s -> html.append("<th scope=\"col\" class=\"luku\">").append(escape(s.finnishLabel())).append("</th>"));
        html.append("<th scope=\"col\" class=\"luku\">Yhteensä</th></tr>\n</thead>\n<tbody>\n");
        for (YearEnd.SectorYear sector : report.sectors()) {
            Map<String, Integer> sectorCounts = sector.countsByStatus();
            html.append("<tr><th scope=\"row\">").append(escape(sector.sector().label())).append("</th>");
            columns.forEach(s -> html.append("<td class=\"luku\">").append(sectorCounts.getOrDefault(s.name(), 0)).append("</td>"));
            html.append("<td class=\"luku\">").append(sector.projects().size()).append("</td></tr>\n");
        }
        html.append("</tbody>\n<tfoot>\n<tr><th scope=\"row\">Yhteensä</th>");
        columns.forEach(s -> html.append("<td class=\"luku\">").append(counts.get(s.name())).append("</td>"));
        html.append("<td class=\"luku\">").append(counts.values().stream().mapToInt(Integer::intValue).sum())
            .append("</td></tr>\n</tfoot>\n</table>\n</section>\n");
    }

    /** Horizontal bars, one per status that has projects; the table after it carries the same numbers. */
    private static void chart(StringBuilder html, Map<String, Integer> counts, String day) {
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        int height = counts.size() * ROW_HEIGHT + 8;
        int width = LABEL_WIDTH + BAR_MAX + 60;
        StringBuilder description = new StringBuilder();
        counts.forEach((status, count) -> description.append(description.isEmpty() ? "" : ", ")
                                                     .append(ProjectStatus.valueOf(status).finnishLabel()).append(' ').append(count));
        html.append("<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width)
            .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
            .append("\" aria-labelledby=\"kaavio-otsikko kaavio-kuvaus\" font-family=\"system-ui, Arial, sans-serif\" font-size=\"13\">\n")
            .append("<title id=\"kaavio-otsikko\">Hankkeiden määrät tiloittain ").append(day).append("</title>\n")
            .append("<desc id=\"kaavio-kuvaus\">").append(escape(description.toString())).append("</desc>\n");
        int row = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            ProjectStatus status = ProjectStatus.valueOf(entry.getKey());
            int y = 4 + row * ROW_HEIGHT;
            int bar = Math.max(2, entry.getValue() * BAR_MAX / max);
            html.append("<text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + 15)
                .append("\" text-anchor=\"end\">").append(escape(status.finnishLabel())).append("</text>")
                .append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 2).append("\" width=\"").append(bar)
                .append("\" height=\"18\" fill=\"").append(COLOURS.get(status)).append("\"/>")
                .append("<text x=\"").append(LABEL_WIDTH + bar + 6).append("\" y=\"").append(y + 15).append("\">")
                .append(entry.getValue()).append("</text>\n");
            row++;
        }
        html.append("</svg>\n<figcaption>Hankkeiden määrät tiloittain ").append(day)
            .append(". Samat luvut ovat alla olevassa taulukossa.</figcaption>\n</figure>\n");
    }

    private static void sector(StringBuilder html, YearEnd report, YearEnd.SectorYear sector, String id, String day) {
        String label = escape(sector.sector().label());
        html.append("<section aria-labelledby=\"").append(id).append("\">\n<h2 id=\"").append(id).append("\">").append(label)
            .append("</h2>\n");
        if (sector.projects().isEmpty()) {
            html.append("<p>Toimialalla ei ollut hankkeita ").append(day).append(".</p>\n</section>\n");
            return;
        }
        html.append("<table>\n<caption>").append(label).append(": hankkeet ").append(day).append(" ja vuoden ")
            .append(report.year()).append(" muutokset</caption>\n<thead>\n<tr>")
            .append("<th scope=\"col\">Hanke</th><th scope=\"col\">Nimi</th><th scope=\"col\">Tila ").append(day)
            .append("</th><th scope=\"col\" class=\"luku\">Suunniteltu päättymisvuosi</th><th scope=\"col\">Aloitettu</th>")
            .append("<th scope=\"col\">Valmistunut</th><th scope=\"col\">Siirretty</th>")
            .append("<th scope=\"col\">Luovuttu tai yhdistetty</th><th scope=\"col\">Myöhässä</th></tr>\n</thead>\n<tbody>\n");
        for (ProjectYear project : sector.projects()) {
            Postponement postponed = project.postponed();
            html.append("<tr><th scope=\"row\">").append(escape(project.projectId())).append("</th><td>")
                .append(escape(project.title())).append("</td><td>").append(escape(project.status().finnishLabel()))
                .append("</td><td class=\"luku\">").append(project.plannedEndYear() == null ? "" : project.plannedEndYear())
                .append("</td><td>").append(yesNo(project.started())).append("</td><td>").append(yesNo(project.completed()))
                .append("</td><td>").append(postponed == null ? "ei" : "vuodesta " + year(postponed.fromYear())
                                                                       + " vuoteen " + year(postponed.toYear()))
                .append("</td><td>").append(yesNo(project.dropped())).append("</td><td>").append(yesNo(project.overdue()))
                .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void definitions(StringBuilder html, YearEnd report) {
        int y = report.year();
        html.append("<section aria-labelledby=\"maaritelmat\">\n<h2 id=\"maaritelmat\">Miten luvut on laskettu</h2>\n<p>")
            .append("Vuoden ").append(y).append(" muutos on tilan muutos, joka tuli voimaan 1.1.–31.12.").append(y)
            .append(", sellaisena kuin muutokset tiedettiin raportin tietohetkellä. Tila, jossa hanke tuli tiekartalle, ei ole muutos.</p>\n<dl>\n")
            .append("<dt>Aloitettu</dt><dd>Hanke siirtyi vuoden aikana ensimmäistä kertaa tilaan ")
            .append(labels(ProjectStatus.IN_PROGRESS, ProjectStatus.IN_USE, ProjectStatus.DONE)).append(".</dd>\n")
            .append("<dt>Valmistunut</dt><dd>Hanke siirtyi vuoden aikana tilaan ").append(ProjectStatus.DONE.finnishLabel()).append(".</dd>\n")
            .append("<dt>Siirretty</dt><dd>Hanke siirtyi vuoden aikana tilaan ").append(ProjectStatus.POSTPONED.finnishLabel())
            .append(" tai sen tavoitevuosi myöhentyi: vuodesta, johon se oli siihen asti määrä saada valmiiksi (aiempi tavoitevuosi tai suunniteltu päättymisvuosi), uuteen tavoitevuoteen.</dd>\n")
            .append("<dt>Luovuttu tai yhdistetty</dt><dd>Hanke siirtyi vuoden aikana tilaan ")
            .append(labels(ProjectStatus.NOT_NEEDED, ProjectStatus.MERGED)).append(".</dd>\n")
            .append("<dt>Myöhässä</dt><dd>Suunniteltu päättymisvuosi on ").append(y).append(" tai aiempi, eikä hanke ollut 31.12.")
            .append(y).append(" tilassa ").append(labels(ProjectStatus.DONE, ProjectStatus.NOT_NEEDED, ProjectStatus.MERGED))
            .append(".</dd>\n</dl>\n</section>\n");
    }

    private static String labels(ProjectStatus... statuses) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < statuses.length; i++) {
            text.append(i == 0 ? "" : i == statuses.length - 1 ? " tai " : ", ").append(statuses[i].finnishLabel());
        }
        return text.toString();
    }

    private static String finnish(LocalDate day) {
        return day.getDayOfMonth() + "." + day.getMonthValue() + "." + day.getYear();
    }

    private static String year(Integer year) {
        return year == null ? "?" : year.toString();
    }

    private static String yesNo(boolean value) {
        return value ? "kyllä" : "ei";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
