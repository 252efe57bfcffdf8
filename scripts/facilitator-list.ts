/** `npm run facilitator:list`: see scripts/facilitator-cli.ts. */
import { runAsCommand } from "./cli-support.js";
import { runFacilitatorList } from "./facilitator-cli.js";

await runAsCommand(import.meta.url, (args, output) => runFacilitatorList(args, output));
