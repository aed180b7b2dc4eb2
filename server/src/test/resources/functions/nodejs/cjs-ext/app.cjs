exports.lambdaHandler = async (event) => {
  return { cjs: typeof require === 'function' && typeof module === 'object', event };
};
