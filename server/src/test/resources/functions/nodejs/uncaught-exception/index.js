// An exception thrown from a timer: the runtime reports it for this invocation and exits.
exports.handler = (event, context, callback) => {
  setTimeout(() => {
    throw new Error('thrown from a timer');
  }, 10);
};
