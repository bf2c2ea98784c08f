// Placeholder until the schema registry lands: the documented event names, in canonical spelling.
export const documentedEventNames = [
  'UserAlert', 'UserAvailability', 'UserCallAvailableForMonitoring', 'UserCallInArrived',
  'UserCallInCallbackCreated', 'UserCallInComing', 'UserCallInDisconnected', 'UserCallInHoldEnd',
  'UserCallInHoldStart', 'UserCallInOverflow', 'UserCallInRecordingConverted', 'UserCallInTransferCancelled',
  'UserCallInTransferConnected', 'UserCallInTransferStarted', 'UserCallInUserAllocated', 'UserCallInUserCancelled',
  'UserCallInUserConnected', 'UserCallInUserOverflow', 'UserCallOutConnected', 'UserCallOutDisconnected',
  'UserCallOutGoing', 'UserCallOutHoldEnd', 'UserCallOutHoldStart', 'UserCallOutRecordingConverted',
  'UserRealTimeTranscriptPhrase', 'UserSetting', 'UserStatus', 'UserSupervisionStatus', 'UserTerminalStatus',
  'UserWrapUpEnabled', 'UserWrapUpRequestInitiate', 'UserWrapUpRequestTerminate', 'UserWrapUpStarted',
  'UserWrapUpTerminated', 'QueueStatus', 'CallbackChanged',
] as const;
