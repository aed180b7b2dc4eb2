// The legacy context methods (nodejs18.x-nodejs22.x): event.mode picks one.
exports.handler = (event, context) => {
  switch (event.mode) {
    case 'fail':
      return context.fail(new Error('failed through context.fail'));
    case 'done-error':
      return context.done(new Error('failed through context.done'));
    case 'done':
      return context.done(null, { via: 'done' });
    default:
      return context.succeed({ via: 'succeed' });
  }
};
