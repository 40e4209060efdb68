// The package's entry: the custom element <backprop-playground> and the iframe client.
export * from './embed/element.js';
export { connect, PlaygroundClient, PlaygroundError, DEFAULT_TIMEOUT } from './embed/client.js';
export type { ConnectOptions, PlaygroundErrorName } from './embed/client.js';
export type * from './embed/protocol.js';
