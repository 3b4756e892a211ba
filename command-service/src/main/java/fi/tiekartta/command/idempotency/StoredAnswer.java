package fi.tiekartta.command.idempotency;

/** The first answer given to a command sent with an Idempotency-Key. */
record StoredAnswer(String fingerprint, int status, String body, String location, String etag) {
}
