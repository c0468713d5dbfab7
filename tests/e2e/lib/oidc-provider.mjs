// A real OpenID Connect provider on 127.0.0.1 for the citizens' sign-in
// tests (issue 11, item 2): the npm package oidc-provider (the certified
// implementation), in this test process, with one confidential client for
// yichuang, PKCE required, RS256 ID tokens from a key made here, and its
// development login and consent pages (any login name is an account; the
// accounts below give their claims, as the city's provider would).
import crypto from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './server.mjs';

// login name -> claims. id_number: the verified resident ID number.
export const oidcAccounts = {
  'citizen-zhang': { name: '张敏', id_number: '110101199003071233', phone_number: '13800000001' },
  'citizen-noid': { name: '无证件' },
};

export async function startOidcProvider({ clientId = 'yichuang', clientSecret = crypto.randomBytes(24).toString('hex'),
  redirectUri } = {}) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' };
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [jwk] },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'phone'],
    claims: { openid: ['sub'], profile: ['name', 'id_number'], phone: ['phone_number'] },
    cookies: { keys: [crypto.randomBytes(16).toString('hex')] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const claims = oidcAccounts[id] ?? { name: '未知用户' };
      return { accountId: id, async claims() { return { sub: id, ...claims }; } };
    },
  });
  provider.proxy = false;
  const server = http.createServer(provider.callback());
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

// Through the provider's own pages in the browser: the login name (any
// password), then consent.
export async function throughProvider(page, login) {
  await page.locator('input[name="login"]').waitFor();
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', 'any-password');
  await page.click('button[type="submit"]');
  const consent = page.locator('form button[type="submit"]');
  await consent.waitFor();
  await consent.click();
}
