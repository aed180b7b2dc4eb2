exports.handler = (event, context, callback) => {
  console.log('callback handler for', context.awsRequestId);
  callback(null, { message: 'from callback', input: event });
};
