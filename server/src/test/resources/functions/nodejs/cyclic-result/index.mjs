// A result JSON.stringify cannot serialize.
export const handler = async () => {
  const result = { name: 'loop' };
  result.self = result;
  return result;
};
