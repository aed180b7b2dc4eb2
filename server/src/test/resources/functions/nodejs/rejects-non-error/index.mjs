export const handler = async () => {
  return Promise.reject('plain string rejection');
};
