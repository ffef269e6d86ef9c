/** One outgoing message: plain text always, HTML as a readable alternative. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends email. Implementations throw on failure; callers must not log the error's message, which
 * may contain the address (SES names unverified identities in its errors).
 */
export interface EmailSender {
  send(message: OutgoingEmail): Promise<void>;
}
