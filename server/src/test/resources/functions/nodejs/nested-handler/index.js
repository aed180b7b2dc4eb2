// Handler string "index.handlers.greet": a nested export path.
exports.handlers = {
  greet: async (event) => ({ greeting: `Hello, ${event.name ?? 'world'}!` }),
};
