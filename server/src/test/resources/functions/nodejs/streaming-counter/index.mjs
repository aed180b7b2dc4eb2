// Response streaming that says which runtime process serves it (one id per process) and how many
// invocations that process served, pauses, then ends; or fails after its first bytes when asked.
import { randomUUID } from 'node:crypto';

const processId = randomUUID();
let served = 0;

export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  served += 1;
  responseStream.setContentType('text/plain');
  responseStream.write(`${processId} ${served}\n`);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  if (event.fail) {
    throw new Error('failed after the first bytes');
  }
  responseStream.write('end\n');
  responseStream.end();
});
