// The message protocol between a page and a Backprop Playground iframe (see docs.html, section 4).

/** The `type` of every message of the protocol. */
export declare const TYPE: 'backprop-playground';
export declare const EVENTS: readonly EventName[];
export declare const METHODS: readonly MethodName[];
export declare const SPEEDS: readonly Speed[];

/** How training is paced while playing: at most one epoch per frame (the default), or as many as fit in a frame's budget. */
export type Speed = 'paced' | 'fast';

/** The playground's settings (link parameters); each is checked by the page, a bad one named in an error reply. */
export interface PlaygroundConfig {
  activation?: string;
  learningRate?: number;
  networkShape?: number[];
  dataset?: string;
  noise?: number;
  batchSize?: number;
  percTrainData?: number;
  regularization?: string;
  regularizationRate?: number;
  problem?: 'classification' | 'regression';
  seed?: number | string;
  features?: string[];
  optimizer?: string;
  showTestData?: boolean;
  discretize?: boolean;
  [setting: string]: unknown;
}

export interface PlaygroundState {
  step: number;
  epoch: number;
  trainLoss: number | null;
  testLoss: number | null;
  diverged: boolean;
  /** Paced or Fast training (link key `speed`). */
  speed: Speed;
  config: PlaygroundConfig;
}

/** getState with `weights: true`: the parameters too. */
export interface PlaygroundStateWithWeights extends PlaygroundState {
  /** Neurons per layer, inputs first. */
  sizes: number[];
  /** Per layer, row-major [out][in]. */
  weights: number[][];
  biases: number[][];
}

export interface StepResult extends PlaygroundState {
  /** How many steps ran (fewer than asked when training stopped). */
  ran: number;
  /** A reset or a rebuilding setConfig ended the run early. */
  interrupted?: true;
}

export interface SetConfigResult {
  /** Whether the network was rebuilt (new weights) or the change applied live. */
  rebuilt: boolean;
  config: PlaygroundConfig;
}

export interface TraceResult {
  index: number;
  x: number;
  y: number;
  label: number;
  input: number[];
  target: number[];
  output: number[];
  loss: number;
}

/** Each method's `args` and its reply's `result`. */
export interface Methods {
  play: { args: Record<string, never>; result: null };
  pause: { args: Record<string, never>; result: null };
  step: { args: { count?: number }; result: StepResult };
  reset: { args: Record<string, never>; result: null };
  getState: { args: { weights?: boolean }; result: PlaygroundState | PlaygroundStateWithWeights };
  setConfig: { args: { config: PlaygroundConfig }; result: SetConfigResult };
  /** Paced or Fast training; the result is the speed now. */
  setSpeed: { args: { speed: Speed }; result: Speed };
  trace: { args: { index?: number }; result: TraceResult };
  /** The fragment (without '#') that reopens this state; with `weights`, the trained parameters and step too. */
  link: { args: { weights?: boolean }; result: string };
  subscribe: { args: { events?: EventName[] }; result: EventName[] };
  unsubscribe: { args: { events?: EventName[] }; result: EventName[] };
}
export type MethodName = keyof Methods;

/** Each event's `data`. */
export interface Events {
  ready: { version?: string; [key: string]: unknown } | undefined;
  step: { step: number; epoch: number; trainLoss: number | null; testLoss: number | null };
  diverged: { step: number };
  configChanged: PlaygroundConfig;
  resize: { height: number };
  /** The training core failed; the page offers a reset to the state saved at `restoredStep`. */
  error: { message: string; restoredStep?: number };
}
export type EventName = keyof Events;

export type CommandMessage<M extends MethodName = MethodName> = { type: 'backprop-playground'; id: string | number; method: M; args?: Methods[M]['args'] };
export type ReplyMessage<M extends MethodName = MethodName> =
  | { type: 'backprop-playground'; id: string | number; result: Methods[M]['result'] }
  | { type: 'backprop-playground'; id: string | number; error: string };
export type EventMessage<E extends EventName = EventName> = { type: 'backprop-playground'; event: E; data: Events[E] };

/** Checks a message: null (not ours), a command, or an error to reply with. */
export declare function parseCommand(data: unknown): null | { id: string | number; method: MethodName; args: object } | { id: string | number; error: string };
