// Sends SMS and in-app messages to members. Production would call the SMS provider and the
// app's message centre; the demo records what it was asked to send (recording-sender.ts).
export interface OutgoingMessage {
  dedupeKey: string;
  memberUid: string;
  channel: 'sms' | 'in_app_message';
  body: string;
}

export interface MessageSender {
  /** Throws when the message could not be delivered; the outbox retries later. */
  send(message: OutgoingMessage): Promise<{ providerRef: string }>;
}
