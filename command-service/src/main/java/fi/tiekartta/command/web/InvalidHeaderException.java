package fi.tiekartta.command.web;

/** A request header that cannot be understood; answered 400 naming the header. */
public class InvalidHeaderException extends IllegalArgumentException {

    private final String header;

    public InvalidHeaderException(String header, String message) {
        super(message);
        this.header = header;
    }

    public String header() {
        return header;
    }
}
