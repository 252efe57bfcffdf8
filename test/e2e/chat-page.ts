import type { Locator, Page } from "playwright-core";

const isChatCall = (url: string) => new URL(url).pathname === "/api/chat";

/**
 * The web chat as a citizen sees it. Every action waits for the page's answer (the /api/chat
 * response, then the log no longer busy) and returns the text of the bot messages it added.
 */
export function chatPage(page: Page) {
  const botMessages = () => page.locator("#log > .msg-bot");
  const input = page.getByLabel("Scrivi qui il tuo messaggio");

  const chat = {
    page,
    input,
    /** The buttons of the newest message that has some. */
    lastChoices: (): Locator => page.locator("#log .choices").last(),
    button: (name: string | RegExp): Locator => chat.lastChoices().getByRole("button", { name, exact: true }),

    async turn(action: () => Promise<unknown>): Promise<string> {
      const before = await botMessages().count();
      const answered = page.waitForResponse((response) => isChatCall(response.url()));
      await action();
      await answered;
      await page.locator('#log[aria-busy="false"]').waitFor({ state: "attached" });
      return (await botMessages().allInnerTexts()).slice(before).join("\n");
    },
    open: (url: string) => chat.turn(() => page.goto(url)),
    /** Clicks a button of the newest question. */
    press: (name: string | RegExp) => chat.turn(() => chat.button(name).click()),
    /** Types in the box and presses Enter. */
    type: (text: string) =>
      chat.turn(async () => {
        await input.fill(text);
        await input.press("Enter");
      }),
    /** Presses Enter on whatever has the keyboard focus. */
    enter: () => chat.turn(() => page.keyboard.press("Enter")),
    /** The accessible name (here: the text) of the focused element. */
    focused: () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? ""),
    /** The labels of the newest question's buttons. */
    buttons: async () => (await chat.lastChoices().getByRole("button").allInnerTexts()).map((t) => t.trim()),
  };
  return chat;
}

export type ChatPage = ReturnType<typeof chatPage>;
