package dev.journeys.api.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first gate for every request: a body larger than the limit is refused with 413 (by its {@code
 * Content-Length}, or while it streams in), and a NUL character anywhere (query, raw body or a JSON
 * {@code \u0000} escape) with 400, before anything parses it. PostgreSQL cannot store NUL in text,
 * so it would otherwise fail as a 500 deep inside.
 *
 * <p>Form bodies (providers' webhooks) are only size-checked: the servlet container parses them
 * itself, and their signatures are verified before anything reads them.
 */
public class BoundedBodyFilter extends OncePerRequestFilter {

  static final URI TOO_LARGE = URI.create("https://journeys.dev/problems/payload-too-large");
  static final URI INVALID = URI.create("https://journeys.dev/problems/invalid-request");

  private final long maxBytes;
  private final ObjectMapper json;

  public BoundedBodyFilter(long maxBytes, ObjectMapper json) {
    this.maxBytes = maxBytes;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String query = request.getQueryString();
    if (query != null && (query.contains("%00") || query.indexOf('\0') >= 0)) {
      problem(response, HttpStatus.BAD_REQUEST, INVALID, "the query contains a NUL character");
      return;
    }
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      tooLarge(response);
      return;
    }
    if (isForm(request) || (declared <= 0 && !chunked(request))) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = read(request.getInputStream());
    if (body == null) {
      tooLarge(response);
      return;
    }
    if (containsNul(body)) {
      problem(response, HttpStatus.BAD_REQUEST, INVALID, "the body contains a NUL character");
      return;
    }
    chain.doFilter(new BufferedBody(request, body), response);
  }

  /** The body, or null when it exceeds the limit. */
  private byte[] read(InputStream in) throws IOException {
    var out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) != -1) {
      if (out.size() + n > maxBytes) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * A raw NUL byte, or the JSON escape {@code \u0000} (any hex case) preceded by an odd number of
   * backslashes; {@code \\u0000} is the literal text "\u0000", which is fine.
   */
  static boolean containsNul(byte[] body) {
    for (int i = 0; i < body.length; i++) {
      byte b = body[i];
      if (b == 0) {
        return true;
      }
      if (b == '\\' && i + 5 < body.length && body[i + 1] == 'u') {
        boolean zeros = true;
        for (int k = 2; k <= 5; k++) {
          zeros &= body[i + k] == '0';
        }
        if (zeros && backslashesBefore(body, i) % 2 == 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static int backslashesBefore(byte[] body, int at) {
    int count = 0;
    for (int i = at - 1; i >= 0 && body[i] == '\\'; i--) {
      count++;
    }
    return count;
  }

  private static boolean isForm(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null
        && type.toLowerCase(java.util.Locale.ROOT)
            .startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
  }

  private static boolean chunked(HttpServletRequest request) {
    String encoding = request.getHeader("Transfer-Encoding");
    return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
  }

  private void tooLarge(HttpServletResponse response) throws IOException {
    problem(
        response,
        HttpStatus.PAYLOAD_TOO_LARGE,
        TOO_LARGE,
        "the request body is larger than " + maxBytes + " bytes");
  }

  private void problem(HttpServletResponse response, HttpStatus status, URI type, String detail)
      throws IOException {
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(status == HttpStatus.BAD_REQUEST ? "Invalid request" : "Payload too large");
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    // the client may still be sending; do not keep the connection for the rest of it
    response.setHeader("Connection", "close");
    json.writeValue(response.getOutputStream(), problem);
  }

  /** The request with its body already read into memory. */
  private static final class BufferedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      var in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
