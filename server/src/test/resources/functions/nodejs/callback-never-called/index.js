// A callback-style handler that returns without calling back: the answer is null.
exports.handler = (event, context, callback) => {
  console.log('returning without calling back');
};
