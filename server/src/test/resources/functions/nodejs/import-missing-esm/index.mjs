import missing from 'this-package-is-not-in-the-zip';

export const handler = async () => missing();
