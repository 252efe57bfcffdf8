import { runProcess } from "./run-process.js";

/** `npm run workers`: the workers alone (any number of such processes may run at once). */
await runProcess("workers");
