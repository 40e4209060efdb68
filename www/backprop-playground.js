// The custom element's public address (docs, snippets and the npm package point here); it lives
// with the message protocol in embed/.
export * from './embed/element.js';
