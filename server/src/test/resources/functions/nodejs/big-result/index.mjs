// About 7 MB: over Lambda's 6 MB limit for a synchronous response.
export const handler = async (event) => {
  const size = event.bytes ?? 7 * 1024 * 1024;
  return { data: 'x'.repeat(size) };
};
