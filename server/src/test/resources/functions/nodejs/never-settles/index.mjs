// An async handler whose promise never settles and that leaves nothing else to do.
export const handler = async () => new Promise(() => {});
