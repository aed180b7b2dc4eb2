export const handler = async (event) => {
  console.log('sleeping for', event.ms ?? 10000, 'ms');
  await new Promise((resolve) => setTimeout(resolve, event.ms ?? 10000));
  return 'woke up';
};
