import { ConfigError, loadConfig } from '../../config/config';
import { createLogger, exitOnCrash } from './http/logger';
import { startTool } from './server';

/** `npm start`: validate configuration, start the tool, say where everything is. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  exitOnCrash(logger);
  const tool = await startTool({ config, logger });
  const { urls } = tool.services;
  const lines = [
    `Staffroom is running at ${tool.url} (${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`})`,
    config.sandboxEnabled ? `  Sandbox LMS (try it here): ${tool.url}/sandbox` : '  Sandbox: off',
    `  Register in your LMS with:`,
    `    Login (OIDC initiation) URL: ${urls.loginUrl}`,
    `    Redirect / launch URL:       ${urls.launchUrl}`,
    `    Public JWKS URL:             ${urls.jwksUrl}`,
    `  Then: npm run platform:add -- --issuer … --client-id … --auth-url … --token-url … --jwks-url … --deployment …`,
  ];
  console.log(lines.join('\n'));
  const stop = async () => {
    await tool.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
