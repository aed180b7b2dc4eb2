/**
 * EventBridge event patterns, pure: {@link dev.outlet.events.pattern.EventPattern#parse} reads a
 * pattern's JSON once into a sealed model (objects of field rules, leaf arrays of matchers) or
 * refuses it with an {@link dev.outlet.events.pattern.InvalidEventPatternException} worded like
 * AWS's; {@link dev.outlet.events.pattern.EventPattern#matches} answers whether an event matches.
 * For EventBridge rules' {@code EventPattern} and Lambda event source mappings' {@code
 * FilterCriteria}; nothing here keeps state, reads a clock or touches the network (CIDR addresses
 * are parsed by hand, never resolved).
 */
package dev.outlet.events.pattern;
