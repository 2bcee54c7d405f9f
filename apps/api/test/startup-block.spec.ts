import { describe, expect, it } from 'vitest';
import { loadConfig } from '#config';
import { startupBlock } from '../src/startup-block.js';

describe('start-up block', () => {
  it('says where the service is, how to sign in and where emails go without SMTP', () => {
    const block = startupBlock(loadConfig({}), 'http://[::1]:3000', true);
    expect(block).toContain('Improvement tracker is running at http://localhost:3000');
    expect(block).toContain('board.member@walthamforest.example');
    expect(block).toContain('written as .eml files to var/outbox');
  });

  it('names the first administrator and the mail server in a deployment', () => {
    const block = startupBlock(loadConfig({ PUBLIC_URL: 'https://tracker.council.example', SMTP_URL: 'smtp://mail.council.example:25' }), 'http://0.0.0.0:3000', false);
    expect(block).toContain('running at http://0.0.0.0:3000');
    expect(block).toContain('first administrator');
    expect(block).toContain('Emails leave through smtp');
    expect(block).not.toContain('demo');
  });
});
