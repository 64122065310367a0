import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start their own Dovecot and SMTP sink on free loopback ports.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
