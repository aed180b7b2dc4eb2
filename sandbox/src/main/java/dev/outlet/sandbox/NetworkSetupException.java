package dev.outlet.sandbox;

import java.io.IOException;

/** A sandbox's own network could not be set up (its namespace, egress, or Runtime API in it). */
final class NetworkSetupException extends IOException {
  NetworkSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
