// A tiny OAuth/OpenID issuer for .ci/claude-code, on loopback only: discovery metadata (OpenID and RFC 8414) and an
// empty JWKS, with or without a dynamic client registration endpoint (RFC 7591). It mints no tokens: Claude Code
// only needs to find the issuer and decide whether it can register. Node built-ins only.
// Usage: node test-issuer.mjs <port> [--registration]   (prints "issuer http://127.0.0.1:<port>" once listening)
import http from "node:http";

const port = Number(process.argv[2]);
const registration = process.argv.includes("--registration");
const url = `http://127.0.0.1:${port}`;
const metadata = {
  issuer: url,
  authorization_endpoint: url + "/authorize",
  token_endpoint: url + "/token",
  jwks_uri: url + "/jwks",
  response_types_supported: ["code"],
  grant_types_supported: ["authorization_code", "refresh_token"],
  code_challenge_methods_supported: ["S256"],
  id_token_signing_alg_values_supported: ["RS256"],
  ...(registration ? { registration_endpoint: url + "/register" } : {}),
};
const json = (res, status, body) => { res.writeHead(status, { "content-type": "application/json" }); res.end(JSON.stringify(body)); };
http.createServer((req, res) => {
  const path = new URL(req.url, url).pathname;
  if (req.method === "GET" && (path === "/.well-known/openid-configuration" || path === "/.well-known/oauth-authorization-server")) return json(res, 200, metadata);
  if (req.method === "GET" && path === "/jwks") return json(res, 200, { keys: [] });
  if (req.method === "POST" && path === "/register" && registration) {
    let body = "";
    req.on("data", (c) => { body += c; });
    req.on("end", () => json(res, 201, { client_id: "ci-client", ...JSON.parse(body || "{}") }));
    return;
  }
  json(res, 404, { error: "not_found" });
}).listen(port, "127.0.0.1", () => console.log("issuer " + url));
