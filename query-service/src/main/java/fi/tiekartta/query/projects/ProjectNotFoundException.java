package fi.tiekartta.query.projects;

/** No such project on the roadmap on the asked day, as known at the asked instant. */
public class ProjectNotFoundException extends RuntimeException {

    public ProjectNotFoundException(String projectId, TimePoint at) {
        super("Project " + projectId + " is not on the roadmap on " + at.asOf() + " as known at " + at.knownAt() + ".");
    }

    public ProjectNotFoundException(String projectId) {
        super("There is no project " + projectId + ".");
    }
}
