/** Schemas of the CallList events and types of the RTE reference. */
import * as z from 'zod/mini';
import {
  bool,
  dateTime,
  envelope,
  guid,
  list,
  nullableDateTime,
  nullableGuid,
  nullableNum,
  num,
  numberOf,
  text,
} from './common.ts';
import type { CallbackType } from './values.ts';

/** One handling attempt of a callback request. */
const callbackAttempt = z.looseObject({
  /** Attempt id. */
  id: z.optional(guid),
  /** UserId attempt relates to. */
  userId: z.optional(nullableGuid),
  /** Attempt timestamp. */
  timestamp: z.optional(nullableDateTime),
  /** Attempt result type. */
  callbackAttemptTypeId: z.optional(nullableNum),
  /** User-provided note. */
  note: z.optional(text),
  /** Recording id in the case the attempt was recorded. */
  recordingId: z.optional(nullableGuid),
  /** Call id in a case there is a call associated with the attempt. */
  callId: z.optional(nullableGuid),
});

/** An extra name-value field of a callback request. */
const callbackExtra = z.looseObject({
  /** Id of the field. */
  id: z.optional(num),
  /** Property name. */
  name: z.optional(text),
  /** Property value. */
  value: z.optional(text),
});

/** A callback request related to this one. */
const callbackRelatedItem = z.looseObject({
  /** Related request id. */
  id: z.optional(guid),
  /** Related request list id. */
  listId: z.optional(nullableGuid),
  /** Whether the related request is already closed. */
  isClosed: z.optional(bool),
  /** Raw status id of the last attempt. */
  statusId: z.optional(nullableNum),
});

/** Schemas of the callback-related types the reference documents besides events. */
export const callbackHelperSchemas = {
  /** One handling attempt of a callback request. */
  CallbackAttempt: callbackAttempt,
  /** An extra name-value field of a callback request. */
  CallbackExtra: callbackExtra,
  /** A callback request related to this one. */
  CallbackRelatedItem: callbackRelatedItem,
};

/** Schemas of the events about a call list (subscribe with a call list id). */
export const callbackEventSchemas = {
  /** A callback request was created, updated or closed. */
  CallbackChanged: z.looseObject({
    ...envelope,
    /** CallBack Id this event relates to. */
    callBackId: z.optional(guid),
    /** Id of the CallList for this CallBack. */
    callListId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Modified date. */
    modified: z.optional(dateTime),
    /** Id of user the callback is currently assigned. */
    assignedUserId: z.optional(nullableGuid),
    /** Id of user that made the last attempt. */
    lastAttemptUserId: z.optional(nullableGuid),
    /** Id of user that made the last change, null if new or admin. */
    lastModifiedUserId: z.optional(nullableGuid),
    /** Id of the last attempt's type. */
    lastAttemptTypeId: z.optional(nullableNum),
    /** Contact name (usually empty). */
    contactName: z.optional(text),
    /** Contact number that is supposed to be called. */
    contactNumber: z.optional(text),
    /** Any message left by the contact (usually empty). */
    contactMessage: z.optional(text),
    /** Internal notes on the case. */
    note: z.optional(text),
    /** Guid of the responsible service queue or IVR queue, if any came in through. */
    queueId: z.optional(nullableGuid),
    /** Name of the channel (usually service pool) the request came in through. */
    channelIn: z.optional(text),
    /** When the request was initially created. */
    creationTime: z.optional(dateTime),
    /** Whether the request was created, or updated if not created. */
    created: z.optional(bool),
    /** Whether the request is closed. */
    isClosed: z.optional(bool),
    /** Id of the corresponding audio recording (if any). */
    recordingId: z.optional(nullableGuid),
    /** How the request came to be: a {@link CallbackType} value. */
    typeId: z.optional(numberOf<CallbackType>()),
    /** When the case is due to be handled. */
    dueDate: z.optional(nullableDateTime),
    /** The id of the original call that prompted the creation of this request. */
    callId: z.optional(nullableGuid),
    /** Id of the transcript created from the recording. */
    transcriptId: z.optional(nullableGuid),
    /** If the case has been classified, id of the classification entry. */
    classificationId: z.optional(nullableGuid),
    /** The date when the case automatically expires if not closed before it. */
    expiryDate: z.optional(nullableDateTime),
    /** Timestamp of the latest handling attempt. */
    lastAttemptTimestamp: z.optional(nullableDateTime),
    /** Note on the latest handling attempt. */
    lastAttemptNote: z.optional(text),
    /** Calculated priority. */
    calculatedPriority: z.optional(text),
    /** Date before which the case should not be handled. */
    notBefore: z.optional(nullableDateTime),
    /** History of all handling attempts. */
    callbackAttempts: z.optional(list(callbackAttempt)),
    /** Extra name-value fields. */
    callbackExtras: z.optional(list(callbackExtra)),
    /** List of cases related to this case. */
    callbackRelatedItems: z.optional(list(callbackRelatedItem)),
  }),
};
