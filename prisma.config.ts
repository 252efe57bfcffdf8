import { defineConfig } from "prisma/config";
import { PrismaPg } from "prisma-adapter-pg-cli";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set for the Prisma CLI");
    const url = new URL(process.env.DATABASE_URL);
    // Host, port… one by one, not `connectionString`: the adapter overrides `database` for shadow
    // databases only on a split config. So TLS options of the URL are carried over by hand.
    const sslmode = url.searchParams.get("sslmode");
    return new PrismaPg({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
      ...(sslmode && sslmode !== "disable"
        ? { ssl: { rejectUnauthorized: sslmode === "verify-full" || sslmode === "verify-ca" } }
        : {}),
      // let the CLI exit at once instead of waiting for idle connections to time out
      allowExitOnIdle: true,
      idleTimeoutMillis: 200,
    });
  },
});
