package org.urad.envmon.ingest.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/** What every console page shows in its header: who is signed in, what they may do, the language. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    @ModelAttribute("user")
    String user(Authentication auth) {
        return auth == null ? null : auth.getName();
    }

    @ModelAttribute("operator")
    boolean operator(Authentication auth) {
        return has(auth, "ROLE_OPERATOR");
    }

    @ModelAttribute("admin")
    boolean admin(Authentication auth) {
        return has(auth, "ROLE_ADMIN");
    }

    @ModelAttribute("en")
    boolean english(Locale locale) {
        return isEnglish(locale);
    }

    @ModelAttribute("fmt")
    Formats formats(Locale locale) {
        return new Formats(isEnglish(locale));
    }

    /** This page in the other language (GET pages only; after a form the list page of its section). */
    @ModelAttribute("langUrl")
    String langUrl(HttpServletRequest request, Locale locale) {
        String other = isEnglish(locale) ? "zh" : "en";
        if (!"GET".equals(request.getMethod())) {
            String path = request.getRequestURI().replaceFirst("^(/console/[a-z]+).*", "$1");
            return path + "?lang=" + other;
        }
        UriComponents uri = UriComponentsBuilder.fromUriString(request.getRequestURI())
                .query(request.getQueryString())
                .replaceQueryParam("lang", other)
                .build();
        return uri.toUriString();
    }

    /** A period, format or number a person typed that cannot be used: said on a page, not as a stack trace. */
    @ExceptionHandler(IllegalArgumentException.class)
    ModelAndView badInput(IllegalArgumentException e) {
        ModelAndView view = new ModelAndView("console/problem", HttpStatus.BAD_REQUEST);
        view.addObject("problem", e.getMessage());
        return view;
    }

    static boolean isEnglish(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    private static boolean has(Authentication auth, String authority) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
