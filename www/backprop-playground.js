// The custom element's public address (docs, snippets and the npm package point here); it lives
// with the message protocol and the iframe client in embed/.
export * from './embed/element.js';
export { connect, PlaygroundClient, PlaygroundError, DEFAULT_TIMEOUT } from './embed/client.js';
