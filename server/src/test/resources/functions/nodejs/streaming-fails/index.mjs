// Response streaming that fails after its first bytes: the bytes reach the caller, then the error
// (sent by the runtime in the response's trailers) ends the stream.
export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  responseStream.setContentType('text/plain');
  responseStream.write('partial ');
  await new Promise((resolve) => setTimeout(resolve, 50));
  throw new Error('boom after the first bytes');
});
