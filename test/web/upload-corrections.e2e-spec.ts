import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { MAX_REPORT_RECOMMENDATIONS } from '#core';
import { PendingUpload } from '#database';
import { SeedService } from '#tracking';
import { SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';
import { errorSummaryOf, hiddenField, signedInAgent, WALTHAM_FOREST, type Agent } from '../security/support.js';

const REPORT = 'waltham-forest-2014-sif.txt';
const BOARD_MEMBER = 'board.member@walthamforest.example';

/** Each recommendation's reference and text, in the order the preview lists them. */
function listed(html: string): { reference: string; text: string }[] {
  return [...html.matchAll(/data-recommendation="([^"]+)"[\s\S]*?<span data-text>([\s\S]*?)<\/span>/g)].map((match) => ({
    reference: match[1],
    text: match[2].replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim(),
  }));
}

/**
 * Correcting an upload's recommendations on the pages before confirming: each correction is kept
 * with the upload, the preview shows the list as it will be confirmed, bad input is refused with
 * an error summary, and the confirmed report keeps the extractor's draft and the edits.
 */
describe('correcting an upload before confirming it', () => {
  let api: TestApi;
  let report: string;

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000' } });
    await api.app.get(SeedService).seed();
    report = await readFile(join(SEEDS_DIR, 'reports', REPORT), 'utf8');
  });

  afterAll(async () => {
    await api?.close();
  });

  /** The seed report with an annex of its own, so it is not the report the seed already holds. */
  async function upload(label: string): Promise<{ agent: Agent; csrf: string; base: string; preview: string }> {
    const { agent, csrf } = await signedInAgent(api, BOARD_MEMBER);
    const response = await agent.post('/reports/new').field('_csrf', csrf).attach('file', Buffer.from(`${report}\n\nAnnex ${label}\n`, 'utf8'), `${label}.txt`).expect(200);
    const id = hiddenField(response.text, 'upload');
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    return { agent, csrf, base: `/reports/uploads/${id}`, preview: response.text };
  }

  it('changes, splits, removes and adds recommendations, moves the baseline, and confirms the corrected list', async () => {
    const { agent, csrf, base, preview } = await upload('corrected');
    const extracted = listed(preview);
    expect(extracted).toHaveLength(27);
    expect(preview).toContain(`href="${base}/recommendations/1"`);

    // Change the first: its text, timeframe, theme, addressee and owning team.
    const teams = (await agent.get(`/api/teams?authority=${WALTHAM_FOREST}`).expect(200)).body as { id: number; name: string }[];
    const form = await agent.get(`${base}/recommendations/1`).expect(200);
    expect(form.text).toContain(`Change recommendation ${extracted[0].reference}`);
    expect(form.text).toContain(extracted[0].text);
    const changed = await agent
      .post(`${base}/recommendations/1`)
      .type('form')
      .send({ _csrf: csrf, text: 'Ensure that every child at risk of sexual exploitation has a plan.', timeframe: 'three_months', addressee: 'partnership', theme: 'Exploitation', teamId: String(teams[0].id) })
      .expect(303);
    expect(changed.headers.location).toBe(`${base}?changed=changed#recommendation-1`);
    const afterChange = await agent.get(changed.headers.location.replace(/#.*/, '')).expect(200);
    expect(afterChange.text).toContain('The recommendation was changed.');
    expect(listed(afterChange.text)[0]).toEqual({ reference: extracted[0].reference, text: 'Ensure that every child at risk of sexual exploitation has a plan.' });
    expect(afterChange.text).toContain(`${teams[0].name} (chosen by hand)`);

    // Split the second in two.
    await agent.post(`${base}/recommendations/2/split`).type('form').send({ _csrf: csrf, first: 'Improve the first half.', second: 'Improve the second half.' }).expect(303);
    // Remove the fourth (the third before the split), after the confirmation page.
    const removing = await agent.get(`${base}/recommendations/5/remove`).expect(200);
    expect(removing.text).toContain(`Are you sure you want to remove recommendation ${extracted[3].reference}?`);
    await agent.post(`${base}/recommendations/5/remove`).type('form').send({ _csrf: csrf }).expect(303);
    // Add one the extractor missed.
    await agent.post(`${base}/add`).type('form').send({ _csrf: csrf, text: 'Review the out-of-hours service.', timeframe: 'six_months', addressee: 'local_authority', theme: '', teamId: '' }).expect(303);
    // Count the due dates from another date.
    await agent.post(`${base}/baseline`).type('form').send({ _csrf: csrf, baselineDay: '1', baselineMonth: '3', baselineYear: '2015' }).expect(303);

    const checked = await agent.get(base).expect(200);
    const list = listed(checked.text);
    expect(list).toHaveLength(28);
    expect(list.slice(1, 3)).toEqual([
      { reference: `${extracted[1].reference}a`, text: 'Improve the first half.' },
      { reference: `${extracted[1].reference}b`, text: 'Improve the second half.' },
    ]);
    expect(list.map((item) => item.reference)).not.toContain(extracted[3].reference);
    expect(list.at(-1)).toEqual({ reference: 'H1', text: 'Review the out-of-hours service.' });
    expect(checked.text).toContain('1 March 2015');
    expect(checked.text).toContain(`Recommendation ${extracted[3].reference} removed`);
    expect(checked.text).toContain('Confirm and create 28 actions');

    const confirmed = await agent.post('/reports/confirm').type('form').send({ _csrf: csrf, upload: hiddenField(checked.text, 'upload') }).expect(303);
    const reportId = Number(/report=(\d+)/.exec(confirmed.headers.location)![1]);
    const stored = (await agent.get(`/api/reports/${reportId}`).expect(200)).body;
    expect(stored).toMatchObject({ baselineDate: '2015-03-01', recommendationCount: 28 });
    const recommendations = (await agent.get(`/api/reports/${reportId}/recommendations`).expect(200)).body as { reference: string; text: string; timeframe: string; addressee: string; theme: string | null }[];
    expect(recommendations[0]).toMatchObject({ text: 'Ensure that every child at risk of sexual exploitation has a plan.', timeframe: 'three_months', addressee: 'partnership', theme: 'Exploitation' });
    expect(recommendations.map((item) => item.reference)).toEqual(list.map((item) => item.reference));

    const extraction = (await agent.get(`/api/reports/${reportId}/extraction`).expect(200)).body;
    expect(extraction.extracted.recommendations).toHaveLength(27);
    expect(extraction.extracted.recommendations[0].text).toBe(extracted[0].text);
    expect(extraction.edits).toEqual(
      expect.arrayContaining([
        { change: 'baseline', from: expect.any(String), to: '2015-03-01' },
        expect.objectContaining({ change: 'changed', reference: extracted[0].reference, field: 'text', to: 'Ensure that every child at risk of sexual exploitation has a plan.' }),
        expect.objectContaining({ change: 'changed', reference: extracted[0].reference, field: 'addressee', to: 'partnership' }),
        { change: 'team', reference: extracted[0].reference, teamId: teams[0].id },
        expect.objectContaining({ change: 'split', reference: extracted[1].reference, into: [`${extracted[1].reference}a`, `${extracted[1].reference}b`] }),
        expect.objectContaining({ change: 'removed', reference: extracted[3].reference }),
        { change: 'added', reference: 'H1', text: 'Review the out-of-hours service.' },
      ]),
    );

    const actions = (await agent.get(`/api/actions?authority=${WALTHAM_FOREST}&report=${reportId}&limit=100&sort=id`).expect(200)).body.items as { id: number; team: { id: number } | null }[];
    expect(actions).toHaveLength(28);
    const first = (await agent.get(`/api/actions/${actions[0].id}`).expect(200)).body;
    expect(first.team.id).toBe(teams[0].id);
    expect(first.journal[0].note).toContain('corrected by hand before confirming');
    expect(first.journal[0].note).toContain('chosen by hand');
  });

  it('keeps the team routing chose when the form leaves it as shown', async () => {
    const { agent, csrf, base } = await upload('routed');
    const form = await agent.get(`${base}/recommendations/1`).expect(200);
    const selected = /<option value="(\d*)" selected>/.exec(form.text)?.[1] ?? '';
    await agent
      .post(`${base}/recommendations/1`)
      .type('form')
      .send({ _csrf: csrf, text: 'Reworded by hand.', timeframe: 'immediate', addressee: 'local_authority', theme: '', teamId: selected })
      .expect(303);
    const after = await agent.get(base).expect(200);
    expect(after.text).not.toContain('(chosen by hand)');
    expect(after.text).not.toContain('owning team chosen by hand');
    expect(after.text).toContain('text changed from');
  });

  it('refuses bad input with an error summary and keeps what was typed, changing nothing', async () => {
    const { agent, csrf, base, preview } = await upload('refused');
    const blank = await agent.post(`${base}/recommendations/1`).type('form').send({ _csrf: csrf, text: '   ', timeframe: 'someday', addressee: 'local_authority', theme: 'Kept theme', teamId: '' }).expect(400);
    expect(errorSummaryOf(blank.text)).toContain('Enter the recommendation as the report words it');
    expect(errorSummaryOf(blank.text)).toContain('Select when the recommendation must be done');
    expect(blank.text).toContain('value="Kept theme"');

    const foreignTeam = await agent.post(`${base}/add`).type('form').send({ _csrf: csrf, text: 'Something missed.', timeframe: 'immediate', addressee: 'lscb', teamId: '999999' }).expect(400);
    expect(errorSummaryOf(foreignTeam.text)).toContain('Select one of the council’s teams');

    const noTimeframe = await agent.post(`${base}/add`).type('form').send({ _csrf: csrf, text: 'Something missed.', addressee: 'lscb', teamId: '' }).expect(400);
    expect(errorSummaryOf(noTimeframe.text)).toBe('Select when the recommendation must be done');
    expect(noTimeframe.text).toContain('Something missed.');

    const split = await agent.post(`${base}/recommendations/1/split`).type('form').send({ _csrf: csrf, first: 'Only one half.', second: '' }).expect(400);
    expect(errorSummaryOf(split.text)).toBe('Enter the second recommendation');

    for (const date of [{ baselineDay: '31', baselineMonth: '2', baselineYear: '2015' }, { baselineDay: 'x', baselineMonth: '1', baselineYear: '2015' }, {}]) {
      const baseline = await agent.post(`${base}/baseline`).type('form').send({ _csrf: csrf, ...date }).expect(400);
      expect(errorSummaryOf(baseline.text)).toBe('Enter the date due dates count from as a real date, for example 20 1 2015');
    }

    const tooLong = await agent.post(`${base}/recommendations/1`).type('form').send({ _csrf: csrf, text: 'x'.repeat(4001), timeframe: 'immediate', addressee: 'lscb' }).expect(400);
    expect(errorSummaryOf(tooLong.text)).toContain('4,000 characters or fewer');

    const unchanged = await agent.get(base).expect(200);
    expect(listed(unchanged.text)).toEqual(listed(preview));
    expect(unchanged.text).not.toContain('Changed by hand');
  });

  it('answers a recommendation that is not in the list, or an upload that is not the caller’s, with page not found', async () => {
    const { agent, csrf, base } = await upload('not-found');
    await agent.get(`${base}/recommendations/0`).expect(404);
    await agent.get(`${base}/recommendations/28`).expect(404);
    await agent.get(`${base}/recommendations/1x/split`).expect(404);
    await agent.post(`${base}/recommendations/99/remove`).type('form').send({ _csrf: csrf }).expect(404);
    await agent.get('/reports/uploads/not-an-upload').expect(404);

    // Nobody else may see or change this upload, not even an administrator of every council.
    const admin = await signedInAgent(api, 'admin@tracker.test', 'test-admin-password');
    await admin.agent.get(base).expect(404);
    await admin.agent.post(`${base}/recommendations/1/remove`).type('form').send({ _csrf: admin.csrf }).expect(404);
    // A form without the session's CSRF token changes nothing.
    await agent.post(`${base}/recommendations/1/remove`).type('form').send({}).expect(403);
    expect(listed((await agent.get(base).expect(200)).text)).toHaveLength(27);
  });

  it('says what to fix when the corrected list would be longer than any report', async () => {
    const { agent, csrf, base } = await upload('too-many');
    const many = Array.from({ length: MAX_REPORT_RECOMMENDATIONS }, (_, index) => ({ text: `Item ${index + 1}.`, timeframe: 'immediate' as const, addressee: 'local_authority' as const }));
    await api.app.get(DataSource).getRepository(PendingUpload).update({ id: base.split('/').at(-1)! }, { corrections: { recommendations: many } });
    const full = await agent.post(`${base}/add`).type('form').send({ _csrf: csrf, text: 'One too many.', timeframe: 'immediate', addressee: 'lscb', teamId: '' }).expect(400);
    expect(errorSummaryOf(full.text)).toBe(`recommendations may hold at most ${MAX_REPORT_RECOMMENDATIONS} items`);
    expect(full.text).toContain('One too many.');
    expect(listed((await agent.get(base).expect(200)).text)).toHaveLength(MAX_REPORT_RECOMMENDATIONS);
  });

  it('confirms a report whose every recommendation was removed, with no actions and the reason', async () => {
    const { agent, csrf, base } = await upload('emptied');
    for (let left = 27; left > 0; left -= 1) await agent.post(`${base}/recommendations/1/remove`).type('form').send({ _csrf: csrf }).expect(303);
    const empty = await agent.get(base).expect(200);
    expect(empty.text).toContain('Every recommendation the extractor found was removed by hand before confirming');
    expect(empty.text).toContain('Confirm the report with no actions');
    const confirmed = await agent.post('/reports/confirm').type('form').send({ _csrf: csrf, upload: hiddenField(empty.text, 'upload') }).expect(303);
    const reportId = Number(/report=(\d+)/.exec(confirmed.headers.location)![1]);
    expect((await agent.get(`/api/reports/${reportId}`).expect(200)).body).toMatchObject({ recommendationCount: 0, noRecommendations: { reason: expect.stringContaining('removed by hand') } });
  });
});
