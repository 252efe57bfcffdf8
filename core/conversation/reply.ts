/**
 * Channel-neutral replies: what the conversation engine says. Each channel renders them within
 * its own limits (Telegram inline keyboards, WhatsApp numbered text, at most 10,
 * web buttons). Choices are always answerable by typing their number too.
 */

export interface Choice {
  /** Opaque value sent back when the button is pressed (≤ 48 ASCII characters). */
  id: string;
  /** Short label in the citizen's language, without the number: channels add "1.", "2."… */
  label: string;
  /**
   * The label in at most 20 characters, when `label` is longer: for channels that cut labels
   * (WhatsApp buttons); a channel's profile tells the engine which to use.
   */
  short?: string;
}

export type Reply =
  | { kind: "text"; text: string }
  /** A question with options. `edit` suggests replacing the previous question (Telegram). */
  | {
      kind: "choices";
      text: string;
      choices: Choice[];
      edit?: boolean;
      /** How to answer, on a channel without buttons ("Rispondi con il numero."): see channel-profile.ts. */
      hint?: string;
    }
  /**
   * Ask for the device's position; `label` is the share button's text. `howToShare`: on a channel
   * with no such button, how to send a position from the app.
   */
  | { kind: "location_request"; text: string; label: string; choices: Choice[]; hint?: string; howToShare?: string }
  /** A place card with a map pin. */
  | { kind: "venue"; title: string; address: string; lat: number; lon: number }
  /** `label`: what a link to the file says, in the citizen's language ("Scarica il file …"). */
  | { kind: "file"; filename: string; mimeType: string; content: string; caption: string; label?: string };

/** What a citizen sent, as every channel can describe it. */
export type Inbound =
  | { kind: "text"; text: string }
  /** A button press: `data` is the pressed choice's id as the channel returned it. */
  | { kind: "button"; data: string }
  | { kind: "location"; lat: number; lon: number }
  /** First contact or /start, with an optional deep-link payload (e.g. "p_<pointId>"). */
  | { kind: "start"; payload?: string }
  /** The person came back to the same screen (a web page reloaded): ask the current question again. */
  | { kind: "resume" }
  /** Phone number shared from the device's contacts. */
  | { kind: "contact"; phone: string }
  | { kind: "unsupported"; what: "sticker" | "photo" | "voice" | "video" | "document" | "other" };

export interface ChatIdentity {
  channel: "telegram" | "whatsapp" | "web";
  /** The user id on that channel (Telegram user id, WhatsApp JID, web session). */
  userId: string;
  /** The language the device reports, e.g. "it", "en-GB". */
  deviceLanguage?: string;
  /**
   * The person's phone number ("+393331234567") when the channel gives it (WhatsApp, with the
   * LID as `userId`). Personal data: never logged, never stored without consent.
   */
  phone?: string;
}

/** An .ics file as a reply: `download` is the link text's start ("Scarica il file"). */
export function calendarReply(file: { filename: string; content: string }, caption: string, download: string): Reply {
  return {
    kind: "file",
    filename: file.filename,
    mimeType: "text/calendar",
    content: file.content,
    caption,
    label: `${download} ${file.filename}`,
  };
}
