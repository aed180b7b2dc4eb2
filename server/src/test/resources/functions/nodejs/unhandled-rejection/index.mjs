// A promise rejected outside the handler's own chain: the runtime reports it and exits.
export const handler = async () => {
  Promise.reject(new Error('nobody handles me'));
  await new Promise((resolve) => setTimeout(resolve, 100));
  return 'not reached';
};
