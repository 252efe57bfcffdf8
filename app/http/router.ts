import type { Route } from "../../bots/http/route.js";

export function matchRoute(routes: readonly Route[], method: string, pathname: string): Route | undefined {
  return routes.find((route) => {
    if (route.method !== method && !(method === "HEAD" && route.method === "GET")) return false;
    if (route.path.endsWith("/*")) return pathname.startsWith(route.path.slice(0, -1));
    return route.path === pathname;
  });
}
