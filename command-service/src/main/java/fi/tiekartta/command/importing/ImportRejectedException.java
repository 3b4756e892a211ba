package fi.tiekartta.command.importing;

import fi.tiekartta.support.web.FieldViolation;
import org.springframework.http.HttpStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** One bad row of the file with everything wrong with it, in the problem's {@code rows} property. */
    public record RowProblems(int line, String projectId, List<FieldViolation> errors) {
    }

    /** The problems grouped by the row they are in, in file order; problems of the request as a whole are left out. */
    public List<RowProblems> rows() {
        Map<Integer, List<ImportProblem>> byLine = new TreeMap<>();
        problems.stream().filter(p -> p.line() != null)
                .forEach(p -> byLine.computeIfAbsent(p.line(), l -> new ArrayList<>()).add(p));
        return byLine.entrySet().stream()
                     .map(e -> new RowProblems(e.getKey(), e.getValue().get(0).projectId(), e.getValue().stream()
                             .map(p -> new FieldViolation(p.field(), p.message())).toList()))
                     .toList();
    }

    /** How many distinct rows of the file are named. */
    public long rowCount() {
        return problems.stream().filter(p -> p.line() != null).map(ImportProblem::line).distinct().count();
    }
}
