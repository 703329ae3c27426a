package dev.journeys.api.codec;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;

/**
 * The codec-only listener: a Tomcat connector of its own, and a valve that marks every request that
 * came in through it. The mark is set by the connector the request arrived on, which neither a
 * header nor a proxy's forwarded port can fake, unlike the request's port.
 */
public final class CodecListener {

  /** Request attribute present on requests that arrived on the codec listener. */
  static final String ARRIVED = CodecListener.class.getName() + ".arrived";

  private final Connector connector;

  CodecListener(CodecListenerProperties properties) {
    connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
    connector.setPort(properties.port());
    try {
      // an address, not a host name: bind exactly what was configured
      connector.setProperty(
          "address", InetAddress.getByName(properties.address()).getHostAddress());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(
          "journeys.codec.server.address: unknown address " + properties.address(), e);
    }
  }

  /** Adds the listener to the API's Tomcat. */
  void addTo(TomcatServletWebServerFactory factory) {
    factory.addAdditionalTomcatConnectors(connector);
    factory.addEngineValves(new Marker());
  }

  /** The port it listens on (the chosen one when configured as 0); -1 before it started. */
  public int port() {
    return connector.getLocalPort();
  }

  static boolean arrivedOn(HttpServletRequest request) {
    return request.getAttribute(ARRIVED) != null;
  }

  private final class Marker extends ValveBase {
    Marker() {
      super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
      if (request.getConnector() == connector) {
        request.setAttribute(ARRIVED, Boolean.TRUE);
      }
      getNext().invoke(request, response);
    }
  }
}
