package dev.outlet.iam.policy;

import java.util.List;

/**
 * A policy document: its {@code Version} and statements, parsed ({@link PolicyParser}).
 *
 * @param version {@code 2012-10-17} (or the old {@code 2008-10-17})
 */
public record PolicyDocument(String version, List<Statement> statements) {

  public PolicyDocument {
    statements = List.copyOf(statements);
  }
}
