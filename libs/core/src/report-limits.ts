/**
 * More recommendations than any inspection report makes: a list longer than this is a mis-read
 * file or a hostile one, and storing it would hold the database for seconds. One limit for what
 * the extractor reads and for the list a board corrects before confirming, so a report the upload
 * accepts can always be corrected, and a corrected list can always be confirmed.
 */
export const MAX_REPORT_RECOMMENDATIONS = 500;
