package fi.tiekartta.command.importing;

/** A status phrase that does not say a status in a way the roadmap vocabulary knows; its row is refused. */
public class StatusPhraseException extends IllegalArgumentException {

    public StatusPhraseException(String message) {
        super(message);
    }
}
