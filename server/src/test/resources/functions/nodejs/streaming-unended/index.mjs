// A streaming handler that returns without ending its stream: Lambda fails the invocation with
// "Response stream is not finished." after the bytes written.
export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  responseStream.setContentType('text/plain');
  responseStream.write('unended');
});
