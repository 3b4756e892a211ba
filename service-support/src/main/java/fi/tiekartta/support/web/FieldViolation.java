package fi.tiekartta.support.web;

/**
 * One thing wrong with one input field, as listed in a problem's {@code errors}.
 *
 * @param field   the field's name in the request: a JSON property path, a query parameter, a header, or a
 *                CSV column
 * @param message what is wrong, in words a client developer can act on
 */
public record FieldViolation(String field, String message) {
}
