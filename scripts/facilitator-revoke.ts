/** `npm run facilitator:revoke`: see scripts/facilitator-cli.ts. */
import { runAsCommand } from "./cli-support.js";
import { runFacilitatorRevoke } from "./facilitator-cli.js";

await runAsCommand(import.meta.url, (args, output) => runFacilitatorRevoke(args, output));
