export const handler = async (event) => {
  console.log('printed before return');
  return 'done';
};
