package fi.tiekartta.command.importing;

import org.springframework.http.MediaType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The text of an uploaded CSV. UTF-8 unless the Content-Type names another charset. Decoded strictly: a file
 * saved by a spreadsheet in Windows-1252 would otherwise turn every Ä and Ö into something else in the store,
 * for good, so it is refused with a hint instead.
 */
final class CsvText {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private CsvText() {
    }

    static String decode(byte[] body, MediaType contentType) {
        if (body == null || body.length == 0) {
            throw refused("body", "is empty; send the roadmap as CSV with the header " + RoadmapCsv.EXPECTED_HEADER);
        }
        Charset charset = charsetOf(contentType);
        String text;
        try {
            text = charset.newDecoder()
                          .onMalformedInput(CodingErrorAction.REPORT)
                          .onUnmappableCharacter(CodingErrorAction.REPORT)
                          .decode(ByteBuffer.wrap(body))
                          .toString();
        } catch (CharacterCodingException e) {
            throw refused("body", "is not " + charset.name() + " text; save the file as UTF-8, or name its "
                                  + "charset in Content-Type (text/csv; charset=windows-1252)");
        }
        return text.isEmpty() || text.charAt(0) != BYTE_ORDER_MARK ? text : text.substring(1);
    }

    private static Charset charsetOf(MediaType contentType) {
        try {
            Charset named = contentType == null ? null : contentType.getCharset();
            return named == null ? StandardCharsets.UTF_8 : named;
        } catch (IllegalArgumentException unknown) {
            throw refused("Content-Type", "names a charset this service does not know");
        }
    }

    private static ImportRejectedException refused(String field, String message) {
        return ImportRejectedException.of(List.of(ImportProblem.ofRequest(field, message)));
    }
}
