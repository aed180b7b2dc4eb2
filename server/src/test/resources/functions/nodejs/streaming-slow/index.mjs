// Response streaming with a pause: the caller of InvokeWithResponseStream reads "first" a second and
// a half before "second" (and before the stream ends).
export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  responseStream.setContentType('text/plain');
  responseStream.write('first');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  responseStream.write('second');
  responseStream.end();
});
