/**
 * The EventBridge subset for schedules: scheduled rules and their Lambda targets, served as AWS's
 * JSON 1.1 API ({@code X-Amz-Target: AWSEvents.PutRule}, ...) on Outlet's endpoint, kept in their
 * own SQLite file, and fired by {@link dev.outlet.events.RuleScheduler} through Outlet's
 * asynchronous invoke path. {@link dev.outlet.events.ScheduleExpression} is pure: it parses {@code
 * rate()} and {@code cron()} and answers "when next", with no clock of its own. Requests and
 * responses are records with AWS's member names ({@link dev.outlet.events.EventsRequests}, {@link
 * dev.outlet.events.EventsResponses}); {@link dev.outlet.events.EventsService} binds each body and
 * validates it ({@link dev.outlet.events.EventsValidation}) before the operation runs.
 */
package dev.outlet.events;
