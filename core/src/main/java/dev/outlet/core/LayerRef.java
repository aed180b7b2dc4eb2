package dev.outlet.core;

/**
 * A layer version a function uses: its ARN as AWS shows it, and its package in the code store.
 *
 * @param arn {@code arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION}
 */
public record LayerRef(String arn, CodeRef code) {}
