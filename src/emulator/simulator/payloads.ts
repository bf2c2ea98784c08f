import { OPEN_ENDED, unzonedTime, utcTimestamp } from './dates.ts';
import type { AgentState, Availability, CallbackState, CallState, QueueState, WrapUpState } from './model.ts';
import { canBeAllocatedTo } from './model.ts';

/** The part of every payload that belongs to the event rather than to its subject. */
export interface Stamp {
  readonly organizationId: string;
  /** The event's own `Id`. */
  readonly id: string;
  /** Clock milliseconds the event happened at. */
  readonly ms: number;
}

/** An event payload with PascalCase keys, in the order the reference documents them. */
export type Payload = Record<string, unknown>;

/** A `UserAvailability` change as the simulator decides it. */
export interface AvailabilityChange {
  readonly profileId: string;
  readonly availability: Availability;
  readonly endMs: number | null;
  readonly note: string;
  readonly eventSource: string;
  readonly transferNumber: string;
}

/** How an unanswered or unserved call left an agent. */
export interface OverflowDetails {
  readonly reason: string;
  readonly target: string;
}

// A user's direct calls are shown to colleagues by default (CallEventPublicityCategory 0).
const PUBLICITY = 0;

function userEvent(type: string, stamp: Stamp, userId: string, body: Payload): Payload {
  return {
    RootEntityType: 'Organization',
    RootEntityId: stamp.organizationId,
    EventType: type,
    EntityType: 'User',
    EntityId: userId,
    ...body,
    Id: stamp.id,
    Timestamp: utcTimestamp(stamp.ms),
    MessageTTLSeconds: -1,
  };
}

function callIn(type: string, stamp: Stamp, agent: AgentState, call: CallState, body: Payload): Payload {
  return userEvent(type, stamp, agent.userId, {
    CallId: call.callId,
    LegId: call.legId,
    UserId: agent.userId,
    OrganizationId: stamp.organizationId,
    ...body,
    CallerNumber: call.callerNumber,
    TargetNumber: call.targetNumber,
    Publicity: PUBLICITY,
  });
}

function wrapUpFields(stamp: Stamp, agent: AgentState, wrapUp: WrapUpState): Payload {
  return {
    OrganizationId: stamp.organizationId,
    CallId: wrapUp.callId,
    LegId: wrapUp.legId,
    UserId: agent.userId,
    QueueId: wrapUp.queueId,
    CallListId: null,
    CallBackId: null,
  };
}

/**
 * Builders for every event the simulator publishes. Each returns the `data` object with every field
 * the reference documents for that event, PascalCase, in the documented order.
 *
 * @example
 * ```ts
 * import { payloads } from './payloads.ts';
 *
 * const data = payloads.queueStatus({ organizationId, id, ms: Date.now() }, queue, 0);
 * console.log(data.EventType); // 'QueueStatus'
 * ```
 */
