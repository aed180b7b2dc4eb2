package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/**
 * UpdateFunctionCode's body ({@code PUT .../code}): the package's source members sit at the top
 * level here, where CreateFunction nests them in {@code Code}.
 */
public record UpdateFunctionCodeRequest(
    @JsonProperty("ZipFile") @JsonDeserialize(using = ZipFileBase64.class) byte[] zipFile,
    @JsonProperty("S3Bucket") String s3Bucket,
    @JsonProperty("S3Key") String s3Key,
    @JsonProperty("S3ObjectVersion") String s3ObjectVersion,
    @JsonProperty("ImageUri") String imageUri,
    @JsonProperty("Architectures") List<String> architectures,
    @JsonProperty("RevisionId") String revisionId,
    @JsonProperty("Publish") Boolean publish) {

  /** The package's source, as CreateFunction's {@code Code} carries it. */
  public FunctionCode code() {
    return new FunctionCode(zipFile, s3Bucket, s3Key, s3ObjectVersion, imageUri);
  }
}
