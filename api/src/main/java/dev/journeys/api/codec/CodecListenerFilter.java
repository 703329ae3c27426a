package dev.journeys.api.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of everything: on the codec listener only {@code POST /codec/encode} and {@code
 * /codec/decode} (and their CORS preflight) go further; every other path of the API is not there
 * (404), whatever credentials come with it. Requests on the API's own port pass untouched.
 */
final class CodecListenerFilter extends OncePerRequestFilter {

  static final Set<String> PATHS = Set.of("/codec/encode", "/codec/decode");
  private static final Set<String> METHODS = Set.of("POST", "OPTIONS");

  private final ObjectMapper json;

  CodecListenerFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!CodecListener.arrivedOn(request) || isCodecCall(request)) {
      chain.doFilter(request, response);
      return;
    }
    notFound(response, json);
  }

  /** The normalised path (no {@code ..}, no {@code ;params}) and the method, both exactly. */
  static boolean isCodecCall(HttpServletRequest request) {
    return request.getPathInfo() == null
        && PATHS.contains(request.getServletPath())
        && PATHS.contains(request.getRequestURI())
        && METHODS.contains(request.getMethod());
  }

  static void notFound(HttpServletResponse response, ObjectMapper json) throws IOException {
    var problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.NOT_FOUND,
            "this listener serves only the payload codec: POST /codec/encode and /codec/decode");
    problem.setTitle("Not found");
    response.setStatus(HttpStatus.NOT_FOUND.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
