// The iframe client: promises with timeouts for every method, events through on()/off().
import type { EventName, Events, PlaygroundConfig, PlaygroundState, SetConfigResult, Speed, StepResult, TraceResult, MethodName, Methods } from './protocol.js';

/** The default time a command may take, in ms (`step(n)` adds 1 ms a step). */
export declare const DEFAULT_TIMEOUT: number;

/** Why a Promise was rejected. */
export type PlaygroundErrorName = 'TimeoutError' | 'DetachedError' | 'CommandError' | 'SourceError';

export declare class PlaygroundError extends Error {
  constructor(name: PlaygroundErrorName, message: string);
  name: PlaygroundErrorName;
}

export interface ConnectOptions {
  /** ms a command (and the first `ready`) may take; default 10 000. */
  timeout?: number;
  /** The playground's origin; default: that of the iframe's `src`. */
  origin?: string;
}

export declare class PlaygroundClient {
  constructor(iframe: HTMLIFrameElement, options?: ConnectOptions);
  readonly iframe: HTMLIFrameElement;
  timeout: number;
  /** Resolves when the playground has loaded; rejects with a TimeoutError if it does not within the timeout. */
  readonly ready: Promise<void>;
  play(): Promise<null>;
  pause(): Promise<null>;
  step(count?: number, options?: { timeout?: number }): Promise<StepResult>;
  reset(): Promise<null>;
  getState(): Promise<PlaygroundState>;
  setConfig(config: PlaygroundConfig): Promise<SetConfigResult>;
  /** Paced or Fast training; resolves to the speed now. */
  setSpeed(speed: Speed): Promise<Speed>;
  trace(index?: number): Promise<TraceResult>;
  link(options?: { weights?: boolean }): Promise<string>;
  /** Any method by name (queued until ready). */
  command<M extends MethodName>(method: M, args?: Methods[M]['args'], timeout?: number): Promise<Methods[M]['result']>;
  /** Calls `listener` with each event's data; returns a function that removes it. */
  on<E extends EventName>(event: E, listener: (data: Events[E]) => void): () => void;
  off<E extends EventName>(event: E, listener: (data: Events[E]) => void): void;
  /** Stops listening; pending Promises reject with a DetachedError. */
  close(reason?: string): void;
}

export declare function connect(iframe: HTMLIFrameElement, options?: ConnectOptions): PlaygroundClient;
