// Handler string "src/handlers/hello.handler": a module in a folder.
export const handler = async (event) => ({ from: 'src/handlers/hello.mjs', event });
