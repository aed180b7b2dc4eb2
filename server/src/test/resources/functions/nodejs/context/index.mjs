export const handler = async (event, context) => {
  const remaining = context.getRemainingTimeInMillis();
  return {
    awsRequestId: context.awsRequestId,
    functionName: context.functionName,
    functionVersion: context.functionVersion,
    invokedFunctionArn: context.invokedFunctionArn,
    memoryLimitInMB: context.memoryLimitInMB,
    logGroupName: context.logGroupName,
    logStreamName: context.logStreamName,
    identity: context.identity ?? null,
    clientContext: context.clientContext ?? null,
    callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
    remainingTimeInMillis: remaining,
    remainingIsNumber: typeof remaining === 'number',
    hasDone: typeof context.done === 'function',
    hasSucceed: typeof context.succeed === 'function',
    hasFail: typeof context.fail === 'function',
    traceId: process.env._X_AMZN_TRACE_ID ?? null,
    executionEnv: process.env.AWS_EXECUTION_ENV ?? null,
    handlerEnv: process.env._HANDLER ?? null,
    taskRoot: process.env.LAMBDA_TASK_ROOT ?? null,
    cwd: process.cwd(),
    tz: process.env.TZ ?? null,
    stringified: JSON.parse(JSON.stringify(context)),
  };
};
