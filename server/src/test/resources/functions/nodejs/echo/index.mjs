// Answers every event with the event itself (the throughput benchmark's function).
export const handler = async (event) => event;
