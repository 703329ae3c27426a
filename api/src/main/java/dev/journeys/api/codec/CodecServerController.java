package dev.journeys.api.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.journeys.api.InvalidRequestException;
import dev.journeys.api.NotFoundException;
import dev.journeys.codec.AesGcmPayloadCodec;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The remote codec endpoint of Temporal's codec server protocol, so the Temporal UI and CLI can
 * show encrypted payloads: {@code POST /codec/decode} and {@code /codec/encode} take and return
 * {@code {"payloads":[{"metadata":{...},"data":"<base64>"}]}} (the protobuf JSON of {@code
 * Payloads}). Scope {@code operator}: decoding reveals the personal data the encryption protects.
 * 404 when payload encryption is off.
 */
@RestController
public class CodecServerController {

  private final ObjectProvider<AesGcmPayloadCodec> codec;

  public CodecServerController(ObjectProvider<AesGcmPayloadCodec> codec) {
    this.codec = codec;
  }

  @PostMapping(path = "/codec/encode", consumes = "application/json", produces = "application/json")
  public String encode(@RequestBody String body) {
    var c = configured();
    return apply(
        body,
        payloads ->
            Payloads.newBuilder().addAllPayloads(c.encode(payloads.getPayloadsList())).build());
  }

  @PostMapping(path = "/codec/decode", consumes = "application/json", produces = "application/json")
  public String decode(@RequestBody String body) {
    var c = configured();
    return apply(
        body,
        payloads ->
            Payloads.newBuilder().addAllPayloads(c.decode(payloads.getPayloadsList())).build());
  }

  private AesGcmPayloadCodec configured() {
    var c = codec.getIfAvailable();
    if (c == null) {
      throw new NotFoundException("payload encryption is off (journeys.codec.key is not set)");
    }
    return c;
  }

  private static String apply(String body, UnaryOperator<Payloads> operation) {
    var payloads = Payloads.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(body, payloads);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw invalid("must be {\"payloads\": [...]} as the codec server protocol defines");
    }
    Payloads result;
    try {
      result = operation.apply(payloads.build());
    } catch (PayloadCodecException e) {
      throw invalid("a payload could not be decoded: " + e.getMessage());
    }
    try {
      return JsonFormat.printer().omittingInsignificantWhitespace().print(result);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException(
        "invalid payloads", List.of(new InvalidRequestException.FieldError("payloads", message)));
  }
}
