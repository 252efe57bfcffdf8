/** `npm run facilitator:invite`: see scripts/facilitator-cli.ts. */
import { runAsCommand } from "./cli-support.js";
import { runFacilitatorInvite } from "./facilitator-cli.js";

await runAsCommand(import.meta.url, (args, output) => runFacilitatorInvite(args, output));
