// The FastAPI apps of validation.json (its `schema.fastapi_apps`), declared with the web engine
// and the validation engine as the Python was, parameter for parameter, and how one recorded
// request is sent (`schema.case_fields_fastapi`).
import { bool, float, int, list, model, str } from "../../validation/index.ts";
import { FastAPI } from "../app/app";
import type { RequestOptions } from "../testclient/client";
import { expectKnown } from "./common";

export interface FastAPICase {
  name: string;
  kind: "fastapi";
  app: string;
  request: { method: string; path: string; query: string; headers: Record<string, string>; json?: unknown; body_text?: string };
  response: { status: number; json: unknown };
}

// class Item(BaseModel): name: str = Field(min_length=1); price: float = Field(gt=0); tags: list[str] = []
const Item = model("Item", { name: str({ minLength: 1 }), price: float({ gt: 0 }), tags: list(str(), { default: [] }) });
// class User(BaseModel): username: str
const User = model("User", { username: str() });

function itemsApp(): FastAPI {
  const app = new FastAPI();
  // def create_item(item: Item, q: int, limit: int = Query(10, le=100))
  app.post("/items", ({ item, q, limit }) => ({ item, q, limit }), {
    body: { item: Item },
    query: { q: int(), limit: int({ le: 100, default: 10 }) },
  });
  // def read_item(item_id: int, x_token: str = Header())
  app.get("/items/{item_id}", ({ item_id, x_token }) => ({ item_id, x_token }), {
    path: { item_id: int() },
    headers: { x_token: str() },
  });
  // def update_item(item_id: int, item: Item, user: User, importance: int = Body(gt=0))
  app.put("/items/{item_id}", ({ item_id, item, user, importance }) => ({ item_id, item, user, importance }), {
    path: { item_id: int() },
    body: { item: Item, user: User, importance: int({ gt: 0 }) },
  });
  // def search(tags: list[str] = Query(default=[]), page: int = Query(1, ge=1), flag: bool = False)
  app.get("/search", ({ tags, page, flag }) => ({ tags, page, flag }), {
    query: { tags: list(str(), { default: [] }), page: int({ ge: 1, default: 1 }), flag: bool({ default: false }) },
  });
  return app;
}

const APPS: Record<string, () => FastAPI> = { items: itemsApp };

export function buildValidationApp(c: FastAPICase): FastAPI {
  expectKnown("case field", c, ["name", "kind", "group", "app", "request", "response"]);
  const build = APPS[c.app];
  if (!build) throw new Error(`unknown FastAPI app in the recording: ${c.app}`);
  return build();
}

/**
 * The request as httpx sent it: `json` as application/json (httpx sends no body for json=None),
 * `body_text` as is with that type.
 */
export function recordedRequest(c: FastAPICase): { target: string; options: RequestOptions } {
  const r = c.request;
  expectKnown("request field", r, ["method", "path", "query", "headers", "json", "body_text"]);
  const target = r.path + (r.query ? `?${r.query}` : "");
  if (r.json !== undefined && r.json !== null) return { target, options: { headers: r.headers, json: r.json } };
  if (r.body_text !== undefined) {
    return { target, options: { headers: { "content-type": "application/json", ...r.headers }, content: r.body_text } };
  }
  return { target, options: { headers: r.headers } };
}
