/** A minimal 2012-13 protection report around the given recommendations text. */
export function protectionReport(recommendations: string): string {
  return [
    'Inspection of local authority arrangements for the protection of children',
    '',
    'London Borough of Brent',
    '',
    'Inspection dates: 22 October to 31 October 2012',
    '',
    'Areas for improvement',
    '',
    '3. In order to improve the quality of help and protection given to children and young people in Brent, the local authority and its partners should take the following action.',
    '',
    recommendations,
    '',
    'About this inspection',
    '',
    '4. This inspection was unannounced.',
  ].join('\n');
}

/** A minimal 2014-17 single inspection report (with an LSCB part) around the given recommendations text. */
export function singleInspectionReport(localAuthority: string, lscb = ''): string {
  return [
    'Coventry City Council',
    'Inspection of services for children in need of help and protection, children looked after and care leavers',
    'Inspection date: 28 January–5 February 2014',
    'Report published: 20 March 2014',
    '',
    localAuthority,
    '',
    'Information about this inspection',
    'Inspectors have looked closely at the experiences of children and young people.',
    '',
    lscb,
  ].join('\n');
}

/** A minimal focused-visit letter around the given recommendations text. */
export function focusedVisitLetter(recommendations: string): string {
  return [
    'Ofsted',
    'Piccadilly Gate',
    'Store Street',
    'Manchester',
    'M1 2WD',
    '',
    '16 November 2018',
    'Judith Finlay',
    'London Borough of Ealing',
    '',
    'Dear Ms Finlay,',
    'Focused visit to Ealing local authority children’s services',
    'This letter summarises the findings of a focused visit to Ealing local authority children’s services on 24 and 25 October 2018.',
    '',
    recommendations,
    '',
    'Main findings',
    'Most children are helped well.',
  ].join('\n');
}
