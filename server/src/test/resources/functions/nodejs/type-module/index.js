export const handler = async (event) => {
  console.log('esm via package.json type module');
  return { esm: typeof require === 'undefined', url: import.meta.url.endsWith('/index.js'), event };
};
