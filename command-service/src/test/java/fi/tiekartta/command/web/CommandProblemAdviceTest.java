package fi.tiekartta.command.web;

import fi.tiekartta.command.project.RuleOfStateException;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Which exceptions are the client's (4xx) and which the service's (500). */
class CommandProblemAdviceTest {

    @RestController
    static class Throwing {
        @GetMapping("/rule-of-state")
        void ruleOfState() {
            throw new RuleOfStateException("Status change c1 was retracted; it cannot be corrected again.");
        }

        @GetMapping("/unexpected")
        void unexpected() {
            throw new IllegalStateException("a bug, not a state of the project");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Throwing())
                                               .setControllerAdvice(new CommandProblemAdvice()).build();

    @Test
    void aRuleOfState_isAConflict_namingTheState() throws Exception {
        mvc.perform(get("/rule-of-state"))
           .andExpect(status().isConflict())
           .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
           .andExpect(jsonPath("$.detail").value("Status change c1 was retracted; it cannot be corrected again."));
    }

    @Test
    void anyOtherIllegalStateException_isAnInternalError_thatTellsNothingInternal() throws Exception {
        mvc.perform(get("/unexpected"))
           .andExpect(status().isInternalServerError())
           .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
           .andExpect(jsonPath("$.title").value("Internal error"));
    }
}
