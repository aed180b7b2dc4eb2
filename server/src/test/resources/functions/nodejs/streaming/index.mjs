// Response streaming (awslambda.streamifyResponse); through the buffered Invoke the caller gets
// the concatenated body.
export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  responseStream.setContentType('text/plain');
  responseStream.write('Hello, ');
  await new Promise((resolve) => setTimeout(resolve, 10));
  responseStream.write('streaming ');
  responseStream.end('world!');
});
