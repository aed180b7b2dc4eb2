/** SQS standard and FIFO queues on Outlet's AWS edge. */
package dev.outlet.sqs;
