import { badRequest } from "../errors.js";
import { reqString } from "../params.js";
import type { MethodHandler } from "../state.js";

const QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid";

/** answerCallbackQuery. */
export const callbackMethods: Record<string, MethodHandler> = {
  answerCallbackQuery: (ctx) => {
    const id = reqString(ctx.params, "callback_query_id", QUERY_INVALID);
    const record = ctx.state.callbackQueries.get(id);
    if (!record) throw badRequest(QUERY_INVALID);
    const message = record.query.message;
    if (message) ctx.note.chatId = message.chat.id;
    if (record.answered && ctx.state.rejectRepeatedCallbackAnswers) throw badRequest(QUERY_INVALID);
    record.answered = true;
    return true;
  },
};
