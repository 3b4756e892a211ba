package fi.tiekartta.query.report;

import java.time.Duration;

/** Every turn to render a PDF stayed taken for as long as a request waits ({@link PdfRenderings}). */
public class RenderingBusyException extends RuntimeException {

    public RenderingBusyException(Duration waited) {
        super("Other PDFs were being rendered for the " + waited.toSeconds() + " s this request waited. Ask again shortly:"
              + " the report is the same whenever it is rendered.");
    }
}
