import type { ReportFormat } from '#extraction';

/** One timeframe list of a report: its length and its first and last recommendation, as printed. */
export interface ExpectedList {
  /** `<part>/<timeframe>`, part being the local authority's recommendations or the LSCB's. */
  list: string;
  count: number;
  first: string;
  last: string;
}

export interface ExpectedCorpusReport {
  name: string;
  authority: string;
  authorityCode: string | null;
  format: ReportFormat;
  inspectionStart: string;
  inspectionEnd: string;
  publishedOn: string | null;
  /** Recommendations per `<addressee>/<timeframe>`. */
  counts: Record<string, number>;
  references: string[];
  lists: ExpectedList[];
}

/**
 * Established by reading each report of ../shared/reports/corpus: the recommendations sections,
 * their lists, the printed paragraph numbers, dates and authority names. Texts are as printed,
 * with page-break fragments joined and sub-bullets folded into their item.
 */
export const CORPUS_EXPECTATIONS: ExpectedCorpusReport[] = [
  {
    name: 'norfolk-2013',
    authority: 'Norfolk County Council',
    authorityCode: 'E10000020',
    format: 'looked_after_2013',
    inspectionStart: '2013-07-08',
    inspectionEnd: '2013-07-12',
    publishedOn: '2013-08-16',
    counts: {'local_authority/immediate': 6, 'local_authority/three_months': 4, 'local_authority/six_months': 7},
    references: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'A11', 'A12', 'A13', 'A14', 'A15', 'A16', 'A17'],
    lists: [
      {
        list: 'local_authority/immediate',
        count: 6,
        first: 'ensure all elected members understand their corporate parenting duties and responsibilities for looked after children and that they receive regular reports which benchmark whether the local authority is meeting its statutory responsibilities for looked after children so that elected members know and understand the service gap and provide effective scrutiny',
        last: 'ensure all social workers receive regular, recorded supervision which includes the identification number of the cases discussed, the detail of any agreed actions and timescales and that these are robustly monitored and recorded.',
      },
      {
        list: 'local_authority/three_months',
        count: 4,
        first: 'ensure all children have a good quality personal education plan (PEP) which addresses the specific educational needs of children and young people and how they will be met including setting ambitious, but realistic targets for attendance and milestones for attainment backed by the necessary support, and that this work is supported by effective performance monitoring and reporting to drive improvement',
        last: 'ensure all children and young people get a copy of their assessments, plans and reviews within a reasonable time and that these arrangements extend to their parents/carers where appropriate.',
      },
      {
        list: 'local_authority/six_months',
        count: 7,
        first: 'agree and implement an effective early help strategy that includes clearly defined edge of care service provision which is closely matched to local needs and provides equitable access to services across the county',
        last: 'ensure children and young people know and understand the complaints and representation procedure, how to access independent advocacy and use the learning from these processes to inform service improvement.',
      },
    ],
  },
  {
    name: 'sandwell-2013',
    authority: 'Sandwell Metropolitan Borough Council',
    authorityCode: 'E08000028',
    format: 'looked_after_2013',
    inspectionStart: '2013-06-24',
    inspectionEnd: '2013-06-28',
    publishedOn: '2013-08-02',
    counts: {'local_authority/immediate': 8, 'local_authority/three_months': 8, 'local_authority/six_months': 2},
    references: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'A11', 'A12', 'A13', 'A14', 'A15', 'A16', 'A17', 'A18'],
    lists: [
      {
        list: 'local_authority/immediate',
        count: 8,
        first: 'Ensure that a clear plan is in place to improve the effectiveness of the Independent Reviewing Officers service which results in a robust reviewing practice through which the statutory functions of the service are rigorously applied and which support practice improvements',
        last: 'Review the current policy for supporting young people preparing for university to ensure that some groups are not disadvantaged by the recently introduced policy change',
      },
      {
        list: 'local_authority/three_months',
        count: 8,
        first: 'Ensure the consistently high quality of PEPs through the rigorous application of a quality assurance mechanism',
        last: 'Ensure that a clear memorandum of roles and responsibilities is in place between the SSCB, the Improvement Board and the Health and Wellbeing Board which promotes complementary oversight and monitoring of looked after children and young people and reduces duplication',
      },
      {
        list: 'local_authority/six_months',
        count: 2,
        first: 'Ensure that the looked after children group becomes more representative of all looked after children and young people',
        last: 'Review the functionality of the electronic social care recording system to inform system developments which make the system more efficient and reduces the opportunities for casework to be saved in different files',
      },
    ],
  },
  {
    name: 'coventry-2014',
    authority: 'Coventry City Council',
    authorityCode: 'E08000026',
    format: 'single_inspection_2014',
    inspectionStart: '2014-01-28',
    inspectionEnd: '2014-02-05',
    publishedOn: null,
    counts: {'local_authority/immediate': 9, 'partnership/immediate': 1, 'local_authority/unspecified': 11, 'lscb/immediate': 4, 'lscb/unspecified': 2},
    references: ['23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34', '35', '36', '37', '38', '39', '40', '41', '42', '43', '120', '121', '122', '123', '124', '125'],
    lists: [
      {
        list: 'local_authority/immediate',
        count: 10,
        first: 'Senior leaders and managers need to ensure that when children and young people are referred to children’s social care they are seen and assessed swiftly, so that their safety is secured.',
        last: 'Assessments in cases of private fostering arrangements should be completed within timescales.',
      },
      {
        list: 'local_authority/unspecified',
        count: 11,
        first: 'Ensure that social workers have the quality time they need to spend with children, so that they can get to know them well and they can fully understand their needs and promote their welfare.',
        last: 'Ensure that findings from audits, together with reliable performance reporting, are driving improvements to promote high standards of professional practice so that children are safe.',
      },
      {
        list: 'lscb/immediate',
        count: 4,
        first: 'Ensure that partners, including childrens social care, health and police, fulfil the responsibilities for their roles as set out in Working Together to Safeguard Children (Department for Education, 2013) to ensure that effective practices are in place to safeguard and promote the welfare of children in Coventry.',
        last: 'Ensure the practice and quality assurance sub-group utilise all information available, including audit findings and performance management information, to undertake a robust analysis of the effectiveness of services to help and protect children.',
      },
      {
        list: 'lscb/unspecified',
        count: 2,
        first: 'Ensure young people’s views routinely inform service improvement',
        last: 'Promote awareness of private fostering to ensure that more privately fostered children and young people are identified and supported.',
      },
    ],
  },
  {
    name: 'north-yorkshire-2014',
    authority: 'North Yorkshire County Council',
    authorityCode: 'E06000065',
    format: 'single_inspection_2014',
    inspectionStart: '2014-04-30',
    inspectionEnd: '2014-05-21',
    publishedOn: '2014-06-30',
    counts: {'local_authority/unspecified': 8, 'lscb/unspecified': 3},
    references: ['12', '13', '14', '15', '16', '17', '18', '19', '98', '99', '100'],
    lists: [
      {
        list: 'local_authority/unspecified',
        count: 8,
        first: 'Ensure that the experiences of children and young people are systematically evaluated as part of the local authority quality assurance framework.',
        last: 'Ensure that the needs of all children arising from age, disability, ethnicity, faith or belief, gender, gender identity, language race and sexual orientation are addressed in all assessments and care plans.',
      },
      {
        list: 'lscb/unspecified',
        count: 3,
        first: 'Strengthen the links with the Domestic Abuse Board and increase the focus domestic abuse has in the NYSCB business plan in line with the level of local need.',
        last: 'Include an evaluation of private fostering arrangements in the annual NYSCB report. Formalise an agreed protocol for links and communication between key strategic Boards, in particular the Health and Well-Being Board.',
      },
    ],
  },
  {
    name: 'enfield-2015',
    authority: 'London Borough of Enfield',
    authorityCode: 'E09000010',
    format: 'single_inspection_2014',
    inspectionStart: '2015-01-20',
    inspectionEnd: '2015-02-11',
    publishedOn: '2015-03-27',
    counts: {'local_authority/immediate': 1, 'local_authority/unspecified': 10, 'lscb/unspecified': 4},
    references: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '139', '140', '141', '142'],
    lists: [
      {
        list: 'local_authority/immediate',
        count: 1,
        first: 'Ensure that the profile and data of children at risk of sexual and gang exploitation, and/or missing from home, care or education are cross-referenced on a regular basis, analysed by senior managers and the learning disseminated to social workers and partner agencies.',
        last: 'Ensure that the profile and data of children at risk of sexual and gang exploitation, and/or missing from home, care or education are cross-referenced on a regular basis, analysed by senior managers and the learning disseminated to social workers and partner agencies.',
      },
      {
        list: 'local_authority/unspecified',
        count: 10,
        first: 'Prioritise the planned integration of the Single Point of Entry (SPOE) with the Referral and Assessment Team, so that referral pathways for children in need and those in need of protection are rationalised and better understood alongside the planned review of early help.',
        last: 'Ensure that children who are privately fostered are visited in accordance with statutory timescales, and that the assessments of carers are of high quality.',
      },
      {
        list: 'lscb/unspecified',
        count: 4,
        first: 'Ensure that the ESCB robustly monitors, evaluates and influences the effectiveness of early help services.',
        last: 'Ensure that the Board demonstrates influence with Enfield Council to use its powers under the Licensing Act 2003 so that taxi companies and taxi drivers are subject to appropriate scrutiny.',
      },
    ],
  },
  {
    name: 'cheshire-east-2015',
    authority: 'Cheshire East Unitary Authority',
    authorityCode: 'E06000049',
    format: 'single_inspection_2014',
    inspectionStart: '2015-07-06',
    inspectionEnd: '2015-07-30',
    publishedOn: '2015-09-15',
    counts: {'local_authority/unspecified': 17, 'lscb/unspecified': 8},
    references: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '151', '152', '153', '154', '155', '156', '157', '158'],
    lists: [
      {
        list: 'local_authority/unspecified',
        count: 17,
        first: 'Strengthen senior managers’ oversight and monitoring of: complex cases where there are historic drift and delay in taking decisive action (paragraph 36); private fostering and connected persons’ arrangements to ensure that these arrangements are suitable and comply with regulations (paragraphs 40, 83); care leavers who are homeless (paragraph 112).',
        last: 'Ensure later-in-life letters provide details of all known information, are written in plain English and are accessible to children so that they understand their stories (paragraph 107).',
      },
      {
        list: 'lscb/unspecified',
        count: 8,
        first: 'Complete work to develop the performance management framework so that service effectiveness can be evaluated rigorously across all agencies',
        last: 'Implement a protocol that outlines when the National Panel should be notified about SCRs and incidents in order to strengthen scrutiny of decision-making.',
      },
    ],
  },
  {
    name: 'gateshead-2016',
    authority: 'Gateshead Borough Council',
    authorityCode: 'E08000037',
    format: 'single_inspection_2014',
    inspectionStart: '2015-10-27',
    inspectionEnd: '2015-11-19',
    publishedOn: '2016-03-11',
    counts: {'local_authority/unspecified': 8, 'lscb/unspecified': 7},
    references: ['1', '2', '3', '4', '5', '6', '7', '8', '109', '110', '111', '112', '113', '114', '115'],
    lists: [
      {
        list: 'local_authority/unspecified',
        count: 8,
        first: 'Improve the quality of all children’s plans, including pathway plans to ensure that targets for improvement are clear and that they focus on risk and the most important issues for children, young people and care leavers (paragraphs 17, 25, 46, 48 and 80).',
        last: 'Ensure the adoption panel provides quality assurance feedback to the agency on the quality of reports being presented to panel and adoption performance. (paragraphs 64 and 99)',
      },
      {
        list: 'lscb/unspecified',
        count: 7,
        first: 'Ensure that the LSCB engages more effectively with the community it serves, including learning from the participation and testimony of children and young people, increased engagement with faith and ethnic minority groups, and timely recruitment of lay members (paragraphs 118 and 133).',
        last: 'Ensure that the LSCB annual report provides a clear account of the activity of the LSCB and its strengths and areas for improvement that is easily understood by a lay reader (paragraph 137).',
      },
    ],
  },
  {
    name: 'walsall-2017',
    authority: 'Walsall Metropolitan Borough Council',
    authorityCode: 'E08000030',
    format: 'single_inspection_2014',
    inspectionStart: '2017-06-20',
    inspectionEnd: '2017-07-13',
    publishedOn: '2017-09-04',
    counts: {'local_authority/unspecified': 12, 'lscb/unspecified': 4},
    references: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', 'B1', 'B2', 'B3', 'B4'],
    lists: [
      {
        list: 'local_authority/unspecified',
        count: 12,
        first: 'Ensure that thresholds of need are understood and applied at every stage of the child’s journey.',
        last: 'Ensure that frontline managers are supported to use performance information so that they can manage and support good frontline practice effectively.',
      },
      {
        list: 'lscb/unspecified',
        count: 4,
        first: 'The board should ensure that it undertakes a review of partnership understanding and operation of thresholds for services and reviews the multiagency threshold for services document as soon as possible.',
        last: 'The board should ensure that a neglect strategy, agreed by partners, is in place quickly and that the board has an overview of the impact of practice in relation to young people at risk of child sexual exploitation and the minimisation of that risk.',
      },
    ],
  },
  {
    name: 'wakefield-2018',
    authority: 'Wakefield District Metropolitan Council',
    authorityCode: 'E08000036',
    format: 'ilacs_2018',
    inspectionStart: '2018-06-04',
    inspectionEnd: '2018-06-15',
    publishedOn: null,
    counts: {'local_authority/unspecified': 12},
    references: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'A11', 'A12'],
    lists: [
      {
        list: 'local_authority/unspecified',
        count: 12,
        first: 'managers’ oversight of the quality and impact of practice in all children’s cases, including effective supervision of all staff',
        last: 'emotional and mental health support for children in care and care leavers.',
      },
    ],
  },
  {
    name: 'ealing-focused-visit-2018',
    authority: 'Ealing',
    authorityCode: 'E09000009',
    format: 'focused_visit',
    inspectionStart: '2018-10-24',
    inspectionEnd: '2018-10-25',
    publishedOn: '2018-11-16',
    counts: {'local_authority/unspecified': 3},
    references: ['A1', 'A2', 'A3'],
    lists: [
      {
        list: 'local_authority/unspecified',
        count: 3,
        first: 'The consistency and timeliness of parallel plans for all children who cannot live with their birth parents.',
        last: 'The recording of managers’ decisions following legal and permanence planning panels.',
      },
    ],
  },
  {
    name: 'lincolnshire-2019',
    authority: 'Lincolnshire County Council',
    authorityCode: 'E10000019',
    format: 'ilacs_2018',
    inspectionStart: '2019-04-29',
    inspectionEnd: '2019-05-03',
    publishedOn: null,
    counts: {'local_authority/unspecified': 2},
    references: ['A1', 'A2'],
    lists: [
      {
        list: 'local_authority/unspecified',
        count: 2,
        first: 'The quality and consistency of support and advice to children and vulnerable adolescents who may go missing, present as homeless or who are at risk of exploitation',
        last: 'The quality and consistency of pathway plans for care leavers.',
      },
    ],
  },
  {
    name: 'north-tyneside-2020',
    authority: 'North Tyneside Council',
    authorityCode: 'E08000022',
    format: 'ilacs_2018',
    inspectionStart: '2020-03-09',
    inspectionEnd: '2020-03-13',
    publishedOn: null,
    counts: {'local_authority/unspecified': 2},
    references: ['A1', 'A2'],
    lists: [
      {
        list: 'local_authority/unspecified',
        count: 2,
        first: 'Supervision and management oversight are not of a consistently high quality or always clearly recorded.',
        last: 'In the absence of good-quality life-story work, children and young people are not routinely getting the help they need to make sense of their, and their families’, histories and better understand why they are in care.',
      },
    ],
  },
  {
    name: 'hertfordshire-focused-visit-2021',
    authority: 'Hertfordshire County Council',
    authorityCode: 'E10000015',
    format: 'focused_visit',
    inspectionStart: '2021-07-21',
    inspectionEnd: '2021-07-22',
    publishedOn: '2021-08-31',
    counts: {'local_authority/unspecified': 2},
    references: ['A1', 'A2'],
    lists: [
      {
        list: 'local_authority/unspecified',
        count: 2,
        first: 'The quality of children in need plans, with a specific focus on being consistently clear, concise and sharply focused on those issues that matter the most to children.',
        last: 'The quality and frequency of supervision, in offering opportunities for reflection and the right level of critical challenge.',
      },
    ],
  },
  {
    name: 'wolverhampton-2022',
    authority: 'City of Wolverhampton',
    authorityCode: 'E08000031',
    format: 'ilacs_2018',
    inspectionStart: '2022-03-28',
    inspectionEnd: '2022-04-01',
    publishedOn: null,
    counts: {'local_authority/unspecified': 5},
    references: ['A1', 'A2', 'A3', 'A4', 'A5'],
    lists: [
      {
        list: 'local_authority/unspecified',
        count: 5,
        first: 'The arrangements for tracking and monitoring children who are missing from education.',
        last: 'The quality of information provided to 16- and 17-year-old homeless children about their rights and entitlements including to become looked after.',
      },
    ],
  },
  {
    name: 'essex-2023',
    authority: 'Essex',
    authorityCode: 'E10000012',
    format: 'ilacs_2018',
    inspectionStart: '2023-06-26',
    inspectionEnd: '2023-06-30',
    publishedOn: null,
    counts: {'local_authority/unspecified': 1},
    references: ['A1'],
    lists: [
      {
        list: 'local_authority/unspecified',
        count: 1,
        first: 'Consistent, high-quality care and support for all separated migrant children and care leavers.',
        last: 'Consistent, high-quality care and support for all separated migrant children and care leavers.',
      },
    ],
  },
  {
    name: 'calderdale-2024',
    authority: 'Calderdale',
    authorityCode: 'E08000033',
    format: 'ilacs_2018',
    inspectionStart: '2024-02-19',
    inspectionEnd: '2024-02-23',
    publishedOn: null,
    counts: {'local_authority/unspecified': 2},
    references: ['A1', 'A2'],
    lists: [
      {
        list: 'local_authority/unspecified',
        count: 2,
        first: 'The response to 16- and 17-year-olds who present as homeless.',
        last: 'The quality and impact of personal education plans to progress children’s educational attainment.',
      },
    ],
  },
  {
    name: 'isle-of-wight-focused-visit-2024',
    authority: 'Isle of Wight',
    authorityCode: 'E06000046',
    format: 'focused_visit',
    inspectionStart: '2024-11-05',
    inspectionEnd: '2024-11-06',
    publishedOn: '2024-12-05',
    counts: {'local_authority/unspecified': 2},
    references: ['A1', 'A2'],
    lists: [
      {
        list: 'local_authority/unspecified',
        count: 2,
        first: 'The quality and consistency of plans.',
        last: 'The impact of supervision and audit activity.',
      },
    ],
  },
  {
    name: 'stoke-on-trent-2025',
    authority: 'Stoke-on-Trent',
    authorityCode: 'E06000021',
    format: 'ilacs_2018',
    inspectionStart: '2025-05-12',
    inspectionEnd: '2025-05-23',
    publishedOn: null,
    counts: {'local_authority/unspecified': 6},
    references: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'],
    lists: [
      {
        list: 'local_authority/unspecified',
        count: 6,
        first: 'The response to 16- and 17-year-olds who present as homeless. (Outcome Three, National Framework)',
        last: 'The quality and impact of the audit function on practice improvement and the level of quality assurance activity undertaken. (Enabler Two, National Framework)',
      },
    ],
  },
  {
    name: 'west-northamptonshire-2026',
    authority: 'West Northamptonshire',
    authorityCode: 'E06000062',
    format: 'ilacs_2018',
    inspectionStart: '2026-05-11',
    inspectionEnd: '2026-05-22',
    publishedOn: null,
    counts: {'local_authority/unspecified': 2},
    references: ['A1', 'A2'],
    lists: [
      {
        list: 'local_authority/unspecified',
        count: 2,
        first: 'The quality of the support and plans for children in need, including disabled children. (Outcome 1, national framework)',
        last: 'Communication of the local offer for care-experienced young adults, including clarity about the support provided to those over the age of 21. (Outcome 4, national framework)',
      },
    ],
  },
];
