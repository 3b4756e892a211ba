package fi.tiekartta.query.audit;

/**
 * One thing verification found wrong: the project (stream), the sequence number where it shows, and what.
 */
public record ChainProblem(String projectId, long sequence, String problem) {
}
