// Sends SMS and in-app messages to members: through the notification service over HTTP when
// MESSAGE_SENDER_URL is set (http-sender.ts, docs/integration.md §3); otherwise the demo records
// what it was asked to send (recording-sender.ts).
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
