export type { RecordedCall } from "./call-log.js";
export type { InjectedFailure } from "./failures.js";
export {
  DEFAULT_TOKEN,
  FakeTelegram,
  type FakeTelegramOptions,
  type UpdateInjector,
  type WaitOptions,
} from "./fake-telegram.js";
export {
  FakeUser,
  type FakeUserProfile,
  fakeUser,
  REPLY_METHODS,
  type WaitForRepliesOptions,
} from "./fake-user.js";
export type { StoredFile } from "./files.js";
export { botFor, type PollingBot, startPolling } from "./grammy-harness.js";
export type { UploadedFile } from "./multipart.js";
export { startFakeTelegram } from "./server.js";
export type { ButtonSelector, UserMessageOptions } from "./user-updates.js";
export type { WebhookAttempt } from "./webhook.js";
