import { runProcess } from "./run-process.js";

/** `npm start`: channels, HTTP and (unless WORKERS=off) the workers, in one process. */
await runProcess("all");
