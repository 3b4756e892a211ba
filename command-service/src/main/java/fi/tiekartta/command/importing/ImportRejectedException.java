package fi.tiekartta.command.importing;

import org.springframework.http.HttpStatus;

import java.util.Comparator;
import java.util.List;

/**
 * The import was refused and nothing was written. Answered 409 when the only problems are rows whose projects
 * are already on the roadmap, 400 otherwise (every problem is listed either way).
 */
public class ImportRejectedException extends RuntimeException {

    private static final Comparator<ImportProblem> FILE_ORDER =
            Comparator.comparing(ImportProblem::line, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final transient List<ImportProblem> problems;

    private ImportRejectedException(List<ImportProblem> problems) {
        super(problems.size() + " problem(s), first: " + problems.get(0).label() + " " + problems.get(0).message());
        this.problems = problems;
    }

    static ImportRejectedException of(List<ImportProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an import is refused for at least one problem");
        }
        return new ImportRejectedException(problems.stream().sorted(FILE_ORDER).toList());
    }

    public List<ImportProblem> problems() {
        return problems;
    }

    public HttpStatus status() {
        return problems.stream().allMatch(ImportProblem::conflict) ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
    }

    /** How many distinct rows of the file are named. */
    public long rowCount() {
        return problems.stream().filter(p -> p.line() != null).map(ImportProblem::line).distinct().count();
    }
}
