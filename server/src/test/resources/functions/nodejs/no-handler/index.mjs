export const somethingElse = async () => 'not the handler';
