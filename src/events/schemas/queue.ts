/** Schemas of the Queue events and types of the RTE reference. */
import * as z from 'zod/mini';
import { bool, envelope, guid, nullableGuid, num, numberOf, text } from './common.ts';
import type { QueueOpenStatus } from './values.ts';

/** Schemas of the events about a service queue (subscribe with a queue id). */
export const queueEventSchemas = {
  /** A service queue's counters changed (sent periodically while they change). */
  QueueStatus: z.looseObject({
    ...envelope,
    /** Id of service queue. */
    queueId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Name of service queue. */
    queueName: z.optional(text),
    /** Total number of current providers (agents) in the queue. */
    nbrOfProviders: z.optional(num),
    /** Total number of current requesters (calls) in the queue. */
    nbrOfRequesters: z.optional(num),
    /** Estimated number of current serving agents in the queue. */
    nbrOfServingAgentsEstimate: z.optional(num),
    /** Number of current allocated calls in the queue. */
    nbrOfAllocated: z.optional(num),
    /** Number of current connected (served by agent) calls in the queue. */
    nbrOfConnected: z.optional(num),
    /** Number of current queuing calls in the queue. */
    nbrOfQueuingRequesters: z.optional(num),
    /** Number of calls currently not being served by an agent right now. */
    nbrOfNotServedRequesters: z.optional(num),
    /** Number agents that are not currently available for service in long term (e.g DND state). */
    nbrOfAgentsLongTermAway: z.optional(num),
    /** Number agents that are not currently available for service in short term (e.g. already talking). */
    nbrOfAgentsShortTermAway: z.optional(num),
    /** Number agents that are immediately free for service. */
    nbrOfAgentsImmediatelyFree: z.optional(num),
    /** Total number agents that are serving in the queue (away or not). */
    nbrOfAgentsCheckedInQueue: z.optional(num),
    /** Number of agents in the queue currently on wrap-up. */
    nbrOfAgentsOnWrapUp: z.optional(num),
    /** Total number agents that are currently in FetchMode (no automatic allocation). */
    nbrOfAgentsOnFetchMode: z.optional(num),
    /** Maximum current wait time in queue. */
    maxWaitTime: z.optional(num),
    /** Estimate of whether the queue is open: a {@link QueueOpenStatus} value. */
    openStatus: z.optional(numberOf<QueueOpenStatus>()),
  }),
};

/** Schemas of the queue-related types the reference documents besides events. */
export const queueHelperSchemas = {
  /** A user attached to a queue. */
  QueueAttachedUser: z.looseObject({
    /** Attached UserId. */
    userId: z.optional(guid),
    /** If the user is active in queue. */
    active: z.optional(bool),
    /** User's priority in queue. */
    priority: z.optional(num),
  }),
  /** A queue group. */
  QueueGroup: z.looseObject({
    /** Id of the group. */
    id: z.optional(nullableGuid),
    /** Name of the group. */
    name: z.optional(text),
    /** Description of the group. */
    description: z.optional(text),
  }),
};
