import isNumber from 'is-number';

export const handler = async (event) => {
  return { value: event.value, isNumber: isNumber(event.value) };
};
