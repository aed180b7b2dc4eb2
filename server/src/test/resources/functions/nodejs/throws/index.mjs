export const handler = async (event) => {
  console.log('about to throw');
  throw new Error('Something went wrong');
};
