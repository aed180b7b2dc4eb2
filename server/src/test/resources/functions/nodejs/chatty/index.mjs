// Logs about 10 MB in one invocation (10,240 lines of 1 KiB), then answers.
export const handler = async (event) => {
  const lines = event.lines ?? 10240;
  const filler = 'y'.repeat(1000);
  for (let i = 0; i < lines; i++) {
    console.log(`line ${i} ${filler}`);
  }
  console.log('last line');
  return { lines };
};
