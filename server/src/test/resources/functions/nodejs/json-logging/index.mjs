// Run with LoggingConfig LogFormat=JSON (ApplicationLogLevel picks what is kept).
export const handler = async (event) => {
  console.trace('a trace message');
  console.debug('a debug message');
  console.info('an info message');
  console.log({ structured: true, n: 1 });
  console.warn('a warning', 42);
  console.error('an error', new TypeError('bad type'));
  return 'logged';
};
