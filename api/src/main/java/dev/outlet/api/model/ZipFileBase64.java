package dev.outlet.api.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.outlet.core.LambdaException;
import java.io.IOException;
import java.util.Base64;

/**
 * A {@code ZipFile} blob: base64 decoded leniently (MIME: line breaks and stray characters are
 * skipped, as Outlet always accepted them). Text that still does not decode is AWS's answer for a
 * package it cannot open, thrown as such for the binder to pass on.
 */
public final class ZipFileBase64 extends StdDeserializer<byte[]> {
  private static final long serialVersionUID = 1L;

  public ZipFileBase64() {
    super(byte[].class);
  }

  @Override
  public byte[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    String text = p.getValueAsString();
    if (text == null) {
      return (byte[]) ctxt.handleUnexpectedToken(byte[].class, p);
    }
    try {
      return Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw LambdaException.invalidParameter(
          "Could not unzip uploaded file. Please check your file, then try to upload again.");
    }
  }
}
