/** SQS standard queues on Outlet's AWS edge. */
package dev.outlet.sqs;
