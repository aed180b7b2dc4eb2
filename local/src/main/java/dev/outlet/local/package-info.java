/**
 * Local development commands ({@code outlet local invoke}, {@code local generate-event}, {@code
 * local start-api}, {@code deploy}, {@code schedules}) and their wiring. Sub-packages: {@code sam}
 * (template reading, pure), {@code deploy} (plans and the HTTP clients that apply them), {@code
 * events} (the EventBridge rules API and scheduler served by Outlet), {@code run} (one function in
 * an in-process sandbox, no server). Must not import {@code dev.outlet.server}: the server depends
 * on this module, and hands it what it needs through {@link dev.outlet.local.EmbeddedOutlet}.
 */
package dev.outlet.local;
