package fi.tiekartta.query.csv;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one CSV form: BOM, semicolons, CRLF, quoting only where needed, and no formulas for a spreadsheet to run. */
class SpreadsheetCsvTest {

    @Test
    void aTextThatASpreadsheetWouldRun_getsAnApostrophe_andOnlySeparatorsQuotesAndLineEndsAreQuoted() {
        byte[] csv = SpreadsheetCsv.write(List.of("a", "b"), List.of(
                new String[]{SpreadsheetCsv.text("=HYPERLINK(\"x\")"), SpreadsheetCsv.text("+358")},
                new String[]{SpreadsheetCsv.text("-1"), SpreadsheetCsv.text("@SUM(A1)")},
                new String[]{"a;b", "rivi\r\nrivi"},
                new String[]{"Sähköinen asiointi", SpreadsheetCsv.value(null)}));

        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8)).isEqualTo(
                "a;b\r\n"
                + "\"'=HYPERLINK(\"\"x\"\")\";'+358\r\n"
                + "'-1;'@SUM(A1)\r\n"
                + "\"a;b\";\"rivi\r\nrivi\"\r\n"
                + "Sähköinen asiointi;\r\n");
    }
}
