package fi.tiekartta.query.web;

import fi.tiekartta.query.admin.RebuildRunningException;
import fi.tiekartta.query.admin.RebuildUnavailableException;
import fi.tiekartta.query.report.ReportNotAcceptableException;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Which exceptions are the client's (4xx) and which the service's (500), and that problems are JSON for any Accept. */
class QueryProblemAdviceTest {

    @RestController
    static class Throwing {
        @GetMapping("/rebuild")
        void rebuild() {
            throw new RebuildRunningException();
        }

        @GetMapping("/shutting-down")
        void shuttingDown() {
            throw new RebuildUnavailableException();
        }

        @GetMapping("/unexpected")
        void unexpected() {
            throw new IllegalStateException("a bug, not a running rebuild");
        }

        @GetMapping("/report")
        void report() {
            throw new ReportNotAcceptableException();
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Throwing())
                                               .setControllerAdvice(new QueryProblemAdvice()).build();

    @Test
    void aRunningRebuild_isAConflict() throws Exception {
        mvc.perform(get("/rebuild"))
           .andExpect(status().isConflict())
           .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
           .andExpect(jsonPath("$.title").value("Rebuild running"));
    }

    @Test
    void aRebuildAskedOfAnInstanceShuttingDown_isToBeAskedAgain() throws Exception {
        mvc.perform(get("/shutting-down"))
           .andExpect(status().isServiceUnavailable())
           .andExpect(header().string("Retry-After", "5"))
           .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
           .andExpect(jsonPath("$.title").value("Shutting down"));
    }

    @Test
    void anyOtherIllegalStateException_isAnInternalError() throws Exception {
        mvc.perform(get("/unexpected"))
           .andExpect(status().isInternalServerError())
           .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void aProblem_isJson_evenWhenTheClientAcceptsOnlyCsv() throws Exception {
        mvc.perform(get("/report").accept("text/csv"))
           .andExpect(status().isNotAcceptable())
           .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
           .andExpect(jsonPath("$.status").value(406));
    }
}
