import { describe, expect, it } from 'vitest';
import { mentionedBodiesOf } from '#extraction';
import { addresseeOf } from '../src/recommendations/addressee.js';

describe('addressee', () => {
  it.each([
    ['the Brent Safeguarding Children Board should ensure that the police public protection department promptly exchanges information', 'lscb'],
    ['the Waltham Forest Safeguarding Children Board to develop and implement comprehensive systems', 'lscb'],
    ['The LSCB should review its threshold document', 'lscb'],
    ['The board should ensure that it produces an annual report', 'lscb'],
    ['in partnership with the Waltham Forest Safeguarding Children Board develop a comprehensive strategy', 'partnership'],
    ['The local authority and its partners should ensure that early help is coordinated', 'partnership'],
    ['The Local Authority and partners need to ensure that early help is coordinated', 'partnership'],
    ['Senior leaders and partners should strengthen the response to missing children', 'partnership'],
    ['ensure that Norfolk Safeguarding Children Board (NSCB) has sufficient high quality information', 'local_authority'],
    ['review the functioning of the Rochdale Borough Safeguarding Children Board (RBSCB) to ensure that it provides sufficient scrutiny', 'local_authority'],
    ['Senior leaders and managers need to ensure that children are seen swiftly', 'local_authority'],
    ['Ensure that the LSCB engages more effectively with the community', 'local_authority'],
  ] as const)('%s → %s', (text, addressee) => {
    expect(addresseeOf(text, 'local_authority')).toBe(addressee);
  });

  it('gives every item of the LSCB part to the board', () => {
    expect(addresseeOf('Proposed developments in the evaluation of training should be put into practice', 'lscb')).toBe('lscb');
  });
});

describe('mentioned bodies', () => {
  it.each([
    [
      'ensure that child protection concerns identified within the children with disabilities team and the hospital social work team are robustly assessed',
      ['children with disabilities team', 'hospital social work team'],
    ],
    [
      'the Brent Safeguarding Children Board should ensure that the police public protection department promptly exchanges appropriate information',
      ['brent safeguarding children board', 'police public protection department'],
    ],
    [
      'Improve the quality and impact of critical challenge provided by Independent Reviewing Officers, child protection conference chairs and fostering and adoption panel chairs.',
      ['independent reviewing officers', 'child protection conference chairs', 'fostering and adoption panel chairs'],
    ],
    ['Ensure that senior managers engage and consult more consistently with the Children in Care Council.', ['children in care council']],
    ["Ensure that the care leavers' service keeps in touch with all care leavers.", ["care leavers' service"]],
    ['Ensure that all partner agencies understand thresholds for referral to children’s social care.', ["children's social care"]],
    ['improve the functioning of performance management so that it results in improvements to front line service delivery.', []],
    ['Ensure that partners fulfil their roles as set out in Working Together to Safeguard Children (Department for Education, 2013).', []],
    ['Ensure that plans are reviewed by the service.', []],
  ])('%s', (text, bodies) => {
    expect(mentionedBodiesOf(text)).toEqual(bodies);
  });

  it('lists each body once, lower case', () => {
    expect(mentionedBodiesOf('The Virtual School and the virtual school head: the Virtual School must track attainment.')).toEqual(['virtual school']);
  });
});