export const payloads = {
  /**
   * A queue call event of the live service that the reference does not document
   * (`QueueCallInComing`, `QueueCallInUserConnected`): clients receive it untyped.
   */
  queueCall(type: string, stamp: Stamp, call: CallState, agent: AgentState | null): Payload {
    const queue = call.queue as QueueState;
    return {
      RootEntityType: 'Organization',
      RootEntityId: stamp.organizationId,
      EventType: type,
      EntityType: 'Queue',
      EntityId: queue.queueId,
      CallId: call.callId,
      LegId: call.legId,
      QueueId: queue.queueId,
      QueueName: queue.name,
      OrganizationId: stamp.organizationId,
      ...(agent === null ? {} : { UserId: agent.userId, UserName: agent.name }),
      CallerNumber: call.callerNumber,
      TargetNumber: call.targetNumber,
      Id: stamp.id,
      Timestamp: utcTimestamp(stamp.ms),
      MessageTTLSeconds: -1,
    };
  },
  userStatus(stamp: Stamp, agent: AgentState): Payload {
    const serving = agent.availability !== 'OffWork';
    const wrapUp = agent.wrapUp;
    return {
      RootEntityType: 'Organization',
      RootEntityId: stamp.organizationId,
      EventType: 'UserStatus',
      EntityType: 'User',
      EntityId: agent.userId,
      MessageTTLSeconds: 60,
      UserId: agent.userId,
      OrganizationId: stamp.organizationId,
      CanBeAllocatedTo: canBeAllocatedTo(agent),
      Talking: agent.call !== null,
      TalkingStatusChanged: agent.talkingChangedMs === null ? null : utcTimestamp(agent.talkingChangedMs),
      ActiveQueueId: agent.call?.queue?.queueId ?? null,
      ActiveCallListId: agent.call?.callback?.callList.callListId ?? null,
      Available: agent.availability !== 'DoNotDisturb' && serving,
      Schedule: serving,
      Serving: serving,
      ServiceTerminals: serving ? 1 : 0,
      ActiveQueues: serving ? agent.queues.length : 0,
      ParkedCalls: 0,
      WrapUpStart: wrapUp === null ? null : utcTimestamp(wrapUp.startedMs),
      WrapUpEnd: wrapUp === null ? null : utcTimestamp(wrapUp.startedMs + wrapUp.maxSeconds * 1000),
      ServingCallback: agent.servesCallbacks && serving,
      FetchMode: false,
      Note: agent.availabilityNote,
      AvailabilityStatus: agent.availability,
      Id: stamp.id,
      Timestamp: utcTimestamp(stamp.ms),
    };
  },

  userAvailability(stamp: Stamp, agent: AgentState, change: AvailabilityChange): Payload {
    return userEvent('UserAvailability', stamp, agent.userId, {
      UserId: agent.userId,
      OrganizationId: stamp.organizationId,
      UserName: agent.userName,
      ProfileId: change.profileId,
      Availability: change.availability,
      StartTime: unzonedTime(stamp.ms),
      EndTime: change.endMs === null ? OPEN_ENDED : unzonedTime(change.endMs),
      Note: change.note,
      EventSource: change.eventSource,
      TransferNumber: change.transferNumber,
    });
  },

  callInComing(stamp: Stamp, agent: AgentState, call: CallState): Payload {
    return callIn('UserCallInComing', stamp, agent, call, { Username: agent.userName });
  },

  callInArrived(stamp: Stamp, agent: AgentState, call: CallState): Payload {
    return callIn('UserCallInArrived', stamp, agent, call, { UserName: agent.userName });
  },

  callInUserAllocated(stamp: Stamp, agent: AgentState, call: CallState): Payload {
    return callIn('UserCallInUserAllocated', stamp, agent, call, {
      UserName: agent.userName,
      UserNumber: agent.number,
      DetailedReason: call.queue === null ? 'DirectCall' : 'LongestIdle',
    });
  },

  callInUserConnected(stamp: Stamp, agent: AgentState, call: CallState): Payload {
    return userEvent('UserCallInUserConnected', stamp, agent.userId, {
      CallId: call.callId,
      LegId: call.legId,
      AgentLegId: call.agentLegId,
      UserId: agent.userId,
      OrganizationId: stamp.organizationId,
      UserName: agent.userName,
      UserNumber: agent.number,
      CallerNumber: call.callerNumber,
      TargetNumber: call.targetNumber,
      Publicity: PUBLICITY,
    });
  },

  callInUserCancelled(stamp: Stamp, agent: AgentState, call: CallState): Payload {
    return callIn('UserCallInUserCancelled', stamp, agent, call, {
      UserName: agent.userName,
      Reason: 'NoAnswer',
      DetailedReason: 'AllocationTimeout',
    });
  },

  callInHold(stamp: Stamp, agent: AgentState, call: CallState, start: boolean): Payload {
    return userEvent(start ? 'UserCallInHoldStart' : 'UserCallInHoldEnd', stamp, agent.userId, {
      CallId: call.callId,
      LegId: call.legId,
      UserId: agent.userId,
      OrganizationId: stamp.organizationId,
    });
  },

  callInDisconnected(stamp: Stamp, agent: AgentState, call: CallState, reason: 'remote' | 'local'): Payload {
    return callIn('UserCallInDisconnected', stamp, agent, call, {
      Username: agent.userName,
      Reason: reason,
      TechQueueId: call.queue?.queueId ?? agent.techQueueId,
      TechReason: 'NormalClearing',
    });
  },

  callInOverflow(stamp: Stamp, agent: AgentState, call: CallState, target: string): Payload {
    return userEvent('UserCallInOverflow', stamp, agent.userId, {
      CallId: call.callId,
      LegId: call.legId,
      UserId: agent.userId,
      OrganizationId: stamp.organizationId,
      Username: agent.userName,
      ConnectedTarget: target,
      TechSource: 'User',
      TechQueueId: agent.techQueueId,
      TechQueueName: `${agent.name} (personal)`,
      OverflowApplet: 'CallbackRequest',
      TechNumber: agent.number,
      TechEvent: 'Overflow',
      CallerNumber: call.callerNumber,
      TargetNumber: call.targetNumber,
      OverflowReason: 'NoAvailableProviders',
      OverflowType: 'QueueOverflowDefault',
      Publicity: PUBLICITY,
    });
  },

  callInUserOverflow(stamp: Stamp, agent: AgentState, call: CallState, overflow: OverflowDetails): Payload {
    return callIn('UserCallInUserOverflow', stamp, agent, call, {
      Username: agent.userName,
      Reason: overflow.reason,
      Target: overflow.target,
    });
  },

  callInCallbackCreated(stamp: Stamp, agent: AgentState, call: CallState, callback: CallbackState): Payload {
    return userEvent('UserCallInCallbackCreated', stamp, agent.userId, {
      UserId: agent.userId,
      CallBackId: callback.callBackId,
      CallListId: callback.callList.callListId,
      OrganizationId: stamp.organizationId,
      CallId: call.callId,
      LegId: call.legId,
      RecordingId: callback.recordingId,
      ContactNumber: callback.contactNumber,
      TargetNumber: call.targetNumber,
      ContactMessage: callback.contactMessage,
      CreationTime: unzonedTime(callback.createdMs),
    });
  },

  callOutGoing(stamp: Stamp, agent: AgentState, call: CallState, callAsNumber: string): Payload {
    return userEvent('UserCallOutGoing', stamp, agent.userId, {
      CallId: call.callId,
      LegId: call.legId,
      UserId: agent.userId,
      OrganizationId: stamp.organizationId,
      UserName: agent.userName,
      CallerNumber: call.callerNumber,
      TargetNumber: call.targetNumber,
      CallAsNumber: callAsNumber,
      Publicity: PUBLICITY,
    });
  },

  callOutConnected(stamp: Stamp, agent: AgentState, call: CallState): Payload {
    return userEvent('UserCallOutConnected', stamp, agent.userId, {
      CallId: call.callId,
      LegId: call.legId,
      UserId: agent.userId,
      OrganizationId: stamp.organizationId,
      UserName: agent.userName,
      CallerNumber: call.callerNumber,
      TargetNumber: call.targetNumber,
      Publicity: PUBLICITY,
    });
  },

  callOutDisconnected(
    stamp: Stamp,
    agent: AgentState,
    call: CallState,
    reason: 'remote' | 'local',
    techReason: string,
  ): Payload {
    return userEvent('UserCallOutDisconnected', stamp, agent.userId, {
      CallId: call.callId,
      LegId: call.legId,
      UserId: agent.userId,
      OrganizationId: stamp.organizationId,
      UserName: agent.userName,
      Reason: reason,
      TechReason: techReason,
      CallerNumber: call.callerNumber,
      TargetNumber: call.targetNumber,
      Publicity: PUBLICITY,
    });
  },

  wrapUp(stamp: Stamp, agent: AgentState, wrapUp: WrapUpState, started: boolean): Payload {
    return userEvent(started ? 'UserWrapUpStarted' : 'UserWrapUpEnabled', stamp, agent.userId, {
      ...wrapUpFields(stamp, agent, wrapUp),
      MaxWrapUpDurationSec: wrapUp.maxSeconds,
      WrapUpType: 'Unavailable',
      WrapUpId: wrapUp.wrapUpId,
    });
  },

  wrapUpRequestTerminate(stamp: Stamp, agent: AgentState, wrapUp: WrapUpState): Payload {
    return userEvent('UserWrapUpRequestTerminate', stamp, agent.userId, {
      UserId: agent.userId,
      OrganizationId: stamp.organizationId,
      Reason: 'manual',
      WrapUpId: wrapUp.wrapUpId,
    });
  },

  wrapUpTerminated(
    stamp: Stamp,
    agent: AgentState,
    wrapUp: WrapUpState,
    reason: 'manual' | 'timer',
    elapsedSeconds: number,
  ): Payload {
    return userEvent('UserWrapUpTerminated', stamp, agent.userId, {
      ...wrapUpFields(stamp, agent, wrapUp),
      Reason: reason,
      ElapsedTimeSec: elapsedSeconds,
      WrapUpType: 'Unavailable',
      WrapUpId: wrapUp.wrapUpId,
    });
  },

  queueStatus(stamp: Stamp, queue: QueueState, maxWaitSeconds: number): Payload {
    const [, free, shortAway, longAway] = queue.counts;
    const queuing = queue.waiting.length;
    return {
      RootEntityType: 'Organization',
      RootEntityId: stamp.organizationId,
      EventType: 'QueueStatus',
      EntityType: 'Queue',
      EntityId: queue.queueId,
      MessageTTLSeconds: 60,
      QueueId: queue.queueId,
      OrganizationId: stamp.organizationId,
      QueueName: queue.name,
      NbrOfProviders: free + shortAway + longAway,
      NbrOfRequesters: queuing + queue.allocated + queue.connected,
      NbrOfServingAgentsEstimate: free + shortAway,
      NbrOfAllocated: queue.allocated,
      NbrOfConnected: queue.connected,
      NbrOfQueuingRequesters: queuing,
      NbrOfNotServedRequesters: queuing + queue.allocated,
      NbrOfAgentsLongTermAway: longAway,
      NbrOfAgentsShortTermAway: shortAway,
      NbrOfAgentsImmediatelyFree: free,
      NbrOfAgentsCheckedInQueue: free + shortAway + longAway,
      NbrOfAgentsOnWrapUp: queue.onWrapUp,
      NbrOfAgentsOnFetchMode: 0,
      MaxWaitTime: maxWaitSeconds,
      OpenStatus: 5,
      Id: stamp.id,
      Timestamp: utcTimestamp(stamp.ms),
    };
  },

  callbackChanged(stamp: Stamp, callback: CallbackState, created: boolean): Payload {
    const last = callback.attempts[callback.attempts.length - 1];
    const day = 24 * 3600 * 1000;
    return {
      RootEntityType: 'Organization',
      RootEntityId: stamp.organizationId,
      EventType: 'CallbackChanged',
      EntityType: 'CallList',
      EntityId: callback.callList.callListId,
      MessageTTLSeconds: 120,
      CallBackId: callback.callBackId,
      CallListId: callback.callList.callListId,
      OrganizationId: stamp.organizationId,
      Modified: unzonedTime(callback.modifiedMs),
      AssignedUserId: callback.assignedUserId,
      LastAttemptUserId: last?.UserId ?? null,
      LastModifiedUserId: callback.lastModifiedUserId,
      LastAttemptTypeId: last?.CallbackAttemptTypeId ?? null,
      ContactName: callback.contactName,
      ContactNumber: callback.contactNumber,
      ContactMessage: callback.contactMessage,
      Note: '',
      QueueId: callback.queueId,
      ChannelIn: callback.channelIn,
      CreationTime: unzonedTime(callback.createdMs),
      Created: created,
      IsClosed: callback.closed,
      RecordingId: callback.recordingId,
      TypeId: callback.typeId,
      DueDate: callback.dueMs === null ? null : unzonedTime(callback.dueMs),
      CallId: callback.callId,
      TranscriptId: callback.transcriptId,
      ClassificationId: null,
      ExpiryDate: unzonedTime(callback.createdMs + 7 * day),
      LastAttemptTimestamp: callback.lastAttemptMs === null ? null : unzonedTime(callback.lastAttemptMs),
      LastAttemptNote: last?.Note ?? '',
      CalculatedPriority: callback.typeId === 1 ? 'High' : 'Normal',
      NotBefore: null,
      CallbackAttempts: callback.attempts.map((attempt) => ({ ...attempt })),
      CallbackExtras: callback.extras.map((extra) => ({ ...extra })),
      CallbackRelatedItems: [],
      Id: stamp.id,
      Timestamp: utcTimestamp(stamp.ms),
    };
  },
};
