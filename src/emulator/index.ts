/**
 * A local Enreach RTE for development and tests (Node only): the REST token endpoint, the SignalR
 * hub and control endpoints to publish events and inject faults.
 *
 * @packageDocumentation
 */

export { EmulatorControl, type EmulatorControlOptions } from './control-client.ts';
export type { Emulator, EmulatorCredentials } from './emulator.ts';
export { startEmulator } from './emulator.ts';
export type { EntityType } from './event-names.ts';
export { availableEventNames } from './event-names.ts';
export type { NegotiateFailureOptions, TokenFailureOptions } from './faults.ts';
export type { AuthorizeContext, CloseConnectionsOptions, EmulatorStats } from './hub.ts';
export type { EmulatorLogger } from './logger.ts';
export type { StartEmulatorOptions } from './options.ts';
export {
  parseRecording,
  type RecordedFrame,
  type Recording,
  RecordingFormatError,
  type RecordingHeader,
  RecordingWriter,
  readRecording,
} from './recording.ts';
export { type Replay, type ReplayOptions, type ReplayOutcome, replayRecording } from './replay.ts';
export type {
  SimulatedAgent,
  SimulatedCallList,
  SimulatedQueue,
  Simulator,
  SimulatorDirectory,
  SimulatorOptions,
  SimulatorPublish,
  SimulatorTimers,
} from './simulator.ts';
export { createSimulator, simulatedEventNames } from './simulator.ts';
export type { Subscription, SubscriptionResult } from './subscriptions.ts';
export type { TokenResponseForm } from './token-response.ts';
export type { IssueTokenOptions } from './tokens.ts';
export type { EmulatorUser } from './users.ts';
export { demoUser } from './users.ts';
