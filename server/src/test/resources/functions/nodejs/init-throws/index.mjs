console.log('initializing');
throw new Error('failed during init');

export const handler = async () => 'unreachable';
