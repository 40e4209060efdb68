// <backprop-playground>: attributes, properties, methods and events.
import type { Events, PlaygroundConfig, PlaygroundState, SetConfigResult, Speed, StepResult, TraceResult } from './protocol.js';
import type { PlaygroundErrorName } from './client.js';

/** The detail of `backprop-playground:error`: the core's failure, or the element's own (no src, no page in time). */
export type PlaygroundErrorDetail = Events['error'] | { name: PlaygroundErrorName; message: string };

/** The element's events: `backprop-playground:<name>`; they bubble and cross shadow roots. */
export interface BackpropPlaygroundEventMap {
  'backprop-playground:ready': CustomEvent<Events['ready']>;
  'backprop-playground:step': CustomEvent<Events['step']>;
  'backprop-playground:diverged': CustomEvent<Events['diverged']>;
  'backprop-playground:configChanged': CustomEvent<Events['configChanged']>;
  'backprop-playground:resize': CustomEvent<Events['resize']>;
  'backprop-playground:error': CustomEvent<PlaygroundErrorDetail>;
}

export declare class BackpropPlaygroundElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The playground page (attribute `src`); default: index.html beside the module's folder. */
  src: string | null;
  preset: string | null;
  lesson: string | null;
  /** Controls to show, comma-separated (attribute `controls`). */
  controls: string | null;
  /** `light` or `dark` (attribute `theme`); null follows the system's preference. */
  theme: 'light' | 'dark' | string | null;
  /** `paced` (at most one epoch per frame; null means this too) or `fast` (as many as fit in a
   *  frame's budget) (attribute `speed`); a change applies at once, keeping the training. */
  speed: Speed | string | null;
  /** A whole link fragment (attribute `config`). */
  config: string | null;
  /** Attribute `learning-rate`. */
  learningRate: number | null;
  /** Fixed height in px (attribute `height`); without it the element fits its content. */
  height: number | null;
  /** ms a command may take (attribute `timeout`); default 10 000. */
  timeout: number | null;
  /** Plays while on screen (attribute `autoplay`), unless the reader asks for reduced motion. */
  autoplay: boolean;
  /** Resolves when the playground has loaded (it loads near the viewport, or when a method is called);
   *  rejects with a named error (SourceError, or TimeoutError counted from the load). */
  readonly ready: Promise<void>;
  play(): Promise<null>;
  pause(): Promise<null>;
  step(count?: number, options?: { timeout?: number }): Promise<StepResult>;
  reset(): Promise<null>;
  setConfig(config: PlaygroundConfig): Promise<SetConfigResult>;
  /** Paced or Fast training (sets the `speed` attribute too); resolves to the speed now. */
  setSpeed(speed: Speed): Promise<Speed>;
  getState(): Promise<PlaygroundState>;
  trace(index?: number): Promise<TraceResult>;
  link(options?: { weights?: boolean }): Promise<string>;

  addEventListener<K extends keyof BackpropPlaygroundEventMap>(type: K, listener: (this: BackpropPlaygroundElement, ev: BackpropPlaygroundEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: BackpropPlaygroundElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof BackpropPlaygroundEventMap>(type: K, listener: (this: BackpropPlaygroundElement, ev: BackpropPlaygroundEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: BackpropPlaygroundElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'backprop-playground': BackpropPlaygroundElement;
  }
  // The events bubble and are composed: a listener on any ancestor (or document) gets them typed.
  interface HTMLElementEventMap extends BackpropPlaygroundEventMap {}
  interface DocumentEventMap extends BackpropPlaygroundEventMap {}
}
