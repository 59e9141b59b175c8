package dev.fireline.api.console;

import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page: a password form, and the single sign-on button when one is configured. */
@Controller
class SignInController {
  private final String ssoName;

  SignInController(
      @Value("${fireline.sso.issuer-uri:}") String issuer,
      @Value("${fireline.sso.name:Single sign-on}") String name) {
    this.ssoName = issuer.isBlank() ? null : name;
  }

  @GetMapping("/login")
  String signIn(
      Model model,
      HttpSession session,
      @org.springframework.web.bind.annotation.RequestParam(required = false) String error,
      @org.springframework.web.bind.annotation.RequestParam(name = "sso-error", required = false)
          String ssoError,
      @org.springframework.web.bind.annotation.RequestParam(name = "signed-out", required = false)
          String signedOut) {
    model.addAttribute("sso", ssoName);
    model.addAttribute("signedOut", signedOut != null);
    if (error != null) {
      // the same words for an unknown name and a wrong password: the page must not tell who exists
      model.addAttribute("problem", "Wrong name or password.");
    } else if (ssoError != null) {
      Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
      session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION); // shown once
      model.addAttribute(
          "problem",
          "Single sign-on refused: "
              + (failure instanceof AuthenticationException e ? e.getMessage() : "try again"));
    }
    return "login";
  }
}
