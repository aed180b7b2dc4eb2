package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * CreateFunction's {@code Code}: where the package comes from. Outlet takes only {@code ZipFile}
 * (base64 on the wire, bytes here); the other sources are read to be refused with a clear message.
 */
public record FunctionCode(
    @JsonProperty("ZipFile") @JsonDeserialize(using = ZipFileBase64.class) byte[] zipFile,
    @JsonProperty("S3Bucket") String s3Bucket,
    @JsonProperty("S3Key") String s3Key,
    @JsonProperty("S3ObjectVersion") String s3ObjectVersion,
    @JsonProperty("ImageUri") String imageUri) {

  /** A package given as its bytes. */
  public static FunctionCode zip(byte[] zip) {
    return new FunctionCode(zip, null, null, null, null);
  }
}
