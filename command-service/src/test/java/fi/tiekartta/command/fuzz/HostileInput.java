package fi.tiekartta.command.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Random and malformed input for the fuzz tests: odd Unicode, huge strings, extreme numbers, impossible dates,
 * broken JSON and broken CSV. Seeded, so that a failure can be replayed.
 */
public final class HostileInput {

    private static final List<String> ODD_TEXT = List.of(
            "", " ", "\u0000", "\u0000nul", "\uFEFF", "\u202Eevil", "e\u0301", "😀", "\uD83D", "\uDE00x",
            "' OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x}", "%00", "\\u0000", "\r\n", "\t",
            "ÄÖÅäöå", "null", "true", "[]", "{}", "NaN", "-0", "TE-10", "../../etc/passwd", "%2e%2e%2f", "*", "W/\"1\"");
    private static final List<String> ODD_NUMBERS = List.of(
            "0", "-1", "101", "2147483648", "-2147483649", "9223372036854775808", "1e309", "-1e309", "0.5", "1E2",
            "00", "-0", "1.0", "9999999999999999999999999999");
    private static final List<String> ODD_DATES = List.of(
            "2023-02-30", "2023-13-01", "0000-01-01", "+999999999-12-31", "-999999999-01-01", "2023-1-1", "2023/01/01",
            "31.12.2023", "2023-12-31T00:00:00Z", "", "today", "9999-12-31", "1970-01-01", "2024-02-29");

    private final Random random;

    public HostileInput(long seed) {
        this.random = new Random(seed);
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A JSON value of any type, often a hostile one. */
    public String jsonValue() {
        return switch (random.nextInt(9)) {
            case 0 -> quoted(text());
            case 1 -> pick(ODD_NUMBERS);
            case 2 -> quoted(pick(ODD_DATES));
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> "null";
            case 5 -> "[" + quoted(text()) + ",1]";
            case 6 -> "{\"a\":" + quoted(text()) + "}";
            case 7 -> quoted("x".repeat(1 + random.nextInt(200_000)));
            default -> quoted(pick(List.of("IN_PROGRESS", "POSTPONED", "MERGED", "DONE", "in_progress", "KESKEN")));
        };
    }

    /** Some text: odd, random Unicode, or very long. */
    public String text() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(ODD_TEXT);
            case 1 -> randomUnicode(1 + random.nextInt(40));
            case 2 -> randomUnicode(1 + random.nextInt(5000));
            default -> pick(ODD_TEXT) + randomUnicode(random.nextInt(10));
        };
    }

    public String date() {
        return pick(ODD_DATES);
    }

    /** A JSON object from these field names, each with a random value; sometimes malformed as a whole. */
    public String jsonBody(List<String> fields) {
        StringBuilder body = new StringBuilder("{");
        for (String field : fields) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            if (body.length() > 1) {
                body.append(',');
            }
            body.append(quoted(field)).append(':').append(jsonValue());
        }
        if (random.nextInt(8) == 0) {
            body.append(",").append(quoted(text())).append(':').append(jsonValue());
        }
        body.append('}');
        return switch (random.nextInt(12)) {
            case 0 -> body.substring(0, random.nextInt(body.length()));
            case 1 -> "[".repeat(5000) + "]".repeat(5000);
            case 2 -> randomUnicode(100);
            case 3 -> "";
            default -> body.toString();
        };
    }

    /** A CSV that may be well-formed, half-formed or nothing like one. */
    public String csv() {
        StringBuilder csv = new StringBuilder(random.nextInt(6) == 0 ? text() : "id;sector;title;status_text");
        int rows = random.nextInt(6);
        for (int i = 0; i < rows; i++) {
            csv.append(random.nextBoolean() ? "\r\n" : "\n");
            csv.append(random.nextBoolean() ? "FZ-" + random.nextInt(1_000_000) : text()).append(';')
               .append(pick(List.of("TEKNIIKKA", "HYVINVOINTI", "", "tekniikka", "X"))).append(';')
               .append(random.nextBoolean() ? "\"Hanke; \"\"lainaus\"\"\"" : text()).append(';')
               .append(pick(List.of("MENEILLÄÄN (70 %)", "SIIRTYY V. 2099", "VAKA SIIRTYY V. 2027, KOULUT VALMIS",
                                    "TOTEUTUS Q5/24", "", "EI TARVETTA", "\"", text())));
        }
        return csv.toString();
    }

    /** A header value an HTTP client can send (visible Latin-1 and spaces), but an odd one. */
    public String header() {
        String value = random.nextBoolean() ? text() : "x".repeat(1 + random.nextInt(300));
        String sendable = value.codePoints().filter(c -> (c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c <= 0xFF))
                               .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return sendable.isBlank() ? "\"\"" : sendable.strip();
    }

    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String randomUnicode(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5F);
                case 1 -> 0xA0 + random.nextInt(0x2000);
                case 2 -> random.nextInt(0x20);
                default -> 0x1F300 + random.nextInt(0x300);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                json.append('\\').appendCodePoint(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", c));
            } else {
                json.appendCodePoint(c);
            }
        });
        return json.append('"').toString();
    }
}
