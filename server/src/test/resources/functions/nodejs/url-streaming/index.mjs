// A Function URL in RESPONSE_STREAM mode, as AWS's documentation writes one: the status, headers
// and cookies first (awslambda.HttpResponseStream.from), then the body as it is written.
export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  const httpResponseMetadata = {
    statusCode: 201,
    headers: {
      'Content-Type': 'text/plain',
      'X-Custom-Header': 'Example-Custom-Header',
    },
    cookies: ['a=1', 'b=2; Path=/'],
  };
  responseStream = awslambda.HttpResponseStream.from(responseStream, httpResponseMetadata);
  responseStream.write('first ');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  responseStream.write('second');
  responseStream.end();
});
