/** Schemas of the User events of the RTE reference. */
import * as z from 'zod/mini';
import {
  bool,
  dateTime,
  dictionary,
  enumName,
  envelope,
  guid,
  nullableDateTime,
  nullableGuid,
  nullableNum,
  num,
  numberOf,
  oneOf,
  text,
} from './common.ts';
import type {
  AvailabilityStatus,
  CallDisconnectReason,
  MonitoredCallType,
  OverflowReason,
  OverflowType,
  UserOverflowReason,
  WrapUpAllowWithoutCall,
  WrapUpTerminationReason,
} from './values.ts';

/** Schemas of the events about a user (subscribe with a user id). */
export const userEventSchemas = {
  /** A service pool alert the user defined was triggered. */
  UserAlert: z.looseObject({
    ...envelope,
    /** Id of alert. */
    alertId: z.optional(guid),
    /** Id of target user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Name of the triggered condition. */
    conditionName: z.optional(text),
    /** Value of the triggered condition. */
    conditionValue: z.optional(text),
    /** Expression of the triggered condition. */
    conditionExpression: z.optional(text),
    /** Actual value for the triggered condition. */
    value: z.optional(text),
  }),
  /** The user's current availability state. */
  UserAvailability: z.looseObject({
    ...envelope,
    /** Id of target user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Username of target user. */
    userName: z.optional(text),
    /** Id of the availability profile in database. */
    profileId: z.optional(guid),
    /** Availability state: `Available`, `Busy`, `DoNotDisturb`, `OffWork`, `BRB` or `Away`. */
    availability: z.optional(z.nullable(oneOf<AvailabilityStatus>())),
    /** Start time of the state. */
    startTime: z.optional(dateTime),
    /** End time of the state; `DateTime.MaxValue` (year 9999) while the state is continuous, see `isOpenEnded`. */
    endTime: z.optional(dateTime),
    /** User-defined message or description. */
    note: z.optional(text),
    /** Availability event source from db. */
    eventSource: z.optional(text),
    /** The phone number calls are transferred to if appropriate. */
    transferNumber: z.optional(text),
  }),
  /** A new call of a user can be supervised by the supervisor. */
  UserCallAvailableForMonitoring: z.looseObject({
    ...envelope,
    /** Id of target user. */
    targetUserId: z.optional(guid),
    /** User being supervised. */
    targetUserName: z.optional(text),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Id of the supervisor. */
    supervisorUserId: z.optional(guid),
    /** Name of the supervisor. */
    supervisorUserName: z.optional(text),
    /** Name of the service queue. */
    queueName: z.optional(text),
    /** Id of the service queue. */
    queueId: z.optional(nullableGuid),
    /** Id of the supervised call. */
    callId: z.optional(guid),
    /** LegId of the supervised call. */
    legId: z.optional(text),
    /** LegId of the forked call to agent. */
    agentLegId: z.optional(text),
    /** Which number Core should expect the supervisor call to come from. */
    supervisorTerminalNumber: z.optional(text),
    /** Information for Supervisor UI where to call for the supervision call. */
    supervisionCallInNumber: z.optional(text),
    /** Call type: `servicecall`, `directcall` or `callout`. */
    callType: z.optional(z.nullable(oneOf<MonitoredCallType>())),
    /** Caller number. */
    callerNumber: z.optional(text),
    /** Time when the call was connected to the agent. */
    connectedToAgentTime: z.optional(dateTime),
  }),
  /** An incoming call, currently targeted to the user, entered allocation. */
  UserCallInArrived: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of current target user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Username of current target user. */
    userName: z.optional(text),
    /** Original caller number. */
    callerNumber: z.optional(text),
    /** Original called number. */
    targetNumber: z.optional(text),
    /** The publicity of user's direct calls (`CallEventPublicityCategory`). */
    publicity: z.optional(num),
  }),
  /** A callback request targeted to the user was created. */
  UserCallInCallbackCreated: z.looseObject({
    ...envelope,
    /** Id of the user the personal callback is targeted to. */
    userId: z.optional(guid),
    /** CallBack Id this event relates to. */
    callBackId: z.optional(guid),
    /** Id of the CallList for this CallBack. */
    callListId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** The id of the original call that prompted the creation of this request. */
    callId: z.optional(nullableGuid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Optional RecordingId if one exists. */
    recordingId: z.optional(nullableGuid),
    /** Contact number that is supposed to be called to. */
    contactNumber: z.optional(text),
    /** Original target number that was called. */
    targetNumber: z.optional(text),
    /** ContactMessage, e.g configured in service queue. */
    contactMessage: z.optional(text),
    /** When the request was initially created. */
    creationTime: z.optional(dateTime),
  }),
  /** An incoming direct call to the user entered the controller. */
  UserCallInComing: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of target user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Username of target user. */
    username: z.optional(text),
    /** Original caller number. */
    callerNumber: z.optional(text),
    /** Original called number. */
    targetNumber: z.optional(text),
    /** The publicity of user's direct calls (`CallEventPublicityCategory`). */
    publicity: z.optional(num),
  }),
  /** An incoming call, currently for the user, was disconnected. */
  UserCallInDisconnected: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of current target user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Username of target user. */
    username: z.optional(text),
    /** Reason for the disconnect. 'remote' or 'local'. */
    reason: z.optional(z.nullable(oneOf<CallDisconnectReason>())),
    /** Id of then current technical queue, may be different to the service queue. */
    techQueueId: z.optional(nullableGuid),
    /** Technical reason (e.g SIP cause code) for the disconnect. */
    techReason: z.optional(text),
    /** Original caller number. */
    callerNumber: z.optional(text),
    /** Original called number. */
    targetNumber: z.optional(text),
    /** The publicity of user's direct calls (`CallEventPublicityCategory`). */
    publicity: z.optional(num),
  }),
  /** The user's incoming call is off hold. */
  UserCallInHoldEnd: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of calling user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
  }),
  /** The user's incoming call is on hold. */
  UserCallInHoldStart: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of calling user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
  }),
  /** An incoming call, currently for the user, overflows to the next routing target. */
  UserCallInOverflow: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of current user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Username of target user. */
    username: z.optional(text),
    /** Currently connected target. */
    connectedTarget: z.optional(text),
    /** Overflow source type. */
    techSource: z.optional(text),
    /** Id of current technical queue. */
    techQueueId: z.optional(guid),
    /** Name of current technical queue. */
    techQueueName: z.optional(text),
    /** Overflow Applet name. */
    overflowApplet: z.optional(text),
    /** Technical source type. */
    techNumber: z.optional(text),
    /** Technical event. */
    techEvent: z.optional(text),
    /** Original caller number. */
    callerNumber: z.optional(text),
    /** Original called number. */
    targetNumber: z.optional(text),
    /** Overflow reason, e.g. `NoAvailableProviders`, `QueueFull`, `UserActivelyDeclined`. */
    overflowReason: z.optional(z.nullable(oneOf<OverflowReason>())),
    /** Overflow type, e.g. `AdHoc_1`, `ServiceOpen`, `QueueHandler`, `QueueOverflowDefault`, `UserTransferAll`. */
    overflowType: z.optional(z.nullable(oneOf<OverflowType>())),
    /** The publicity of user's direct calls (`CallEventPublicityCategory`). */
    publicity: z.optional(num),
  }),
  /** The recording of an incoming direct call to the user was converted. */
  UserCallInRecordingConverted: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** UserId. */
    userId: z.optional(guid),
    /** RecordingId. */
    recordingId: z.optional(guid),
    /** ConversionId. */
    conversionId: z.optional(guid),
    /** User audio channel id. */
    userChannel: z.optional(nullableNum),
  }),
  /** An incoming call targeted to the user: transfer cancelled. */
  UserCallInTransferCancelled: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of current user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Transferring user's username. */
    username: z.optional(text),
    /** Id of current technical queue. */
    techQueueId: z.optional(guid),
    /** Name of current technical queue. */
    techQueueName: z.optional(text),
    /** Transferring Applet name. */
    transferApplet: z.optional(text),
    /** Technical source type. */
    techSource: z.optional(text),
    /** Cancellation reason. */
    reason: z.optional(text),
    /** Detailed cancellation reason. */
    detailedReason: z.optional(text),
    /** Original caller number. */
    callerNumber: z.optional(text),
    /** Original called number. */
    targetNumber: z.optional(text),
    /** The publicity of user's direct calls (`CallEventPublicityCategory`). */
    publicity: z.optional(num),
  }),
  /** An incoming call targeted to the user: transfer to the overflow target connected. */
  UserCallInTransferConnected: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of transferring current user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Transferring user's username. */
    username: z.optional(text),
    /** Connected target. */
    connectedTarget: z.optional(text),
    /** Transfer source. */
    transferSource: z.optional(text),
    /** Id of current technical queue. */
    techQueueId: z.optional(guid),
    /** Name of current technical queue. */
    techQueueName: z.optional(text),
    /** Transferring Applet name. */
    transferApplet: z.optional(text),
    /** Technical source type. */
    techSource: z.optional(text),
    /** Original caller number. */
    callerNumber: z.optional(text),
    /** Original called number. */
    targetNumber: z.optional(text),
    /** The publicity of user's direct calls (`CallEventPublicityCategory`). */
    publicity: z.optional(num),
  }),
  /** An incoming call targeted to the user: transfer to the overflow target started. */
  UserCallInTransferStarted: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of current transferring user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Transferring user's username. */
    username: z.optional(text),
    /** Transfer target, guid or phone number. */
    transferTarget: z.optional(text),
    /** Transfer source. */
    transferSource: z.optional(text),
    /** Id of current technical queue. */
    techQueueId: z.optional(guid),
    /** Name of current technical queue. */
    techQueueName: z.optional(text),
    /** Transferring Applet name. */
    transferApplet: z.optional(text),
    /** Technical source type. */
    techSource: z.optional(text),
    /** Original caller number. */
    callerNumber: z.optional(text),
    /** Original called number. */
    targetNumber: z.optional(text),
    /** The publicity of user's direct calls (`CallEventPublicityCategory`). */
    publicity: z.optional(num),
  }),
  /** An incoming call targeted to the user: call allocated to the user. */
  UserCallInUserAllocated: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of allocating User. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Allocation target username. */
    userName: z.optional(text),
    /** Number of allocating User. */
    userNumber: z.optional(text),
    /** Optional detailed reason for allocation. */
    detailedReason: z.optional(text),
    /** Original caller number. */
    callerNumber: z.optional(text),
    /** Original called number. */
    targetNumber: z.optional(text),
    /** The publicity of user's direct calls (`CallEventPublicityCategory`). */
    publicity: z.optional(num),
  }),
  /** An incoming call targeted to the user: allocation to the user cancelled. */
  UserCallInUserCancelled: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of allocated user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Username of cancelling user. */
    userName: z.optional(text),
    /** Cancellation reason. */
    reason: z.optional(text),
    /** Detailed cancellation reason. */
    detailedReason: z.optional(text),
    /** Original caller number. */
    callerNumber: z.optional(text),
    /** Original called number. */
    targetNumber: z.optional(text),
    /** The publicity of user's direct calls (`CallEventPublicityCategory`). */
    publicity: z.optional(num),
  }),
  /** An incoming call targeted to the user: allocation to the user connected. */
  UserCallInUserConnected: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** LegId of the forked call to agent. */
    agentLegId: z.optional(text),
    /** Id of connected User. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Username of connected User. */
    userName: z.optional(text),
    /** Number of connected User. */
    userNumber: z.optional(text),
    /** Original caller number. */
    callerNumber: z.optional(text),
    /** Original called number. */
    targetNumber: z.optional(text),
    /** The publicity of user's direct calls (`CallEventPublicityCategory`). */
    publicity: z.optional(num),
  }),
  /** A call to the user's work number is overflowing to another destination. */
  UserCallInUserOverflow: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of transferring "responsible" user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Username. */
    username: z.optional(text),
    /** Reason for the overflow, e.g. `AVAActiveProfile`, `DND`, `OffWork`, `NoAnswer`, `BusyOnBusy`, `TransferAll`. */
    reason: z.optional(z.nullable(oneOf<UserOverflowReason>())),
    /** Transfer target. Guid or phone number, or list of targets. */
    target: z.optional(text),
    /** Original caller number. */
    callerNumber: z.optional(text),
    /** Original called number. */
    targetNumber: z.optional(text),
    /** The publicity of user's direct calls (`CallEventPublicityCategory`). */
    publicity: z.optional(num),
  }),
  /** The user's outgoing call connected. */
  UserCallOutConnected: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of calling User. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Username of calling User. */
    userName: z.optional(text),
    /** Original caller number. */
    callerNumber: z.optional(text),
    /** Original called number. */
    targetNumber: z.optional(text),
    /** The publicity of user's direct calls (`CallEventPublicityCategory`). */
    publicity: z.optional(num),
  }),
  /** The user's outgoing call was disconnected. */
  UserCallOutDisconnected: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of current calling user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Username of current calling user. */
    userName: z.optional(text),
    /** Reason for the disconnect. 'remote' or 'local'. */
    reason: z.optional(z.nullable(oneOf<CallDisconnectReason>())),
    /** Technical reason (e.g SIP cause code) for the disconnect. */
    techReason: z.optional(text),
    /** Original caller number. */
    callerNumber: z.optional(text),
    /** Original called number. */
    targetNumber: z.optional(text),
    /** The publicity of user's direct calls (`CallEventPublicityCategory`). */
    publicity: z.optional(num),
  }),
  /** The user started an outgoing direct call. */
  UserCallOutGoing: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of calling user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Username of calling user. */
    userName: z.optional(text),
    /** Original caller number. */
    callerNumber: z.optional(text),
    /** Original called number. */
    targetNumber: z.optional(text),
    /** Optional call as number. */
    callAsNumber: z.optional(text),
    /** The publicity of user's direct calls (`CallEventPublicityCategory`). */
    publicity: z.optional(num),
  }),
  /** The user's outgoing call is off hold. */
  UserCallOutHoldEnd: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of calling user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
  }),
  /** The user's outgoing call is on hold. */
  UserCallOutHoldStart: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of calling user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
  }),
  /** The recording of the user's outgoing call was converted. */
  UserCallOutRecordingConverted: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** UserId for the user who made the callout. */
    userId: z.optional(guid),
    /** RecordingId. */
    recordingId: z.optional(guid),
    /** ConversionId. */
    conversionId: z.optional(guid),
    /** User audio channel id. */
    userChannel: z.optional(nullableNum),
  }),
  /** A real-time transcript phrase of the user's call. */
  UserRealTimeTranscriptPhrase: z.looseObject({
    ...envelope,
    /** Id of core call event relates to. */
    callId: z.optional(guid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of the Agent for this request. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Optional id of the queue transcript is done for, if any. */
    queueId: z.optional(nullableGuid),
    /** Optional id of the calllist transcript is done for, if any. */
    callListId: z.optional(nullableGuid),
    /** Role of the speaker for this phrase (`SpeakerRole`). */
    speakerRole: z.optional(num),
    /** The phrase that was spoken. */
    phrase: z.optional(text),
    /** The confidence level of the phrase NOTE: the selected one is not necessarily the one with the highest confidence. */
    confidence: z.optional(num),
    /** The duration of the phrase in milliseconds. */
    duration: z.optional(num),
    /** Offset in milliseconds from the start of the call. */
    offsetMilliseconds: z.optional(num),
    /** Indicates if the phrase is an intermediate result. */
    isIntermediate: z.optional(bool),
    /** Realtime type (`TranscribeRealtimeType`). */
    realtimeType: z.optional(enumName),
  }),
  /** A user setting changed. */
  UserSetting: z.looseObject({
    ...envelope,
    /** Id of related user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Setting keyword. */
    keyword: z.optional(text),
    /** Setting value. */
    value: z.optional(text),
    /** Key/Value setting values. */
    values: z.optional(dictionary),
    /** Setting allowed values. */
    allowedValues: z.optional(dictionary),
    /** Is setting deleted. */
    deleted: z.optional(bool),
    /** Setting level for authorization (`UserSettingLevelEnum`). */
    level: z.optional(enumName),
  }),
  /** The user's serving status as the queues see it: talking, available and the composite `canBeAllocatedTo`. */
  UserStatus: z.looseObject({
    ...envelope,
    /** Id of the user. */
    userId: guid,
    /** Id of the related organization. */
    organizationId: guid,
    /** If it is possible to allocate a call to the user. This is a composite value from several status items, "best guess". */
    canBeAllocatedTo: bool,
    /** If the user is having a call right now. Incoming and outgoing calls are considered as active calls even before call is connected to user. */
    talking: bool,
    /** Last time the "Talking" status changed. */
    talkingStatusChanged: z.optional(nullableDateTime),
    /** Guid of the service queue the user can be presumed be talking right now. */
    activeQueueId: nullableGuid,
    /** Guid of the call back list the user can be presumed be talking right now. */
    activeCallListId: z.optional(nullableGuid),
    /** If AVA status is "available", typically when not "DND". */
    available: bool,
    /** If AVA availability code is not OffWork. */
    schedule: bool,
    /** User is serving in queues. */
    serving: bool,
    /** Number of active terminals. */
    serviceTerminals: num,
    /** Number of active queues. */
    activeQueues: num,
    /** Number of parked calls. */
    parkedCalls: num,
    /** If wrap up time is active then the start time, otherwise null. */
    wrapUpStart: z.optional(nullableDateTime),
    /** If wrap up time is active then the end time, otherwise null. */
    wrapUpEnd: nullableDateTime,
    /** User is serving in callback list "queues". */
    servingCallback: bool,
    /** User is in FetchMode, no automatic allocation from ServiceQueues. */
    fetchMode: bool,
    /** Note about the user status, such as "On break", "In meeting", etc. */
    note: z.optional(text),
    /** Availability (AVA) status code, e.g. `Available` (`AvailabilityStatusesAVA`). */
    availabilityStatus: z.optional(oneOf<AvailabilityStatus>()),
  }),
  /** The supervision status of a call changed. */
  UserSupervisionStatus: z.looseObject({
    ...envelope,
    /** Id of target user. */
    targetUserId: z.optional(guid),
    /** User being supervised. */
    targetUserName: z.optional(text),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Id of the supervisor. */
    supervisorUserId: z.optional(guid),
    /** User supervising. */
    supervisorUserName: z.optional(text),
    /** Name of the service queue. */
    queueName: z.optional(text),
    /** Id of the service queue. */
    queueId: z.optional(nullableGuid),
    /** Id of the supervised call. */
    callId: z.optional(guid),
    /** LegId of the supervised call. */
    legId: z.optional(text),
    /** Optional LegId of the supervisor incoming call. */
    supervisorLegId: z.optional(text),
    /** Supervision state relating to the call (`SupervisionState`). */
    state: z.optional(num),
  }),
  /** The user's current terminal status (the reference's `UserTerminalStatusEvent`). */
  UserTerminalStatus: z.looseObject({
    ...envelope,
    /** Id of target user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Silo. */
    silo: z.optional(text),
    /** Session. */
    session: z.optional(text),
    /** Event timestamp. */
    expires: z.optional(dateTime),
    /** Event terminal type (`TerminalTypeId`). */
    terminalType: z.optional(enumName),
    /** Event terminal status (`TerminalStatus`). */
    terminalStatus: z.optional(enumName),
  }),
  /** Wrap-up time is enabled for a service call that just connected; it starts when the call ends. */
  UserWrapUpEnabled: z.looseObject({
    ...envelope,
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Id of core call event relates to; might be null if the event is not related to a call. */
    callId: z.optional(nullableGuid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of target user. */
    userId: z.optional(guid),
    /** Queue Id; might be null if the event is not related to a queue. */
    queueId: z.optional(nullableGuid),
    /** Call List Id; might be null if the event is not related to a call list. */
    callListId: z.optional(nullableGuid),
    /** Call Back Id; might be null if the event is not related to a call back. */
    callBackId: z.optional(nullableGuid),
    /** Max wrap-up duration, seconds. */
    maxWrapUpDurationSec: z.optional(num),
    /** Wrap-up type (`WrapUpType`). */
    wrapUpType: z.optional(enumName),
    /** Wrap-up id. */
    wrapUpId: z.optional(guid),
  }),
  /** Wrap-up should start for the user, immediately or once the current call ends. */
  UserWrapUpRequestInitiate: z.looseObject({
    ...envelope,
    /** Whether wrap-up may start without a call: a {@link WrapUpAllowWithoutCall} value. */
    allowWithoutCall: z.optional(numberOf<WrapUpAllowWithoutCall>()),
    /** Id of related callback if applicable. */
    callBackId: z.optional(nullableGuid),
    /** Id of related callback list if applicable. */
    callBackListId: z.optional(nullableGuid),
    /** Id of related call if applicable. */
    callId: z.optional(nullableGuid),
    /** Id of related call leg if applicable. */
    legId: z.optional(text),
    /** Maximum wrap-up time in seconds. */
    maxWrapUpTimeSec: z.optional(num),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Id of related queue if applicable. */
    queueId: z.optional(nullableGuid),
    /** Id of target user. */
    userId: z.optional(guid),
    /** Wrap-up id. */
    wrapUpId: z.optional(guid),
  }),
  /** The user asked to end their ongoing wrap-up before the maximum time. */
  UserWrapUpRequestTerminate: z.looseObject({
    ...envelope,
    /** Id of target user. */
    userId: z.optional(guid),
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Reason for termination: `manual`. */
    reason: z.optional(z.nullable(oneOf<WrapUpTerminationReason>())),
    /** Wrap-up id, if any; without it any active wrap-up is terminated. */
    wrapUpId: z.optional(nullableGuid),
  }),
  /** A call with wrap-up disconnected and wrap-up time started; no calls are allocated meanwhile. */
  UserWrapUpStarted: z.looseObject({
    ...envelope,
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Id of core call event relates to; might be null if the event is not related to a call. */
    callId: z.optional(nullableGuid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of target user. */
    userId: z.optional(guid),
    /** Queue Id; might be null if the event is not related to a queue. */
    queueId: z.optional(nullableGuid),
    /** Call List Id; might be null if the event is not related to a call list. */
    callListId: z.optional(nullableGuid),
    /** Call Back Id; might be null if the event is not related to a call back. */
    callBackId: z.optional(nullableGuid),
    /** Max wrap-up duration, seconds. */
    maxWrapUpDurationSec: z.optional(num),
    /** Wrap-up type (`WrapUpType`). */
    wrapUpType: z.optional(enumName),
    /** Wrap-up id. */
    wrapUpId: z.optional(guid),
  }),
  /** Wrap-up time ended, on timeout or on request. */
  UserWrapUpTerminated: z.looseObject({
    ...envelope,
    /** Id of related organization. */
    organizationId: z.optional(guid),
    /** Id of core call event relates to; might be null if the event is not related to a call. */
    callId: z.optional(nullableGuid),
    /** Id of core call leg event relates to. */
    legId: z.optional(text),
    /** Id of target user. */
    userId: z.optional(guid),
    /** Queue Id; might be null if the event is not related to a queue. */
    queueId: z.optional(nullableGuid),
    /** Call List Id; might be null if the event is not related to a call list. */
    callListId: z.optional(nullableGuid),
    /** Call Back Id; might be null if the event is not related to a call back. */
    callBackId: z.optional(nullableGuid),
    /** Reason for termination, e.g. `manual` or `timer`. */
    reason: z.optional(z.nullable(oneOf<WrapUpTerminationReason>())),
    /** How long the wrap-up time was on. */
    elapsedTimeSec: z.optional(num),
    /** Wrap-up type (`WrapUpType`). */
    wrapUpType: z.optional(enumName),
    /** Wrap-up id. */
    wrapUpId: z.optional(guid),
  }),
};
