/** `npm run seed`: applies migrations and loads the demo data (idempotent) into the configured database. */
import { boot } from "~/boot.server";
import { seedDemoData } from "../prisma/seed.server";

const running = await boot({ seed: seedDemoData, worker: false });
await running.shutdown();
