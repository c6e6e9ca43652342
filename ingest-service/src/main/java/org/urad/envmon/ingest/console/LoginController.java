package org.urad.envmon.ingest.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, and the way in from the service's root. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    @GetMapping({"/", "/console", "/console/"})
    String home() {
        return "redirect:/console/alerts";
    }
}
