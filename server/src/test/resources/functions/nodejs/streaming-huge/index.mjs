// Streams one megabyte at a time until it has written event.megabytes of them (201 by default:
// past Lambda's 200 MB limit for a streamed response).
export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  const megabyte = Buffer.alloc(1024 * 1024, 'x');
  const total = event.megabytes ?? 201;
  for (let i = 0; i < total; i++) {
    if (!responseStream.write(megabyte)) {
      await new Promise((resolve) => responseStream.once('drain', resolve));
    }
  }
  responseStream.end();
});
